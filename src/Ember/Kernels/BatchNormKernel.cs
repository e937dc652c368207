using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>
/// Batch normalization over an input viewed as [N, C, S] (S = 1 for [N, C] input): per-channel statistics
/// (accumulated in double, two passes), y = x·a + b per channel, and the fused backward, which needs only the saved
/// per-channel mean and 1/√(var + eps) (as in llm.c). Threads own disjoint channel ranges. Planes of fewer than
/// <see cref="ShortRows"/> elements (and [N, C] input) go a block of a sample's channels at a time. float32 and float64 inputs
/// are computed in their own precision, float16 and bfloat16 ones in float32 and rounded back once; the per-channel
/// values (statistics, weight, bias) are read in double.
/// </summary>
internal static class BatchNormKernel
{
    private const string Op = "batch_norm";

    /// <summary>Rows (planes) shorter than this are handled a block of a sample's channels at a time, with the per-channel
    /// values repeated along the row, instead of one call per row: at ResNet's 2×2 and 4×4 planes the per-row calls cost
    /// 8–10 times the arithmetic (a [32, 512, 2, 2] forward and backward: 634 → 192 µs). An internal A/B switch (2: only
    /// [N, C] input takes the block path).</summary>
    internal static int ShortRows = 32;

    /// <summary>Elements of a sample a short-row block covers (its scratch: a few arrays of this many).</summary>
    private const int ShortBlock = 8192;

    /// <summary>values[c0 … c0 + len) each repeated s times (s = 1: the values themselves, nothing rented).</summary>
    private static ReadOnlySpan<TV> Repeated<TV>(TV[] values, int c0, int len, int s, ref TV[]? rented)
    {
        if (s == 1) return new ReadOnlySpan<TV>(values, c0, len);
        rented = ArrayPool<TV>.Shared.Rent(len * s);
        for (int r = 0; r < len; r++) rented.AsSpan(r * s, s).Fill(values[c0 + r]);
        return new ReadOnlySpan<TV>(rented, 0, len * s);
    }

    /// <summary>out[r] = Σ of lanes[r·s … r·s + s) for r &lt; out.Length (a short-row block's per-channel totals).</summary>
    private static void ChannelTotals(ReadOnlySpan<double> lanes, int s, Span<double> totals)
    {
        if (s == 1) { lanes.CopyTo(totals); return; }
        for (int r = 0; r < totals.Length; r++)
        {
            double t = 0;
            foreach (double v in lanes.Slice(r * s, s)) t += v;
            totals[r] = t;
        }
    }

    private static void Return<TV>(TV[]? rented)
    {
        if (rented is not null) ArrayPool<TV>.Shared.Return(rented);
    }

    /// <summary>
    /// The forward of <see cref="NN.F.BatchNorm"/> on a non-empty [N, C, S] input (no autograd): normalizes with the
    /// batch statistics when <paramref name="training"/> (updating the running statistics in place, when given, with
    /// the unbiased variance) or with the running ones, then applies the per-channel affine.
    /// </summary>
    /// <param name="input">The input, any layout.</param>
    /// <param name="runningMean">The running mean (C elements), or null; required when not training.</param>
    /// <param name="runningVar">The running variance (C elements), or null; required when not training.</param>
    /// <param name="weight">The per-channel scale, or null for 1.</param>
    /// <param name="bias">The per-channel shift, or null for 0.</param>
    /// <param name="training">Use (and update) the batch statistics.</param>
    /// <param name="momentum">The weight of the batch statistics in the running update.</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="n">N.</param>
    /// <param name="c">C.</param>
    /// <param name="s">S, the product of the dimensions after 1.</param>
    /// <param name="stats">The per-channel mean and 1/√(var + eps) used, for <see cref="Backward"/>.</param>
    /// <param name="relu">Apply ReLU to the result in the same pass (float32 and float64 only; the scale and shift go
    /// into <paramref name="stats"/> for the backward's mask).</param>
    /// <returns>A new contiguous tensor of the input's shape and dtype.</returns>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor Forward(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias,
        bool training, double momentum, double eps, int n, int c, int s, out NormStats stats, bool relu = false)
    {
        var x = FloatDispatch.Widen(input.Detach()).Contiguous();
        var mean = new double[c];
        var rstd = new double[c];
        if (training)
        {
            var var = new double[c];
            var f = new StatsFunc(x, n, c, s, mean, var);
            FloatDispatch.Run<StatsFunc, bool>(x.DType, Op, ref f);
            for (int k = 0; k < c; k++) rstd[k] = 1 / Math.Sqrt(var[k] + eps);
            double m = (double)n * s;
            if (runningMean is not null) UpdateRunning(runningMean, mean, momentum, 1);
            if (runningVar is not null) UpdateRunning(runningVar, var, momentum, m / (m - 1));
        }
        else
        {
            var rm = NormStats.Doubles(runningMean)!;
            var rv = NormStats.Doubles(runningVar)!;
            for (int k = 0; k < c; k++)
            {
                mean[k] = rm[k];
                rstd[k] = 1 / Math.Sqrt(rv[k] + eps);
            }
        }
        var w = NormStats.Doubles(weight);
        var b = NormStats.Doubles(bias);
        var scale = new double[c];
        var shift = new double[c];
        for (int k = 0; k < c; k++)
        {
            scale[k] = (w?[k] ?? 1) * rstd[k];
            shift[k] = (b?[k] ?? 0) - mean[k] * scale[k];
        }
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        if (relu && x.DType != input.DType) throw new ArgumentException($"batch_norm: a fused ReLU needs float32 or float64 input, got {input.DType.TorchName()}");
        var af = new ApplyFunc(x, y, n, c, s, scale, shift, relu);
        FloatDispatch.Run<ApplyFunc, bool>(x.DType, Op, ref af);
        stats = new NormStats(mean, rstd) { Relu = relu ? (scale, shift) : null };
        return y.Cast(input.DType);
    }

    /// <summary>running = (1 − momentum)·running + momentum·factor·batch, in place (computed in double, no autograd).</summary>
    private static void UpdateRunning(Tensor running, double[] batch, double momentum, double factor)
    {
        var old = NormStats.Doubles(running)!;
        var updated = new double[old.Length];
        for (int k = 0; k < old.Length; k++) updated[k] = momentum * (batch[k] * factor) + (1 - momentum) * old[k];
        using (Torch.NoGrad()) running.Copy_(Torch.FromArray(updated, running.ShapeArray.ToArray()));
    }

    /// <summary>
    /// The fused backward of <see cref="Forward"/> (no autograd). With batch statistics (training), for
    /// xhat = (x − mean)·rstd and M values per channel: dx = w·rstd·(g − mean(g) − xhat·mean(g·xhat)); otherwise
    /// dx = w·rstd·g. dweight = Σ g·xhat, dbias = Σ g (sums over everything but the channel), both [C].
    /// </summary>
    /// <param name="input">The forward's input.</param>
    /// <param name="grad">The gradient of the output (its shape; converted to the input's dtype).</param>
    /// <param name="weight">The forward's weight, or null.</param>
    /// <param name="stats">The forward's statistics.</param>
    /// <param name="training">Whether the forward used batch statistics.</param>
    /// <param name="n">N.</param>
    /// <param name="c">C.</param>
    /// <param name="s">S.</param>
    /// <param name="needInput">Compute dx.</param>
    /// <param name="needWeight">Compute dweight.</param>
    /// <param name="needBias">Compute dbias.</param>
    /// <returns>The gradients asked for (null otherwise), in the input's dtype.</returns>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor? Dx, Tensor? Dw, Tensor? Db) Backward(Tensor input, Tensor grad, Tensor? weight, NormStats stats, bool training,
        int n, int c, int s, bool needInput, bool needWeight, bool needBias)
    {
        var x = FloatDispatch.Widen(input.Detach()).Contiguous();
        var g = grad.Detach().Cast(x.DType).Contiguous();
        var sumG = new double[c];
        var sumGx = new double[c];
        if (training && needInput || needWeight || needBias)
        {
            var f = new GradStatsFunc(x, g, n, c, s, stats.Mean, sumG, sumGx, stats.Relu);
            FloatDispatch.Run<GradStatsFunc, bool>(x.DType, Op, ref f);
        }
        Tensor? dx = null, dw = null, db = null;
        if (needInput)
        {
            var w = NormStats.Doubles(weight);
            double m = (double)n * s;
            var a = new double[c];
            var b = new double[c];
            var k = new double[c];
            for (int ch = 0; ch < c; ch++)
            {
                double r = stats.Rstd[ch];
                a[ch] = (w?[ch] ?? 1) * r;
                if (!training) continue;
                double q = a[ch] * r * r * sumGx[ch] / m;
                b[ch] = -q;
                k[ch] = q * stats.Mean[ch] - a[ch] * sumG[ch] / m;
            }
            dx = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
            var f = new InputGradFunc(x, g, dx, n, c, s, a, b, k, stats.Relu);
            FloatDispatch.Run<InputGradFunc, bool>(x.DType, Op, ref f);
            dx = dx.Cast(input.DType);
        }
        if (needWeight)
        {
            var v = new double[c];
            for (int ch = 0; ch < c; ch++) v[ch] = sumGx[ch] * stats.Rstd[ch];
            dw = Torch.FromArray(v, c).Cast(input.DType);
        }
        if (needBias) db = Torch.FromArray(sumG, c).Cast(input.DType);
        return (dx, dw, db);
    }

    private readonly struct StatsFunc(Tensor x, int n, int c, int s, double[] mean, double[] var) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            Stats<T>(x, n, c, s, mean, var);
            GC.KeepAlive(x);
            return true;
        }
    }

    private readonly struct ApplyFunc(Tensor x, Tensor y, int n, int c, int s, double[] scale, double[] shift, bool relu) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            Apply<T>(x, y, n, c, s, scale, shift, relu);
            GC.KeepAlive(x);
            GC.KeepAlive(y);
            return true;
        }
    }

    private readonly struct GradStatsFunc(Tensor x, Tensor g, int n, int c, int s, double[] mean, double[] sumG, double[] sumGx,
        (double[] Scale, double[] Shift)? relu) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            GradStats<T>(x, g, n, c, s, mean, sumG, sumGx, ReluMask<T>.Of(relu));
            GC.KeepAlive(x);
            GC.KeepAlive(g);
            return true;
        }
    }

    private readonly struct InputGradFunc(Tensor x, Tensor g, Tensor dx, int n, int c, int s, double[] a, double[] b, double[] k,
        (double[] Scale, double[] Shift)? relu) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            InputGrad<T>(x, g, dx, n, c, s, a, b, k, ReluMask<T>.Of(relu));
            GC.KeepAlive(x);
            GC.KeepAlive(g);
            GC.KeepAlive(dx);
            return true;
        }
    }

    /// <summary>Per-channel mean and biased variance of a [N, C, S] input with N·S &gt; 0.</summary>
    private static void Stats<T>(Tensor x, int n, int c, int s, double[] mean, double[] var) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xa = x.Typed<T>().Array;
        int xo = x.Offset;
        double count = (double)n * s;
        RowParallel.Rows(c, (long)n * c * s, (c0, len) =>
        {
            if (s < ShortRows)
            {
                // In blocks of about ShortBlock elements a sample, so that the scratch stays small whatever C is.
                for (int cb = c0, step = Math.Max(1, ShortBlock / s); cb < c0 + len; cb += step) Block(cb, Math.Min(step, c0 + len - cb));
                return;

                void Block(int c0, int len)
                {
                    // Rows of a few elements ([N, C] is S = 1): a sample's block of channels at a time, widened to double,
                    // with the mean repeated along each row.
                    int w = len * s;
                    var sum = ArrayPool<double>.Shared.Rent(w);
                    var row = ArrayPool<double>.Shared.Rent(w);
                    double[]? rep = null;
                    try
                    {
                        var acc = sum.AsSpan(0, w);
                        var r = row.AsSpan(0, w);
                        acc.Clear();
                        for (int b = 0; b < n; b++)
                        {
                            NormRows.ToDouble(new ReadOnlySpan<T>(xa, xo + (b * c + c0) * s, w), r);
                            TensorPrimitives.Add(acc, r, acc);
                        }
                        var m = mean.AsSpan(c0, len);
                        ChannelTotals(acc, s, m);
                        TensorPrimitives.Divide(m, count, m);
                        var mr = Repeated(mean, c0, len, s, ref rep);
                        acc.Clear();
                        for (int b = 0; b < n; b++)
                        {
                            NormRows.ToDouble(new ReadOnlySpan<T>(xa, xo + (b * c + c0) * s, w), r);
                            TensorPrimitives.Subtract(r, mr, r);
                            TensorPrimitives.MultiplyAdd(r, r, acc, acc);
                        }
                        var v = var.AsSpan(c0, len);
                        ChannelTotals(acc, s, v);
                        TensorPrimitives.Divide(v, count, v);
                    }
                    finally
                    {
                        ArrayPool<double>.Shared.Return(sum);
                        ArrayPool<double>.Shared.Return(row);
                        Return(rep);
                    }
                }
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

    /// <summary>y = x·scale[c] + shift[c] for a [N, C, S] input, then ReLU (<see cref="ReluOp"/>'s) when <paramref name="relu"/>.</summary>
    private static void Apply<T>(Tensor x, Tensor y, int n, int c, int s, double[] scale, double[] shift, bool relu) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Numel == 0) return;
        var xa = x.Typed<T>().Array;
        var ya = y.Typed<T>().Array;
        int xo = x.Offset;
        var a = scale.Select(T.CreateTruncating).ToArray();
        var b = shift.Select(T.CreateTruncating).ToArray();
        RowParallel.Rows(c, (long)n * c * s, (c0, len) =>
        {
            if (s < ShortRows)
            {
                // In blocks of about ShortBlock elements a sample, so that the scratch stays small whatever C is.
                for (int cb = c0, step = Math.Max(1, ShortBlock / s); cb < c0 + len; cb += step) Block(cb, Math.Min(step, c0 + len - cb));
                return;

                void Block(int c0, int len)
                {
                    // Rows of a few elements: a sample's block of channels at a time, the scale and shift repeated along rows.
                    T[]? ra = null, rb = null;
                    try
                    {
                        var ea = Repeated(a, c0, len, s, ref ra);
                        var eb = Repeated(b, c0, len, s, ref rb);
                        int w = len * s;
                        for (int bi = 0; bi < n; bi++)
                        {
                            int off = (bi * c + c0) * s;
                            TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(xa, xo + off, w), ea, eb, ya.AsSpan(off, w));
                            if (relu) ReluOp.Invoke<T>(ya.AsSpan(off, w), ya.AsSpan(off, w));
                        }
                    }
                    finally { Return(ra); Return(rb); }
                }
            }
            for (int bi = 0; bi < n; bi++)
            {
                for (int ch = c0; ch < c0 + len; ch++)
                {
                    int off = (bi * c + ch) * s;
                    NormRows.Affine(new ReadOnlySpan<T>(xa, xo + off, s), a[ch], b[ch], ya.AsSpan(off, s));
                    if (relu) ReluOp.Invoke<T>(ya.AsSpan(off, s), ya.AsSpan(off, s));
                }
            }
        });
    }

    /// <summary>Per channel: Σ g and Σ g·(x − mean), g masked by a fused ReLU when <paramref name="relu"/> is given.</summary>
    private static void GradStats<T>(Tensor x, Tensor g, int n, int c, int s, double[] mean, double[] sumG, double[] sumGx, ReluMask<T>? relu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xa = x.Typed<T>().Array;
        var ga = g.Typed<T>().Array;
        int xo = x.Offset, go = g.Offset;
        RowParallel.Rows(c, 2L * n * c * s, (c0, len) =>
        {
            if (s < ShortRows)
            {
                // In blocks of about ShortBlock elements a sample, so that the scratch stays small whatever C is.
                for (int cb = c0, step = Math.Max(1, ShortBlock / s); cb < c0 + len; cb += step) Block(cb, Math.Min(step, c0 + len - cb));
                return;

                void Block(int c0, int len)
                {
                    // Rows of a few elements: a sample's block of channels at a time, in double, the mean repeated along rows.
                    int w = len * s;
                    var gd = ArrayPool<double>.Shared.Rent(w);
                    var xd = ArrayPool<double>.Shared.Rent(w);
                    var ag = ArrayPool<double>.Shared.Rent(w);
                    var agx = ArrayPool<double>.Shared.Rent(w);
                    double[]? rep = null;
                    var mask = relu?.ForBlock(c0, len, s);
                    try
                    {
                        var m = Repeated(mean, c0, len, s, ref rep);
                        Span<double> g1 = gd.AsSpan(0, w), x1 = xd.AsSpan(0, w), sg = ag.AsSpan(0, w), sgx = agx.AsSpan(0, w);
                        sg.Clear();
                        sgx.Clear();
                        for (int b = 0; b < n; b++)
                        {
                            int off = (b * c + c0) * s;
                            var gr = new ReadOnlySpan<T>(ga, go + off, w);
                            if (mask is { } mk) gr = mk.Apply(new ReadOnlySpan<T>(xa, xo + off, w), gr);
                            NormRows.ToDouble(gr, g1);
                            NormRows.ToDouble(new ReadOnlySpan<T>(xa, xo + off, w), x1);
                            TensorPrimitives.Add(sg, g1, sg);
                            TensorPrimitives.Subtract(x1, m, x1);
                            TensorPrimitives.MultiplyAdd(g1, x1, sgx, sgx);
                        }
                        ChannelTotals(sg, s, sumG.AsSpan(c0, len));
                        ChannelTotals(sgx, s, sumGx.AsSpan(c0, len));
                    }
                    finally
                    {
                        ArrayPool<double>.Shared.Return(gd);
                        ArrayPool<double>.Shared.Return(xd);
                        ArrayPool<double>.Shared.Return(ag);
                        ArrayPool<double>.Shared.Return(agx);
                        Return(rep);
                        mask?.Return();
                    }
                }
            }
            for (int ch = c0; ch < c0 + len; ch++)
            {
                T mt = T.CreateTruncating(mean[ch]);
                double dm = mean[ch] - double.CreateTruncating(mt);
                double sg = 0, sgx = 0;
                for (int b = 0; b < n; b++)
                {
                    int off = (b * c + ch) * s;
                    var xr = new ReadOnlySpan<T>(xa, xo + off, s);
                    var gr = new ReadOnlySpan<T>(ga, go + off, s);
                    var (rowG, rowGx) = relu is { } mk
                        ? NormRows.MaskedSumAndCenteredProduct(gr, xr, mt, mk.Scale[ch], mk.Shift[ch])
                        : NormRows.SumAndCenteredProduct(gr, xr, mt);
                    sg += double.CreateTruncating(rowG);
                    sgx += double.CreateTruncating(rowGx);
                }
                sumG[ch] = sg;
                sumGx[ch] = sgx - dm * sg; // Σ g·(x − m) = Σ g·(x − mt) − (m − mt)·Σ g
            }
        });
    }

    /// <summary>dx = a[c]·g + b[c]·x + k[c] for a [N, C, S] input, g masked by a fused ReLU when <paramref name="relu"/> is given.</summary>
    private static void InputGrad<T>(Tensor x, Tensor g, Tensor dx, int n, int c, int s, double[] a, double[] b, double[] k, ReluMask<T>? relu)
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
            if (s < ShortRows)
            {
                // In blocks of about ShortBlock elements a sample, so that the scratch stays small whatever C is.
                for (int cb = c0, step = Math.Max(1, ShortBlock / s); cb < c0 + len; cb += step) Block(cb, Math.Min(step, c0 + len - cb));
                return;

                void Block(int c0, int len)
                {
                    // Rows of a few elements: a sample's block of channels at a time, the coefficients repeated along rows.
                    T[]? ra = null, rb = null, rk = null;
                    var mask = relu?.ForBlock(c0, len, s);
                    try
                    {
                        var ea = Repeated(at, c0, len, s, ref ra);
                        var eb = Repeated(bt, c0, len, s, ref rb);
                        var ek = Repeated(kt, c0, len, s, ref rk);
                        int w = len * s;
                        for (int bi = 0; bi < n; bi++)
                        {
                            int off = (bi * c + c0) * s;
                            var d = da.AsSpan(off, w);
                            var xr = new ReadOnlySpan<T>(xa, xo + off, w);
                            var gr = new ReadOnlySpan<T>(ga, go + off, w);
                            if (mask is { } mk) gr = mk.Apply(xr, gr);
                            TensorPrimitives.MultiplyAdd(xr, eb, ek, d);
                            TensorPrimitives.MultiplyAdd(gr, ea, d, d);
                        }
                    }
                    finally { Return(ra); Return(rb); Return(rk); mask?.Return(); }
                }
            }
            for (int bi = 0; bi < n; bi++)
            {
                for (int ch = c0; ch < c0 + len; ch++)
                {
                    int off = (bi * c + ch) * s;
                    var xr = new ReadOnlySpan<T>(xa, xo + off, s);
                    var gr = new ReadOnlySpan<T>(ga, go + off, s);
                    if (relu is { } mk) NormRows.AffinePlusScaledMasked(xr, bt[ch], kt[ch], gr, at[ch], mk.Scale[ch], mk.Shift[ch], da.AsSpan(off, s));
                    else NormRows.AffinePlusScaled(xr, bt[ch], kt[ch], gr, at[ch], da.AsSpan(off, s));
                }
            }
        });
    }

    /// <summary>
    /// The gradient through a ReLU fused after the normalization: 0 where the forward's x·scale + shift was ≤ 0, else g
    /// (ReLU's backward on its output, <see cref="ReluGradOp"/>; a NaN passes its gradient on). The pre-ReLU values are
    /// made again from x with the forward's own operations and coefficients, so the mask is the forward's, bit for bit,
    /// and the normalized output is never read back: inside the row kernels for long rows, into a scratch block of a
    /// sample's channels for short ones.
    /// </summary>
    private readonly struct ReluMask<T>(T[] scale, T[] shift) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The mask of a fused forward's statistics, or null without one.</summary>
        public static ReluMask<T>? Of((double[] Scale, double[] Shift)? relu) =>
            relu is { } r ? new ReluMask<T>(r.Scale.Select(T.CreateTruncating).ToArray(), r.Shift.Select(T.CreateTruncating).ToArray()) : null;

        /// <summary>The per-channel scale (long rows take the mask inside <see cref="NormRows.MaskedSumAndCenteredProduct{T}"/>
        /// and <see cref="NormRows.AffinePlusScaledMasked{T}"/>).</summary>
        public T[] Scale => scale;

        /// <summary>The per-channel shift.</summary>
        public T[] Shift => shift;

        /// <summary>Scratch for a sample's channels c0 … c0 + len − 1 at once (rows of s, <see cref="Scratch.Apply"/>).</summary>
        public Scratch ForBlock(int c0, int len, int s)
        {
            T[]? es = null, eh = null;
            Repeated(scale, c0, len, s, ref es);
            Repeated(shift, c0, len, s, ref eh);
            int w = len * s;
            // s = 1 repeats nothing: the per-channel values are used from c0 on.
            return es is null || eh is null
                ? new(scale, shift, c0, es, eh, ArrayPool<T>.Shared.Rent(w), ArrayPool<T>.Shared.Rent(w))
                : new(es, eh, 0, es, eh, ArrayPool<T>.Shared.Rent(w), ArrayPool<T>.Shared.Rent(w));
        }

        /// <summary>Per-thread buffers of a block: the coefficients (repeated along its rows, or per channel from
        /// <paramref name="offset"/> for rows of 1) and scratch for the pre-ReLU values and the masked gradient.</summary>
        public readonly struct Scratch(T[] a, T[] b, int offset, T[]? rentedA, T[]? rentedB, T[] y, T[] gm)
        {
            /// <summary>The masked gradient of a block of rows (the forward's short-row operation; valid until the next call).</summary>
            public ReadOnlySpan<T> Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> g)
            {
                var yr = y.AsSpan(0, x.Length);
                var d = gm.AsSpan(0, x.Length);
                TensorPrimitives.MultiplyAdd(x, new ReadOnlySpan<T>(a, offset, x.Length), new ReadOnlySpan<T>(b, offset, x.Length), yr);
                ReluGradOp.Invoke<T>(g, yr, d);
                return d;
            }

            /// <summary>Gives the rented buffers back.</summary>
            public void Return()
            {
                BatchNormKernel.Return(rentedA);
                BatchNormKernel.Return(rentedB);
                ArrayPool<T>.Shared.Return(y);
                ArrayPool<T>.Shared.Return(gm);
            }
        }
    }
}
