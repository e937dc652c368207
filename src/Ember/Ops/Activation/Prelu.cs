using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The parametric ReLU (PyTorch's <c>torch.prelu</c>): x where x &gt; 0, else w·x, with a learned slope per
    /// channel (dimension 1) or one slope shared by all elements. Gradients flow to both the input and the weight
    /// (dL/dw_c = Σ over x ≤ 0 in channel c of g·x).
    /// </summary>
    /// <param name="input">A floating-point tensor; for a per-channel weight, of shape [N, C, …].</param>
    /// <param name="weight">The slopes: a 0-d or 1-D tensor of 1 or C elements, the input's dtype.</param>
    /// <exception cref="ArgumentException">
    /// The input is not floating point, the weight has more than one dimension or a different dtype, or its size is
    /// neither 1 nor the number of channels.
    /// </exception>
    public static Tensor Prelu(Tensor input, Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ActivationKernel.CheckFloat(input, "prelu");
        if (weight.Dim > 1)
            throw new ArgumentException($"prelu: Expected `weight` to be a scalar or 1D tensor, but got ndim = {weight.Dim} (shape {weight.Shape})", nameof(weight));
        if (weight.DType != input.DType)
            throw new ArgumentException($"prelu: expected weight to have the input's dtype {input.DType.TorchName()}, got {weight.DType.TorchName()}", nameof(weight));
        int channels = input.Dim >= 2 ? input.Size(1) : 1;
        if (weight.Numel != 1 && weight.Numel != channels)
            throw new ArgumentException(
                $"prelu: Mismatch of parameter numbers and input channel size. Found parameter numbers = {weight.Numel} and channel size = {channels} (input shape {input.Shape})",
                nameof(weight));
        var y = PreluKernel.Run(input, weight, null, out _);
        if (Graph.NeedsGrad(input, weight)) Graph.Record(y, new PreluBackward(input, weight), input, weight);
        return y;
    }

    private sealed class PreluBackward(Tensor x, Tensor w) : Node
    {
        private SavedTensor _x = new(x), _w = new(w);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            var wv = Unpack(_w);
            if (!GradMode.IsEnabled)
            {
                var dx = PreluKernel.Run(xv, wv, grad, out var dw);
                return [NeedsGrad(0) ? dx : null, NeedsGrad(1) ? dw!.View(wv.ShapeArray) : null];
            }
            var positive = xv > 0.0;
            Tensor? gx = null, gw = null;
            if (NeedsGrad(0)) gx = Where(positive, grad, grad * Broadcast(wv, xv));
            if (NeedsGrad(1))
            {
                var contrib = Where(positive, Zeros(1).To(grad.DType), grad * xv);
                if (wv.Numel == 1) gw = contrib.Sum().View(wv.ShapeArray);
                else gw = contrib.Sum(Enumerable.Range(0, xv.Dim).Where(d => d != 1).ToArray()).View(wv.ShapeArray);
            }
            return [gx, gw];
        }

        /// <summary>The weight shaped to broadcast against the input along dimension 1.</summary>
        private static Tensor Broadcast(Tensor w, Tensor x)
        {
            if (w.Numel == 1 || x.Dim < 2) return w.Reshape(w.Numel == 1 ? [] : [w.Numel]);
            var shape = Enumerable.Repeat(1, x.Dim).ToArray();
            shape[1] = w.Numel;
            return w.Reshape(shape);
        }

        protected override void ReleaseSaved() => (_x, _w) = (default, default);
    }
}

public partial class Tensor
{
    /// <summary>The parametric ReLU with slopes <paramref name="weight"/> (see <see cref="Torch.Prelu"/>).</summary>
    /// <param name="weight">The slopes: 1 element, or one per channel (dimension 1).</param>
    /// <exception cref="ArgumentException">The weight is neither a scalar nor 1-D.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="weight"/> is null.</exception>
    public Tensor Prelu(Tensor weight) => Torch.Prelu(this, weight);
}
