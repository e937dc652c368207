using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>
/// F.linear with a 1-D bias runs as one autograd op (PyTorch's addmm, grad_fn AddmmBackward0): the same bits as the
/// product followed by a broadcast add, forward and backward, and the same gradients in float64 finite differences.
/// </summary>
public class LinearAddmmTests
{
    private static Tensor Rand(Generator g, DType dtype, params int[] shape) => Torch.Randn(shape, dtype, g);

    /// <summary>What F.linear computed before the fused op: x·Wᵀ, then + b.</summary>
    private static Tensor Composed(Tensor x, Tensor w, Tensor b) =>
        x.Dim == 2 ? x.Matmul(w.T) + b : x.Reshape(-1, w.Size(1)).Matmul(w.T).View([.. x.ShapeArray[..^1], w.Size(0)]) + b;

    public static TheoryData<int, int, int, DType> Shapes => new()
    {
        { 256, 784, 256, DType.Float32 }, // the MLP's first layer: the bias added on the thread team
        { 256, 256, 10, DType.Float32 },
        { 7, 5, 3, DType.Float64 },
        { 1, 33, 65, DType.Float32 },
        { 300, 17, 129, DType.Float64 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SameBitsAsTheComposedOpsForwardAndBackward(int m, int k, int n, DType dtype)
    {
        var g = new Generator(m * 31 + k * 7 + n);
        var x0 = Rand(g, dtype, m, k);
        var w0 = Rand(g, dtype, n, k);
        var b0 = Rand(g, dtype, n);
        var gy = Rand(g, dtype, m, n);
        Tensor[] Run(Func<Tensor, Tensor, Tensor, Tensor> f)
        {
            var (x, w, b) = (x0.Clone().RequiresGrad_(), w0.Clone().RequiresGrad_(), b0.Clone().RequiresGrad_());
            var y = f(x, w, b);
            y.Backward(gy);
            return [y.Detach(), x.Grad!, w.Grad!, b.Grad!];
        }
        var fused = Run((x, w, b) => F.Linear(x, w, b));
        var composed = Run(Composed);
        for (int i = 0; i < 4; i++)
            Assert.Equal(composed[i].To(DType.Float64).ToArray<double>(), fused[i].To(DType.Float64).ToArray<double>());
    }

    [Fact]
    public void GradFnIsAddmmForAMatrixWithABias()
    {
        var x = Input(4, 3);
        var w = Input(2, 3);
        Assert.Equal("AddmmBackward0", F.Linear(x, w, Input(2)).GradFn!.Name);
        Assert.NotEqual("AddmmBackward0", F.Linear(x, w).GradFn!.Name);
        Assert.Equal("ViewBackward0", F.Linear(Input(2, 4, 3), w, Input(2)).GradFn!.Name);
    }

    [Fact]
    public void GradChecks()
    {
        GradOk(t => F.Linear(t[0], t[1], t[2]), Input(5, 4), Input(3, 4), Input(3));
        GradOk(t => F.Linear(t[0], t[1], t[2]), Input(2, 3, 4), Input(6, 4), Input(6));
        // Transposed (column-major) input and weight are read through their strides.
        GradOk(t => F.Linear(t[0].T, t[1].T, t[2]), Input(4, 5), Input(4, 3), Input(3));
        // Only some inputs require grad.
        GradOk(t => F.Linear(t[0], Input(3, 4).Detach(), t[1]), Input(5, 4), Input(3));
        GradOk(t => F.Linear(Input(5, 4).Detach(), t[0], t[1]), Input(3, 4), Input(3));
    }

    [Fact]
    public void DoubleBackwardMatchesTheComposedOps()
    {
        // A gradient penalty: d/dW of |∂L/∂x|², which differentiates the backward itself.
        double[] Penalty(Func<Tensor, Tensor, Tensor, Tensor> f)
        {
            var g = new Generator(5);
            var x = Torch.Randn([6, 4], DType.Float64, g).RequiresGrad_();
            var w = Torch.Randn([3, 4], DType.Float64, g).RequiresGrad_();
            var b = Torch.Randn([3], DType.Float64, g).RequiresGrad_();
            var y = f(x, w, b);
            (y * y).Sum().Backward(createGraph: true);
            var gx = x.Grad!;
            (gx * gx).Sum().Backward();
            return [.. w.Grad!.ToArray<double>(), .. b.Grad!.ToArray<double>()];
        }
        Close(Penalty(Composed), Torch.FromArray(Penalty((x, w, b) => F.Linear(x, w, b))), 1e-12);
    }

    [Fact]
    public void EmptyAndDegenerateShapes()
    {
        var b = Torch.FromArray(new[] { 1.5f, -2f });
        // No input features: the output is the bias on every row.
        Assert.Equal(new[] { 1.5f, -2f, 1.5f, -2f }, F.Linear(Torch.Zeros(2, 0), Torch.Zeros(2, 0), b).ToArray<float>());
        Assert.Equal([0, 2], F.Linear(Torch.Zeros(0, 3), Torch.Ones(2, 3), b).ShapeArray);
        Assert.Equal([4, 0], F.Linear(Torch.Ones(4, 3), Torch.Ones(0, 3), Torch.Zeros(0)).ShapeArray);
        // NaN and infinity propagate as in the composed ops.
        var x = Torch.FromArray(new float[,] { { float.NaN, 1 }, { float.PositiveInfinity, 0 } });
        var w = Torch.FromArray(new float[,] { { 1, 1 }, { 0, 1 } });
        Assert.Equal(Composed(x, w, b).ToArray<float>(), F.Linear(x, w, b).ToArray<float>());
    }

    [Fact]
    public void TheLayerTrainsThroughTheFusedOp()
    {
        // The weight's gradient is a fresh contiguous [out, in] tensor; a second backward accumulates onto it.
        var lin = new Linear(4, 3, generator: new Generator(2));
        var x = Torch.Randn([5, 4], generator: new Generator(3));
        lin.Call(x).Sum().Backward();
        var first = lin.Weight.Grad!.Clone();
        Assert.True(lin.Weight.Grad!.IsContiguous);
        lin.Call(x).Sum().Backward();
        Assert.Equal((first * 2).ToArray<float>(), lin.Weight.Grad!.ToArray<float>());
        Close(x.Sum(0).Expand(3, 4).To(DType.Float64).ToArray<double>(), first, 1e-5);
    }
}
