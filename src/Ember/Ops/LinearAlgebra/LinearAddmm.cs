using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// x·Wᵀ + b for a matrix x [m, in], a weight W [out, in] and a bias [out] of one floating dtype (float32 or float64), as
    /// one autograd op (PyTorch's <c>addmm</c> behind <c>F.linear</c>, grad_fn <c>AddmmBackward0</c>): the bias is added
    /// to the product in place, and backward hands W a gradient of its own layout made by one GEMM (gᵀ·x), which
    /// AccumulateGrad then takes as the weight's .grad without a copy. Shapes and dtypes are checked by the caller.
    /// </summary>
    internal static Tensor LinearAddmm(Tensor x, Tensor weight, Tensor bias)
    {
        var y = Tensor.Empty([x.ShapeArray[0], weight.ShapeArray[0]], x.DType, op: "linear");
        LinearForward.Run(x, weight, bias, y);
        if (Graph.NeedsGrad([x, weight, bias])) Graph.Record(y, new AddmmBackward(x, weight), x, weight, bias);
        return y;
    }

    /// <summary>The gradients of y = x·Wᵀ + b: g·W for x, gᵀ·x for W, and g for b (the engine sums it over the rows).</summary>
    private sealed class AddmmBackward : Node
    {
        private SavedTensor _x, _w;

        /// <summary>Saves each operand only where the other one's gradient needs it.</summary>
        public AddmmBackward(Tensor x, Tensor w)
        {
            if (w.RequiresGrad) _x = new SavedTensor(x);
            if (x.RequiresGrad) _w = new SavedTensor(w);
        }

        public override string Name => "AddmmBackward0";

        protected internal override Tensor?[] Backward(Tensor grad) =>
        [
            NeedsGrad(0) ? BatchedMatmul(grad, Unpack(_w), "linear_backward") : null,
            NeedsGrad(1) ? BatchedMatmul(grad.MT, Unpack(_x), "linear_backward") : null,
            NeedsGrad(2) ? grad : null,
        ];

        protected override void ReleaseSaved() => (_x, _w) = (default, default);
    }
}
