using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>
/// ReLU's fused backward (one pass, PyTorch's <c>threshold_backward</c>) against the composed formula that a
/// create-graph backward records, and against PyTorch at NaN and infinite values.
/// </summary>
public class ReluBackwardTests
{
    /// <summary>x.grad of relu(x).backward(g): the fused kernel (plain backward) and the recorded formula (createGraph).</summary>
    private static (Tensor Fused, Tensor Composed) Grads(Tensor x, Tensor g)
    {
        var a = x.Detach().RequiresGrad_();
        a.Relu().Backward(g);
        var b = x.Detach().RequiresGrad_();
        b.Relu().Backward(g, createGraph: true);
        return (a.Grad!, b.Grad!.Detach());
    }

    [Fact]
    public void MatchesPyTorchAtNaNAndInfinity()
    {
        // PyTorch 1.13: x = [nan, -1, 0, 2, inf, -inf], g = [1, 2, inf, 4, 5, nan] → x.grad = [1, 0, 0, 4, 5, 0]
        double[] x = [double.NaN, -1, 0, 2, double.PositiveInfinity, double.NegativeInfinity];
        double[] g = [1, 2, double.PositiveInfinity, 4, 5, double.NaN];
        double[] expected = [1, 0, 0, 4, 5, 0];
        var (fused, composed) = Grads(Torch.FromArray(x), Torch.FromArray(g));
        Assert.Equal(expected, fused.ToArray<double>());
        Assert.Equal(expected, composed.ToArray<double>());
        var (fused32, composed32) = Grads(Torch.FromArray(x.Select(v => (float)v).ToArray()), Torch.FromArray(g.Select(v => (float)v).ToArray()));
        Assert.Equal(expected.Select(v => (float)v), fused32.ToArray<float>());
        Assert.Equal(expected.Select(v => (float)v), composed32.ToArray<float>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]         // shorter than one vector plus a tail
    [InlineData(70_003)]     // split across threads, with a tail
    public void FusedEqualsComposedInBothDtypes(int n)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Torch.Randn(new[] { n }, dtype, new Generator(n));
            var g = Torch.Randn(new[] { n }, dtype, new Generator(n + 1));
            var (fused, composed) = Grads(x, g);
            Assert.Equal(dtype, fused.DType);
            Assert.Equal(composed.To(DType.Float64).ToArray<double>(), fused.To(DType.Float64).ToArray<double>());
        }
    }

    [Fact]
    public void FusedHandlesStridedGradientsAndOutputs()
    {
        // a transposed input gives a transposed output; the incoming gradient is transposed too
        var x = Torch.Randn(new[] { 40, 30 }, DType.Float32, new Generator(3)).T;
        var g = Torch.Randn(new[] { 40, 30 }, DType.Float32, new Generator(4)).T;
        Assert.False(x.IsContiguous);
        Assert.False(g.IsContiguous);
        var (fused, composed) = Grads(x, g);
        Assert.Equal(composed.ToArray<float>(), fused.ToArray<float>());
        var expected = Torch.Where(x <= 0.0, 0.0, g);
        Assert.Equal(expected.ToArray<float>(), fused.ToArray<float>());
    }

    [Fact]
    public void GradcheckInEveryLayout()
    {
        GradOk(t => t[0].Relu(), Torch.FromArray(new[] { -1.5, -0.3, 0.4, 2.0, 0.7, -0.9 }, 2, 3).RequiresGrad_());
        var transposed = Torch.FromArray(new[] { -1.5, -0.3, 0.4, 2.0, 0.7, -0.9 }, 3, 2).T;
        transposed.RequiresGrad = true;
        GradOk(t => t[0].Relu(), transposed);
        GradOk(t => t[0].Expand(3, 4).Relu(), Torch.FromArray(new[] { -0.8, 0.6, 1.1, -0.25 }).RequiresGrad_());
        GradOk(t => t[0].Relu(), Torch.FromArray(new[] { 0.5 }).RequiresGrad_());
        GradOk(t => t[0].Relu(), Torch.Zeros(new Size(0), DType.Float64).RequiresGrad_());
    }

    [Fact]
    public void CreateGraphBackwardIsDifferentiableInTheGradient()
    {
        // x.grad = where(relu(x) <= 0, 0, g) depends on g through the same mask
        var x = Torch.FromArray(new[] { -1.0, 2.0, 0.0, 3.0 }).RequiresGrad_();
        var g = Torch.FromArray(new[] { 5.0, 6.0, 7.0, 8.0 }).RequiresGrad_();
        x.Relu().Backward(g, createGraph: true);
        Close([0, 6, 0, 8], x.Grad!);
        x.Grad!.Sum().Backward();
        Close([0, 1, 0, 1], g.Grad!);
    }
}
