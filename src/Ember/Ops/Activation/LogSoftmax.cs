using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// log(softmax(x)) along <paramref name="dim"/> (PyTorch's <c>torch.log_softmax</c>), computed stably as
    /// x − max − log(sum(exp(x − max))): logits of ±1000 give finite results.
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="dim">The dimension to normalize over (negative counts from the end).</param>
    /// <exception cref="ArgumentException">The input is not floating point and not empty (an empty input is returned as it is, as PyTorch does).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    public static Tensor LogSoftmax(Tensor input, int dim)
    {
        int d = SoftmaxCheck(input, dim, "log_softmax");
        if (!input.DType.IsFloatingPoint()) return Tensor.Empty(input.ShapeArray.ToArray(), input.DType);
        var y = SoftmaxKernel.Forward(input, d, log: true, "log_softmax");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new LogSoftmaxBackward(y, d), input);
        return y;
    }

    /// <summary>dx = g − exp(y) · sum(g) along the dimension.</summary>
    private sealed class LogSoftmaxBackward(Tensor y, int dim) : Node
    {
        private SavedTensor _y = new(y);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var yv = Unpack(_y);
            if (!GradMode.IsEnabled && grad.DType == yv.DType)
            {
                // not building a graph of the backward: one fused pass
                return [SoftmaxBackwardKernel.Backward(yv, grad, dim, log: true, "log_softmax")];
            }
            return [grad - yv.Exp() * grad.Sum(dim, keepdim: true)];
        }

        protected override void ReleaseSaved() => _y = default;
    }
}

public partial class Tensor
{
    /// <summary>Log-softmax along <paramref name="dim"/> (see <see cref="Torch.LogSoftmax"/>).</summary>
    /// <param name="dim">The dimension to normalize over.</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor LogSoftmax(int dim) => Torch.LogSoftmax(this, dim);
}
