namespace Ember;

/// <summary>
/// An int-or-tuple argument as PyTorch's convolution and padding functions take it: a single int applied to every
/// spatial dimension (<c>stride: 2</c>), a pair (<c>stride: (2, 1)</c>) or an array (<c>stride: [2, 1]</c>). The
/// default value (<c>default</c>) stands for the argument's PyTorch default.
/// </summary>
public readonly struct IntTuple : IEquatable<IntTuple>
{
    private readonly int[]? _values;

    /// <summary>A tuple of the given values (the array is copied).</summary>
    /// <param name="values">The values, one per spatial dimension (or a single one for all).</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public IntTuple(params int[] values) => _values = (int[])(values ?? throw new ArgumentNullException(nameof(values))).Clone();

    /// <summary>Whether this is the default (no value given).</summary>
    public bool IsDefault => _values is null;

    /// <summary>The values given (empty for the default).</summary>
    public IReadOnlyList<int> Values => _values is null ? [] : Array.AsReadOnly(_values);

    /// <summary>One int for every dimension.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator IntTuple(int value) => new([value]);

    /// <summary>A pair (height, width).</summary>
    /// <param name="value">The pair.</param>
    public static implicit operator IntTuple((int, int) value) => new([value.Item1, value.Item2]);

    /// <summary>Four values (padding modules: left, right, top, bottom).</summary>
    /// <param name="value">The values.</param>
    public static implicit operator IntTuple((int, int, int, int) value) => new([value.Item1, value.Item2, value.Item3, value.Item4]);

    /// <summary>An array, one value per dimension (null is the default).</summary>
    /// <param name="values">The values.</param>
    public static implicit operator IntTuple(int[]? values) => values is null ? default : new(values);

    /// <summary>The values expanded to <paramref name="dims"/> entries (a single value repeated; the default gives <paramref name="fallback"/>).</summary>
    /// <exception cref="ArgumentException">The tuple has neither 1 nor <paramref name="dims"/> values.</exception>
    internal int[] Expand(int dims, int fallback, string op, string name)
    {
        if (_values is null) return Enumerable.Repeat(fallback, dims).ToArray();
        if (_values.Length == 1) return Enumerable.Repeat(_values[0], dims).ToArray();
        if (_values.Length != dims)
            throw new ArgumentException($"{op}: {name} must be an int or a tuple of {dims} ints, got {this}", name);
        return (int[])_values.Clone();
    }

    /// <summary>The values as a Python tuple (<c>(2, 1)</c>), or <c>default</c>.</summary>
    public override string ToString() => _values is null ? "default" : NN.PyRepr.Tuple(_values);

    /// <summary>Whether both hold the same values.</summary>
    /// <param name="other">The other tuple.</param>
    public bool Equals(IntTuple other) => Values.SequenceEqual(other.Values) && IsDefault == other.IsDefault;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IntTuple t && Equals(t);

    /// <inheritdoc/>
    public override int GetHashCode() => _values is null ? 0 : _values.Aggregate(17, (h, v) => h * 31 + v);

    /// <summary>Equality of values.</summary>
    public static bool operator ==(IntTuple left, IntTuple right) => left.Equals(right);

    /// <summary>Inequality of values.</summary>
    public static bool operator !=(IntTuple left, IntTuple right) => !left.Equals(right);
}

/// <summary>
/// A convolution's padding: an int or tuple of ints (implicit padding on both sides of each spatial dimension, e.g.
/// <c>padding: 1</c> or <c>padding: (1, 2)</c>), or one of the strings <c>"valid"</c> (no padding) and <c>"same"</c>
/// (output size = input size, stride 1 only; when the total padding is odd the extra one goes on the right/bottom, as
/// PyTorch). The default value is 0.
/// </summary>
public readonly struct ConvPadding : IEquatable<ConvPadding>
{
    /// <summary>The explicit sizes (default: 0).</summary>
    public IntTuple Sizes { get; }

    /// <summary>"same" or "valid", or null for explicit sizes.</summary>
    public string? Mode { get; }

    private ConvPadding(IntTuple sizes, string? mode) => (Sizes, Mode) = (sizes, mode);

    /// <summary>The same padding on both sides of every dimension.</summary>
    /// <param name="value">The padding.</param>
    public static implicit operator ConvPadding(int value) => new(value, null);

    /// <summary>Padding (height, width).</summary>
    /// <param name="value">The pair.</param>
    public static implicit operator ConvPadding((int, int) value) => new(value, null);

    /// <summary>Padding per dimension.</summary>
    /// <param name="values">The values (null is the default, 0).</param>
    public static implicit operator ConvPadding(int[]? values) => new(values, null);

    /// <summary>Explicit sizes.</summary>
    /// <param name="sizes">The sizes.</param>
    public static implicit operator ConvPadding(IntTuple sizes) => new(sizes, null);

    /// <summary><c>"same"</c> or <c>"valid"</c> (checked by the convolution that receives it; null is the default, 0).</summary>
    /// <param name="mode">The mode.</param>
    public static implicit operator ConvPadding(string? mode) => new(default, mode);

    /// <summary>PyTorch's text: <c>same</c>, <c>valid</c> or the tuple.</summary>
    public override string ToString() => Mode ?? (Sizes.IsDefault ? "(0,)" : Sizes.ToString());

    /// <summary>Whether both are the same padding.</summary>
    /// <param name="other">The other padding.</param>
    public bool Equals(ConvPadding other) => Mode == other.Mode && Sizes == other.Sizes;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ConvPadding p && Equals(p);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Mode, Sizes);

    /// <summary>Equality.</summary>
    public static bool operator ==(ConvPadding left, ConvPadding right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ConvPadding left, ConvPadding right) => !left.Equals(right);
}
