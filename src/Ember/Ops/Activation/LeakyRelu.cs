using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// x where x &gt; 0, else <paramref name="negativeSlope"/>·x, elementwise (PyTorch's <c>leaky_relu</c>;
    /// NaN stays NaN). The gradient is 1 where x &gt; 0, else the slope.
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="negativeSlope">The slope for x ≤ 0 (default 0.01).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    public static Tensor LeakyRelu(Tensor input, double negativeSlope = 0.01)
    {
        ActivationKernel.CheckFloat(input, "leaky_relu");
        var y = ActivationKernel.Forward<LeakyReluOp>(input, negativeSlope, 0, "leaky_relu");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new LeakyReluBackward(input, negativeSlope), input);
        return y;
    }

    private sealed class LeakyReluBackward(Tensor x, double slope) : Node
    {
        private SavedTensor _x = new(x);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            if (!GradMode.IsEnabled)
                return [ActivationKernel.Backward<LeakyReluOp>(xv, grad, slope, 0, "leaky_relu")];
            return [Where(xv > 0.0, grad, grad * slope)];
        }

        protected override void ReleaseSaved() => _x = default;
    }
}

/// <summary>Leaky ReLU: y = x &gt; 0 ? x : p·x; dx = x &gt; 0 ? g : p·g.</summary>
internal readonly struct LeakyReluOp : IActivationOp
{
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T slope, T _) where T : unmanaged, IFloatingPointIeee754<T> =>
        VectorDriver.Map(new ForwardBody<T>(slope), x, y);

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T slope, T _) where T : unmanaged, IFloatingPointIeee754<T> =>
        VectorDriver.Map(new BackwardBody<T>(slope), x, grad, dx);

    /// <summary>x &gt; 0 ? x : x·slope.</summary>
    internal readonly struct ForwardBody<T>(T slope) : IVectorOp1<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x) => x > T.Zero ? x : x * slope;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<T>.Zero), x, x * Vector128.Create(slope));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, x * Vector256.Create(slope));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), x, x * Vector512.Create(slope));
    }

    /// <summary>Operands (x, g): x &gt; 0 ? g : g·slope.</summary>
    internal readonly struct BackwardBody<T>(T slope) : IVectorOp2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T g) => x > T.Zero ? g : g * slope;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x, Vector128<T> g) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<T>.Zero), g, g * Vector128.Create(slope));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> g) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), g, g * Vector256.Create(slope));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> g) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), g, g * Vector512.Create(slope));
    }
}
