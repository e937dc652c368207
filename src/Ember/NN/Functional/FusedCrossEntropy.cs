using Ember.Autograd;
using Ember.Kernels;

namespace Ember.NN;

/// <summary>
/// The common case of <see cref="F.CrossEntropy"/> as one op: logits [N, C] (float32 or float64), class indices [N], no
/// class weight, no label smoothing, mean or sum. The forward pass computes each row's log-softmax term in place of the
/// composite's dozen tensors, and the backward node (PyTorch's <c>NllLossBackward0</c>) writes softmax − one-hot in one
/// pass; values, gradients and errors are the composite's.
/// </summary>
internal static class FusedCrossEntropy
{
    /// <summary>Whether the fused op computes this call (the arguments are otherwise already checked).</summary>
    public static bool Applies(Tensor input, Tensor target, Tensor? weight, Reduction reduction, double labelSmoothing) =>
        weight is null && labelSmoothing == 0 && reduction is Reduction.Mean or Reduction.Sum
        && input.Dim == 2 && input.DType is DType.Float32 or DType.Float64
        && target.Dim == 1 && target.DType == DType.Int64 && target.ShapeArray[0] == input.ShapeArray[0];

    /// <summary>The loss (a 0-d tensor of the input's dtype), recorded for autograd when the input requires grad.</summary>
    /// <exception cref="IndexOutOfRangeException">A target is outside [0, C) and is not <paramref name="ignoreIndex"/>.</exception>
    public static Tensor Forward(Tensor input, Tensor target, int ignoreIndex, Reduction reduction)
    {
        int classes = input.ShapeArray[1];
        if (CrossEntropyKernel.FirstBadTarget(target, classes, ignoreIndex, out long value) >= 0)
            throw new IndexOutOfRangeException(
                $"cross_entropy: Target {value} is out of bounds. Class indices must be in [0, {classes - 1}] for an input {input.Shape} with {classes} classes, or equal ignore_index ({ignoreIndex})");
        var x = input.IsContiguous ? input : input.Detach().Contiguous();
        bool mean = reduction == Reduction.Mean;
        var (loss, count) = CrossEntropyKernel.Forward(x, target, ignoreIndex, mean);
        if (Graph.NeedsGrad(input)) Graph.Record(loss, new CrossEntropyBackward(input, target, ignoreIndex, mean ? count : 1), input);
        return loss;
    }

    /// <summary>dx = g/d·(softmax(x) − onehot(t)) on the rows not ignored (d: their count for the mean, else 1).</summary>
    private sealed class CrossEntropyBackward(Tensor input, Tensor target, int ignoreIndex, int divisor) : Node
    {
        private SavedTensor _input = new(input);
        private SavedTensor _target = new(target);

        public override string Name => "NllLossBackward0";

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var x = Unpack(_input);
            var t = Unpack(_target);
            if (GradMode.IsEnabled) return [Differentiable(x, t, grad)];
            var xc = x.IsContiguous ? x : x.Detach().Contiguous();
            var g = grad.DType == x.DType ? grad : grad.Cast(x.DType);
            var dx = Tensor.Empty(x.ShapeArray, x.DType);
            CrossEntropyKernel.Backward(xc, t, ignoreIndex, g, divisor, dx);
            return [dx];
        }

        /// <summary>The same gradient from differentiable ops, for a graph of the backward pass (createGraph).</summary>
        private Tensor Differentiable(Tensor x, Tensor t, Tensor grad)
        {
            var ignored = t.Eq((long)ignoreIndex);
            var safe = Torch.Where(ignored, 0L, t).Unsqueeze(1);
            var oneHot = Torch.ZerosLike(x).Scatter(1, safe, 1.0);
            var keep = (!ignored).To(x.DType).Unsqueeze(1);
            return (x.Softmax(1) - oneHot) * keep * (grad / (double)divisor);
        }

        protected override void ReleaseSaved()
        {
            _input = default;
            _target = default;
        }
    }
}
