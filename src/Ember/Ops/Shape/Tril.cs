using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The lower triangle of each matrix in the last two dimensions (PyTorch's <c>torch.tril</c>): elements (i, j)
    /// with j ≤ i + <paramref name="diagonal"/> are kept, the others set to zero (a NaN above the diagonal becomes 0).
    /// Batched over the leading dimensions; every dtype; the gradient is the lower triangle of the gradient.
    /// </summary>
    /// <param name="input">A tensor with at least 2 dimensions.</param>
    /// <param name="diagonal">Which diagonal bounds the triangle: 0 the main one (default), positive above it, negative below.</param>
    /// <exception cref="ArgumentException">The input has fewer than 2 dimensions.</exception>
    public static Tensor Tril(Tensor input, long diagonal = 0) => Triangle(input, diagonal, lower: true, "tril");

    internal static Tensor Triangle(Tensor input, long diagonal, bool lower, string op)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim < 2)
            throw new ArgumentException($"{op}: input tensor must have at least 2 dimensions (got shape {input.Shape})", nameof(input));
        var y = ShapeKernels.Triangle(input, diagonal, lower);
        if (Graph.NeedsGrad(input)) Graph.Record(y, new TriangleBackward(diagonal, lower), input);
        return y;
    }

    private sealed class TriangleBackward(long diagonal, bool lower) : Node
    {
        public override string Name => lower ? "TrilBackward0" : "TriuBackward0";

        protected internal override Tensor?[] Backward(Tensor grad) => [Triangle(grad, diagonal, lower, lower ? "tril" : "triu")];
    }
}

public partial class Tensor
{
    /// <summary>The lower triangle of each matrix (see <see cref="Torch.Tril"/>).</summary>
    /// <param name="diagonal">Which diagonal bounds the triangle (default 0).</param>
    /// <exception cref="ArgumentException">The input has fewer than 2 dimensions.</exception>
    public Tensor Tril(long diagonal = 0) => Torch.Tril(this, diagonal);

    /// <summary>In-place <see cref="Tril"/>; returns this tensor.</summary>
    /// <param name="diagonal">Which diagonal bounds the triangle (default 0).</param>
    /// <exception cref="ArgumentException">This tensor has fewer than 2 dimensions.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Tril_(long diagonal = 0)
    {
        if (Dim < 2) throw new ArgumentException($"tril_: input tensor must have at least 2 dimensions (got shape {Shape})");
        return InPlace("tril_", t => Torch.Tril(t, diagonal));
    }
}
