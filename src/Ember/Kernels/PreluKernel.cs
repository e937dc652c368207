using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;

namespace Ember.Kernels;

/// <summary>PReLU over a contiguous input viewed as [N, C, S], one slope per channel (or one for all).</summary>
internal static class PreluKernel
{
    /// <summary>
    /// Forward (<paramref name="grad"/> null): returns y. Backward: returns dx and sets <paramref name="dw"/>
    /// (shape [numel of w]) to Σ over x ≤ 0 of g·x per channel. x and w have one floating-point dtype, which the
    /// results have too (float16 and bfloat16 are computed in float32 and rounded back); grad is converted to it.
    /// </summary>
    /// <exception cref="NotSupportedException">x is not floating point.</exception>
    public static Tensor Run(Tensor x, Tensor w, Tensor? grad, out Tensor? dw)
    {
        x = x.Detach();
        w = w.Detach();
        if (x.DType.IsReducedFloat())
        {
            var y32 = Run(x.Cast(DType.Float32), w.Cast(DType.Float32), grad?.Detach().Cast(DType.Float32), out var dw32);
            dw = dw32?.Cast(x.DType);
            return y32.Cast(x.DType);
        }
        x = x.Contiguous();
        w = w.Contiguous();
        grad = grad?.Detach().Cast(x.DType).Contiguous();
        int n, c, s;
        if (w.Numel == 1) (n, c, s) = (1, 1, x.Numel);
        else
        {
            n = x.Size(0);
            c = x.Size(1);
            s = c == 0 || n == 0 ? 0 : x.Numel / (n * c);
        }
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        dw = grad is null ? null : Tensor.Empty([w.Numel], x.DType, zero: true);
        var f = new RunFunc(x, w, grad, y, dw, n, c, s);
        FloatDispatch.Run<RunFunc, bool>(x.DType, "prelu", ref f);
        GC.KeepAlive(x); GC.KeepAlive(w); GC.KeepAlive(grad); GC.KeepAlive(y); GC.KeepAlive(dw);
        return y;
    }

    private readonly struct RunFunc(Tensor x, Tensor w, Tensor? grad, Tensor y, Tensor? dw, int n, int c, int s) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            Run<T>(x, w, grad, y, dw, n, c, s);
            return true;
        }
    }

    private static void Run<T>(Tensor x, Tensor w, Tensor? grad, Tensor y, Tensor? dw, int n, int c, int s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Numel == 0) return;
        var xa = x.Typed<T>().Array;
        var wa = w.Typed<T>().Array;
        var ya = y.Typed<T>().Array;
        var ga = grad?.Typed<T>().Array;
        var dwa = dw?.Typed<T>().Array;
        int xo = x.Offset, wo = w.Offset, go = grad?.Offset ?? 0;
        // Threads own disjoint channel ranges, so the weight-gradient sums need no locking.
        RowParallel.Rows(c, (long)n * c * s, (c0, len) =>
        {
            for (int b = 0; b < n; b++)
            {
                if (s == 1)
                {
                    int off = b * c + c0;
                    var xs = new ReadOnlySpan<T>(xa, xo + off, len);
                    var ws = new ReadOnlySpan<T>(wa, wo + c0, len);
                    if (ga is null) Forward(xs, ws, ya.AsSpan(off, len));
                    else Backward(xs, ws, new ReadOnlySpan<T>(ga, go + off, len), ya.AsSpan(off, len), dwa.AsSpan(c0, len));
                    continue;
                }
                for (int ch = c0; ch < c0 + len; ch++)
                {
                    int off = (b * c + ch) * s;
                    var xs = new ReadOnlySpan<T>(xa, xo + off, s);
                    if (ga is null) LeakyReluOp.Forward(xs, ya.AsSpan(off, s), wa[wo + ch], default);
                    else
                    {
                        var gs = new ReadOnlySpan<T>(ga, go + off, s);
                        LeakyReluOp.Backward(xs, gs, ya.AsSpan(off, s), wa[wo + ch], default);
                        dwa![ch] += NegativeDot(xs, gs);
                    }
                }
            }
        });
    }

    /// <summary>y = x &gt; 0 ? x : w·x with a slope per element.</summary>
    private static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        VectorDriver.Map(default(ForwardBody<T>), x, w, y);

    /// <summary>Operands (x, w): x &gt; 0 ? x : x·w.</summary>
    internal readonly struct ForwardBody<T> : IVectorOp2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T w) => x > T.Zero ? x : x * w;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x, Vector128<T> w) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<T>.Zero), x, x * w);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> w) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, x * w);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> w) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), x, x * w);
    }

    /// <summary>dx = x &gt; 0 ? g : w·g and dw += x &gt; 0 ? 0 : g·x, with a slope per element.</summary>
    private static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> g, Span<T> dx, Span<T> dw) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x.Slice(i));
                var gv = new Vector<T>(g.Slice(i));
                var pos = Vector.GreaterThan(v, Vector<T>.Zero);
                Vector.ConditionalSelect(pos, gv, gv * new Vector<T>(w.Slice(i))).CopyTo(dx.Slice(i));
                (new Vector<T>(dw.Slice(i)) + Vector.ConditionalSelect(pos, Vector<T>.Zero, gv * v)).CopyTo(dw.Slice(i));
            }
        for (; i < x.Length; i++)
        {
            bool pos = x[i] > T.Zero;
            dx[i] = pos ? g[i] : g[i] * w[i];
            if (!pos) dw[i] += g[i] * x[i];
        }
    }

    /// <summary>Σ over x ≤ 0 (or NaN) of g·x.</summary>
    private static T NegativeDot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
        {
            var acc = Vector<T>.Zero;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x.Slice(i));
                acc += Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), Vector<T>.Zero, new Vector<T>(g.Slice(i)) * v);
            }
            sum = Vector.Sum(acc);
        }
        for (; i < x.Length; i++) if (!(x[i] > T.Zero)) sum += g[i] * x[i];
        return sum;
    }
}
