namespace Ember.NN;

/// <summary>
/// Splits dimension <see cref="Dim"/> into the sizes <see cref="UnflattenedSize"/> (PyTorch's <c>nn.Unflatten</c>),
/// the inverse of <see cref="Flatten"/>: with dim 1 and sizes (2, 5), [N, 10] → [N, 2, 5]. One size may be -1 (inferred).
/// A view when the layout allows, else a copy.
/// </summary>
public sealed class Unflatten : Module<Tensor, Tensor>
{
    private readonly int[] _sizes;

    /// <summary>Creates the layer.</summary>
    /// <param name="dim">The dimension to split (negative counts from the end).</param>
    /// <param name="unflattenedSize">The new sizes, whose product is the size of dimension <paramref name="dim"/>; non-empty, at most one -1, the rest non-negative.</param>
    /// <exception cref="ArgumentNullException"><paramref name="unflattenedSize"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="unflattenedSize"/> is empty, has more than one -1, or has another negative size.</exception>
    public Unflatten(int dim, int[] unflattenedSize)
    {
        ArgumentNullException.ThrowIfNull(unflattenedSize);
        if (unflattenedSize.Length == 0)
            throw new ArgumentException("Unflatten: unflattened_size must be non-empty", nameof(unflattenedSize));
        if (unflattenedSize.Count(s => s == -1) > 1 || unflattenedSize.Any(s => s < -1))
            throw new ArgumentException(
                $"Unflatten: unflattened_size {Size.Format(unflattenedSize)} may hold one -1 (inferred) and otherwise only non-negative sizes", nameof(unflattenedSize));
        Dim = dim;
        _sizes = (int[])unflattenedSize.Clone();
    }

    /// <summary>The dimension to split.</summary>
    public int Dim { get; }

    /// <summary>The sizes the dimension is split into.</summary>
    public IReadOnlyList<int> UnflattenedSize => _sizes;

    /// <summary>Splits the dimension.</summary>
    /// <param name="input">The input [*, S, *] with S at <see cref="Dim"/>.</param>
    /// <returns>The input with S replaced by the sizes, [*, s₁, s₂, …, *].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Dim"/> is out of range for the input.</exception>
    /// <exception cref="ArgumentException">The sizes do not multiply up to the size of the dimension.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int d = Tensor.NormalizeDim(Dim, input.Dim, "unflatten");
        if (input.Dim == 0)
            throw new ArgumentException("unflatten: cannot unflatten a 0-d tensor", nameof(input));
        int size = input.ShapeArray[d];
        var sizes = (int[])_sizes.Clone();
        int infer = Array.IndexOf(sizes, -1);
        long known = 1;
        foreach (var s in sizes) if (s != -1) known *= s;
        if (infer >= 0 && known != 0 && size % known == 0) sizes[infer] = (int)(size / known);
        else if (infer >= 0 || known != size)
            throw new ArgumentException(
                $"unflatten: Provided sizes {Size.Format(_sizes)} don't multiply up to the size of dim {Dim} ({size}) in the input tensor {input.Shape}", nameof(input));
        return input.Reshape([.. input.ShapeArray[..d], .. sizes, .. input.ShapeArray[(d + 1)..]]);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"dim={Dim}, unflattened_size=({string.Join(", ", _sizes)}{(_sizes.Length == 1 ? "," : "")})";
}
