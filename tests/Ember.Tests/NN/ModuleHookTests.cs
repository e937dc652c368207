using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>Module.Call and its hooks (PyTorch's <c>__call__</c>); backward-hook values come from PyTorch 1.13.</summary>
public class ModuleHookTests
{
    /// <summary>PyTorch's Linear(3, 2) in float64 with fixed weight [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]] and bias [0.01, -0.02].</summary>
    private static Linear Lin()
    {
        var lin = new Linear(3, 2, dtype: DType.Float64);
        using (Torch.NoGrad())
        {
            lin.Weight.Copy_(Torch.FromArray(new double[] { 0.1, -0.2, 0.3, 0.4, 0.5, -0.6 }, 2, 3));
            lin.Bias!.Copy_(Torch.FromArray(new double[] { 0.01, -0.02 }));
        }
        return lin;
    }

    private static Tensor X() => Torch.FromArray(new double[] { 1, 2, 3, -1, 0.5, 2 }, 2, 3).RequiresGrad_();

    /// <summary>The weights of the loss Σ y·c.</summary>
    private static readonly Tensor C = Torch.FromArray(new double[] { 1, -2, 3, 0.5 }, 2, 2);

    // ---- forward hooks ----

    [Fact]
    public void ForwardHooksRunInPyTorchsOrderThroughNestedContainers()
    {
        var lin = Lin();
        var tanh = new Tanh();
        var seq = new Sequential(lin, tanh);
        var log = new List<string>();
        foreach (var (name, m) in new (string, Module<Tensor, Tensor>)[] { ("seq", seq), ("lin", lin), ("tanh", tanh) })
        {
            m.RegisterForwardPreHook((_, x) => log.Add(name + ".pre"));
            m.RegisterForwardHook((_, x, y) => log.Add(name + ".post"));
        }
        seq.Call(X());
        Assert.Equal(["seq.pre", "lin.pre", "lin.post", "tanh.pre", "tanh.post", "seq.post"], log);

        log.Clear();
        seq.Forward(X()); // Forward runs the children through Call, but not this module's own hooks
        Assert.Equal(["lin.pre", "lin.post", "tanh.pre", "tanh.post"], log);
    }

    [Fact]
    public void HooksReplaceTheInputAndTheOutputInRegistrationOrder()
    {
        var lin = Lin();
        var x = X();
        var plain = lin.Forward(x * 6 + 1).ToArray<double>();
        var seenInputs = new List<double>();
        lin.RegisterForwardPreHook((m, input) => input * 2);
        lin.RegisterForwardPreHook((m, input) => input * 3);
        lin.RegisterForwardPreHook((m, input) => input + 1);
        lin.RegisterForwardHook((m, input, output) => seenInputs.Add(input[0, 0].Item<double>()));
        var h = lin.RegisterForwardHook((m, input, output) => output * 10);
        Assert.Equal(plain.Select(v => v * 10), lin.Call(x).ToArray<double>());
        Assert.Equal([7.0], seenInputs); // forward hooks see the input Forward got: (1·2·3) + 1
        h.Remove();
        Assert.Equal(plain, lin.Call(x).ToArray<double>());
    }

    [Fact]
    public void RemovedHooksNoLongerRun()
    {
        var relu = new ReLU();
        int calls = 0;
        var a = relu.RegisterForwardHook((m, x, y) => calls++);
        using (relu.RegisterForwardPreHook((m, x) => calls += 10))
            relu.Call(Torch.Ones(2));
        Assert.Equal(11, calls);
        relu.Call(Torch.Ones(2));
        Assert.Equal(12, calls);
        a.Dispose();
        a.Remove();
        relu.Call(Torch.Ones(2));
        Assert.Equal(12, calls);
    }

    [Fact]
    public void UntypedHooksLetAMonitorWatchEveryModule()
    {
        var model = new Sequential(new Linear(4, 3), new ReLU(), new Sequential(new Linear(3, 2)));
        var shapes = new List<string>();
        var handles = model.Modules()
            .Select(m => m.RegisterForwardHook((Module mod, object? input, object? output) =>
                shapes.Add($"{mod.GetType().Name} {((Tensor)output!).Shape}")))
            .ToList();
        model.Call(Torch.Ones(5, 4));
        Assert.Equal(["Linear [5, 3]", "ReLU [5, 3]", "Linear [5, 2]", "Sequential [5, 2]", "Sequential [5, 2]"], shapes);
        handles.ForEach(h => h.Remove());
        shapes.Clear();
        model.Call(Torch.Ones(5, 4));
        Assert.Empty(shapes);

        var e = Assert.Throws<NotSupportedException>(() => new ModuleList(new ReLU()).RegisterForwardHook((Module m, object? x, object? y) => { }));
        Assert.StartsWith("register_forward_hook: ModuleList is not a Module<TInput, TOutput>", e.Message);
        Assert.Throws<NotSupportedException>(() => new MSELoss().RegisterFullBackwardHook((m, gi, go) => { }));
    }

    // ---- full backward hooks ----

    [Fact]
    public void FullBackwardHookOfLinearGetsPyTorchsGradients()
    {
        var lin = Lin();
        var x = X();
        var calls = new List<(Tensor?[] In, Tensor?[] Out)>();
        using (lin.RegisterFullBackwardHook((m, gi, go) => { Assert.Same(lin, m); calls.Add((gi, go)); }))
            (lin.Call(x) * C).Sum().Backward();
        var (gradIn, gradOut) = Assert.Single(calls);
        Close([-0.7, -1.2, 1.5, 0.5, -0.35, 0.6], Assert.Single(gradIn)!);
        Close([1, -2, 3, 0.5], Assert.Single(gradOut)!);
        Close([-0.7, -1.2, 1.5, 0.5, -0.35, 0.6], x.Grad!);
        Close([-2, 3.5, 9, -2.5, -3.75, -5], lin.Weight.Grad!);
        Close([4, -1.5], lin.Bias!.Grad!);
    }

    [Fact]
    public void FullBackwardHookCanReplaceTheInputGradient()
    {
        var lin = Lin();
        var x = X();
        lin.RegisterFullBackwardHook((m, gi, go) => [gi[0]! * 2]);
        (lin.Call(x) * C).Sum().Backward();
        Close([-1.4, -2.4, 3, 1, -0.7, 1.2], x.Grad!);
        Close([-2, 3.5, 9, -2.5, -3.75, -5], lin.Weight.Grad!); // the parameters' gradients are not affected
    }

    [Fact]
    public void WhenNoInputRequiresGradTheHookGetsNullGradInputAtTheOutput()
    {
        var lin = Lin();
        var calls = new List<(Tensor?[] In, Tensor?[] Out)>();
        lin.RegisterFullBackwardHook((m, gi, go) => calls.Add((gi, go)));
        (lin.Call(X().Detach()) * C).Sum().Backward();
        var (gradIn, gradOut) = Assert.Single(calls);
        Assert.Null(Assert.Single(gradIn));
        Close([1, -2, 3, 0.5], Assert.Single(gradOut)!);

        var other = Lin();
        other.RegisterFullBackwardHook((m, gi, go) => [Torch.Ones(2, 3)]);
        var e = Assert.Throws<InvalidOperationException>(() => (other.Call(X().Detach()) * C).Sum().Backward());
        Assert.StartsWith("register_full_backward_hook: a backward hook of a module where no input requires gradient must return null", e.Message);
    }

    [Fact]
    public void FullBackwardHooksOfNestedModulesRunFromTheOutputBack()
    {
        var lin = Lin();
        var tanh = new Tanh();
        var seq = new Sequential(lin, tanh);
        var calls = new List<(string Name, Tensor?[] In, Tensor?[] Out)>();
        foreach (var (name, m) in new (string, Module)[] { ("seq", seq), ("lin", lin), ("tanh", tanh) })
            m.RegisterFullBackwardHook((_, gi, go) => calls.Add((name, gi, go)));
        (seq.Call(X()) * C).Sum().Backward();
        Assert.Equal(["tanh", "lin", "seq"], calls.Select(c => c.Name));
        var tanhIn = new[] { 0.7039257003, -1.6848924643, 2.5472669302, 0.1139500147 };
        var linIn = new[] { -0.6035644157, -0.9832313722, 1.2221131887, 0.3003066989, -0.4524783787, 0.6958100703 };
        Close(tanhIn, calls[0].In[0]!, 1e-9);
        Close([1, -2, 3, 0.5], calls[0].Out[0]!);
        Close(linIn, calls[1].In[0]!, 1e-9);
        Close(tanhIn, calls[1].Out[0]!, 1e-9);
        Close(linIn, calls[2].In[0]!, 1e-9);
        Close([1, -2, 3, 0.5], calls[2].Out[0]!);
    }

    [Fact]
    public void BackwardPreHookCanReplaceTheOutputGradient()
    {
        var lin = Lin();
        var x = X();
        Tensor?[]? seenByHook = null;
        lin.RegisterFullBackwardPreHook((m, go) => [go[0]! * 3]);
        lin.RegisterFullBackwardHook((m, gi, go) => { seenByHook = go; });
        (lin.Call(x) * C).Sum().Backward();
        Close([3, -6, 9, 1.5], seenByHook![0]!);
        Close([-2.1, -3.6, 4.5, 1.5, -1.05, 1.8], x.Grad!);
        Close([-6, 10.5, 27, -7.5, -11.25, -15], lin.Weight.Grad!);

        var observed = new List<Tensor?[]>();
        var plain = Lin();
        plain.RegisterFullBackwardPreHook((m, go) => observed.Add(go));
        (plain.Call(X()) * C).Sum().Backward();
        Close([1, -2, 3, 0.5], Assert.Single(observed)[0]!);
    }

    [Fact]
    public void BackwardHookOfATwoInputModuleGetsOneGradientPerArgument()
    {
        var bilinear = new Bilinear(2, 3, 1, dtype: DType.Float64);
        var a = Input(4, 2);
        var b = Input(4, 3);
        var calls = new List<Tensor?[]>();
        bilinear.RegisterFullBackwardHook((m, gi, go) => calls.Add(gi));
        bilinear.Call((a, b.Detach())).Sum().Backward();
        var gi = Assert.Single(calls);
        Assert.Equal(2, gi.Length);
        Close(a.Grad!.ToArray<double>(), gi[0]!);
        Assert.Null(gi[1]); // does not require grad

        // The gradients with respect to both inputs, checked against finite differences through the hooked call.
        var hooked = new Bilinear(2, 3, 2, dtype: DType.Float64);
        hooked.RegisterFullBackwardHook((m, gIn, gOut) => { });
        GradOk(t => hooked.Call((t[0], t[1])), Input(3, 2), Input(3, 3));
    }

    /// <summary>An RNN-cell-shaped module: forward(x, (h, c)) → (out, (h, c)).</summary>
    private sealed class Cell : Module<(Tensor X, (Tensor H, Tensor C) State), (Tensor Out, (Tensor H, Tensor C) State)>
    {
        public override (Tensor Out, (Tensor H, Tensor C) State) Forward((Tensor X, (Tensor H, Tensor C) State) input)
        {
            var h = (input.X + input.State.H).Tanh();
            return (h, (h, input.State.C + input.X));
        }
    }

    [Fact]
    public void BackwardHookOfAnRnnShapedModuleSeesTheTopLevelTensorsAsPyTorch()
    {
        // PyTorch: module(x, (h, c)) has the arguments x and (h, c); only x is a tensor, so grad_input = (gx, None).
        var cell = new Cell();
        var calls = new List<(Tensor?[] In, Tensor?[] Out)>();
        cell.RegisterFullBackwardHook((m, gi, go) => calls.Add((gi, go)));
        var x = Input(3);
        var h0 = Input(3);
        var (output, (_, c)) = cell.Call((x, (h0, Torch.Zeros(new Size(3), DType.Float64))));
        (output.Sum() + c.Sum()).Backward();
        var (gradIn, gradOut) = Assert.Single(calls);
        Assert.Equal(2, gradIn.Length);
        Assert.Null(gradIn[1]);
        var hv = output.ToArray<double>();
        // Everything the module's computation sends back to x, through out and through c (whose output is not hooked).
        Close(hv.Select(v => 2 - v * v).ToArray(), gradIn[0]!);
        Close(hv.Select(v => 2 - v * v).ToArray(), x.Grad!);
        Close([1, 1, 1], gradOut[0]!);
        Assert.Null(gradOut[1]);
    }

    [Fact]
    public void BadBackwardHooksAreReported()
    {
        var lin = Lin();
        lin.RegisterFullBackwardHook((m, gi, go) => [gi[0], gi[0]]);
        var e = Assert.Throws<InvalidOperationException>(() => (lin.Call(X()) * C).Sum().Backward());
        Assert.Equal("register_full_backward_hook: a backward hook returned an invalid number of grad_input, got 2, but expected 1", e.Message);

        var pre = Lin();
        pre.RegisterFullBackwardPreHook((m, go) => []);
        e = Assert.Throws<InvalidOperationException>(() => (pre.Call(X()) * C).Sum().Backward());
        Assert.Equal("register_full_backward_pre_hook: a backward hook returned an invalid number of grad_output, got 0, but expected 1", e.Message);

        var odd = new Scaled();
        odd.RegisterFullBackwardHook((m, gi, go) => { });
        var ex = Assert.Throws<NotSupportedException>(() => odd.Call((X(), 2)));
        Assert.StartsWith("register_full_backward_hook: Scaled is called with a ValueTuple`2", ex.Message);
        Assert.Throws<ArgumentNullException>(() => Lin().RegisterFullBackwardHook((Func<Module, Tensor?[], Tensor?[], Tensor?[]?>)null!));
    }

    private sealed class Scaled : Module<(Tensor X, int K), Tensor>
    {
        public override Tensor Forward((Tensor X, int K) input) => input.X * input.K;
    }

    [Fact]
    public void HookedOutputsAreViewsThatRefuseInPlaceOpsAsInPyTorch()
    {
        var lin = Lin();
        lin.RegisterFullBackwardHook((m, gi, go) => { });
        var model = new Sequential(lin, new ReLU(inplace: true));
        var e = Assert.Throws<InvalidOperationException>(() => model.Call(X()));
        Assert.Contains("view", e.Message);
        using (Torch.NoGrad()) Assert.Equal(new[] { 2, 2 }, model.Call(X()).Shape.ToArray()); // no backward, no wrapping
    }

    [Fact]
    public void WithoutHooksCallIsForward()
    {
        var lin = Lin();
        var y = lin.Call(X());
        Assert.NotEqual("BackwardHookFunctionBackward", y.GradFn!.Name);
        var h = lin.RegisterFullBackwardHook((m, gi, go) => { });
        Assert.Equal("BackwardHookFunctionBackward", lin.Call(X()).GradFn!.Name);
        h.Remove();
        Assert.NotEqual("BackwardHookFunctionBackward", lin.Call(X()).GradFn!.Name);
    }
}
