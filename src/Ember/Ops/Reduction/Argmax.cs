namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The index of the largest element along <paramref name="dim"/>, or into the flattened tensor when
    /// <paramref name="dim"/> is null (PyTorch's <c>torch.argmax</c>). int64, not differentiable; the first
    /// occurrence wins on ties and a NaN counts as the maximum.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension to reduce; null (default) for the flattened tensor.</param>
    /// <param name="keepdim">Keep the reduced dimension(s) with size 1 (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    /// <exception cref="ArgumentException">The reduction is over an empty dimension (or an empty tensor when <paramref name="dim"/> is null).</exception>
    /// <exception cref="NotSupportedException">The input is bool and not empty (PyTorch has no argmax/argmin for it; max/min take it).</exception>
    public static Tensor Argmax(Tensor input, int? dim = null, bool keepdim = false) => Extremes.ArgIndex(input, dim, keepdim, max: true, "argmax");

    /// <summary>
    /// The index of the smallest element along <paramref name="dim"/>, or into the flattened tensor when
    /// <paramref name="dim"/> is null (PyTorch's <c>torch.argmin</c>); see <see cref="Argmax"/>.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="dim">The dimension to reduce; null (default) for the flattened tensor.</param>
    /// <param name="keepdim">Keep the reduced dimension(s) with size 1 (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    /// <exception cref="ArgumentException">The reduction is over an empty dimension (or an empty tensor when <paramref name="dim"/> is null).</exception>
    /// <exception cref="NotSupportedException">The input is bool and not empty (PyTorch has no argmax/argmin for it; max/min take it).</exception>
    public static Tensor Argmin(Tensor input, int? dim = null, bool keepdim = false) => Extremes.ArgIndex(input, dim, keepdim, max: false, "argmin");
}

public partial class Tensor
{
    /// <summary>The index of the largest element (see <see cref="Torch.Argmax"/>).</summary>
    /// <param name="dim">The dimension to reduce; null (default) for the flattened tensor.</param>
    /// <param name="keepdim">Keep the reduced dimension(s) with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Argmax(int? dim = null, bool keepdim = false) => Torch.Argmax(this, dim, keepdim);

    /// <summary>The index of the smallest element (see <see cref="Torch.Argmin"/>).</summary>
    /// <param name="dim">The dimension to reduce; null (default) for the flattened tensor.</param>
    /// <param name="keepdim">Keep the reduced dimension(s) with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The reduction runs over an empty dimension (or an empty tensor), which has no identity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Argmin(int? dim = null, bool keepdim = false) => Torch.Argmin(this, dim, keepdim);
}
