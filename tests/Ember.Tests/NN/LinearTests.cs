using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>Linear, Bilinear, Flatten, Unflatten and Identity: shapes, PyTorch values, gradcheck, errors, printing.</summary>
public class LinearTests
{
    // PyTorch reference weights (float64).
    private static readonly double[,] W = { { 0.1, -0.2, 0.3, 0.4 }, { 0.5, 0.6, -0.7, 0.8 }, { -0.9, 1.0, 1.1, -1.2 } };
    private static readonly double[] B = { 0.01, -0.02, 0.03 };

    private static Linear FixedLinear(bool bias = true)
    {
        var lin = new Linear(4, 3, bias, DType.Float64);
        var state = new Dictionary<string, Tensor> { ["weight"] = Torch.FromArray(W) };
        if (bias) state["bias"] = Torch.FromArray(B);
        lin.LoadStateDict(state);
        return lin;
    }

    [Fact]
    public void ForwardMatchesPyTorch()
    {
        var lin = FixedLinear();
        var x = Torch.FromArray(new double[,] { { 1.0, 2.0, -1.0, 0.5 }, { -0.3, 0.7, 1.5, -2.0 } });
        Close([-0.39, 2.78, -0.57, -0.51, -2.4, 5.05], lin.Forward(x), 1e-12);

        // Any leading dimensions: [2, 2, 4] → [2, 2, 3].
        var x3 = (Torch.Arange(16).To(DType.Float64).Reshape(2, 2, 4) / 10 - 0.7);
        var y3 = lin.Forward(x3);
        Assert.Equal([2, 2, 3], y3.Shape.ToArray());
        Close([-0.25, -0.7, -0.01, -0.01, -0.22, -0.01, 0.23, 0.26, -0.01, 0.47, 0.74, -0.01], y3, 1e-12);

        // A 1-D input without bias: [4] → [3].
        var noBias = FixedLinear(bias: false);
        var y1 = noBias.Forward(Torch.FromArray(new[] { 1.0, 2.0, -1.0, 0.5 }));
        Assert.Equal([3], y1.Shape.ToArray());
        Close([-0.4, 2.8, -0.6], y1, 1e-12);
        Close([-0.4, 2.8, -0.6], F.Linear(Torch.FromArray(new[] { 1.0, 2.0, -1.0, 0.5 }), Torch.FromArray(W)), 1e-12);
    }

    [Fact]
    public void ForwardViaWeightCopyUnderNoGrad()
    {
        var lin = new Linear(4, 3, dtype: DType.Float64);
        using (Torch.NoGrad())
        {
            lin.Weight.Copy_(Torch.FromArray(W));
            lin.Bias!.Copy_(Torch.FromArray(B));
        }
        var x = Torch.FromArray(new double[,] { { 1.0, 2.0, -1.0, 0.5 } });
        Close([-0.39, 2.78, -0.57], lin.Forward(x), 1e-12);
        Assert.True(lin.Weight.IsLeaf);
    }

    [Fact]
    public void Shapes()
    {
        var lin = new Linear(4, 3);
        Assert.Equal([2, 3], lin.Forward(Torch.Zeros(2, 4)).Shape.ToArray());
        Assert.Equal([5, 2, 3], lin.Forward(Torch.Zeros(5, 2, 4)).Shape.ToArray());
        Assert.Equal([2, 1, 2, 3], lin.Forward(Torch.Zeros(2, 1, 2, 4)).Shape.ToArray());
        Assert.Equal([3], lin.Forward(Torch.Zeros(4)).Shape.ToArray());
        Assert.Equal([0, 3], lin.Forward(Torch.Zeros(0, 4)).Shape.ToArray());
        Assert.Equal([2, 0, 3], lin.Forward(Torch.Zeros(2, 0, 4)).Shape.ToArray());
        Assert.Equal(new float[3], lin.Forward(Torch.Zeros(1, 4)).Sub(lin.Bias!).ToArray<float>());
    }

    [Fact]
    public void GradCheckThroughTheLayer()
    {
        var lin = new Linear(4, 3, generator: new Generator(5));
        lin.To(DType.Float64);
        Tensor F(Tensor[] a) => lin.Forward(a[0]);
        GradOk(F, Input(2, 4), lin.Weight, lin.Bias!);
        GradOk(F, Input(2, 3, 4), lin.Weight, lin.Bias!);           // leading dimensions
        GradOk(F, TransposedInput(2, 4), lin.Weight, lin.Bias!);    // non-contiguous input
        GradOk(F, Input(1, 4), lin.Weight, lin.Bias!);              // batch of one
        GradOk(F, Input(4), lin.Weight, lin.Bias!);                 // 1-D input
        var noBias = new Linear(4, 2, bias: false, dtype: DType.Float64);
        GradOk(a => noBias.Forward(a[0]), Input(3, 4), noBias.Weight);
    }

    [Fact]
    public void BackwardAccumulatesParameterGradients()
    {
        var lin = FixedLinear();
        var x = Torch.FromArray(new double[,] { { 1.0, 2.0, -1.0, 0.5 }, { -0.3, 0.7, 1.5, -2.0 } });
        lin.Forward(x).Sum().Backward();
        // d/dW of Σ y = Σ over rows of x (each output row), d/db = batch size.
        Close([0.7, 2.7, 0.5, -1.5, 0.7, 2.7, 0.5, -1.5, 0.7, 2.7, 0.5, -1.5], lin.Weight.Grad!, 1e-12);
        Close([2, 2, 2], lin.Bias!.Grad!, 1e-12);
    }

    [Fact]
    public void ValidationMessages()
    {
        var lin = new Linear(4, 3);
        var ex = Assert.Throws<ArgumentException>(() => lin.Forward(Torch.Zeros(2, 5)));
        Assert.StartsWith("linear: input [2, 5] has 5 features in its last dimension, expected in_features=4 (mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3))", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => lin.Forward(Torch.Zeros(2, 3, 5)));
        Assert.Contains("(6x5 and 4x3)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => lin.Forward(Torch.Zeros(5)));
        Assert.Contains("(1x5 and 4x3)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => lin.Forward(Torch.Scalar(1.0)));
        Assert.StartsWith("linear: input must be at least 1-D", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => lin.Forward(Torch.Zeros(new Size(2, 4), DType.Float64)));
        Assert.StartsWith("linear: expected input and weight to have the same dtype", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.Linear(Torch.Zeros(2, 4), Torch.Zeros(3, 4), Torch.Zeros(4)));
        Assert.StartsWith("linear: bias [4] does not match out_features=3", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.Linear(Torch.Zeros(2, 4), Torch.Zeros(4)));
        Assert.StartsWith("linear: weight must be 2-D", ex.Message);

        Assert.StartsWith("Linear: in_features must be positive, got 0", Assert.Throws<ArgumentException>(() => new Linear(0, 3)).Message);
        Assert.StartsWith("Linear: out_features must be positive, got -1", Assert.Throws<ArgumentException>(() => new Linear(3, -1)).Message);
        Assert.StartsWith("Linear: dtype must be floating point", Assert.Throws<ArgumentException>(() => new Linear(3, 3, dtype: DType.Int64)).Message);
    }

    [Fact]
    public void PrintsAndNamesLikePyTorch()
    {
        Assert.Equal("Linear(in_features=784, out_features=256, bias=True)", new Linear(784, 256).ToString());
        Assert.Equal("Linear(in_features=3, out_features=4, bias=False)", new Linear(3, 4, bias: false).ToString());
        var lin = new Linear(4, 3);
        Assert.Equal(["weight", "bias"], lin.StateDict().Keys);
        Assert.Equal(["weight"], new Linear(4, 3, bias: false).StateDict().Keys);
        Assert.Equal([3, 4], lin.Weight.Shape.ToArray());
        Assert.Equal([3], lin.Bias!.Shape.ToArray());
        Assert.Equal(15, lin.ParameterCount());
        Assert.True(lin.Weight.RequiresGrad && lin.Weight.IsLeaf);
        Assert.Equal(DType.Float64, new Linear(2, 2, dtype: DType.Float64).Weight.DType);
        Assert.Equal(["0.weight", "0.bias"], new Sequential(lin).StateDict().Keys);
    }

    [Fact]
    public void ResetParametersIsReproducibleWithAGenerator()
    {
        var a = new Linear(6, 5, generator: new Generator(42));
        var b = new Linear(6, 5, generator: new Generator(42));
        Assert.Equal(a.Weight.ToArray<float>(), b.Weight.ToArray<float>());
        Assert.Equal(a.Bias!.ToArray<float>(), b.Bias!.ToArray<float>());
        var before = a.Weight.ToArray<float>();
        var weight = a.Weight;
        a.ResetParameters(new Generator(43));
        Assert.Same(weight, a.Weight);
        Assert.NotEqual(before, a.Weight.ToArray<float>());
    }

    [Fact]
    public void WeightsCanBeTied()
    {
        var first = new Linear(4, 4);
        var second = new Linear(4, 4);
        second.Weight = first.Weight;
        var model = new Sequential(first, second);
        // Parameters are listed once; the state dict holds the shared tensor under both names, as PyTorch.
        Assert.Equal(["0.weight", "0.bias", "1.bias"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], model.StateDict().Keys);
        model.Forward(Torch.Ones(3, 4)).Sum().Backward();
        Assert.NotNull(first.Weight.Grad);
        Assert.Same(first.Weight, second.Weight);
        Assert.Throws<ArgumentNullException>(() => second.Weight = null!);
        second.Bias = null;
        Assert.Equal("Linear(in_features=4, out_features=4, bias=False)", second.ToString());
    }

    [Fact]
    public void BilinearMatchesPyTorch()
    {
        var bl = new Bilinear(3, 2, 2, dtype: DType.Float64);
        bl.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = Torch.Arange(12).To(DType.Float64).Reshape(2, 3, 2) / 10 - 0.55,
            ["bias"] = Torch.FromArray(new[] { 0.25, -0.5 }),
        });
        var x1 = Torch.FromArray(new double[,] { { 1.0, -2.0, 0.5 }, { 0.3, 0.2, -0.1 } });
        var x2 = Torch.FromArray(new double[,] { { 0.7, -1.5 }, { 2.0, 0.4 } });
        Close([0.265, -0.245, -0.262, -0.436], bl.Forward(x1, x2), 1e-12);
        Close([0.265, -0.245, -0.262, -0.436], bl.Forward((x1, x2)), 1e-12);
        Close([0.015, 0.255, -0.512, 0.064], F.Bilinear(x1, x2, bl.Weight), 1e-12);
        Assert.Equal("Bilinear(in1_features=3, in2_features=2, out_features=2, bias=True)", bl.ToString());
        Assert.Equal(["weight", "bias"], bl.StateDict().Keys);
    }

    [Fact]
    public void BilinearShapesGradCheckAndErrors()
    {
        var bl = new Bilinear(3, 2, 4, generator: new Generator(9));
        Assert.Equal([5, 4], bl.Forward(Torch.Zeros(5, 3), Torch.Zeros(5, 2)).Shape.ToArray());
        Assert.Equal([2, 5, 4], bl.Forward(Torch.Zeros(2, 5, 3), Torch.Zeros(2, 5, 2)).Shape.ToArray());
        Assert.Equal([4], bl.Forward(Torch.Zeros(3), Torch.Zeros(2)).Shape.ToArray());
        Assert.Equal([0, 4], bl.Forward(Torch.Zeros(0, 3), Torch.Zeros(0, 2)).Shape.ToArray());
        Assert.Equal([4, 3, 2], bl.Weight.Shape.ToArray());
        Assert.Equal(4 * 3 * 2 + 4, bl.ParameterCount());

        bl.To(DType.Float64);
        Tensor F2(Tensor[] a) => bl.Forward(a[0], a[1]);
        GradOk(F2, Input(2, 3), Input(2, 2), bl.Weight, bl.Bias!);
        GradOk(F2, Input(2, 1, 3), Input(2, 1, 2), bl.Weight, bl.Bias!);
        GradOk(F2, TransposedInput(2, 3), TransposedInput(2, 2), bl.Weight, bl.Bias!);

        var ex = Assert.Throws<ArgumentException>(() => bl.Forward(Input(2, 3), Input(3, 2)));
        Assert.StartsWith("bilinear: input1 [2, 3] and input2 [3, 2] must have the same leading (batch) dimensions", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => bl.Forward(Input(2, 4), Input(2, 2)));
        Assert.StartsWith("bilinear: input1 [2, 4] has 4 features in its last dimension, expected in1_features=3", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => bl.Forward(Input(2, 3), Input(2, 5)));
        Assert.StartsWith("bilinear: input2 [2, 5] has 5 features in its last dimension, expected in2_features=2", ex.Message);
        Assert.Throws<ArgumentException>(() => new Bilinear(0, 2, 2));
        Assert.Equal("Bilinear(in1_features=2, in2_features=3, out_features=4, bias=False)", new Bilinear(2, 3, 4, bias: false).ToString());
    }

    [Fact]
    public void FlattenAndUnflatten()
    {
        var x = Torch.Randn(new Size(2, 3, 4, 5), generator: new Generator(1));
        var flat = new Flatten().Forward(x);
        Assert.Equal([2, 60], flat.Shape.ToArray());
        Assert.Equal(x.ToArray<float>(), flat.ToArray<float>());
        Assert.Equal([2, 12, 5], new Flatten(1, 2).Forward(x).Shape.ToArray());
        Assert.Equal([120], new Flatten(0).Forward(x).Shape.ToArray());
        Assert.Equal([2, 3, 20], new Flatten(-2).Forward(x).Shape.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Flatten().Forward(Torch.Zeros(4))); // start_dim=1 of a 1-D tensor, as PyTorch
        Assert.Equal("Flatten(start_dim=1, end_dim=-1)", new Flatten().ToString());
        Assert.Equal("Flatten(start_dim=0, end_dim=2)", new Flatten(0, 2).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Flatten().Forward(Torch.Scalar(1.0)));
        Assert.Equal([1], new Flatten(0).Forward(Torch.Scalar(1.0)).Shape.ToArray());
        Assert.Throws<ArgumentException>(() => new Flatten(2, 1).Forward(x));

        var un = new Unflatten(1, [2, 5]);
        Assert.Equal([3, 2, 5], un.Forward(Torch.Zeros(3, 10)).Shape.ToArray());
        Assert.Equal([3, 2, 5, 7], un.Forward(Torch.Zeros(3, 10, 7)).Shape.ToArray());
        Assert.Equal([3, 2, 5], new Unflatten(-1, [-1, 5]).Forward(Torch.Zeros(3, 10)).Shape.ToArray());
        Assert.Equal([2, 3, 4, 5], new Unflatten(1, [3, 4, 5]).Forward(flat).Shape.ToArray());
        Assert.Equal(x.ToArray<float>(), new Unflatten(1, [3, 4, 5]).Forward(flat).ToArray<float>());
        Assert.Equal("Unflatten(dim=1, unflattened_size=(2, 5))", un.ToString());
        Assert.Equal("Unflatten(dim=0, unflattened_size=(4,))", new Unflatten(0, [4]).ToString());
        var ex = Assert.Throws<ArgumentException>(() => un.Forward(Torch.Zeros(3, 9)));
        Assert.StartsWith("unflatten: Provided sizes [2, 5] don't multiply up to the size of dim 1 (9) in the input tensor [3, 9]", ex.Message);
        Assert.Throws<ArgumentException>(() => new Unflatten(1, [-1, 4]).Forward(Torch.Zeros(3, 10)));
        Assert.Throws<ArgumentException>(() => new Unflatten(1, [-1, -1]));
        Assert.Throws<ArgumentException>(() => new Unflatten(1, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => un.Forward(Torch.Zeros(10)));

        GradOk(a => new Flatten().Forward(a[0]), Input(2, 3, 2));
        GradOk(a => new Flatten().Forward(a[0]), TransposedInput(3, 4));
        GradOk(a => un.Forward(a[0]), Input(2, 10));
        GradOk(a => new Unflatten(0, [2, 2]).Forward(a[0]), TransposedInput(4, 3));
    }

    [Fact]
    public void IdentityReturnsItsInput()
    {
        var x = Torch.Zeros(2, 3);
        var id = new Identity();
        Assert.Same(x, id.Forward(x));
        Assert.Equal("Identity()", id.ToString());
        Assert.Empty(id.Parameters());
        GradOk(a => new Sequential(new Identity(), new Flatten(0)).Forward(a[0]), Input(2, 2));
    }
}
