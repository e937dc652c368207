using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The cumulative sum along <paramref name="dim"/>: y_i = x_1 + … + x_i (PyTorch's <c>torch.cumsum</c>). Integer
    /// and bool inputs give int64 unless <paramref name="dtype"/> says otherwise; with <paramref name="dtype"/> the input
    /// is converted first. float32 is accumulated in double, as PyTorch does on the CPU.
    /// </summary>
    /// <param name="input">The tensor (a 0-d tensor is its own cumulative sum).</param>
    /// <param name="dim">The dimension to scan (negative counts from the end).</param>
    /// <param name="dtype">The result dtype, or null for the default above.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="NotSupportedException"><paramref name="dtype"/> is bool.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Cumsum(Tensor input, int dim, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        int d = Tensor.NormalizeDim(dim, input.Dim, "cumsum");
        var x = ScanKernels.Convert(input, ScanKernels.ResultType(input, dtype));
        var y = ScanKernels.Scan(x, d, product: false, "cumsum");
        if (Graph.NeedsGrad(x)) Graph.Record(y, new CumsumBackward(d), x);
        return y;
    }

    private sealed class CumsumBackward(int dim) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [ScanKernels.ReverseCumsum(grad, dim)];
    }
}

public partial class Tensor
{
    /// <summary>The cumulative sum along a dimension (see <see cref="Torch.Cumsum"/>).</summary>
    /// <param name="dim">The dimension to scan.</param>
    /// <param name="dtype">The result dtype, or null (default: int64 for integer and bool inputs).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Cumsum(int dim, DType? dtype = null) => Torch.Cumsum(this, dim, dtype);

    /// <summary>In-place cumulative sum, computed in this tensor's dtype (an int32 tensor stays int32); returns this tensor.</summary>
    /// <param name="dim">The dimension to scan.</param>
    /// <param name="dtype">Must be null or this tensor's dtype (default null).</param>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> differs from this tensor's dtype.</exception>
    /// <exception cref="NotSupportedException">This tensor is bool.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Cumsum_(int dim, DType? dtype = null)
    {
        if (dtype is { } t && t != DType)
            throw new ArgumentException($"cumsum_: Bad in-place call: input tensor dtype {DType.TorchName()} and output tensor dtype {t.TorchName()} should match", nameof(dtype));
        var self = DType;
        return InPlace("cumsum_", x => Torch.Cumsum(x, dim, self));
    }
}
