namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// Tiles the tensor: dimension i is repeated <paramref name="repeats"/>[i] times (PyTorch's <c>x.repeat(...)</c>,
    /// NumPy's <c>tile</c>). When there are more repeats than dimensions, the tensor is first viewed with leading
    /// dimensions of size 1. A copy; every dtype; differentiable (the gradient sums the tiles).
    /// </summary>
    /// <param name="repeats">The number of times to repeat each dimension (at least <see cref="Dim"/> of them; 0 gives an empty dimension).</param>
    /// <exception cref="ArgumentException">Fewer repeats than dimensions, a negative repeat, or a result with more than
    /// <see cref="MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="repeats"/> is null.</exception>
    public Tensor Repeat(params int[] repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        if (repeats.Length < Dim)
            throw new ArgumentException(
                $"repeat: Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor (repeats {Ember.Size.Format(repeats)}, input shape {Shape})", nameof(repeats));
        int n = repeats.Length, lead = n - Dim;
        var outShape = new long[n];
        var tiled = new int[2 * n];
        for (int i = 0; i < n; i++)
        {
            int size = i < lead ? 1 : ShapeArray[i - lead];
            outShape[i] = (long)repeats[i] * size; // in 64 bits: 65536 · 65536 must not wrap around to 0
            tiled[2 * i] = repeats[i];
            tiled[2 * i + 1] = size;
        }
        for (int i = 0; i < n; i++)
            if (repeats[i] < 0)
                throw new ArgumentException(
                    $"repeat: Trying to create tensor with negative dimension {Math.Min(outShape[i], repeats[i])}: [{string.Join(", ", outShape)}] (repeats {Ember.Size.Format(repeats)})", nameof(repeats));
        double numel = 1;
        foreach (var s in outShape) numel *= s;
        if (numel > MaxNumel || outShape.Any(s => s > int.MaxValue))
            throw new ArgumentException(
                $"repeat: the result of shape [{string.Join(", ", outShape)}] would have {numel:0.################} elements, more than the {MaxNumel} a tensor can hold (input shape {Shape}, repeats {Ember.Size.Format(repeats)})", nameof(repeats));
        // [s0, s1] → [1, s0, 1, s1] → expand [r0, s0, r1, s1] → copy to [r0·s0, r1·s1]
        var x = this;
        for (int i = 0; i < lead; i++) x = x.Unsqueeze(0);
        for (int i = n - 1; i >= 0; i--) x = x.Unsqueeze(i);
        return x.Expand(tiled).Clone().View(Array.ConvertAll(outShape, s => (int)s));
    }
}

public static partial class Torch
{
    /// <summary>Tiles <paramref name="input"/> (see <see cref="Tensor.Repeat"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="repeats">The number of times to repeat each dimension.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">There are fewer repeats than the tensor has dimensions.</exception>
    public static Tensor Repeat(Tensor input, params int[] repeats) => NotNull(input).Repeat(repeats);
}
