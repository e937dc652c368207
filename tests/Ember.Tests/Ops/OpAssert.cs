namespace Ember.Tests.Ops;

/// <summary>Assertions for the op tests: NaN and ±∞ compare as values, integers and bools exactly.</summary>
internal static class OpAssert
{
    /// <summary>Every element within atol + rtol·|expected|; NaN must be NaN and infinities must match exactly.</summary>
    public static void Values(double[] expected, Tensor actual, double rtol = 1e-12, double atol = 0)
    {
        var a = actual.ToArray<double>();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            double e = expected[i];
            if (double.IsNaN(e)) Assert.True(double.IsNaN(a[i]), $"element {i}: expected NaN, got {a[i]}");
            else if (double.IsInfinity(e)) Assert.True(e == a[i], $"element {i}: expected {e}, got {a[i]}");
            else Assert.True(Math.Abs(e - a[i]) <= atol + rtol * Math.Abs(e), $"element {i}: expected {e:R}, got {a[i]:R}");
        }
    }

    /// <summary>Exact integer elements (any integer or bool dtype).</summary>
    public static void Longs(long[] expected, Tensor actual) => Assert.Equal(expected, actual.ToArray<long>());

    /// <summary>Exact bool elements.</summary>
    public static void Bools(bool[] expected, Tensor actual) => Assert.Equal(expected, actual.ToArray<bool>());

    /// <summary>The shape.</summary>
    public static void Shape(int[] expected, Tensor actual) => Assert.Equal(expected, actual.Shape.ToArray());

    /// <summary>A float64 vector.</summary>
    public static Tensor F64(params double[] values) => Torch.FromArray(values);

    /// <summary>An int64 vector converted to <paramref name="dtype"/>.</summary>
    public static Tensor Ints(DType dtype, params long[] values) => Torch.FromArray(values).To(dtype);

    /// <summary>The signed zero: true for −0.</summary>
    public static bool IsNegativeZero(double v) => v == 0 && double.IsNegative(v);
}
