using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>
/// Group normalization of an [N, C, S] input in G groups: each (n, g) block of M = (C/G)·S contiguous elements is one
/// row with its mean and 1/√(var + eps) (saved for backward); y = (x − mean)·rstd·w[c] + b[c], and the fused backward.
/// float32 and float64 are computed in their own precision, float16 and bfloat16 in float32 and rounded back once.
/// </summary>
internal static class GroupNormKernel
{
    private const string Op = "group_norm";

    /// <summary>Normalizes a non-empty input (no autograd); <paramref name="stats"/> gets the per-(n, g) mean and rstd.</summary>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor Forward(Tensor input, Tensor? weight, Tensor? bias, int n, int c, int groups, int s, double eps, out NormStats stats)
    {
        var x = FloatDispatch.Widen(input.Detach()).Contiguous();
        var w = Operand(weight);
        var b = Operand(bias);
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        stats = new NormStats(new double[n * groups], new double[n * groups]);
        var f = new ForwardFunc(x, w, b, y, n, c, groups, s, eps, stats);
        FloatDispatch.Run<ForwardFunc, bool>(x.DType, Op, ref f);
        return y.Cast(input.DType);
    }

    private static Tensor? Operand(Tensor? t) => t is null ? null : FloatDispatch.Widen(t.Detach()).Contiguous();

    private readonly struct ForwardFunc(Tensor x, Tensor? w, Tensor? b, Tensor y, int n, int c, int groups, int s, double eps, NormStats stats)
        : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            var xa = x.Typed<T>().Array;
            var ya = y.Typed<T>().Array;
            var wa = w?.Typed<T>().Array;
            var ba = b?.Typed<T>().Array;
            int xo = x.Offset, wo = w?.Offset ?? 0, bo = b?.Offset ?? 0;
            int cpg = c / groups, m = cpg * s, ss = s, gg = groups;
            double e = eps;
            var (mean, rstd) = (stats.Mean, stats.Rstd);
            RowParallel.Rows(n * groups, (long)n * groups * m, (r0, len) =>
            {
                for (int r = r0; r < r0 + len; r++)
                {
                    var xs = new ReadOnlySpan<T>(xa, xo + r * m, m);
                    double mu = double.CreateTruncating(TensorPrimitives.Sum(xs)) / m;
                    T mt = T.CreateTruncating(mu);
                    double dm = mu - double.CreateTruncating(mt);
                    double v = Math.Max(0, double.CreateTruncating(NormRows.SumSquaredDeviation(xs, mt)) / m - dm * dm);
                    double rs = 1 / Math.Sqrt(v + e);
                    mean[r] = mu;
                    rstd[r] = rs;
                    int c0 = r % gg * cpg;
                    for (int k = 0; k < cpg; k++)
                    {
                        int ch = c0 + k;
                        double wc = wa is null ? 1 : double.CreateTruncating(wa[wo + ch]);
                        double bc = ba is null ? 0 : double.CreateTruncating(ba[bo + ch]);
                        // y = x·(rs·w) + (b − mean·rs·w)
                        NormRows.Affine(xs.Slice(k * ss, ss), T.CreateTruncating(rs * wc), T.CreateTruncating(bc - mu * rs * wc),
                            ya.AsSpan(r * m + k * ss, ss));
                    }
                }
            });
            GC.KeepAlive(x); GC.KeepAlive(w); GC.KeepAlive(b); GC.KeepAlive(y);
            return true;
        }
    }

    /// <summary>
    /// The fused backward (no autograd). Per (n, g) with M values, xhat = (x − mean)·rstd and wdy = w·g:
    /// dx = rstd·(wdy − mean(wdy) − xhat·mean(wdy·xhat)); dweight[c] = Σ_n Σ_s g·xhat; dbias[c] = Σ_n Σ_s g.
    /// Returns the gradients asked for, in the input's dtype (weight and bias ones of shape [C]).
    /// </summary>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static (Tensor? Dx, Tensor? Dw, Tensor? Db) Backward(Tensor input, Tensor grad, Tensor? weight, NormStats stats, int n, int c, int groups, int s,
        bool needInput, bool needWeight, bool needBias)
    {
        var x = FloatDispatch.Widen(input.Detach()).Contiguous();
        var g = grad.Detach().Cast(x.DType).Contiguous();
        var w = Operand(weight);
        var dx = needInput ? Tensor.Empty(x.ShapeArray.ToArray(), x.DType) : null;
        // per (n, c): Σ_s g·(x − mean) and Σ_s g
        var dsc = new double[n * c];
        var db = new double[n * c];
        var f = new BackwardFunc(x, g, w, dx, dsc, db, n, c, groups, s, stats);
        FloatDispatch.Run<BackwardFunc, bool>(x.DType, Op, ref f);
        Tensor? dwT = null, dbT = null;
        if (needWeight)
        {
            var dwv = new double[c];
            for (int i = 0; i < n; i++)
                for (int ch = 0; ch < c; ch++) dwv[ch] += dsc[i * c + ch] * stats.Rstd[i * groups + ch / (c / groups)];
            dwT = Torch.FromArray(dwv, c).Cast(input.DType);
        }
        if (needBias)
        {
            var dbv = new double[c];
            for (int i = 0; i < n; i++)
                for (int ch = 0; ch < c; ch++) dbv[ch] += db[i * c + ch];
            dbT = Torch.FromArray(dbv, c).Cast(input.DType);
        }
        return (dx?.Cast(input.DType), dwT, dbT);
    }

    private readonly struct BackwardFunc(Tensor x, Tensor g, Tensor? w, Tensor? dx, double[] dsc, double[] db, int n, int c, int groups, int s,
        NormStats stats) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            var xa = x.Typed<T>().Array;
            var ga = g.Typed<T>().Array;
            var wa = w?.Typed<T>().Array;
            var da = dx?.Typed<T>().Array;
            int xo = x.Offset, go = g.Offset, wo = w?.Offset ?? 0;
            int cpg = c / groups, m = cpg * s, ss = s, cc = c, gg = groups;
            var (mean, rstd, dscA, dbA) = (stats.Mean, stats.Rstd, dsc, db);
            RowParallel.Rows(n * groups, 3L * n * groups * m, (r0, len) =>
            {
                for (int r = r0; r < r0 + len; r++)
                {
                    int i = r / gg, c0 = r % gg * cpg;
                    double mu = mean[r], rs = rstd[r];
                    T mt = T.CreateTruncating(mu);
                    double c1 = 0, c2 = 0;   // Σ w·g and Σ w·g·(x − mean) over the group
                    for (int k = 0; k < cpg; k++)
                    {
                        int ch = c0 + k;
                        var xs = new ReadOnlySpan<T>(xa, xo + r * m + k * ss, ss);
                        var gs = new ReadOnlySpan<T>(ga, go + r * m + k * ss, ss);
                        double sg = double.CreateTruncating(TensorPrimitives.Sum(gs));
                        double sgx = double.CreateTruncating(NormRows.SumCenteredProduct(gs, xs, mt));
                        dbA[i * cc + ch] = sg;
                        dscA[i * cc + ch] = sgx;
                        double wc = wa is null ? 1 : double.CreateTruncating(wa[wo + ch]);
                        c1 += wc * sg;
                        c2 += wc * sgx;
                    }
                    if (da is null) continue;
                    // dx = g·(rs·w[c]) + x·B + C, B = −rs³·c2/M, C = −mean·B − rs·c1/M
                    double bcoef = -rs * rs * rs * c2 / m;
                    double ccoef = -mu * bcoef - rs * c1 / m;
                    T bt = T.CreateTruncating(bcoef), ct = T.CreateTruncating(ccoef);
                    for (int k = 0; k < cpg; k++)
                    {
                        int ch = c0 + k;
                        double wc = wa is null ? 1 : double.CreateTruncating(wa[wo + ch]);
                        var xs = new ReadOnlySpan<T>(xa, xo + r * m + k * ss, ss);
                        var gs = new ReadOnlySpan<T>(ga, go + r * m + k * ss, ss);
                        var ds = da.AsSpan(r * m + k * ss, ss);
                        NormRows.Affine(xs, bt, ct, ds);
                        TensorPrimitives.MultiplyAdd(gs, T.CreateTruncating(rs * wc), ds, ds);
                    }
                }
            });
            GC.KeepAlive(x); GC.KeepAlive(g); GC.KeepAlive(w); GC.KeepAlive(dx);
            return true;
        }
    }
}
