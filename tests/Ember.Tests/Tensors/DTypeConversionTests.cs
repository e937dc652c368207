namespace Ember.Tests.Tensors;

/// <summary>
/// Conversions between every pair of the eight dtypes (<c>To</c>), with PyTorch 1.13's results on x86 for
/// NaN, infinities, out-of-range values, negative values into uint8 and float16/bfloat16 rounding (ties to even).
/// Reference values generated with PyTorch 1.13 (<c>t.to(dtype)</c>).
/// </summary>
public class DTypeConversionTests
{
    private static readonly Dictionary<string, DType> Names = new()
    {
        ["F32"] = DType.Float32, ["F64"] = DType.Float64, ["I64"] = DType.Int64, ["B"] = DType.Bool,
        ["U8"] = DType.UInt8, ["I32"] = DType.Int32, ["F16"] = DType.Float16, ["BF16"] = DType.BFloat16,
    };

    private static readonly Dictionary<DType, double[]> FloatSources = new()
    {
        [DType.Float64] = [-1.0, 300.0, 1e20, double.NaN, 2.7, -2.7, 255.9, double.PositiveInfinity, double.NegativeInfinity, 65520.0, 1e-8, -0.0, 3e9, -3e9, 1.00048828125, 1.0009765625 * 3, 0.1],
        [DType.Float32] = [-1.0, 300.0, 1e20, double.NaN, 2.7, -2.7, 255.9, double.PositiveInfinity, 65519.0, 1e-8, -0.0, 1.00048828125, 0.1, 3.4e38],
        [DType.Float16] = [1.5, -2.25, 65504.0, double.NaN, double.NegativeInfinity, 6e-08],
        [DType.BFloat16] = [1.5, -2.25, 3e38, double.NaN, 1e-30],
    };

    private static readonly Dictionary<DType, long[]> IntegerSources = new()
    {
        [DType.Int64] = [-1, 300, (1L << 40) + 5, long.MinValue, long.MaxValue, 65504, 65536, 16777217],
        [DType.Int32] = [-1, 300, int.MinValue, int.MaxValue],
        [DType.UInt8] = [0, 1, 128, 255],
        [DType.Bool] = [1, 0],
    };

    // "source target values…" (floats exactly, bools as 0/1).
    private static readonly string[] Expected =
    [
        "F64 F32 -1.0 300.0 1.0000000200408773e+20 nan 2.700000047683716 -2.700000047683716 255.89999389648438 inf -inf 65520.0 9.99999993922529e-09 -0.0 3000000000.0 -3000000000.0 1.00048828125 3.0029296875 0.10000000149011612",
        "F64 F64 -1.0 300.0 1e+20 nan 2.7 -2.7 255.9 inf -inf 65520.0 1e-08 -0.0 3000000000.0 -3000000000.0 1.00048828125 3.0029296875 0.1",
        "F64 I64 -1 300 -9223372036854775808 -9223372036854775808 2 -2 255 -9223372036854775808 -9223372036854775808 65520 0 0 3000000000 -3000000000 1 3 0",
        "F64 B 1 1 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1",
        "F64 U8 255 44 0 0 2 254 255 0 0 240 0 0 0 0 1 3 0",
        "F64 I32 -1 300 -2147483648 -2147483648 2 -2 255 -2147483648 -2147483648 65520 0 0 -2147483648 -2147483648 1 3 0",
        "F64 F16 -1.0 300.0 inf nan 2.69921875 -2.69921875 255.875 inf -inf inf 0.0 -0.0 inf -inf 1.0 3.00390625 0.0999755859375",
        "F64 BF16 -1.0 300.0 9.972771014849226e+19 nan 2.703125 -2.703125 256.0 inf -inf 65536.0 1.0011717677116394e-08 -0.0 3003121664.0 -3003121664.0 1.0 3.0 0.10009765625",
        "F32 F32 -1.0 300.0 1.0000000200408773e+20 nan 2.700000047683716 -2.700000047683716 255.89999389648438 inf 65519.0 9.99999993922529e-09 -0.0 1.00048828125 0.10000000149011612 3.3999999521443642e+38",
        "F32 F64 -1.0 300.0 1.0000000200408773e+20 nan 2.700000047683716 -2.700000047683716 255.89999389648438 inf 65519.0 9.99999993922529e-09 -0.0 1.00048828125 0.10000000149011612 3.3999999521443642e+38",
        "F32 I64 -1 300 -9223372036854775808 -9223372036854775808 2 -2 255 -9223372036854775808 65519 0 0 1 0 -9223372036854775808",
        "F32 B 1 1 1 1 1 1 1 1 1 1 0 1 1 1",
        "F32 U8 255 44 0 0 2 254 255 0 239 0 0 1 0 0",
        "F32 I32 -1 300 -2147483648 -2147483648 2 -2 255 -2147483648 65519 0 0 1 0 -2147483648",
        "F32 F16 -1.0 300.0 inf nan 2.69921875 -2.69921875 255.875 inf 65504.0 0.0 -0.0 1.0 0.0999755859375 inf",
        "F32 BF16 -1.0 300.0 9.972771014849226e+19 nan 2.703125 -2.703125 256.0 inf 65536.0 1.0011717677116394e-08 -0.0 1.0 0.10009765625 inf",
        "I64 F32 -1.0 300.0 1099511627776.0 -9.223372036854776e+18 9.223372036854776e+18 65504.0 65536.0 16777216.0",
        "I64 F64 -1.0 300.0 1099511627781.0 -9.223372036854776e+18 9.223372036854776e+18 65504.0 65536.0 16777217.0",
        "I64 I64 -1 300 1099511627781 -9223372036854775808 9223372036854775807 65504 65536 16777217",
        "I64 B 1 1 1 1 1 1 1 1",
        "I64 U8 255 44 5 0 255 224 0 1",
        "I64 I32 -1 300 5 0 -1 65504 65536 16777217",
        "I64 F16 -1.0 300.0 inf -inf inf 65504.0 inf inf",
        "I64 BF16 -1.0 300.0 1099511627776.0 -9.223372036854776e+18 9.223372036854776e+18 65536.0 65536.0 16777216.0",
        "I32 F32 -1.0 300.0 -2147483648.0 2147483648.0",
        "I32 F64 -1.0 300.0 -2147483648.0 2147483647.0",
        "I32 I64 -1 300 -2147483648 2147483647",
        "I32 B 1 1 1 1",
        "I32 U8 255 44 0 255",
        "I32 I32 -1 300 -2147483648 2147483647",
        "I32 F16 -1.0 300.0 -inf inf",
        "I32 BF16 -1.0 300.0 -2147483648.0 2147483648.0",
        "U8 F32 0.0 1.0 128.0 255.0",
        "U8 F64 0.0 1.0 128.0 255.0",
        "U8 I64 0 1 128 255",
        "U8 B 0 1 1 1",
        "U8 U8 0 1 128 255",
        "U8 I32 0 1 128 255",
        "U8 F16 0.0 1.0 128.0 255.0",
        "U8 BF16 0.0 1.0 128.0 255.0",
        "B F32 1.0 0.0",
        "B F64 1.0 0.0",
        "B I64 1 0",
        "B B 1 0",
        "B U8 1 0",
        "B I32 1 0",
        "B F16 1.0 0.0",
        "B BF16 1.0 0.0",
        "F16 F32 1.5 -2.25 65504.0 nan -inf 5.960464477539063e-08",
        "F16 F64 1.5 -2.25 65504.0 nan -inf 5.960464477539063e-08",
        "F16 I64 1 -2 65504 -9223372036854775808 -9223372036854775808 0",
        "F16 B 1 1 1 1 1 1",
        "F16 U8 1 254 224 0 0 0",
        "F16 I32 1 -2 65504 -2147483648 -2147483648 0",
        "F16 F16 1.5 -2.25 65504.0 nan -inf 5.960464477539063e-08",
        "F16 BF16 1.5 -2.25 65536.0 nan -inf 5.960464477539063e-08",
        "BF16 F32 1.5 -2.25 3.00405527047391e+38 nan 9.98402083170343e-31",
        "BF16 F64 1.5 -2.25 3.00405527047391e+38 nan 9.98402083170343e-31",
        "BF16 I64 1 -2 -9223372036854775808 -9223372036854775808 0",
        "BF16 B 1 1 1 1 1",
        "BF16 U8 1 254 0 0 0",
        "BF16 I32 1 -2 -2147483648 -2147483648 0",
        "BF16 F16 1.5 -2.25 inf nan 0.0",
        "BF16 BF16 1.5 -2.25 3.00405527047391e+38 nan 9.98402083170343e-31"
    ];

    private static Tensor Source(DType dt) => FloatSources.TryGetValue(dt, out var f)
        ? Torch.FromArray(f).To(dt)
        : dt == DType.Bool ? Torch.FromArray(IntegerSources[dt].Select(v => v != 0).ToArray()) : Torch.FromArray(IntegerSources[dt]).To(dt);

    [Fact]
    public void EveryPairConvertsLikePyTorch()
    {
        Assert.Equal(64, Expected.Length);
        foreach (var row in Expected)
        {
            var p = row.Split(' ');
            var y = Source(Names[p[0]]).To(Names[p[1]]);
            Assert.Equal(Names[p[1]], y.DType);
            var expected = p[2..];
            if (y.DType.IsFloatingPoint())
            {
                var actual = y.ToArray<double>();
                for (int i = 0; i < expected.Length; i++)
                {
                    double e = ParsePython(expected[i]);
                    Assert.True(e.Equals(actual[i]) && (double.IsNaN(e) || double.IsNegative(e) == double.IsNegative(actual[i])), $"{row}: element {i} is {actual[i]:R}");
                }
            }
            else
            {
                var actual = y.ToArray<long>();
                Assert.True(expected.Select(long.Parse).SequenceEqual(actual), $"{row}: got {string.Join(' ', actual)}");
            }
        }
    }

    /// <summary>Python's float repr (nan, inf, -inf and decimals).</summary>
    private static double ParsePython(string s) => s switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public void BFloat16RoundsToNearestEven()
    {
        Assert.Equal(0x3F80, ((BFloat16)1.00390625f).RawBits);   // 1 + 2^-8: a tie, to even (down)
        Assert.Equal(0x3F82, ((BFloat16)1.01171875f).RawBits);   // 1 + 3·2^-8: a tie, to even (up)
        Assert.Equal(0x7FC0, ((BFloat16)float.NaN).RawBits);
        Assert.True(BFloat16.IsNaN((BFloat16)float.NaN));
        Assert.Equal(float.PositiveInfinity, (float)(BFloat16)float.MaxValue);
        Assert.Equal(-0.0f, (float)(BFloat16)(-0.0f));
        Assert.True(float.IsNegative((float)(BFloat16)(-0.0f)));
    }
}
