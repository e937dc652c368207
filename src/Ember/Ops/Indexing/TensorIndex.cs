namespace Ember;

/// <summary>
/// One entry of an indexing expression <c>x[...]</c> (PyTorch's / NumPy's indexing), built implicitly from
/// an <see cref="int"/> (select; negative counts from the end), a <see cref="System.Index"/> (<c>^1</c>), a
/// <see cref="System.Range"/> (<c>1..3</c>, <c>..</c>, <c>^2..</c>: a slice), a <see cref="Tensor"/> (a bool mask or
/// int64 indices), or from <see cref="Slice"/>, <see cref="Ellipsis"/>, <see cref="None"/> and <see cref="Colon"/>.
/// </summary>
/// <example><c>x[0, 1..3]</c>, <c>x[TensorIndex.Ellipsis, ^1]</c>, <c>x[TensorIndex.Slice(null, null, 2), TensorIndex.None]</c>, <c>x[mask]</c>.</example>
public readonly struct TensorIndex
{
    internal enum IndexKind { Integer, Slice, Ellipsis, NewAxis, Tensor }

    internal IndexKind Kind { get; }

    // Integer: Value, FromEnd. Slice: Start/Stop (null = open) with FromEnd flags, Step > 0.
    internal int Value { get; }
    internal bool FromEnd { get; }
    internal int? Start { get; }
    internal bool StartFromEnd { get; }
    internal int? Stop { get; }
    internal bool StopFromEnd { get; }
    internal int Step { get; }
    internal Tensor? TensorValue { get; }

    private TensorIndex(IndexKind kind, int value = 0, bool fromEnd = false, int? start = null, bool startFromEnd = false,
        int? stop = null, bool stopFromEnd = false, int step = 1, Tensor? tensor = null)
    {
        Kind = kind;
        Value = value;
        FromEnd = fromEnd;
        Start = start;
        StartFromEnd = startFromEnd;
        Stop = stop;
        StopFromEnd = stopFromEnd;
        Step = step;
        TensorValue = tensor;
    }

    /// <summary>Selects one entry (the dimension is removed); negative values count from the end.</summary>
    /// <param name="index">The index, in [-size, size).</param>
    public static implicit operator TensorIndex(int index) => new(IndexKind.Integer, index);

    /// <summary>Selects one entry; <c>^1</c> is the last.</summary>
    /// <param name="index">The index.</param>
    public static implicit operator TensorIndex(Index index) => new(IndexKind.Integer, index.Value, index.IsFromEnd);

    /// <summary>A slice view with step 1: <c>1..3</c>, <c>..</c>, <c>^2..</c>; bounds are clamped to the dimension, like Python's.</summary>
    /// <param name="range">The range.</param>
    public static implicit operator TensorIndex(Range range) =>
        new(IndexKind.Slice, start: range.Start.Value, startFromEnd: range.Start.IsFromEnd,
            stop: range.End.IsFromEnd && range.End.Value == 0 ? null : range.End.Value, stopFromEnd: range.End.IsFromEnd);

    /// <summary>
    /// A tensor index: a bool mask selects the positions where it is true (its shape must match the
    /// dimensions it covers); an int64 tensor selects entries along one dimension (negative values count
    /// from the end). The result is a copy.
    /// </summary>
    /// <param name="tensor">A bool or int64 tensor.</param>
    public static implicit operator TensorIndex(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return new(IndexKind.Tensor, tensor: tensor);
    }

    /// <summary>
    /// A Python slice <c>start:stop:step</c>: null bounds are open, negative bounds count from the end, and
    /// bounds are clamped to the dimension.
    /// </summary>
    /// <param name="start">The first index, or null for the beginning.</param>
    /// <param name="stop">The index to stop before, or null for the end.</param>
    /// <param name="step">The stride; must be positive (default 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not positive.</exception>
    public static TensorIndex Slice(int? start = null, int? stop = null, int step = 1)
    {
        if (step <= 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"slice: step must be greater than zero, got {step}");
        return new(IndexKind.Slice, start: start, stop: stop, step: step);
    }

    /// <summary>Selects one entry (the same as the implicit conversion from <see cref="int"/>).</summary>
    /// <param name="index">The index; negative counts from the end.</param>
    public static TensorIndex Single(int index) => index;

    /// <summary>The whole dimension (Python's <c>:</c>).</summary>
    public static TensorIndex Colon => new(IndexKind.Slice);

    /// <summary>As many whole dimensions as needed to index all dimensions (Python's <c>...</c>).</summary>
    public static TensorIndex Ellipsis => new(IndexKind.Ellipsis);

    /// <summary>Inserts a new dimension of size 1 (Python's <c>None</c>).</summary>
    public static TensorIndex None => new(IndexKind.NewAxis);

    /// <summary>Python-style text of this index, e.g. <c>1:3:2</c>, <c>...</c>, <c>^1</c>.</summary>
    public override string ToString() => Kind switch
    {
        IndexKind.Integer => FromEnd ? $"^{Value}" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IndexKind.Slice => $"{Bound(Start, StartFromEnd)}:{Bound(Stop, StopFromEnd)}" + (Step != 1 ? $":{Step}" : ""),
        IndexKind.Ellipsis => "...",
        IndexKind.NewAxis => "None",
        _ => $"tensor({TensorValue!.Shape} {TensorValue.DType.TorchName()})",
    };

    private static string Bound(int? v, bool fromEnd) => v is int x ? (fromEnd ? $"^{x}" : x.ToString(System.Globalization.CultureInfo.InvariantCulture)) : "";

    /// <summary>Resolves a slice bound against a dimension of <paramref name="size"/>, clamped to [0, size].</summary>
    internal static int ResolveBound(int? v, bool fromEnd, int size, int open)
    {
        if (v is not int x) return open;
        long p = fromEnd ? (long)size - x : x < 0 ? (long)x + size : x;
        return (int)Math.Clamp(p, 0, size);
    }
}
