using static Ember.Tests.TestUtil;

namespace Ember.Tests.Autograd;

/// <summary>Tensor.RegisterHook (PyTorch's <c>register_hook</c>); expected values come from PyTorch 1.13.</summary>
public class TensorHookTests
{
    private static Tensor Ones(int n) => Torch.Ones(new Size(n), DType.Float64).RequiresGrad_();

    [Fact]
    public void HookOnANonLeafReplacesTheGradientThatFlowsOn()
    {
        var x = Ones(3);
        var y = x * 2;
        y.RegisterHook(g => g * 10);
        y.Sum().Backward();
        Close([20, 20, 20], x.Grad!);
    }

    [Fact]
    public void HooksAndRetainGradRunInRegistrationOrder()
    {
        // PyTorch 1.13: retain_grad then hook → y.grad 1; hook then retain_grad → y.grad 10; x.grad 20 either way.
        var x = Ones(3);
        var y = x * 2;
        y.RetainGrad();
        y.RegisterHook(g => g * 10);
        y.Sum().Backward();
        Close([1, 1, 1], y.Grad!);
        Close([20, 20, 20], x.Grad!);

        x.Grad = null;
        y = x * 2;
        y.RegisterHook(g => g * 10);
        y.RetainGrad();
        y.Sum().Backward();
        Close([10, 10, 10], y.Grad!);
        Close([20, 20, 20], x.Grad!);
    }

    [Fact]
    public void EachHookSeesThePreviousHooksResult()
    {
        var x = Ones(2);
        var y = x * 1;
        var seen = new List<double[]>();
        y.RegisterHook(g => { seen.Add(g.ToArray<double>()); return null; });
        y.RegisterHook(g => g * 2);
        y.RegisterHook(g => { seen.Add(g.ToArray<double>()); return null; });
        y.Sum().Backward();
        Assert.Equal([new double[] { 1, 1 }, new double[] { 2, 2 }], seen);
        Close([2, 2], x.Grad!);
    }

    [Fact]
    public void HookOnALeafChangesWhatAccumulates()
    {
        var x = Ones(3);
        x.RegisterHook(g => g + 1);
        (x * 3).Sum().Backward();
        Close([4, 4, 4], x.Grad!);
        // Backward called on the leaf itself runs its hooks too.
        x.Grad = null;
        x.Backward(Torch.Ones(new Size(3), DType.Float64));
        Close([2, 2, 2], x.Grad!);
    }

    [Fact]
    public void HooksOnAParameterRunInEveryBackwardPassUntilRemoved()
    {
        var w = new Ember.NN.Parameter(Torch.FromArray(new double[] { 1, 2 }));
        int calls = 0;
        var handle = w.RegisterHook(g => { calls++; return null; });
        for (int i = 0; i < 3; i++) (w * w).Sum().Backward();
        Assert.Equal(3, calls);
        handle.Remove();
        (w * w).Sum().Backward();
        Assert.Equal(3, calls);
        handle.Remove(); // twice is fine
        Close([8, 16], w.Grad!);
    }

    [Fact]
    public void DisposingTheHandleRemovesOnlyItsHook()
    {
        var x = Ones(2);
        var y = x * 1;
        var log = new List<string>();
        var a = y.RegisterHook(g => { log.Add("a"); return null; });
        using (y.RegisterHook(g => { log.Add("b"); return null; }))
        {
            var c = y.RegisterHook(g => { log.Add("c"); return null; });
            c.Dispose();
        }
        y.Sum().Backward();
        Assert.Equal(["a"], log);
        GC.KeepAlive(a);
    }

    [Fact]
    public void AHookIsNotCalledWhenNoGradientReachesTheTensor()
    {
        var x = Ones(2);
        var unused = x * 3;
        unused.RegisterHook(g => throw new InvalidOperationException("unreached"));
        (x * 2).Sum().Backward();
        Close([2, 2], x.Grad!);
    }

    [Fact]
    public void HooksWorkWithCreateGraph()
    {
        var x = Torch.FromArray(new double[] { 1, 2 }).RequiresGrad_();
        var y = x * x;
        y.RegisterHook(g => g * 3);
        y.Sum().Backward(createGraph: true);
        var g = x.Grad!;                 // 3·2x
        Close([6, 12], g);
        x.Grad = null;
        g.Sum().Backward();
        Close([6, 6], x.Grad!);
    }

    [Fact]
    public void BadHooksAndTargetsAreRejected()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Torch.Ones(2).RegisterHook(g => g));
        Assert.Equal("register_hook: cannot register a hook on a tensor that doesn't require gradient", e.Message);
        Assert.Throws<ArgumentNullException>(() => Ones(2).RegisterHook(null!));

        var x = Ones(2);
        var y = x * 1;
        y.RegisterHook(g => Torch.Ones(new Size(3), DType.Float64));
        e = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.StartsWith("register_hook: a hook changed the size of the gradient from [2] to [3]", e.Message);

        y = x * 1;
        y.RegisterHook(g => g.To(DType.Float32));
        e = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.StartsWith("register_hook: a hook changed the dtype of the gradient from torch.float64 to torch.float32", e.Message);
    }

    [Fact]
    public void AfterAnInPlaceOpTheHookStillSeesTheGradientOfTheOldValue()
    {
        var x = Torch.FromArray(new double[] { 1, 2 }).RequiresGrad_();
        var y = x * 1;
        var seen = new List<double[]>();
        y.RegisterHook(g => { seen.Add(g.ToArray<double>()); return null; });
        y.Mul_(3.0);                     // d(Σ 3y)/dy_old = 3
        y.Sum().Backward();
        Assert.Equal([new double[] { 3, 3 }], seen);
        Close([3, 3], x.Grad!);
    }

    [Fact]
    public void GradientsAndTensorsAHookKeepsOutliveTheBackwardPass()
    {
        // The pass recycles its intermediate gradients' buffers when it ends; what a hook was given or made is the hook's.
        var x = Ones(3);
        var y = x * 2;
        var z = y * 3;
        Tensor? kept = null, derived = null;
        y.RegisterHook(g => { kept = g; derived = g * 2; return null; });
        z.Sum().Backward();
        for (int i = 0; i < 5; i++) (Ones(3) * 5 * 7).Sum().Backward(); // reuse of recycled buffers would overwrite them
        Close([3, 3, 3], kept!);
        Close([6, 6, 6], derived!);
    }
}
