using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The cumulative product along <paramref name="dim"/>: y_i = x_1 · … · x_i (PyTorch's <c>torch.cumprod</c>).
    /// Integer and bool inputs give int64 unless <paramref name="dtype"/> says otherwise; with <paramref name="dtype"/>
    /// the input is converted first. float32 is accumulated in double, as PyTorch does on the CPU.
    /// </summary>
    /// <remarks>
    /// The gradient is exact with zeros in the input, as PyTorch's: before the first zero of a slice it is
    /// Σ_{k≥i} g_k·y_k / x_i, at the first zero it is Σ_{k≥z} g_k·Π_{j≤k, j≠z} x_j, and after it 0.
    /// </remarks>
    /// <param name="input">The tensor (a 0-d tensor is its own cumulative product).</param>
    /// <param name="dim">The dimension to scan (negative counts from the end).</param>
    /// <param name="dtype">The result dtype, or null for the default above.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="NotSupportedException"><paramref name="dtype"/> is bool.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Cumprod(Tensor input, int dim, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        int d = Tensor.NormalizeDim(dim, input.Dim, "cumprod");
        var x = ScanKernels.Convert(input, ScanKernels.ResultType(input, dtype));
        var y = ScanKernels.Scan(x, d, product: true, "cumprod");
        if (Graph.NeedsGrad(x)) Graph.Record(y, new CumprodBackward(x, y, d), x);
        return y;
    }

    private sealed class CumprodBackward(Tensor x, Tensor y, int dim) : Node
    {
        private SavedTensor _x = new(x), _y = new(y);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            var yv = Unpack(_y);
            Tensor isZero;
            using (NoGrad()) isZero = Eq(xv, Tensor.Wrap(0.0));
            if (!Map.AnyTrue(isZero)) return [ScanKernels.ReverseCumsum(grad * yv, dim) / xv];
            Tensor before, first;
            using (NoGrad())
            {
                var seen = Cumsum(isZero, dim);                  // zeros up to and including each position
                before = Eq(seen, Tensor.Wrap(0L));              // positions before the first zero
                first = LogicalAnd(isZero, Eq(seen, Tensor.Wrap(1L))); // the first zero
            }
            var head = ScanKernels.ReverseCumsum(grad * yv, dim) / Where(before, xv, 1.0);
            // at the first zero z: Σ_{k≥z} g_k·cumprod(x with x_z = 1)_k
            var atZero = ScanKernels.ReverseCumsum(grad * Cumprod(Where(first, 1.0, xv), dim), dim);
            return [Where(before, head, 0.0) + Where(first, atZero, 0.0)];
        }

        protected override void ReleaseSaved() => (_x, _y) = (default, default);
    }
}

public partial class Tensor
{
    /// <summary>The cumulative product along a dimension (see <see cref="Torch.Cumprod"/>).</summary>
    /// <param name="dim">The dimension to scan.</param>
    /// <param name="dtype">The result dtype, or null (default: int64 for integer and bool inputs).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Cumprod(int dim, DType? dtype = null) => Torch.Cumprod(this, dim, dtype);

    /// <summary>In-place cumulative product, computed in this tensor's dtype; returns this tensor.</summary>
    /// <param name="dim">The dimension to scan.</param>
    /// <param name="dtype">Must be null or this tensor's dtype (default null).</param>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> differs from this tensor's dtype.</exception>
    /// <exception cref="NotSupportedException">This tensor is bool.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Cumprod_(int dim, DType? dtype = null)
    {
        if (dtype is { } t && t != DType)
            throw new ArgumentException($"cumprod_: Bad in-place call: input tensor dtype {DType.TorchName()} and output tensor dtype {t.TorchName()} should match", nameof(dtype));
        var self = DType;
        return InPlace("cumprod_", x => Torch.Cumprod(x, dim, self));
    }
}
