using System.Globalization;
using System.Runtime.CompilerServices;

namespace Ember;

/// <summary>
/// A 16-bit "brain" float (<c>torch.bfloat16</c>): the upper half of a float32, so float32's range
/// (8 exponent bits) with 8 bits of precision. Conversions from float32 round to nearest even and turn
/// NaN into a quiet NaN, as PyTorch's <c>c10::BFloat16</c>.
/// </summary>
public readonly struct BFloat16 : IEquatable<BFloat16>, IComparable<BFloat16>, IFormattable
{
    /// <summary>The raw bits (sign, 8 exponent bits, 7 mantissa bits).</summary>
    public ushort RawBits { get; }

    private BFloat16(ushort bits, bool _) => RawBits = bits;

    /// <summary>The value with the given raw bits.</summary>
    /// <param name="bits">Sign, 8 exponent bits and 7 mantissa bits.</param>
    public static BFloat16 FromBits(ushort bits) => new(bits, true);

    /// <summary>Rounds a float32 to the nearest bfloat16 (ties to even); NaN gives a quiet NaN.</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static explicit operator BFloat16(float value)
    {
        if (float.IsNaN(value)) return new BFloat16(0x7FC0, true);
        uint bits = BitConverter.SingleToUInt32Bits(value);
        uint roundingBias = ((bits >> 16) & 1) + 0x7FFF;
        return new BFloat16((ushort)((bits + roundingBias) >> 16), true);
    }

    /// <summary>Rounds a float64 to bfloat16 through float32, as PyTorch does.</summary>
    /// <param name="value">The value.</param>
    public static explicit operator BFloat16(double value) => (BFloat16)(float)value;

    /// <summary>The exact float32 value.</summary>
    /// <param name="value">The bfloat16.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator float(BFloat16 value) => BitConverter.UInt32BitsToSingle((uint)value.RawBits << 16);

    /// <summary>The exact float64 value.</summary>
    /// <param name="value">The bfloat16.</param>
    public static implicit operator double(BFloat16 value) => (float)value;

    /// <summary>True for NaN.</summary>
    /// <param name="value">The value.</param>
    public static bool IsNaN(BFloat16 value) => (value.RawBits & 0x7FFF) > 0x7F80;

    /// <summary>Bitwise equality except that NaN equals nothing and +0 equals −0 (IEEE equality).</summary>
    /// <param name="other">The other value.</param>
    public bool Equals(BFloat16 other) => (float)this == (float)other;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BFloat16 b && Equals(b);

    /// <inheritdoc/>
    public override int GetHashCode() => ((float)this).GetHashCode();

    /// <summary>Orders as the float32 values (NaN first, as <see cref="float.CompareTo(float)"/>).</summary>
    /// <param name="other">The other value.</param>
    public int CompareTo(BFloat16 other) => ((float)this).CompareTo((float)other);

    /// <summary>IEEE equality.</summary>
    public static bool operator ==(BFloat16 a, BFloat16 b) => a.Equals(b);

    /// <summary>IEEE inequality.</summary>
    public static bool operator !=(BFloat16 a, BFloat16 b) => !a.Equals(b);

    /// <summary>The shortest float32 text of the value.</summary>
    public override string ToString() => ((float)this).ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats the float32 value.</summary>
    /// <param name="format">A numeric format string, or null.</param>
    /// <param name="formatProvider">The culture, or null for the current one.</param>
    public string ToString(string? format, IFormatProvider? formatProvider) => ((float)this).ToString(format, formatProvider);
}
