using Ember.NN;
using static Ember.Tests.NN.PoolTestUtil;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>F.Interpolate and Upsample: gradchecks, double backward, float32, modules and bad input.</summary>
public partial class InterpolateTests
{
    [Fact]
    public void GradChecks()
    {
        GradOk(t => F.Interpolate(t[0], [5, 7], mode: "bilinear"), Seq(1, 2, 3, 4));
        GradOk(t => F.Interpolate(t[0], [2, 5], mode: "bilinear", alignCorners: true), Seq(1, 1, 4, 3));
        GradOk(t => F.Interpolate(t[0], scaleFactor: [1.7, 0.6]), Seq(1, 2, 4, 5));
        GradOk(t => F.Interpolate(t[0], scaleFactor: [2.5], mode: "linear"), Seq(2, 1, 4));
        GradOk(t => F.Interpolate(t[0], scaleFactor: [1.5], mode: "nearest-exact"), Seq(1, 1, 3, 3));
        var xt = Seq(1, 2, 4, 3).Detach().Transpose(2, 3).RequiresGrad_();
        GradOk(t => F.Interpolate(t[0], scaleFactor: [2.0], mode: "bilinear"), xt);
    }

    [Fact]
    public void DoubleBackward()
    {
        GradOk(t => PoolMaxTests.BackwardOf(x => F.Interpolate(x, [5, 3], mode: "bilinear"), Seq(1, 1, 3, 4), t[0]), Seq(1, 1, 5, 3));
        GradOk(t => PoolMaxTests.BackwardOf(x => F.Interpolate(x, scaleFactor: [2.0]), Seq(1, 1, 2, 2), t[0]), Seq(1, 1, 4, 4));
    }

    [Fact]
    public void Float32MatchesAndNamesGradFns()
    {
        var x64 = Seq(2, 3, 6, 5).Detach();
        foreach (var mode in new[] { "nearest", "bilinear" })
        {
            var y64 = F.Interpolate(x64, scaleFactor: [1.7], mode: mode);
            var y32 = F.Interpolate(x64.To(DType.Float32), scaleFactor: [1.7], mode: mode);
            Assert.Equal(DType.Float32, y32.DType);
            Close(y64.ToArray<double>(), y32.To(DType.Float64), 1e-5);
            var yh = F.Interpolate(x64.To(DType.Float16), scaleFactor: [1.7], mode: mode);
            Assert.Equal(DType.Float16, yh.DType);
            Close(y64.ToArray<double>(), yh.To(DType.Float64), 5e-3);
        }
        var x = Seq(1, 1, 2, 2);
        Assert.Equal("UpsampleNearest2DBackward0", F.Interpolate(x, [3, 3]).GradFn!.Name);
        Assert.Equal("UpsampleBilinear2DBackward0", F.Interpolate(x, [3, 3], mode: "bilinear").GradFn!.Name);
        Assert.Equal("UpsampleLinear1DBackward0", F.Interpolate(Seq(1, 1, 3), [5], mode: "linear").GradFn!.Name);
        var e = Torch.Zeros([0, 2, 3, 3]).RequiresGrad_();
        var ye = F.Interpolate(e, [6, 6], mode: "bilinear");
        Assert.Equal([0, 2, 6, 6], ye.Shape.ToArray());
        ye.Sum().Backward();
        Assert.Equal([0, 2, 3, 3], e.Grad!.Shape.ToArray());
    }

    [Fact]
    public void NearestShortcutsOnlyForChannelsLastLayouts()
    {
        // PyTorch 1.13: several channels take the generic kernel (source ⌊dst/scale⌋ even when out == in or 2·in) ...
        Close([0.19866933079506122, 0.19866933079506122, 0.19866933079506122, 0.9974949866040544, 0.9974949866040544, 0.33498815015590466,
            0.19866933079506122, 0.19866933079506122, 0.19866933079506122, 0.9974949866040544, 0.9974949866040544, 0.33498815015590466,
            -0.8182771110644108, -0.8182771110644108, -0.8182771110644108, -0.7727644875559871, -0.7727644875559871, 0.4048499206165983,
            -0.6181371122370333, -0.6181371122370333, -0.6181371122370333, 0.592073514707223, 0.592073514707223, 0.934895055524683,
            -0.6181371122370333, -0.6181371122370333, -0.6181371122370333, 0.592073514707223, 0.592073514707223, 0.934895055524683,
            -0.09190685022768164, -0.09190685022768164, -0.09190685022768164, -0.9840650050816434, -0.9840650050816434, -0.43456562207189675],
            F.Interpolate(Seq(1, 2, 3, 3), scaleFactor: [1.1, 2.2]), 1e-15);
        Close([0.19866933079506122, 0.19866933079506122, 0.19866933079506122, 0.9974949866040544, 0.9974949866040544, 0.33498815015590466,
            0.33498815015590466, -0.8182771110644108, -0.8182771110644108, -0.7727644875559871, 0.4048499206165983, 0.4048499206165983,
            0.4048499206165983, 0.9893582466233818, 0.9893582466233818, 0.12445442350706347, 0.12445442350706347, -0.9227754216128066,
            -0.9227754216128066, -0.6181371122370333], F.Interpolate(Seq(1, 2, 5), scaleFactor: [2.1]), 1e-15);
        // ... one channel is channels-last contiguous: its kernel copies an equal side and halves a doubled one
        Close([0.19866933079506122, 0.19866933079506122, 0.9974949866040544, 0.9974949866040544, 0.33498815015590466, 0.33498815015590466,
            -0.8182771110644108, -0.8182771110644108, -0.7727644875559871, -0.7727644875559871, 0.4048499206165983, 0.4048499206165983,
            0.9893582466233818, 0.9893582466233818, 0.12445442350706347, 0.12445442350706347, -0.9227754216128066, -0.9227754216128066],
            F.Interpolate(Seq(1, 1, 3, 3), scaleFactor: [1.1, 2.2]), 1e-15);
        // the gradient is the adjoint of the forward in both cases
        GradOk(t => F.Interpolate(t[0], scaleFactor: [1.1, 2.2]), Seq(1, 2, 3, 3));
        GradOk(t => F.Interpolate(t[0], scaleFactor: [1.1, 2.2]), Seq(1, 1, 3, 3));
    }

    [Fact]
    public void UpsampleModule()
    {
        Assert.Equal("Upsample(scale_factor=2.0, mode=nearest)", new Upsample(scaleFactor: [2]).ToString());
        Assert.Equal("Upsample(size=4, mode=bilinear)", new Upsample([4], mode: "bilinear").ToString());
        Assert.Equal("Upsample(scale_factor=(2.0, 1.5), mode=bilinear)", new Upsample(scaleFactor: [2, 1.5], mode: "bilinear", alignCorners: true).ToString());
        Assert.Equal("Upsample(size=(3, 4), mode=nearest)", new Upsample([3, 4]).ToString());
        var x = Seq(1, 2, 3, 4);
        var up = new Upsample(scaleFactor: [1.6, 2.3], mode: "bilinear", alignCorners: true);
        Close(F.Interpolate(x, scaleFactor: [1.6, 2.3], mode: "bilinear", alignCorners: true).ToArray<double>(), up.Call(x), 0);
        Assert.Equal([1, 2, 4, 9], up.Call(x).Shape.ToArray());
        Assert.Empty(up.Parameters());
    }

    [Fact]
    public void BadInput()
    {
        var x = Seq(1, 2, 3, 4);
        Assert.StartsWith("interpolate: either size or scale_factor should be defined", Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(x)).Message);
        Assert.Equal("interpolate: recompute_scale_factor is not meaningful with an explicit size. (Parameter 'recomputeScaleFactor')",
            Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(x, [2, 2], recomputeScaleFactor: true)).Message);
        Assert.StartsWith("interpolate: only one of size or scale_factor should be defined",
            Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(x, [2, 2], [2.0])).Message);
        var e = Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(x, [2, 2, 2]));
        Assert.StartsWith("interpolate: Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [3, 4] and output size of [2, 2, 2]", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(x, [0, 2]));
        Assert.StartsWith("interpolate: Input and output sizes should be greater than 0", e.Message);
        Assert.Contains("(H: 3, W: 4)", e.Message);
        Assert.StartsWith("interpolate:", Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(x, scaleFactor: [0.1])).Message);
        Assert.StartsWith("interpolate:", Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(x, scaleFactor: [-2.0])).Message);
        Assert.StartsWith("interpolate:", Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(x, scaleFactor: [double.NaN])).Message);
        Assert.StartsWith("interpolate:", Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(x, scaleFactor: [1e300])).Message);
        Assert.StartsWith("interpolate: align_corners option can only be set with the interpolating modes",
            Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(x, [4, 4], alignCorners: false)).Message);
        Assert.StartsWith("interpolate: Got 4D input, but linear mode needs 3D input", Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(x, [4, 4], mode: "linear")).Message);
        Assert.StartsWith("interpolate: Got 3D input, but bilinear mode needs 4D input",
            Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(Seq(1, 2, 3), [4], mode: "bilinear")).Message);
        e = Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(Seq(2, 3), [4]));
        Assert.StartsWith("interpolate: Input Error: Only 3D and 4D input Tensors are supported (got 2D", e.Message);
        Assert.StartsWith("interpolate:", Assert.Throws<NotSupportedException>(() => F.Interpolate(x, [4, 4], mode: "bicubic")).Message);
        Assert.StartsWith("interpolate:", Assert.Throws<NotSupportedException>(() => F.Interpolate(Torch.Ones([1, 1, 2, 2], DType.UInt8), [4, 4])).Message);
        Assert.StartsWith("interpolate:", Assert.ThrowsAny<ArgumentException>(() => F.Interpolate(Torch.Zeros([1, 0, 2, 2]), [4, 4])).Message);
    }
}
