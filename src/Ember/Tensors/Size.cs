using System.Collections;

namespace Ember;

/// <summary>
/// The shape of a tensor (PyTorch's <c>torch.Size</c>): an immutable list of dimension sizes.
/// Prints as <c>[2, 3]</c>.
/// </summary>
[System.Runtime.CompilerServices.CollectionBuilder(typeof(Size), nameof(Create))]
public readonly struct Size : IReadOnlyList<int>, IEquatable<Size>
{
    private readonly int[]? _dims;

    /// <summary>Creates a shape from dimension sizes (copied): <c>new Size(2, 3)</c>.</summary>
    /// <param name="dims">The sizes, outermost first.</param>
    public Size(params ReadOnlySpan<int> dims) => _dims = dims.ToArray();

    /// <summary>Creates a shape from a collection expression: <c>Size s = [2, 3];</c> or <c>x.View([2, -1])</c>.</summary>
    /// <param name="dims">The sizes, outermost first.</param>
    public static Size Create(ReadOnlySpan<int> dims) => new(dims);

    private Size(int[] dims, bool _) => _dims = dims;

    internal static Size Wrap(int[] dims) => new(dims, true);

    internal int[] Array => _dims ?? System.Array.Empty<int>();

    /// <summary>The number of dimensions.</summary>
    public int Count => Array.Length;

    /// <summary>The size of dimension <paramref name="index"/>; negative indices count from the end.</summary>
    /// <param name="index">The dimension, in [-Count, Count).</param>
    /// <exception cref="IndexOutOfRangeException">The dimension is out of range.</exception>
    public int this[int index]
    {
        get
        {
            var a = Array;
            int d = index < 0 ? index + a.Length : index;
            if ((uint)d >= (uint)a.Length)
                throw new IndexOutOfRangeException($"Size: dimension {index} is out of range for a shape with {a.Length} dimensions");
            return a[d];
        }
    }

    /// <summary>The number of elements a tensor of this shape holds (1 for a scalar).</summary>
    /// <exception cref="InvalidOperationException">The product of the sizes is more than <see cref="int.MaxValue"/>.</exception>
    public int Numel
    {
        get
        {
            // In double: a long product of several large sizes wraps around, even to a small number.
            double n = 1;
            foreach (var d in Array) n *= d;
            if (n > int.MaxValue)
                throw new InvalidOperationException($"numel: the shape {this} has {n:0.################} elements, more than {int.MaxValue}");
            return (int)n;
        }
    }

    /// <summary>Copies the sizes into a new array.</summary>
    public int[] ToArray() => (int[])Array.Clone();

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Array).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(Size other) => Array.AsSpan().SequenceEqual(other.Array);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Size s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Array) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Shapes are equal when they have the same sizes.</summary>
    public static bool operator ==(Size a, Size b) => a.Equals(b);

    /// <summary>Shapes differ when any size differs.</summary>
    public static bool operator !=(Size a, Size b) => !a.Equals(b);

    /// <summary>Converts an array of sizes to a shape.</summary>
    public static implicit operator Size(int[] dims) => new(dims);

    /// <summary>The sizes as a span (no copy).</summary>
    /// <param name="size">The shape.</param>
    public static implicit operator ReadOnlySpan<int>(Size size) => size.Array;

    /// <summary>Formats as <c>[2, 3]</c>.</summary>
    public override string ToString() => Format(Array);

    internal static string Format(ReadOnlySpan<int> dims) => "[" + string.Join(", ", dims.ToArray()) + "]";
}
