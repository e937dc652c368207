using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The mean over <paramref name="dims"/> (all dimensions when null or empty), PyTorch's
    /// <c>torch.mean</c>. The input must be floating point; an empty reduction gives NaN.
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    public static Tensor Mean(Tensor input, int[]? dims = null, bool keepdim = false)
    {
        NotNull(input);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"mean: could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: {input.DType.TorchName()}");
        // The 16-bit floats: the sum rounds to the dtype before the division, as PyTorch's mean does.
        var mask = ReductionPlan.ReducedMask(input, dims, "mean");
        long count = 1;
        for (int d = 0; d < input.Dim; d++) if (mask[d]) count *= input.ShapeArray[d];
        return Sum(input, dims, keepdim) / (double)count;
    }

    /// <summary>The mean over one dimension.</summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Mean(Tensor input, int dim, bool keepdim = false) => Mean(input, [dim], keepdim);
}

public partial class Tensor
{
    /// <summary>The mean over <paramref name="dims"/> (see <see cref="Torch.Mean(Tensor, int[], bool)"/>).</summary>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Mean(int[]? dims = null, bool keepdim = false) => Torch.Mean(this, dims, keepdim);

    /// <summary>The mean over one dimension.</summary>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Mean(int dim, bool keepdim = false) => Torch.Mean(this, [dim], keepdim);
}
