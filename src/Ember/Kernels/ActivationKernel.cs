using System.Numerics;

namespace Ember.Kernels;

/// <summary>
/// An elementwise activation with up to two scalar parameters (p, q), written once for float and double:
/// a vectorized forward y = f(x) and a vectorized backward dx = grad · f'(x) over contiguous spans.
/// </summary>
internal interface IActivationOp
{
    static abstract void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T p, T q) where T : unmanaged, IFloatingPointIeee754<T>;

    static abstract void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T p, T q) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>
/// Drives <see cref="IActivationOp"/> bodies over tensors (contiguous copies, split across threads when large).
/// float32 and float64 run in their own precision; float16 and bfloat16 are computed in float32 and rounded back
/// once; any other dtype raises <see cref="Dispatch.Unsupported"/> (the public ops reject integers first, with
/// PyTorch's message).
/// </summary>
internal static class ActivationKernel
{
    /// <summary>Scratch block length of the op bodies that need temporaries (stack-allocated).</summary>
    internal const int Block = 256;

    /// <summary>Activations are defined for floating-point tensors only (PyTorch: "not implemented for 'Long'").</summary>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    public static void CheckFloat(Tensor input, string op)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"{op}: expected a floating point input, got {input.DType.TorchName()} (shape {input.Shape}); convert it with To(DType.Float32) first", nameof(input));
    }

    /// <summary>y = f(x) as a new contiguous tensor of x's dtype (no autograd).</summary>
    /// <exception cref="NotSupportedException">x is not floating point.</exception>
    public static Tensor Forward<TOp>(Tensor input, double p, double q, string op) where TOp : IActivationOp
    {
        var x = input.Detach();
        if (x.DType.IsReducedFloat()) return Forward<TOp>(x.Cast(DType.Float32), p, q, op).Cast(x.DType);
        x = x.Contiguous();
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        var f = new MapFunc<TOp>(x, null, y, p, q);
        FloatDispatch.Run<MapFunc<TOp>, bool>(x.DType, op, ref f);
        return y;
    }

    /// <summary>dx = grad · f'(x) as a new contiguous tensor of x's dtype (no autograd); <paramref name="grad"/> has x's shape.</summary>
    /// <exception cref="NotSupportedException">x is not floating point.</exception>
    public static Tensor Backward<TOp>(Tensor input, Tensor grad, double p, double q, string op) where TOp : IActivationOp
    {
        var x = input.Detach();
        if (x.DType.IsReducedFloat()) return Backward<TOp>(x.Cast(DType.Float32), grad.Detach().Cast(DType.Float32), p, q, op).Cast(x.DType);
        x = x.Contiguous();
        var g = grad.Detach().Cast(x.DType).Contiguous();
        var dx = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        var f = new MapFunc<TOp>(x, g, dx, p, q);
        FloatDispatch.Run<MapFunc<TOp>, bool>(x.DType, op, ref f);
        return dx;
    }

    private readonly struct MapFunc<TOp>(Tensor x, Tensor? g, Tensor y, double p, double q) : IFloatFunc<bool> where TOp : IActivationOp
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            Map<TOp, T>(x, g, y, T.CreateTruncating(p), T.CreateTruncating(q));
            return true;
        }
    }

    private static void Map<TOp, T>(Tensor x, Tensor? g, Tensor y, T p, T q) where TOp : IActivationOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = y.Numel;
        if (n == 0) return;
        var xa = x.Typed<T>().Array;
        var ya = y.Typed<T>().Array;
        var ga = g?.Typed<T>().Array;
        int xo = x.Offset, yo = y.Offset, go = g?.Offset ?? 0;

        void Body(int s, int len)
        {
            if (ga is null) TOp.Forward(new ReadOnlySpan<T>(xa, xo + s, len), ya.AsSpan(yo + s, len), p, q);
            else TOp.Backward(new ReadOnlySpan<T>(xa, xo + s, len), new ReadOnlySpan<T>(ga, go + s, len), ya.AsSpan(yo + s, len), p, q);
        }

        if (n >= Elementwise.ParallelThreshold && Threading.NumThreads > 1) Elementwise.ParallelChunks(n, Body);
        else Body(0, n);
        GC.KeepAlive(x);
        GC.KeepAlive(g);
        GC.KeepAlive(y);
    }

    /// <summary>Whether <see cref="Vector{T}"/> of <typeparamref name="T"/> is hardware accelerated.</summary>
    internal static bool Vectorized<T>() where T : unmanaged => Vector.IsHardwareAccelerated && Vector<T>.IsSupported;
}
