using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// exp(x) / sum(exp(x)) along <paramref name="dim"/> (PyTorch's <c>torch.softmax</c>), computed
    /// stably (the maximum of each slice is subtracted first): logits of ±1000 give finite results and a slice
    /// of equal values gives a uniform distribution. A slice containing NaN or +∞ gives NaN.
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="dim">The dimension to normalize over (negative counts from the end).</param>
    /// <exception cref="ArgumentException">The input is not floating point and not empty (an empty input is returned as it is, as PyTorch does).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    public static Tensor Softmax(Tensor input, int dim)
    {
        int d = SoftmaxCheck(input, dim, "softmax");
        if (!input.DType.IsFloatingPoint()) return Tensor.Empty(input.ShapeArray.ToArray(), input.DType);
        var y = SoftmaxKernel.Forward(input, d, log: false, "softmax");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new SoftmaxBackward(y, d), input);
        return y;
    }

    /// <summary>Validates a softmax-family call and returns the normalized dimension.</summary>
    internal static int SoftmaxCheck(Tensor input, int dim, string op)
    {
        NotNull(input);
        int d = Tensor.NormalizeDim(dim, input.Dim, op);
        // PyTorch returns an empty input before its kernel's dtype check, so an empty integer tensor passes
        if (!input.DType.IsFloatingPoint() && input.Numel != 0)
            throw new ArgumentException(
                $"{op}: expected a floating point input, got {input.DType.TorchName()} (shape {input.Shape}); convert it with To(DType.Float32) first", nameof(input));
        return d;
    }

    /// <summary>dx = y · (g − sum(g · y)) along the dimension.</summary>
    private sealed class SoftmaxBackward(Tensor y, int dim) : Node
    {
        private SavedTensor _y = new(y);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var yv = Unpack(_y);
            if (!GradMode.IsEnabled && grad.DType == yv.DType)
            {
                // not building a graph of the backward: one fused pass
                return [SoftmaxBackwardKernel.Backward(yv, grad, dim, log: false, "softmax")];
            }
            var gy = grad * yv;
            return [gy - yv * gy.Sum(dim, keepdim: true)];
        }

        protected override void ReleaseSaved() => _y = default;
    }
}

public partial class Tensor
{
    /// <summary>Softmax along <paramref name="dim"/> (see <see cref="Torch.Softmax"/>).</summary>
    /// <param name="dim">The dimension to normalize over.</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Softmax(int dim) => Torch.Softmax(this, dim);
}
