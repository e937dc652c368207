using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>floor, ceil, round (with decimals), trunc and frac against PyTorch 1.13.</summary>
public class RoundingTests
{
    private static readonly double[] In = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.25, 1.35, 2.675, 1234.5678, -0.0, -3.7, 3.7, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
    private const double Inf = double.PositiveInfinity, NaN = double.NaN;

    private static Func<Tensor, Tensor> Op(string name) => name switch
    {
        "floor" => Torch.Floor,
        "ceil" => Torch.Ceil,
        "round" => t => Torch.Round(t),
        "trunc" => Torch.Trunc,
        _ => Torch.Frac,
    };

    public static TheoryData<string, double[], double[]> Reference => new()
    {
        { "floor", [0.0, 1.0, 2.0, -1.0, -2.0, -3.0, 1.0, 1.0, 2.0, 1234.0, -0.0, -4.0, 3.0, NaN, Inf, -Inf], [0.0, 1.0, 2.0, -1.0, -2.0, -3.0, 1.0, 1.0, 2.0, 1234.0, -0.0, -4.0, 3.0, NaN, Inf, -Inf] },
        { "ceil", [1.0, 2.0, 3.0, -0.0, -1.0, -2.0, 2.0, 2.0, 3.0, 1235.0, -0.0, -3.0, 4.0, NaN, Inf, -Inf], [1.0, 2.0, 3.0, -0.0, -1.0, -2.0, 2.0, 2.0, 3.0, 1235.0, -0.0, -3.0, 4.0, NaN, Inf, -Inf] },
        { "round", [0.0, 2.0, 2.0, -0.0, -2.0, -2.0, 1.0, 1.0, 3.0, 1235.0, -0.0, -4.0, 4.0, NaN, Inf, -Inf], [0.0, 2.0, 2.0, -0.0, -2.0, -2.0, 1.0, 1.0, 3.0, 1235.0, -0.0, -4.0, 4.0, NaN, Inf, -Inf] },
        { "trunc", [0.0, 1.0, 2.0, -0.0, -1.0, -2.0, 1.0, 1.0, 2.0, 1234.0, -0.0, -3.0, 3.0, NaN, Inf, -Inf], [0.0, 1.0, 2.0, -0.0, -1.0, -2.0, 1.0, 1.0, 2.0, 1234.0, -0.0, -3.0, 3.0, NaN, Inf, -Inf] },
        { "frac", [0.5, 0.5, 0.5, -0.5, -0.5, -0.5, 0.25, 0.3500000000000001, 0.6749999999999998, 0.5678000000000338, 0.0, -0.7000000000000002, 0.7000000000000002, NaN, NaN, NaN],
            [0.5, 0.5, 0.5, -0.5, -0.5, -0.5, 0.25, 0.3500000238418579, 0.6749999523162842, 0.5677490234375, 0.0, -0.7000000476837158, 0.7000000476837158, NaN, NaN, NaN] },
    };

    [Theory]
    [MemberData(nameof(Reference))]
    public void MatchesPyTorch(string name, double[] f64, double[] f32)
    {
        var x = F64(In);
        var y = Op(name)(x);
        Assert.Equal(DType.Float64, y.DType);
        Values(f64, y, rtol: 0);
        var y32 = Op(name)(x.To(DType.Float32));
        Assert.Equal(DType.Float32, y32.DType);
        Values(f32, y32, rtol: 0);
    }

    [Fact]
    public void RoundsHalfToEvenAndKeepsTheSignOfZero()
    {
        var r = Torch.Round(F64(-0.4, -0.5, 0.4, -0.0)).ToArray<double>();
        Assert.True(r.All(v => v == 0));
        Assert.Equal([true, true, false, true], r.Select(IsNegativeZero).ToArray());
        Assert.Equal([false, true, false], Torch.Frac(F64(-1.0, -2.5, 3.0)).ToArray<double>().Select(double.IsNegative).ToArray());
        Assert.True(IsNegativeZero(Torch.Ceil(F64(-0.4)).ToArray<double>()[0]));
    }

    public static TheoryData<int, double[], double[]> Decimals => new()
    {
        { 1, [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.2, 1.4, 2.7, 1234.6, -0.0, -3.7, 3.7, NaN, Inf, -Inf],
            [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.2000000476837158, 1.399999976158142, 2.700000047683716, 1234.5999755859375, -0.0, -3.700000047683716, 3.700000047683716, NaN, Inf, -Inf] },
        { 2, [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.25, 1.35, 2.68, 1234.57, -0.0, -3.7, 3.7, NaN, Inf, -Inf],
            [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.25, 1.350000023841858, 2.680000066757202, 1234.5699462890625, -0.0, -3.700000047683716, 3.700000047683716, NaN, Inf, -Inf] },
        { -2, [0.0, 0.0, 0.0, -0.0, -0.0, -0.0, 0.0, 0.0, 0.0, 1200.0, -0.0, -0.0, 0.0, NaN, Inf, -Inf], [0.0, 0.0, 0.0, -0.0, -0.0, -0.0, 0.0, 0.0, 0.0, 1200.0, -0.0, -0.0, 0.0, NaN, Inf, -Inf] },
        { 3, [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.25, 1.35, 2.675, 1234.568, -0.0, -3.7, 3.7, NaN, Inf, -Inf],
            [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.25, 1.350000023841858, 2.674999952316284, 1234.5679931640625, -0.0, -3.700000047683716, 3.700000047683716, NaN, Inf, -Inf] },
    };

    [Theory]
    [MemberData(nameof(Decimals))]
    public void RoundWithDecimalsMatchesPyTorch(int decimals, double[] f64, double[] f32)
    {
        var x = F64(In);
        Values(f64, Torch.Round(x, decimals), rtol: 0);
        Values(f32, x.To(DType.Float32).Round(decimals), rtol: 0);
    }

    [Fact]
    public void RoundWithDecimalsOverflowingTheScale()
    {
        Values([Inf, Inf], Torch.Round(Torch.FromArray(new float[] { 1e38f, 3e38f }), 2), 0);
        Values([NaN, NaN], Torch.Round(Torch.FromArray(new float[] { 1e-38f, 3e-30f }), 40), 0);
        Values([NaN, NaN], Torch.Round(Torch.FromArray(new float[] { 123456f, 3e30f }), -40), 0);
    }

    [Fact]
    public void TransposedInputs()
    {
        var m = Torch.FromArray(new double[,] { { 0.3, -0.7, 1.5 }, { 2.5, -0.05, 0.6 } });
        Values([0.0, 2.0, -1.0, -0.0, 2.0, 1.0], Torch.Round(m.T), 0);
        Values([0.0, 2.0, -1.0, -1.0, 1.0, 0.0], Torch.Floor(m.T), 0);
        Values([0.3, 0.5, -0.7, -0.05, 0.5, 0.6], Torch.Frac(m.T), 1e-15);
    }

    [Theory]
    [InlineData("floor")]
    [InlineData("ceil")]
    [InlineData("round")]
    [InlineData("trunc")]
    public void IntegerTensorsAreCopiedAndBoolIsRejected(string name)
    {
        foreach (var dt in new[] { DType.Int64, DType.Int32, DType.UInt8 })
        {
            var x = Ints(dt, 0, 1, 7, 200);
            var y = Op(name)(x);
            Assert.Equal(dt, y.DType);
            Longs([0, 1, 7, 200], y);
            Assert.NotSame(x.Storage, y.Storage);
        }
        var ex = Assert.Throws<NotSupportedException>(() => Op(name)(Ints(DType.Bool, 1, 0)));
        Assert.Contains(name, ex.Message);
        Assert.Contains("torch.bool", ex.Message);
    }

    [Fact]
    public void FracAndRoundWithDecimalsRejectIntegers()
    {
        var ex = Assert.Throws<NotSupportedException>(() => Torch.Frac(Ints(DType.Int64, 1)));
        Assert.Contains("frac: not implemented for dtype torch.int64", ex.Message);
        ex = Assert.Throws<NotSupportedException>(() => Torch.Round(Ints(DType.Int32, 1), 1));
        Assert.Contains("round: not implemented for dtype torch.int32", ex.Message);
    }

    [Theory]
    [InlineData("floor")]
    [InlineData("ceil")]
    [InlineData("round")]
    [InlineData("trunc")]
    [InlineData("frac")]
    public void HalfPrecisionKeepsItsDType(string name)
    {
        foreach (var dt in new[] { DType.Float16, DType.BFloat16 })
        {
            var y = Op(name)(F64(1.25, -2.5, 3.75).To(dt));
            Assert.Equal(dt, y.DType);
            Values(Op(name)(F64(1.25, -2.5, 3.75)).ToArray<double>(), y, 0);
        }
        Assert.Equal(DType.Float16, Torch.Round(F64(1.25).To(DType.Float16), 1).DType);
    }

    [Theory]
    [InlineData("floor")]
    [InlineData("ceil")]
    [InlineData("round")]
    [InlineData("trunc")]
    [InlineData("frac")]
    public void GradCheck(string name)
    {
        var f = Op(name);
        // away from the jumps: x·0.3 + 0.1 of a standard normal rarely lands within 1e-6 of an integer or half
        GradOk(x => f(x[0] * 0.3 + 0.1), Input(2, 3));
        GradOk(x => f(x[0] * 0.3 + 0.1), TransposedInput(3, 4));
        GradOk(x => f(x[0] * 0.3 + 0.1).Expand(2, 3), Input(3));
        GradOk(x => f(x[0] * 0.3 + 0.1), Input(1));
        GradOk(x => f(x[0]), Input(0, 2));
        GradOk(x => Torch.Round(x[0] * 0.3 + 0.1, 2), Input(2, 2));
    }

    [Fact]
    public void GradientsAreZeroExceptFrac()
    {
        var x = F64(0.3, 1.7).RequiresGrad_();
        Torch.Floor(x).Sum().Backward();
        Values([0, 0], x.Grad!, 0);
        x.Grad = null;
        Torch.Frac(x).Sum().Backward();
        Values([1, 1], x.Grad!, 0);
    }

    [Fact]
    public void InPlace()
    {
        var x = F64(1.5, 2.5, -0.5);
        Assert.Same(x, x.Round_());
        Values([2, 2, -0.0], x, 0);
        var y = F64(1.234, 5.678);
        y.Round_(1);
        Values([1.2, 5.7], y, 1e-15);
        var i = Ints(DType.Int64, 3);
        i.Floor_();
        Longs([3], i);
        Assert.Throws<NotSupportedException>(() => Ints(DType.Int64, 3).Frac_());
    }
}
