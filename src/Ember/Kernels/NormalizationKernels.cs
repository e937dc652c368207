using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>Shared row helpers of the normalization kernels.</summary>
internal static class NormRows
{
    /// <summary>Widens a float or double span to double.</summary>
    public static void ToDouble<T>(ReadOnlySpan<T> x, Span<double> d) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(x).CopyTo(d);
        else TensorPrimitives.ConvertTruncating<float, double>(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(x), d);
    }

    /// <summary>d = x·a + b with scalar a and b, vectorized (d may be x).</summary>
    public static void Affine<T>(ReadOnlySpan<T> x, T a, T b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var va = new Vector<T>(a);
            var vb = new Vector<T>(b);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                (new Vector<T>(x.Slice(i)) * va + vb).CopyTo(d.Slice(i));
        }
        for (; i < x.Length; i++) d[i] = x[i] * a + b;
    }

    /// <summary>Σ (x − m)², vectorized in T.</summary>
    public static T SumSquaredDeviation<T>(ReadOnlySpan<T> x, T m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && x.Length >= Vector<T>.Count)
        {
            var vm = new Vector<T>(m);
            var acc = Vector<T>.Zero;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var d = new Vector<T>(x.Slice(i)) - vm;
                acc += d * d;
            }
            sum = Vector.Sum(acc);
        }
        for (; i < x.Length; i++)
        {
            T d = x[i] - m;
            sum += d * d;
        }
        return sum;
    }

    /// <summary>Σ g·(x − m), vectorized in T.</summary>
    public static T SumCenteredProduct<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, T m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && x.Length >= Vector<T>.Count)
        {
            var vm = new Vector<T>(m);
            var acc = Vector<T>.Zero;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                acc += new Vector<T>(g.Slice(i)) * (new Vector<T>(x.Slice(i)) - vm);
            sum = Vector.Sum(acc);
        }
        for (; i < x.Length; i++) sum += g[i] * (x[i] - m);
        return sum;
    }
}

/// <summary>
/// Batch normalization over a contiguous input viewed as [N, C, S] (S = 1 for [N, C] input): per-channel
/// statistics (accumulated in double, two passes), y = x·a + b per channel, and the fused backward, which needs
/// only the saved per-channel mean and 1/√(var + eps) (as in llm.c). Threads own disjoint channel ranges.
/// </summary>
internal static class BatchNormKernel
{
    /// <summary>Per-channel mean and biased variance of a [N, C, S] input with N·S &gt; 0.</summary>
    public static void Stats(Tensor x, int n, int c, int s, double[] mean, double[] var)
    {
        if (x.DType == DType.Float32) Stats<float>(x, n, c, s, mean, var);
        else Stats<double>(x, n, c, s, mean, var);
        GC.KeepAlive(x);
    }

    private static void Stats<T>(Tensor x, int n, int c, int s, double[] mean, double[] var) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xa = x.Typed<T>().Array;
        int xo = x.Offset;
        double count = (double)n * s;
        RowParallel.Rows(c, (long)n * c * s, (c0, len) =>
        {
            if (s == 1)
            {
                // [N, C]: whole rows of a channel range at a time, widened to double
                var sum = new double[len];
                var row = new double[len];
                for (int b = 0; b < n; b++)
                {
                    NormRows.ToDouble(new ReadOnlySpan<T>(xa, xo + b * c + c0, len), row);
                    TensorPrimitives.Add(sum, row, sum);
                }
                var m = mean.AsSpan(c0, len);
                TensorPrimitives.Divide(sum, count, m);
                Array.Clear(sum);
                for (int b = 0; b < n; b++)
                {
                    NormRows.ToDouble(new ReadOnlySpan<T>(xa, xo + b * c + c0, len), row);
                    TensorPrimitives.Subtract(row, m, row);
                    TensorPrimitives.MultiplyAdd(row, row, sum, sum);
                }
                TensorPrimitives.Divide(sum, count, var.AsSpan(c0, len));
                return;
            }
            for (int ch = c0; ch < c0 + len; ch++)
            {
                double sum = 0;
                for (int b = 0; b < n; b++)
                    sum += double.CreateTruncating(TensorPrimitives.Sum(new ReadOnlySpan<T>(xa, xo + (b * c + ch) * s, s)));
                double m = sum / count;
                T mt = T.CreateTruncating(m);
                // deviations from the rounded mean, corrected for its rounding: Σ(x − m)² = Σ(x − mt)² − count·(m − mt)²
                double sq = 0, dm = m - double.CreateTruncating(mt);
                for (int b = 0; b < n; b++)
                    sq += double.CreateTruncating(NormRows.SumSquaredDeviation(new ReadOnlySpan<T>(xa, xo + (b * c + ch) * s, s), mt));
                mean[ch] = m;
                var[ch] = Math.Max(0, sq / count - dm * dm);
            }
        });
    }

    /// <summary>y = x·scale[c] + shift[c] for a [N, C, S] input.</summary>
    public static Tensor Apply(Tensor x, int n, int c, int s, double[] scale, double[] shift)
    {
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        if (x.DType == DType.Float32) Apply<float>(x, y, n, c, s, scale, shift);
        else Apply<double>(x, y, n, c, s, scale, shift);
        GC.KeepAlive(x);
        GC.KeepAlive(y);
        return y;
    }

    private static void Apply<T>(Tensor x, Tensor y, int n, int c, int s, double[] scale, double[] shift) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Numel == 0) return;
        var xa = x.Typed<T>().Array;
        var ya = y.Typed<T>().Array;
        int xo = x.Offset;
        var a = scale.Select(T.CreateTruncating).ToArray();
        var b = shift.Select(T.CreateTruncating).ToArray();
        RowParallel.Rows(c, (long)n * c * s, (c0, len) =>
        {
            for (int bi = 0; bi < n; bi++)
            {
                if (s == 1)
                {
                    int off = bi * c + c0;
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(xa, xo + off, len), new ReadOnlySpan<T>(a, c0, len),
                        new ReadOnlySpan<T>(b, c0, len), ya.AsSpan(off, len));
                    continue;
                }
                for (int ch = c0; ch < c0 + len; ch++)
                {
                    int off = (bi * c + ch) * s;
                    NormRows.Affine(new ReadOnlySpan<T>(xa, xo + off, s), a[ch], b[ch], ya.AsSpan(off, s));
                }
            }
        });
    }

    /// <summary>Per channel: Σ g and Σ g·(x − mean).</summary>
    public static void GradStats(Tensor x, Tensor g, int n, int c, int s, double[] mean, double[] sumG, double[] sumGx)
    {
        if (x.DType == DType.Float32) GradStats<float>(x, g, n, c, s, mean, sumG, sumGx);
        else GradStats<double>(x, g, n, c, s, mean, sumG, sumGx);
        GC.KeepAlive(x);
        GC.KeepAlive(g);
    }

    private static void GradStats<T>(Tensor x, Tensor g, int n, int c, int s, double[] mean, double[] sumG, double[] sumGx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xa = x.Typed<T>().Array;
        var ga = g.Typed<T>().Array;
        int xo = x.Offset, go = g.Offset;
        RowParallel.Rows(c, 2L * n * c * s, (c0, len) =>
        {
            if (s == 1)
            {
                var gd = new double[len];
                var xd = new double[len];
                var m = new ReadOnlySpan<double>(mean, c0, len);
                var sg = sumG.AsSpan(c0, len);
                var sgx = sumGx.AsSpan(c0, len);
                for (int b = 0; b < n; b++)
                {
                    int row = b * c + c0;
                    NormRows.ToDouble(new ReadOnlySpan<T>(ga, go + row, len), gd);
                    NormRows.ToDouble(new ReadOnlySpan<T>(xa, xo + row, len), xd);
                    TensorPrimitives.Add(sg, gd, sg);
                    TensorPrimitives.Subtract(xd, m, xd);
                    TensorPrimitives.MultiplyAdd(gd, xd, sgx, sgx);
                }
                return;
            }
            for (int ch = c0; ch < c0 + len; ch++)
            {
                T mt = T.CreateTruncating(mean[ch]);
                double dm = mean[ch] - double.CreateTruncating(mt);
                double sg = 0, sgx = 0;
                for (int b = 0; b < n; b++)
                {
                    int off = (b * c + ch) * s;
                    var gs = new ReadOnlySpan<T>(ga, go + off, s);
                    sg += double.CreateTruncating(TensorPrimitives.Sum(gs));
                    sgx += double.CreateTruncating(NormRows.SumCenteredProduct(gs, new ReadOnlySpan<T>(xa, xo + off, s), mt));
                }
                sumG[ch] = sg;
                sumGx[ch] = sgx - dm * sg; // Σ g·(x − m) = Σ g·(x − mt) − (m − mt)·Σ g
            }
        });
    }

    /// <summary>dx = a[c]·g + b[c]·x + k[c] for a [N, C, S] input.</summary>
    public static Tensor InputGrad(Tensor x, Tensor g, int n, int c, int s, double[] a, double[] b, double[] k)
    {
        var dx = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        if (x.DType == DType.Float32) InputGrad<float>(x, g, dx, n, c, s, a, b, k);
        else InputGrad<double>(x, g, dx, n, c, s, a, b, k);
        GC.KeepAlive(x);
        GC.KeepAlive(g);
        GC.KeepAlive(dx);
        return dx;
    }

    private static void InputGrad<T>(Tensor x, Tensor g, Tensor dx, int n, int c, int s, double[] a, double[] b, double[] k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (dx.Numel == 0) return;
        var xa = x.Typed<T>().Array;
        var ga = g.Typed<T>().Array;
        var da = dx.Typed<T>().Array;
        int xo = x.Offset, go = g.Offset;
        var at = a.Select(T.CreateTruncating).ToArray();
        var bt = b.Select(T.CreateTruncating).ToArray();
        var kt = k.Select(T.CreateTruncating).ToArray();
        RowParallel.Rows(c, 2L * n * c * s, (c0, len) =>
        {
            for (int bi = 0; bi < n; bi++)
            {
                if (s == 1)
                {
                    int off = bi * c + c0;
                    var d = da.AsSpan(off, len);
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(xa, xo + off, len), new ReadOnlySpan<T>(bt, c0, len), new ReadOnlySpan<T>(kt, c0, len), d);
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(ga, go + off, len), new ReadOnlySpan<T>(at, c0, len), d, d);
                    continue;
                }
                for (int ch = c0; ch < c0 + len; ch++)
                {
                    int off = (bi * c + ch) * s;
                    var d = da.AsSpan(off, s);
                    NormRows.Affine(new ReadOnlySpan<T>(xa, xo + off, s), bt[ch], kt[ch], d);
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(ga, go + off, s), at[ch], d, d);
                }
            }
        });
    }
}

/// <summary>
/// Layer normalization over the last D elements of each of R rows of a contiguous input: per-row mean and
/// 1/√(var + eps) (saved for backward), y = (x − mean)·rstd·w + b, and the fused backward.
/// </summary>
internal static class LayerNormKernel
{
    /// <summary>Normalizes each row; fills <paramref name="mean"/> and <paramref name="rstd"/> (length R).</summary>
    public static Tensor Forward(Tensor x, Tensor? w, Tensor? b, int rows, int d, double eps, double[] mean, double[] rstd)
    {
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        if (x.DType == DType.Float32) Forward<float>(x, w, b, y, rows, d, eps, mean, rstd);
        else Forward<double>(x, w, b, y, rows, d, eps, mean, rstd);
        GC.KeepAlive(x); GC.KeepAlive(w); GC.KeepAlive(b); GC.KeepAlive(y);
        return y;
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
    /// The fused backward: returns dx (when <paramref name="needInput"/>) and the weight/bias gradients (shape [D],
    /// when asked for).
    /// </summary>
    public static (Tensor? Dx, Tensor? Dw, Tensor? Db) Backward(Tensor x, Tensor g, Tensor? w, int rows, int d, double[] mean, double[] rstd,
        bool needInput, bool needWeight, bool needBias)
    {
        var dx = needInput ? Tensor.Empty(x.ShapeArray.ToArray(), x.DType) : null;
        var dw = needWeight ? Tensor.Empty([d], x.DType, zero: true) : null;
        var db = needBias ? Tensor.Empty([d], x.DType, zero: true) : null;
        if (x.DType == DType.Float32) Backward<float>(x, g, w, dx, dw, db, rows, d, mean, rstd);
        else Backward<double>(x, g, w, dx, dw, db, rows, d, mean, rstd);
        GC.KeepAlive(x); GC.KeepAlive(g); GC.KeepAlive(w); GC.KeepAlive(dx); GC.KeepAlive(dw); GC.KeepAlive(db);
        return (dx, dw, db);
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
