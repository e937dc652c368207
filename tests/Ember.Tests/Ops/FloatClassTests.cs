using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>isnan, isinf, isposinf, isneginf, isfinite and nan_to_num.</summary>
public class FloatClassTests
{
    private const double Inf = double.PositiveInfinity, NaN = double.NaN;

    [Fact]
    public void ClassifyEveryFloatDType()
    {
        foreach (var dt in new[] { DType.Float64, DType.Float32, DType.Float16, DType.BFloat16 })
        {
            var x = F64(NaN, Inf, -Inf, 1.5, -0.0).To(dt);
            Bools([true, false, false, false, false], Torch.IsNan(x));
            Bools([false, true, true, false, false], Torch.IsInf(x));
            Bools([false, true, false, false, false], Torch.IsPosInf(x));
            Bools([false, false, true, false, false], Torch.IsNegInf(x));
            Bools([false, false, false, true, true], Torch.IsFinite(x));
            Assert.Equal(DType.Bool, x.IsNan().DType);
        }
    }

    [Fact]
    public void IntegerAndBoolTensorsAreFinite()
    {
        foreach (var dt in new[] { DType.Int64, DType.Int32, DType.UInt8, DType.Bool })
        {
            var x = Ints(dt, 1, 0, 1);
            Bools([false, false, false], Torch.IsNan(x));
            Bools([false, false, false], Torch.IsInf(x));
            Bools([false, false, false], Torch.IsPosInf(x));
            Bools([false, false, false], Torch.IsNegInf(x));
            Bools([true, true, true], Torch.IsFinite(x));
        }
    }

    [Fact]
    public void TransposedBroadcastEmptyAndScalar()
    {
        var m = Torch.FromArray(new double[,] { { NaN, 1 }, { Inf, 2 } });
        Bools([true, false, false, false], Torch.IsNan(m.T));
        Bools([false, false, true, true], Torch.IsFinite(F64(NaN, 1).Expand(2, 2).T));
        Shape([0, 3], Torch.IsNan(Torch.Zeros(0, 3)));
        Shape([], Torch.IsInf(Torch.Scalar(Inf)));
        Bools([true], Torch.IsInf(Torch.Scalar(Inf)));
    }

    [Fact]
    public void NanToNumDefaultsPerDType()
    {
        var x = F64(NaN, Inf, -Inf, 1.5);
        Values([0, double.MaxValue, -double.MaxValue, 1.5], Torch.NanToNum(x), 0);
        Values([0, 3.4028234663852886e+38, -3.4028234663852886e+38, 1.5], Torch.NanToNum(x.To(DType.Float32)), 0);
        var h = Torch.NanToNum(x.To(DType.Float16));
        Assert.Equal(DType.Float16, h.DType);
        Values([0, 65504, -65504, 1.5], h, 0);
        var b = Torch.NanToNum(x.To(DType.BFloat16));
        Assert.Equal(DType.BFloat16, b.DType);
        Values([0, 3.3895313892515355e+38, -3.3895313892515355e+38, 1.5], b, 0);
    }

    [Fact]
    public void NanToNumCustomValuesAndIntegers()
    {
        Values([2, Inf, -3.4028234663852886e+38, 1.5], Torch.NanToNum(F64(NaN, Inf, -Inf, 1.5).To(DType.Float32), nan: 2, posinf: 1e300), 0);
        Values([-1, 7, -7, 1.5], F64(NaN, Inf, -Inf, 1.5).NanToNum(-1, 7, -7), 0);
        var i = Ints(DType.Int64, 1, 2);
        var y = Torch.NanToNum(i, nan: 2.5);
        Assert.Equal(DType.Int64, y.DType);
        Longs([1, 2], y);
        Assert.NotSame(i.Storage, y.Storage);
        Longs([1, 2], Torch.NanToNum(Ints(DType.UInt8, 1, 2), nan: 300));
        Bools([true, false], Torch.NanToNum(Ints(DType.Bool, 1, 0)));
        var m = Torch.FromArray(new double[,] { { NaN, 1 }, { Inf, 2 } });
        Values([0, double.MaxValue, 1, 2], Torch.NanToNum(m.T), 0);
    }

    [Fact]
    public void NanToNumInPlaceAndGradient()
    {
        var x = F64(NaN, 3);
        Assert.Same(x, x.NanToNum_());
        Values([0, 3], x, 0);
        var g = F64(NaN, Inf, 2).RequiresGrad_();
        Torch.NanToNum(g).Sum().Backward();
        Values([0, 0, 1], g.Grad!, 0);
        GradOk(t => Torch.NanToNum(t[0]), Input(2, 3));
        GradOk(t => Torch.NanToNum(t[0]), TransposedInput(3, 2));
        GradOk(t => Torch.NanToNum(t[0]), Input(0));
        GradOk(t => Torch.NanToNum(t[0]), Input(1));
        GradOk(t => Torch.NanToNum(t[0].Expand(2, 3)), Input(3));
    }
}
