using System.Numerics;
using System.Numerics.Tensors;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The sigmoid linear unit (swish) x·σ(x), elementwise (PyTorch's <c>silu</c>); finite for inputs of any size
    /// (−1000 gives −0, 1000 gives 1000).
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    public static Tensor Silu(Tensor input)
    {
        ActivationKernel.CheckFloat(input, "silu");
        var y = ActivationKernel.Forward<SiluOp>(input, 0, 0, "silu");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new SiluBackward(input), input);
        return y;
    }

    private sealed class SiluBackward(Tensor x) : Node
    {
        private SavedTensor _x = new(x);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            if (!GradMode.IsEnabled)
                return [ActivationKernel.Backward<SiluOp>(xv, grad, 0, 0, "silu")];
            var s = xv.Sigmoid();
            return [grad * s * (1.0 + xv * (1.0 - s))];
        }

        protected override void ReleaseSaved() => _x = default;
    }
}

/// <summary>SiLU: y = x·σ(x); dx = g·σ(x)·(1 + x·(1 − σ(x))).</summary>
internal readonly struct SiluOp : IActivationOp
{
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T _, T __) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Sigmoid(x, y);
        TensorPrimitives.Multiply(x, y, y);
    }

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T _, T __) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Sigmoid(x, dx);
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
        {
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var s = new Vector<T>(dx.Slice(i));
                var v = new Vector<T>(x.Slice(i));
                (new Vector<T>(grad.Slice(i)) * s * (Vector<T>.One + v * (Vector<T>.One - s))).CopyTo(dx.Slice(i));
            }
        }
        for (; i < x.Length; i++)
        {
            T s = dx[i];
            dx[i] = grad[i] * s * (T.One + x[i] * (T.One - s));
        }
    }
}
