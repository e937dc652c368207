using Ember.Optim;

namespace Ember.Tests.Optim;

/// <summary><see cref="ClipGrad"/> against PyTorch 1.13's <c>clip_grad_norm_</c> / <c>clip_grad_value_</c>.</summary>
public class ClipGradTests
{
    /// <summary>Three parameters: two with gradients (2×3 and 4 elements), one without.</summary>
    private static Tensor[] Params(DType dtype)
    {
        var a = Torch.Zeros(new[] { 2, 3 }, dtype).RequiresGrad_();
        var b = Torch.Zeros(new[] { 4 }, dtype).RequiresGrad_();
        var c = Torch.Zeros(new[] { 1 }, dtype).RequiresGrad_();
        a.Grad = Torch.FromArray(new double[,] { { 0.5, -1.5, 2.0 }, { 0.25, 3.0, -0.75 } }).To(dtype);
        b.Grad = Torch.FromArray(new double[] { 1.0, -2.0, 0.5, -0.125 }).To(dtype);
        return [a, b, c];
    }

    private static double[] Grads(Tensor[] ps) => [.. ps[0].Grad!.ToArray<double>(), .. ps[1].Grad!.ToArray<double>()];

    public static TheoryData<double, double, double, double[]> Cases => new()
    {
        { 2.0, 1.0, 4.625, [0.10810808473338708, -0.32432425420016125, 0.4324323389335483, 0.05405404236669354, 0.6486485084003225, -0.16216212710008063, 0.21621616946677416, -0.4324323389335483, 0.10810808473338708, -0.02702702118334677] },
        { double.PositiveInfinity, 1.5, 3.0, [0.24999991666669444, -0.7499997500000833, 0.9999996666667778, 0.12499995833334722, 1.4999995000001667, -0.37499987500004167, 0.4999998333333889, -0.9999996666667778, 0.24999991666669444, -0.06249997916667361] },
        { 1.0, 2.0, 11.625, [0.08602149797664534, -0.258064493929936, 0.34408599190658135, 0.04301074898832267, 0.516128987859872, -0.129032246964968, 0.17204299595329067, -0.34408599190658135, 0.08602149797664534, -0.021505374494161334] },
        { 3.0, 0.5, 3.635867112307446, [0.06875936977849877, -0.20627810933549628, 0.27503747911399506, 0.03437968488924938, 0.41255621867099257, -0.10313905466774814, 0.13751873955699753, -0.27503747911399506, 0.06875936977849877, -0.01718984244462469] },
        // The total norm is below maxNorm: the gradients are unchanged.
        { 2.0, 100.0, 4.625, [0.5, -1.5, 2.0, 0.25, 3.0, -0.75, 1.0, -2.0, 0.5, -0.125] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClipGradNormMatchesPyTorchFloat64(double normType, double maxNorm, double total, double[] clipped)
    {
        var ps = Params(DType.Float64);
        var norm = ClipGrad.ClipGradNorm_(ps, maxNorm, normType);
        Assert.Equal(0, norm.Dim);
        Assert.Equal(DType.Float64, norm.DType);
        Assert.Equal(total, norm.Item<double>(), 12);
        TestUtil.Close(clipped, Torch.FromArray(Grads(ps)), 1e-12);
        Assert.Null(ps[2].Grad);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClipGradNormMatchesPyTorchFloat32(double normType, double maxNorm, double total, double[] clipped)
    {
        var ps = Params(DType.Float32);
        var norm = ClipGrad.ClipGradNorm_(ps, maxNorm, normType);
        Assert.Equal(DType.Float32, norm.DType);
        Assert.Equal(total, norm.Item<double>(), 5);
        Assert.Equal(DType.Float32, ps[0].Grad!.DType);
        TestUtil.Close(clipped, Torch.FromArray(Grads(ps)), 1e-6);
    }

    [Fact]
    public void ClippedNormIsMaxNorm()
    {
        var ps = Params(DType.Float64);
        ClipGrad.ClipGradNorm_(ps, 1.0);
        var again = ClipGrad.ClipGradNorm_(ps, 10.0);
        Assert.Equal(1.0, again.Item<double>(), 5);
    }

    [Fact]
    public void NoGradientsGivesZero()
    {
        var norm = ClipGrad.ClipGradNorm_([Torch.Zeros(2).RequiresGrad_()], 1.0);
        Assert.Equal(0.0, norm.Item<double>());
        Assert.Equal(0, norm.Dim);
    }

    [Fact]
    public void SingleTensorOverload()
    {
        var ps = Params(DType.Float64);
        var norm = ClipGrad.ClipGradNorm_(ps[1], 1.0);
        Assert.Equal(Math.Sqrt(1 + 4 + 0.25 + 0.015625), norm.Item<double>(), 12);
        Assert.Equal(1.0, ps[1].Grad!.Norm().Item<double>(), 5);
    }

    [Fact]
    public void NonFiniteTotalNormThrowsWhenAsked()
    {
        var ps = Params(DType.Float64);
        ps[1].Grad = Torch.FromArray(new double[] { 1.0, double.NaN, 0, 0 });
        var ex = Assert.Throws<InvalidOperationException>(() => ClipGrad.ClipGradNorm_(ps, 1.0, errorIfNonfinite: true));
        Assert.Equal("The total norm of order 2.0 for gradients from `parameters` is non-finite, so it cannot be clipped. " +
            "To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`", ex.Message);
        // Nothing was scaled.
        Assert.Equal(0.5, ps[0].Grad!.ToArray<double>()[0]);

        ps[0].Grad = Torch.FromArray(new double[,] { { double.PositiveInfinity, 0, 0 }, { 0, 0, 0 } });
        ps[1].Grad = Torch.Ones(new[] { 4 }, DType.Float64);
        var exInf = Assert.Throws<InvalidOperationException>(() => ClipGrad.ClipGradNorm_(ps, 1.0, double.PositiveInfinity, errorIfNonfinite: true));
        Assert.StartsWith("The total norm of order inf for gradients", exInf.Message);

        // Without the flag the gradients are scaled by the non-finite norm, as in PyTorch (1/inf = 0).
        var norm = ClipGrad.ClipGradNorm_(ps, 1.0);
        Assert.True(double.IsPositiveInfinity(norm.Item<double>()));
        Assert.Equal([0.0, 0, 0, 0], ps[1].Grad!.ToArray<double>());
    }

    [Fact]
    public void ClipGradValueClampsElementwise()
    {
        var ps = Params(DType.Float64);
        ClipGrad.ClipGradValue_(ps, 1.0);
        Assert.Equal([0.5, -1.0, 1.0, 0.25, 1.0, -0.75, 1.0, -1.0, 0.5, -0.125], Grads(ps));
        Assert.Null(ps[2].Grad);
        ClipGrad.ClipGradValue_(ps[1], 0.25);
        Assert.Equal([0.25, -0.25, 0.25, -0.125], ps[1].Grad!.ToArray<double>());
    }

    [Fact]
    public void ClippingWorksOnGradientsThatRequireGrad()
    {
        // Gradients from create_graph-style backward may require grad; clipping modifies them in place anyway.
        var p = Torch.Zeros(2).RequiresGrad_();
        p.Grad = Torch.FromArray(new float[] { 3, 4 });
        ClipGrad.ClipGradNorm_([p], 1.0);
        TestUtil.Close([0.6, 0.8], p.Grad, 1e-5);
    }
}
