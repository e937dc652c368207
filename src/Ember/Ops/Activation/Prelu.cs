using System.Numerics;
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
        var y = PreluKernel.Run(input.Detach().Contiguous(), weight.Detach().Contiguous(), null, out _);
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
                var dx = PreluKernel.Run(xv.Detach().Contiguous(), wv.Detach().Contiguous(), grad.Detach().To(xv.DType).Contiguous(), out var dw);
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
    public Tensor Prelu(Tensor weight) => Torch.Prelu(this, weight);
}

/// <summary>PReLU over a contiguous input viewed as [N, C, S], one slope per channel (or one for all).</summary>
internal static class PreluKernel
{
    /// <summary>
    /// Forward (<paramref name="grad"/> null): returns y. Backward: returns dx and sets <paramref name="dw"/>
    /// (shape [numel of w]) to Σ over x ≤ 0 of g·x per channel.
    /// </summary>
    /// <exception cref="NotSupportedException">The dtype is not floating point.</exception>
    public static Tensor Run(Tensor x, Tensor w, Tensor? grad, out Tensor? dw)
    {
        if (x.DType.IsReducedFloat())
        {
            // float16/bfloat16: computed in float32 and rounded once.
            var dt = x.DType;
            var y32 = Run(x.Cast(DType.Float32), w.Cast(DType.Float32), grad?.Cast(DType.Float32), out var dw32);
            dw = dw32?.Cast(dt);
            return y32.Cast(dt);
        }
        if (x.DType is not (DType.Float32 or DType.Float64)) throw Dispatch.Unsupported("prelu", x.DType);
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
        if (x.DType == DType.Float32) Run<float>(x, w, grad, y, dw, n, c, s);
        else Run<double>(x, w, grad, y, dw, n, c, s);
        GC.KeepAlive(x); GC.KeepAlive(w); GC.KeepAlive(grad); GC.KeepAlive(y); GC.KeepAlive(dw);
        return y;
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
                    if (ga is null) LeakyReluOp<T>.Forward(xs, ya.AsSpan(off, s), wa[wo + ch], default);
                    else
                    {
                        var gs = new ReadOnlySpan<T>(ga, go + off, s);
                        LeakyReluOp<T>.Backward(xs, gs, ya.AsSpan(off, s), wa[wo + ch], default);
                        dwa![ch] += NegativeDot(xs, gs);
                    }
                }
            }
        });
    }

    /// <summary>y = x &gt; 0 ? x : w·x with a slope per element.</summary>
    private static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x.Slice(i));
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), v, v * new Vector<T>(w.Slice(i))).CopyTo(y.Slice(i));
            }
        for (; i < x.Length; i++) y[i] = x[i] > T.Zero ? x[i] : x[i] * w[i];
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
