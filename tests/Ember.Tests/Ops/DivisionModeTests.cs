using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>fmod, remainder, floor_divide and div with a rounding mode against PyTorch 1.13.</summary>
public class DivisionModeTests
{
    private const double Inf = double.PositiveInfinity, NaN = double.NaN;
    private static readonly double[] P = [5, -5, 5, -5, 0, -0.0, 7.5, Inf, NaN, 3, -3, 1, 0.3, -7.25];
    private static readonly double[] Q = [3, 3, -3, -3, 3, 3, 2, 2, 2, Inf, -Inf, 0, 0.1, -0.5];
    private static readonly long[] PI = [5, -5, 5, -5, 0, 7, -7, 9];
    private static readonly long[] QI = [3, 3, -3, -3, 3, 2, 2, -4];

    private static Func<Tensor, Tensor, Tensor> Op(string name) => name switch
    {
        "fmod" => Torch.Fmod,
        "remainder" => Torch.Remainder,
        "floor_divide" => Torch.FloorDivide,
        "trunc" => (a, b) => Torch.Div(a, b, "trunc"),
        _ => (a, b) => Torch.Div(a, b, "floor"),
    };

    public static TheoryData<string, double[], double[], long[]> Reference => new()
    {
        { "fmod", [2.0, -2.0, 2.0, -2.0, 0.0, -0.0, 1.5, NaN, NaN, 3.0, -3.0, NaN, 0.09999999999999998, -0.25],
            [2.0, -2.0, 2.0, -2.0, 0.0, -0.0, 1.5, NaN, NaN, 3.0, -3.0, NaN, 7.450580596923828e-09, -0.25], [2, -2, 2, -2, 0, 1, -1, 1] },
        { "remainder", [2.0, 1.0, -1.0, -2.0, 0.0, -0.0, 1.5, NaN, NaN, 3.0, -3.0, NaN, 0.09999999999999998, -0.25],
            [2.0, 1.0, -1.0, -2.0, 0.0, -0.0, 1.5, NaN, NaN, 3.0, -3.0, NaN, 7.450580596923828e-09, -0.25], [2, 1, -1, -2, 0, 1, 1, -3] },
        { "floor_divide", [1.0, -2.0, -2.0, 1.0, 0.0, -0.0, 3.0, NaN, NaN, 0.0, 0.0, Inf, 2.0, 14.0],
            [1.0, -2.0, -2.0, 1.0, 0.0, -0.0, 3.0, NaN, NaN, 0.0, 0.0, Inf, 3.0, 14.0], [1, -2, -2, 1, 0, 3, -4, -3] },
        { "trunc", [1.0, -1.0, -1.0, 1.0, 0.0, -0.0, 3.0, Inf, NaN, 0.0, 0.0, Inf, 2.0, 14.0],
            [1.0, -1.0, -1.0, 1.0, 0.0, -0.0, 3.0, Inf, NaN, 0.0, 0.0, Inf, 3.0, 14.0], [1, -1, -1, 1, 0, 3, -3, -2] },
        { "floor", [1.0, -2.0, -2.0, 1.0, 0.0, -0.0, 3.0, NaN, NaN, 0.0, 0.0, Inf, 2.0, 14.0],
            [1.0, -2.0, -2.0, 1.0, 0.0, -0.0, 3.0, NaN, NaN, 0.0, 0.0, Inf, 3.0, 14.0], [1, -2, -2, 1, 0, 3, -4, -3] },
    };

    [Theory]
    [MemberData(nameof(Reference))]
    public void MatchesPyTorch(string name, double[] f64, double[] f32, long[] i64)
    {
        var y = Op(name)(F64(P), F64(Q));
        Assert.Equal(DType.Float64, y.DType);
        Values(f64, y, rtol: 1e-15);
        // the signs of the zeros too
        Assert.Equal(f64.Select(double.IsNegative), y.ToArray<double>().Select(double.IsNegative));
        Values(f32, Op(name)(F64(P).To(DType.Float32), F64(Q).To(DType.Float32)), rtol: 1e-7);
        var yi = Op(name)(Torch.FromArray(PI), Torch.FromArray(QI));
        Assert.Equal(DType.Int64, yi.DType);
        Longs(i64, yi);
        var y32 = Op(name)(Torch.FromArray(PI).To(DType.Int32), Torch.FromArray(QI).To(DType.Int32));
        Assert.Equal(DType.Int32, y32.DType);
        Longs(i64, y32);
    }

    [Fact]
    public void UnsignedBytes()
    {
        var u = Ints(DType.UInt8, 200, 7, 255);
        var v = Ints(DType.UInt8, 3, 7, 4);
        Longs([2, 0, 3], Torch.Fmod(u, v));
        Longs([2, 0, 3], Torch.Remainder(u, v));
        Longs([66, 1, 63], Torch.FloorDivide(u, v));
        Assert.Equal(DType.UInt8, Torch.FloorDivide(u, v).DType);
    }

    [Fact]
    public void ScalarsPromoteAsPyTorch()
    {
        var pi = Torch.FromArray(PI);
        var qi = Torch.FromArray(QI);
        var f = Torch.Fmod(pi, 2.5);
        Assert.Equal(DType.Float32, f.DType);
        Values([0.0, -0.0, 0.0, -0.0, 0.0, 2.0, -2.0, 1.5], f, 0);
        Values([0.0, -0.0, 0.0, -0.0, 0.0, -0.5, -2.0, -1.0], Torch.Remainder(pi, -2.5), 0);
        Longs([2, 2, -1, -1, 2, 1, 1, -3], Torch.Remainder(5, qi));
        Values([2.5, 2.5, -0.5, -0.5, 2.5, 1.5, 1.5, -2.5], Torch.Remainder(5.5, qi), 0);
        var i32 = Ints(DType.Int32, -7, 7);
        Assert.Equal(DType.Int32, Torch.Remainder(i32, 3).DType);
        Longs([2, 1], Torch.Remainder(i32, 3));
        Longs([3, -4], Torch.FloorDivide(i32, -2));
        Longs([3, -4], i32.Div(-2, "floor"));
        Assert.Equal(DType.Int64, Torch.FloorDivide(Ints(DType.Bool, 1, 0), 2).DType);
    }

    [Fact]
    public void BroadcastAndTransposed()
    {
        var a = Torch.FromArray(new double[,] { { 7, -7, 8.5 }, { -1.5, 4, 9 } });
        var b = F64(2, -3);
        Values([1.0, -1.5, 1.0, -2.0, 0.5, 0.0], Torch.Remainder(a.T, b), 0);
        Values([1.0, -1.5, -1.0, 1.0, 0.5, 0.0], Torch.Fmod(a.T, b), 0);
        Values([3.0, 0.0, -4.0, -2.0, 4.0, -3.0], Torch.Div(a.T, b, "floor"), 0);
        Shape([0, 2], Torch.Fmod(Torch.Zeros(0, 2), Torch.Ones(2)));
        Values([1], Torch.Remainder(F64(7), F64(3)), 0);
    }

    [Theory]
    [InlineData("fmod")]
    [InlineData("remainder")]
    [InlineData("floor_divide")]
    [InlineData("trunc")]
    [InlineData("floor")]
    public void IntegerDivisionByZeroRaisesNamingTheOp(string name)
    {
        foreach (var dt in new[] { DType.Int64, DType.Int32, DType.UInt8 })
        {
            var ex = Assert.Throws<DivideByZeroException>(() => Op(name)(Ints(dt, 1, 2), Ints(dt, 1, 0)));
            Assert.Contains("ZeroDivisionError", ex.Message);
            Assert.StartsWith(name is "trunc" or "floor" or "floor_divide" ? "div" : name, ex.Message);
        }
        Assert.Throws<DivideByZeroException>(() => Op(name)(Ints(DType.Int64, 1), Torch.Zeros(new Size([]), DType.Int64)));
    }

    [Fact]
    public void ScalarZeroDivisorAndFloatZeroDivisor()
    {
        Assert.Throws<DivideByZeroException>(() => Torch.Fmod(Ints(DType.Int64, 1, 2), 0));
        Assert.Throws<DivideByZeroException>(() => Torch.FloorDivide(Ints(DType.Int64, 1, 2), 0L));
        Values([NaN, NaN], Torch.Fmod(F64(3, -3), 0.0), 0);
        Values([NaN, NaN], Torch.Remainder(F64(3, -3), 0.0), 0);
        Values([Inf, -Inf, NaN], Torch.FloorDivide(F64(3, -3, 0), 0.0), 0);
        // an integer tensor with a float zero is a float division
        Values([NaN], Torch.Fmod(Ints(DType.Int64, 1), 0.0), 0);
    }

    [Fact]
    public void MinValueByMinusOneWrapsInsteadOfTrapping()
    {
        var min = Ints(DType.Int64, long.MinValue, 7);
        var m1 = Ints(DType.Int64, -1, -1);
        Longs([0, 0], Torch.Fmod(min, m1));
        Longs([0, 0], Torch.Remainder(min, m1));
        Longs([long.MinValue, -7], Torch.FloorDivide(min, m1));
        Longs([long.MinValue, -7], Torch.Div(min, m1, "trunc"));
        Longs([int.MinValue], Torch.Div(Ints(DType.Int32, int.MinValue), -1, "floor"));
    }

    [Fact]
    public void BoolOperandsAreNotSupported()
    {
        var b = Ints(DType.Bool, 1, 1);
        Assert.Contains("fmod: not implemented for dtype torch.bool", Assert.Throws<NotSupportedException>(() => Torch.Fmod(b, b)).Message);
        Assert.Contains("div: not implemented for dtype torch.bool", Assert.Throws<NotSupportedException>(() => Torch.Div(b, b, "floor")).Message);
    }

    [Fact]
    public void HalfPrecisionComputesInFloat32()
    {
        var y = Torch.Div(F64(5, 7).To(DType.Float16), F64(0.3).To(DType.Float16), "floor");
        Assert.Equal(DType.Float16, y.DType);
        Values([16, 23], y, 0); // PyTorch: 0.3 in half is 0.2998…
        Assert.Equal(DType.BFloat16, Torch.Remainder(F64(5).To(DType.BFloat16), 3).DType);
    }

    [Fact]
    public void RoundingModeIsValidatedAndNullIsTrueDivision()
    {
        var ex = Assert.Throws<ArgumentException>(() => Torch.Div(F64(1), F64(2), "bad"));
        Assert.Contains("div: expected rounding_mode to be one of null, 'trunc', or 'floor' but found 'bad'", ex.Message);
        var q = Torch.Div(Ints(DType.Int64, 1, 3), Ints(DType.Int64, 2, 2), null);
        Assert.Equal(DType.Float32, q.DType);
        Values([0.5, 1.5], q, 0);
    }

    [Fact]
    public void InPlaceVariants()
    {
        var x = Ints(DType.Int64, 5, 6);
        Assert.Same(x, x.Remainder_(4));
        Longs([1, 2], x);
        x.FloorDivide_(2);
        Longs([0, 1], x);
        var y = Ints(DType.Int64, 5, 6);
        y.Div_(2, "floor");
        Longs([2, 3], y);
        var ex = Assert.Throws<ArgumentException>(() => Ints(DType.Int64, 5, 6).Fmod_(2.5));
        Assert.Contains("fmod_: result type Float", ex.Message);
        Assert.Throws<ArgumentException>(() => Ints(DType.Int64, 5, 6).Div_(2.5, "floor"));
        Assert.Throws<DivideByZeroException>(() => Ints(DType.Int64, 5, 6).Fmod_(0));
        var z = F64(7.5, -7.5);
        z.Fmod_(2.0);
        Values([1.5, -1.5], z, 0);
        z.Div_(F64(0.5, 0.5), "trunc");
        Values([3, -3], z, 0);
    }

    [Theory]
    [InlineData("fmod")]
    [InlineData("remainder")]
    public void GradCheck(string name)
    {
        var f = Op(name);
        // divisors bounded away from 0 and quotients away from integers
        Func<Tensor, Tensor> divisor = t => t.Sigmoid() * 0.5 + 1.13;
        GradOk(x => f(x[0], divisor(x[1])), Input(2, 3), Input(2, 3));
        GradOk(x => f(x[0], divisor(x[1])), TransposedInput(3, 4), Input(3, 4));
        GradOk(x => f(x[0], divisor(x[1])), Input(3, 1), Input(4));
        GradOk(x => f(x[0], divisor(x[1])), Input(1), Input(1));
        GradOk(x => f(x[0], divisor(x[1])), Input(0, 3), Input(3));
    }

    [Fact]
    public void RoundedDivisionHasZeroGradients()
    {
        var a = F64(7.3, -2.2).RequiresGrad_();
        var b = F64(2.0, 3.0).RequiresGrad_();
        Torch.Div(a, b, "floor").Sum().Backward();
        Values([0, 0], a.Grad!, 0);
        Values([0, 0], b.Grad!, 0);
        var c = F64(7.5).RequiresGrad_();
        var d = F64(2.0).RequiresGrad_();
        Torch.Remainder(c, d).Sum().Backward();
        Values([1], c.Grad!, 0);
        Values([-3], d.Grad!, 0); // −floor(7.5/2)
    }
}
