using System.Numerics;
using System.Runtime.InteropServices;
using Xunit;

namespace Ember.Tests.Kernels;

/// <summary>Test data with IEEE special values and bit-exact comparisons, for the vector driver's tests.</summary>
internal static class VectorBits
{
    /// <summary>Special values mixed into the data: NaN, ±∞, ±0, subnormals, huge and tiny magnitudes.</summary>
    private static readonly double[] Specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, 1e-40, -1e-310, 1e30, -3e38, 1.0];

    /// <summary>Fills <paramref name="s"/> with uniform values in [lo, hi), about one in eight replaced by a special value when asked.</summary>
    public static void Fill<T>(Span<T> s, Random r, bool specials, double lo = -2, double hi = 2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < s.Length; i++)
            s[i] = T.CreateTruncating(specials && r.Next(8) == 0 ? Specials[r.Next(Specials.Length)] : lo + (hi - lo) * r.NextDouble());
    }

    /// <summary>A new array of <paramref name="n"/> + <paramref name="offset"/> elements filled by <see cref="Fill{T}"/>.</summary>
    public static T[] Data<T>(int n, int offset, Random r, bool specials, double lo = -2, double hi = 2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new T[n + offset];
        Fill<T>(a, r, specials, lo, hi);
        return a;
    }

    private static string Hex<T>(ReadOnlySpan<T> one) where T : unmanaged => Convert.ToHexString(MemoryMarshal.AsBytes(one));

    /// <summary>
    /// Asserts that two spans hold the same bits, naming the first differing element; a NaN matches any NaN (when two
    /// NaN operands meet, IEEE 754 lets the result be either, and the JIT may order a commutative operation's operands
    /// differently in scalar and vector code, so the sign and payload of such a NaN are not part of the contract).
    /// </summary>
    public static void Equal<T>(ReadOnlySpan<T> want, ReadOnlySpan<T> got, string context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(want.Length, got.Length);
        if (MemoryMarshal.AsBytes(want).SequenceEqual(MemoryMarshal.AsBytes(got))) return;
        for (int i = 0; i < want.Length; i++)
        {
            if (T.IsNaN(want[i]) && T.IsNaN(got[i])) continue;
            if (!MemoryMarshal.AsBytes(want.Slice(i, 1)).SequenceEqual(MemoryMarshal.AsBytes(got.Slice(i, 1))))
                Assert.Fail($"{context}: element {i} of {want.Length} differs: want {want[i]} ({Hex(want.Slice(i, 1))}), got {got[i]} ({Hex(got.Slice(i, 1))})");
        }
    }
}
