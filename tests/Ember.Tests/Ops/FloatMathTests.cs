using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>erf, erfc, erfinv, log2, log10, exp2, expm1 against PyTorch 1.13 values.</summary>
public class FloatMathTests
{
    private static readonly double[] ErfIn = [-3.5, -1.2, -0.3, -1e-10, 0.0, 1e-12, 0.25, 0.7, 1.5, 2.9, 5.0, 12.0];
    private static readonly double[] ErfInvIn = [-1, -0.999999, -0.9, -0.5, -1e-8, 0, 0.3, 0.75, 0.99, 0.9999999999, 1, 1.5, double.NaN];
    private static readonly double[] LogIn = [1e-300, 0.001, 0.5, 1, 2, 3, 1024, 1e10, 0, -1, double.PositiveInfinity];
    private static readonly double[] Exp2In = [-1074, -10, -1, -0.5, 0, 0.5, 1, 10, 1023, 1024, double.NegativeInfinity, double.NaN];
    private static readonly double[] Expm1In = [-50, -1, -1e-5, -1e-15, 0, 1e-10, 1e-5, 0.5, 1, 20, 700, 710, double.NegativeInfinity, double.PositiveInfinity];

    public static TheoryData<string, double[], double[], double[]> Reference => new()
    {
        { "erf", ErfIn,
            [-0.9999992569016276, -0.9103139782296354, -0.3286267594591274, -1.1283791670955126e-10, 0.0, 1.1283791670955126e-12, 0.27632639016823696, 0.6778011938374184, 0.9661051464753108, 0.9999589021219005, 0.9999999999984626, 1.0],
            [-0.9999992847442627, -0.9103139638900757, -0.3286267817020416, -1.1283791956362421e-10, 0.0, 1.128379182625816e-12, 0.27632638812065125, 0.6778011918067932, 0.9661051630973816, 0.999958872795105, 1.0, 1.0] },
        { "erfc", ErfIn,
            [1.9999992569016276, 1.9103139782296354, 1.3286267594591274, 1.000000000112838, 1.0, 0.9999999999988716, 0.7236736098317631, 0.32219880616258156, 0.033894853524689274, 4.109787809945886e-05, 1.537459794428035e-12, 1.3562611692059042e-64],
            [1.9999992847442627, 1.9103139638900757, 1.3286267518997192, 1.0, 1.0, 1.0, 0.7236735820770264, 0.3221988081932068, 0.0338948518037796, 4.1097853682003915e-05, 1.5374598295869735e-12, 0.0] },
        { "erfinv", ErfInvIn,
            // exact values (40-digit mpmath): PyTorch 1.13 is 2e-12 off at −0.999999 (−3.458910737283175) and 1e-8 at
            // 0.9999999999 (4.572825001442121), its Newton step computing erf(x) − y with cancellation
            [double.NegativeInfinity, -3.4589107372754988, -1.1630871536766742, -0.47693627620446987, -8.8622692545275806e-9, 0.0, 0.27246271472675435, 0.81341984759761854, 1.8213863677184495, 4.5728249585449249, double.PositiveInfinity, double.NaN, double.NaN],
            // float32: the correctly rounded values (PyTorch's float kernel is up to 4e-6 off: −3.4570882 at −0.999999f)
            [double.NegativeInfinity, -3.4570746421813965, -1.1630871295928955, -0.4769362807273865, -8.862269140763601e-09, 0.0, 0.27246272563934326, 0.8134198188781738, 1.8213865756988525, double.PositiveInfinity, double.PositiveInfinity, double.NaN, double.NaN] },
        { "log2", LogIn,
            [-996.5784284662087, -9.965784284662087, -1.0, 0.0, 1.0, 1.584962500721156, 10.0, 33.219280948873624, double.NegativeInfinity, double.NaN, double.PositiveInfinity],
            [double.NegativeInfinity, -9.965784072875977, -1.0, 0.0, 1.0, 1.5849624872207642, 10.0, 33.21928024291992, double.NegativeInfinity, double.NaN, double.PositiveInfinity] },
        { "log10", LogIn,
            [-300.0, -3.0, -0.3010299956639812, 0.0, 0.3010299956639812, 0.47712125471966244, 3.010299956639812, 10.0, double.NegativeInfinity, double.NaN, double.PositiveInfinity],
            [double.NegativeInfinity, -3.0, -0.3010300099849701, 0.0, 0.3010300099849701, 0.4771212637424469, 3.0102999210357666, 10.0, double.NegativeInfinity, double.NaN, double.PositiveInfinity] },
        { "exp2", Exp2In,
            [5e-324, 0.0009765625, 0.5, 0.7071067811865476, 1.0, 1.4142135623730951, 2.0, 1024.0, 8.98846567431158e+307, double.PositiveInfinity, 0.0, double.NaN],
            [0.0, 0.0009765625, 0.5, 0.7071067690849304, 1.0, 1.4142135381698608, 2.0, 1024.0, double.PositiveInfinity, double.PositiveInfinity, 0.0, double.NaN] },
        { "expm1", Expm1In,
            [-1.0, -0.6321205588285577, -9.999950000166666e-06, -9.999999999999995e-16, 0.0, 1.00000000005e-10, 1.0000050000166668e-05, 0.6487212707001282, 1.7182818284590453, 485165194.4097903, 1.0142320547350045e+304, double.PositiveInfinity, -1.0, double.PositiveInfinity],
            [-1.0, -0.6321205496788025, -9.999949725170154e-06, -1.0000000036274937e-15, 0.0, 1.000000013351432e-10, 1.0000049769587349e-05, 0.6487212777137756, 1.718281865119934, 485165184.0, double.PositiveInfinity, double.PositiveInfinity, -1.0, double.PositiveInfinity] },
    };

    private static Func<Tensor, Tensor> Op(string name) => name switch
    {
        "erf" => Torch.Erf,
        "erfc" => Torch.Erfc,
        "erfinv" => Torch.Erfinv,
        "log2" => Torch.Log2,
        "log10" => Torch.Log10,
        "exp2" => Torch.Exp2,
        _ => Torch.Expm1,
    };

    [Theory]
    [MemberData(nameof(Reference))]
    public void MatchesPyTorchInFloat64AndFloat32(string name, double[] input, double[] f64, double[] f32)
    {
        var x = F64(input);
        var y = Op(name)(x);
        Assert.Equal(DType.Float64, y.DType);
        Values(f64, y, rtol: 1e-14, atol: 1e-300);
        var y32 = Op(name)(x.To(DType.Float32));
        Assert.Equal(DType.Float32, y32.DType);
        Values(f32, y32, rtol: 4e-7, atol: 1e-45);
    }

    public static TheoryData<string, double[]> Transposed => new()
    {
        { "erf", [0.3286267594591274, 0.9953222650189527, -0.6778011938374184, -0.05637197779701663, 0.8802050695740817, 0.6038560908479259] },
        { "erfc", [0.6713732405408726, 0.004677734981047265, 1.6778011938374184, 1.0563719777970166, 0.11979493042591827, 0.3961439091520741] },
        { "exp2", [1.2311444133449163, 4.0, 0.6155722066724582, 0.9659363289248456, 2.1435469250725863, 1.515716566510398] },
        { "expm1", [0.3498588075760031, 6.38905609893065, -0.5034146962085905, -0.04877057549928599, 2.0041660239464334, 0.8221188003905089] },
    };

    [Theory]
    [MemberData(nameof(Transposed))]
    public void TransposedInputsMatchPyTorch(string name, double[] expected)
    {
        var m = Torch.FromArray(new double[,] { { 0.3, -0.7, 1.1 }, { 2.0, -0.05, 0.6 } });
        var y = Op(name)(m.T);
        Shape([3, 2], y);
        Values(expected, y, rtol: 1e-14);
    }

    [Fact]
    public void LogsAndErfinvOfTransposedInput()
    {
        var m = Torch.FromArray(new double[,] { { 0.3, -0.7, 1.1 }, { 2.0, -0.05, 0.6 } });
        Values([-1.7369655941662063, 1.0, -0.5145731728297583, -4.321928094887363, 0.13750352374993502, -0.7369655941662062], Torch.Log2(m.Abs().T), 1e-14);
        Values([-0.5228787452803376, 0.3010299956639812, -0.1549019599857432, -1.3010299956639813, 0.04139268515822508, -0.2218487496163564], Torch.Log10(m.Abs().T), 1e-14);
        Values([0.10675135602818442, 0.9061938024368233, -0.2534686434838657, -0.01772639502667802, 0.4121311821484655, 0.21600753678729465], Torch.Erfinv((m / 2.5).T), 1e-14);
    }

    public static TheoryData<string, double[]> IntegerInputs => new()
    {
        { "erf", [0.0, 0.8427007794380188, 0.9953222870826721, 0.9999778866767883] },
        { "erfc", [1.0, 0.15729920566082, 0.004677735269069672, 2.2090496713644825e-05] },
        { "erfinv", [0.0, double.PositiveInfinity, double.NaN, double.NaN] },
        { "log2", [double.NegativeInfinity, 0.0, 1.0, 1.5849624872207642] },
        { "log10", [double.NegativeInfinity, 0.0, 0.3010300099849701, 0.4771212637424469] },
        { "exp2", [1.0, 2.0, 4.0, 8.0] },
        { "expm1", [0.0, 1.718281865119934, 6.389056205749512, 19.08553695678711] },
    };

    [Theory]
    [MemberData(nameof(IntegerInputs))]
    public void IntegerAndBoolInputsGiveTheDefaultFloatDType(string name, double[] expected)
    {
        foreach (var dt in new[] { DType.Int64, DType.Int32, DType.UInt8 })
        {
            var y = Op(name)(Ints(dt, 0, 1, 2, 3));
            Assert.Equal(DType.Float32, y.DType);
            Values(expected, y, rtol: 4e-7);
        }
        var b = Op(name)(Ints(DType.Bool, 0, 1));
        Assert.Equal(DType.Float32, b.DType);
        Values(expected[..2], b, rtol: 4e-7);
        var previous = Torch.GetDefaultDType();
        try
        {
            Torch.SetDefaultDType(DType.Float64);
            Assert.Equal(DType.Float64, Op(name)(Ints(DType.Int32, 1)).DType);
        }
        finally { Torch.SetDefaultDType(previous); }
    }

    [Theory]
    [InlineData("erf")]
    [InlineData("erfc")]
    [InlineData("erfinv")]
    [InlineData("log2")]
    [InlineData("log10")]
    [InlineData("exp2")]
    [InlineData("expm1")]
    public void HalfPrecisionComputesInFloat32AndKeepsItsDType(string name)
    {
        var x = F64(0.25, 0.5, 0.75);
        foreach (var dt in new[] { DType.Float16, DType.BFloat16 })
        {
            var y = Op(name)(x.To(dt));
            Assert.Equal(dt, y.DType);
            // rounding the float32 result once
            Values(Op(name)(x.To(dt).To(DType.Float32)).To(dt).ToArray<double>(), y, rtol: 0);
        }
    }

    [Theory]
    [InlineData("erf")]
    [InlineData("erfc")]
    [InlineData("erfinv")]
    [InlineData("log2")]
    [InlineData("log10")]
    [InlineData("exp2")]
    [InlineData("expm1")]
    public void GradCheck(string name)
    {
        var f = Op(name);
        // inside every domain: (0.5, 1.5) for the logs, (-0.8, 0.8) for erfinv
        Func<Tensor, Tensor> domain = name switch
        {
            "log2" or "log10" => t => t.Sigmoid() + 0.5,
            "erfinv" => t => t.Tanh() * 0.8,
            _ => t => t,
        };
        GradOk(x => f(domain(x[0])), Input(2, 3));
        GradOk(x => f(domain(x[0])), TransposedInput(3, 4));
        GradOk(x => f(domain(x[0])).Expand(2, 3), Input(3)); // broadcast use of the result
        GradOk(x => f(domain(x[0])), Input(1));
        GradOk(x => f(domain(x[0])), Input(0, 3));
    }

    [Fact]
    public void EmptyAndOneElementShapes()
    {
        Shape([0, 3], Torch.Erf(Torch.Zeros(0, 3)));
        Values([0.8427007929497149], Torch.Erf(F64(1.0)), 1e-15);
        Shape([], Torch.Expm1(Torch.Scalar(0.5, DType.Float64)));
    }

    [Fact]
    public void InPlaceVariantsWriteIntoTheTensorAndRejectIntegers()
    {
        var x = F64(0.5, 1.0);
        Assert.Same(x, x.Expm1_());
        Values([0.6487212707001282, 1.7182818284590453], x, 1e-15);
        var ex = Assert.Throws<ArgumentException>(() => Ints(DType.Int64, 1, 2).Erf_());
        Assert.Contains("erf_", ex.Message);
        Assert.Contains("Long", ex.Message);
    }

    [Fact]
    public void TailsKeepTheirRelativeAccuracy()
    {
        // erfc(10) ≈ 2.09e-45 and expm1(1e-300) = 1e-300: no cancellation
        Values([2.088487583762545e-45], Torch.Erfc(F64(10)), 1e-13);
        Values([1e-300], Torch.Expm1(F64(1e-300)), 1e-15);
        Values([-8.862269254527579e-301], Torch.Erfinv(F64(-1e-300)), 1e-14);
    }

    [Fact]
    public void ErfinvInvertsErfAcrossTheRange()
    {
        var ys = new List<double>();
        for (int i = -999; i <= 999; i++) ys.Add(i / 1000.0);
        for (int k = 4; k <= 15; k++) { ys.Add(1 - Math.Pow(10, -k)); ys.Add(-1 + Math.Pow(10, -k)); ys.Add(Math.Pow(10, -3 * k)); }
        var y = F64([.. ys]);
        var x = Torch.Erfinv(y);
        // erf(x) = y near 0; erfc(|x|) = 1 − |y| in the tails (relative)
        var back = Torch.Erf(x).ToArray<double>();
        var tail = Torch.Erfc(x.Abs()).ToArray<double>();
        for (int i = 0; i < ys.Count; i++)
        {
            double a = Math.Abs(ys[i]);
            if (a < 0.5) Assert.True(Math.Abs(back[i] - ys[i]) <= 1e-15 * Math.Max(a, 1e-300) + 1e-300, $"y = {ys[i]:R}: erf(erfinv(y)) = {back[i]:R}");
            else Assert.True(Math.Abs(tail[i] - (1 - a)) <= 1e-14 * (1 - a), $"y = {ys[i]:R}: erfc(erfinv(|y|)) = {tail[i]:R}, 1 − |y| = {1 - a:R}");
        }
    }
}
