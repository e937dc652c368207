using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
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
        VectorDriver.Map(default(BackwardBody<T>), grad, dx, x, dx);
    }

    /// <summary>Operands (g, s = σ(x), x): g·s·(1 + x·(1 − s)).</summary>
    internal readonly struct BackwardBody<T> : IVectorOp3<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T g, T s, T x) => g * s * (T.One + x * (T.One - s));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> g, Vector128<T> s, Vector128<T> x) => g * s * (Vector128<T>.One + x * (Vector128<T>.One - s));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> g, Vector256<T> s, Vector256<T> x) => g * s * (Vector256<T>.One + x * (Vector256<T>.One - s));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> g, Vector512<T> s, Vector512<T> x) => g * s * (Vector512<T>.One + x * (Vector512<T>.One - s));
    }
}
