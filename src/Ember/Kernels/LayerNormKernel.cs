using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>
/// Layer normalization over the last D elements of each of R rows: per-row mean and 1/√(var + eps) (saved for
/// backward), y = (x − mean)·rstd·w + b, and the fused backward. float32 and float64 are computed in their own
/// precision, float16 and bfloat16 in float32 and rounded back once.
/// </summary>
internal static class LayerNormKernel
{
    private const string Op = "layer_norm";

    /// <summary>Normalizes each row of a non-empty input (no autograd); <paramref name="stats"/> gets the per-row mean and rstd.</summary>
    /// <param name="input">The input [*, D] (any layout), R·D elements.</param>
    /// <param name="weight">The elementwise scale (D elements, the input's dtype), or null.</param>
    /// <param name="bias">The elementwise shift (D elements, the input's dtype), or null.</param>
    /// <param name="rows">R.</param>
    /// <param name="d">D.</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="stats">The per-row mean and 1/√(var + eps), for <see cref="Backward"/>.</param>
    /// <returns>A new contiguous tensor of the input's shape and dtype.</returns>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor Forward(Tensor input, Tensor? weight, Tensor? bias, int rows, int d, double eps, out NormStats stats)
    {
        var x = FloatDispatch.Widen(input.Detach()).Contiguous();
        var w = Operand(weight);
        var b = Operand(bias);
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        stats = new NormStats(new double[rows], new double[rows]);
        var f = new ForwardFunc(x, w, b, y, rows, d, eps, stats);
        FloatDispatch.Run<ForwardFunc, bool>(x.DType, Op, ref f);
        return y.Cast(input.DType);
    }

    /// <summary>A weight or bias as the kernel reads it: detached, contiguous, float32 for the 16-bit floats.</summary>
    private static Tensor? Operand(Tensor? t) => t is null ? null : FloatDispatch.Widen(t.Detach()).Contiguous();

    private readonly struct ForwardFunc(Tensor x, Tensor? w, Tensor? b, Tensor y, int rows, int d, double eps, NormStats stats) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            Forward<T>(x, w, b, y, rows, d, eps, stats.Mean, stats.Rstd);
            GC.KeepAlive(x); GC.KeepAlive(w); GC.KeepAlive(b); GC.KeepAlive(y);
            return true;
        }
    }

    private static void Forward<T>(Tensor x, Tensor? w, Tensor? b, Tensor y, int rows, int d, double eps, double[] mean, double[] rstd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xa = x.Typed<T>().Array;
        var ya = y.Typed<T>().Array;
        var wa = w?.Typed<T>().Array;
        var ba = b?.Typed<T>().Array;
        int xo = x.Offset, wo = w?.Offset ?? 0, bo = b?.Offset ?? 0;
        RowParallel.Rows(rows, (long)rows * d, (r0, len) =>
        {
            for (int r = r0; r < r0 + len; r++)
            {
                var xs = new ReadOnlySpan<T>(xa, xo + r * d, d);
                var ys = ya.AsSpan(r * d, d);
                double m = double.CreateTruncating(TensorPrimitives.Sum(xs)) / d;
                T mt = T.CreateTruncating(m);
                double dm = m - double.CreateTruncating(mt);
                double v = Math.Max(0, double.CreateTruncating(NormRows.SumSquaredDeviation(xs, mt)) / d - dm * dm);
                double rs = 1 / Math.Sqrt(v + eps);
                mean[r] = m;
                rstd[r] = rs;
                // y = x·rs − m·rs, then ·w + b
                NormRows.Affine(xs, T.CreateTruncating(rs), T.CreateTruncating(-m * rs), ys);
                if (wa is not null && ba is not null) TensorPrimitives.MultiplyAdd(ys, new ReadOnlySpan<T>(wa, wo, d), new ReadOnlySpan<T>(ba, bo, d), ys);
                else if (wa is not null) TensorPrimitives.Multiply(ys, new ReadOnlySpan<T>(wa, wo, d), ys);
                else if (ba is not null) TensorPrimitives.Add(ys, new ReadOnlySpan<T>(ba, bo, d), ys);
            }
        });
    }

    /// <summary>
    /// The fused backward of <see cref="Forward"/> (no autograd): per row, with xhat = (x − mean)·rstd and wdy = w·g,
    /// dx = rstd·(wdy − mean(wdy) − xhat·mean(wdy·xhat)); dweight = Σ_rows g·xhat; dbias = Σ_rows g. Returns dx (when
    /// <paramref name="needInput"/>) and the weight/bias gradients (shape [D], when asked for), in the input's dtype.
    /// </summary>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor? Dx, Tensor? Dw, Tensor? Db) Backward(Tensor input, Tensor grad, Tensor? weight, int rows, int d, NormStats stats,
        bool needInput, bool needWeight, bool needBias)
    {
        var x = FloatDispatch.Widen(input.Detach()).Contiguous();
        var g = grad.Detach().Cast(x.DType).Contiguous();
        var w = Operand(weight);
        var dx = needInput ? Tensor.Empty(x.ShapeArray.ToArray(), x.DType) : null;
        var dw = needWeight ? Tensor.Empty([d], x.DType, zero: true) : null;
        var db = needBias ? Tensor.Empty([d], x.DType, zero: true) : null;
        var f = new BackwardFunc(x, g, w, dx, dw, db, rows, d, stats);
        FloatDispatch.Run<BackwardFunc, bool>(x.DType, Op, ref f);
        return (dx?.Cast(input.DType), dw?.Cast(input.DType), db?.Cast(input.DType));
    }

    private readonly struct BackwardFunc(Tensor x, Tensor g, Tensor? w, Tensor? dx, Tensor? dw, Tensor? db, int rows, int d, NormStats stats)
        : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            Backward<T>(x, g, w, dx, dw, db, rows, d, stats.Mean, stats.Rstd);
            GC.KeepAlive(x); GC.KeepAlive(g); GC.KeepAlive(w); GC.KeepAlive(dx); GC.KeepAlive(dw); GC.KeepAlive(db);
            return true;
        }
    }

    private static void Backward<T>(Tensor x, Tensor g, Tensor? w, Tensor? dx, Tensor? dw, Tensor? db, int rows, int d, double[] mean, double[] rstd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows == 0 || d == 0) return;
        var xa = x.Typed<T>().Array;
        var ga = g.Typed<T>().Array;
        var wa = w?.Typed<T>().Array;
        var da = dx?.Typed<T>().Array;
        var dwa = dw?.Typed<T>().Array;
        var dba = db?.Typed<T>().Array;
        int xo = x.Offset, go = g.Offset, wo = w?.Offset ?? 0;
        var gate = new object();
        RowParallel.Rows(rows, 3L * rows * d, (r0, len) =>
        {
            var xhat = new T[d];
            var wdy = new T[d];
            var dwAcc = dwa is not null ? new T[d] : null;
            var dbAcc = dba is not null ? new T[d] : null;
            for (int r = r0; r < r0 + len; r++)
            {
                var xs = new ReadOnlySpan<T>(xa, xo + r * d, d);
                var gs = new ReadOnlySpan<T>(ga, go + r * d, d);
                T rs = T.CreateTruncating(rstd[r]);
                NormRows.Affine(xs, rs, T.CreateTruncating(-mean[r] * rstd[r]), xhat);
                if (dwAcc is not null) TensorPrimitives.MultiplyAdd(gs, xhat, dwAcc, dwAcc);
                if (dbAcc is not null) TensorPrimitives.Add(dbAcc, gs, dbAcc);
                if (da is null) continue;
                if (wa is not null) TensorPrimitives.Multiply(gs, new ReadOnlySpan<T>(wa, wo, d), wdy);
                else gs.CopyTo(wdy);
                T dT = T.CreateTruncating(d);
                T c1 = TensorPrimitives.Sum<T>(wdy) / dT;
                T c2 = TensorPrimitives.Dot<T>(wdy, xhat) / dT;
                // dx = (wdy − c1 − xhat·c2)·rstd
                var ds = da.AsSpan(r * d, d);
                TensorPrimitives.MultiplyAdd(xhat, -c2, wdy, ds);
                TensorPrimitives.Add(ds, -c1, ds);
                TensorPrimitives.Multiply(ds, rs, ds);
            }
            if (dwAcc is not null || dbAcc is not null)
                lock (gate)
                {
                    if (dwAcc is not null) TensorPrimitives.Add(dwa.AsSpan(0, d), dwAcc, dwa.AsSpan(0, d));
                    if (dbAcc is not null) TensorPrimitives.Add(dba.AsSpan(0, d), dbAcc, dba.AsSpan(0, d));
                }
        });
    }
}
