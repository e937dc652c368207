namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The upper triangle of each matrix in the last two dimensions (PyTorch's <c>torch.triu</c>): elements (i, j)
    /// with j ≥ i + <paramref name="diagonal"/> are kept, the others set to zero. Batched over the leading
    /// dimensions; every dtype; the gradient is the upper triangle of the gradient.
    /// </summary>
    /// <param name="input">A tensor with at least 2 dimensions.</param>
    /// <param name="diagonal">Which diagonal bounds the triangle: 0 the main one (default), positive above it, negative below.</param>
    /// <exception cref="ArgumentException">The input has fewer than 2 dimensions.</exception>
    public static Tensor Triu(Tensor input, long diagonal = 0) => Triangle(input, diagonal, lower: false, "triu");
}

public partial class Tensor
{
    /// <summary>The upper triangle of each matrix (see <see cref="Torch.Triu"/>).</summary>
    /// <param name="diagonal">Which diagonal bounds the triangle (default 0).</param>
    /// <exception cref="ArgumentException">The input has fewer than 2 dimensions.</exception>
    public Tensor Triu(long diagonal = 0) => Torch.Triu(this, diagonal);

    /// <summary>In-place <see cref="Triu"/>; returns this tensor.</summary>
    /// <param name="diagonal">Which diagonal bounds the triangle (default 0).</param>
    /// <exception cref="ArgumentException">This tensor has fewer than 2 dimensions.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Triu_(long diagonal = 0)
    {
        if (Dim < 2) throw new ArgumentException($"triu_: input tensor must have at least 2 dimensions (got shape {Shape})");
        return InPlace("triu_", t => Torch.Triu(t, diagonal));
    }
}
