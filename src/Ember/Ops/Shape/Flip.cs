using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Reverses the order of the elements along <paramref name="dims"/> (PyTorch's <c>torch.flip</c>); a copy, as in
    /// PyTorch. No dimensions gives a copy. Every dtype; the gradient is flipped back.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dims">The dimensions to reverse (negative counts from the end).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A dimension appears twice.</exception>
    public static Tensor Flip(Tensor input, params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(dims);
        var flip = new bool[input.Dim];
        var normalized = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            int d = Tensor.NormalizeDim(dims[i], input.Dim, "flip", nameof(dims));
            normalized[i] = d;
            if (input.Dim == 0) continue;
            if (flip[d]) throw new ArgumentException($"flip: dim {d} appears multiple times in the list of dims {Ember.Size.Format(dims)}", nameof(dims));
            flip[d] = true;
        }
        var y = ShapeKernels.Flip(input, flip);
        if (Graph.NeedsGrad(input)) Graph.Record(y, new FlipBackward(normalized), input);
        return y;
    }

    private sealed class FlipBackward(int[] dims) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [Flip(grad, dims)];
    }
}

public partial class Tensor
{
    /// <summary>Reverses the order of the elements along <paramref name="dims"/> (see <see cref="Torch.Flip"/>).</summary>
    /// <param name="dims">The dimensions to reverse.</param>
    /// <exception cref="ArgumentException">A dimension is repeated.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Flip(params int[] dims) => Torch.Flip(this, dims);
}
