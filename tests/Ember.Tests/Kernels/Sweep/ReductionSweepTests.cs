namespace Ember.Tests.Kernels.Sweep;

/// <summary>
/// Reductions, scans and softmaxes along the inner, the outer and a middle dimension, at every reduced length 0..257,
/// with contiguous inputs and, in turns of 17 lengths, transposed and strided ones, against loops in double. A sum-like result of r terms is allowed
/// (r + 4)·ε·Σ|terms| (the bound of any summation order); max/min/argmax are exact. Where PyTorch rejects an empty
/// reduction (max, min, argmax, amax over a dimension of size 0) the error is checked instead.
/// </summary>
public class ReductionSweepTests
{
    /// <summary>
    /// An op along one dimension: the Ember call, the reference over one row of r values (r results for a scan or
    /// softmax, one for a reduction) and the tolerances of a row's results given the row and the expected values.
    /// </summary>
    private sealed record RowOp(string Name, Func<Tensor, int, Tensor> Op, Func<double[], double[]> Ref,
        Func<double[], double[], double[]> Tol, bool Map = false, bool Ints = false, bool RejectsEmpty = false,
        double Lo = -1, double Hi = 1);

    private static double SumAbs(double[] x)
    {
        double s = 0;
        foreach (var v in x) s += Math.Abs(v);
        return s;
    }

    private static double SumTol(double[] x, double eps) => (x.Length + 4) * eps * SumAbs(x);

    private static double Var(double[] x)
    {
        if (x.Length == 0) return double.NaN;
        double m = x.Average(), s = 0;
        foreach (var v in x) s += (v - m) * (v - m);
        return s / (x.Length - 1);
    }

    private static double VarTol(double[] x, double eps)
    {
        double sq = 0;
        foreach (var v in x) sq += v * v;
        return (x.Length + 4) * eps * 4 * sq / Math.Max(1, x.Length - 1);
    }

    private static double LogSumExp(double[] x)
    {
        if (x.Length == 0) return double.NegativeInfinity;
        double m = x.Max(), s = 0;
        foreach (var v in x) s += Math.Exp(v - m);
        return m + Math.Log(s);
    }

    private static int ArgIndex(double[] x, bool max)
    {
        int best = 0;
        for (int i = 1; i < x.Length; i++)
            if (max ? x[i] > x[best] : x[i] < x[best]) best = i;
        return best;
    }

    private static double[] Softmax(double[] x)
    {
        double lse = LogSumExp(x);
        return Array.ConvertAll(x, v => Math.Exp(v - lse));
    }

    /// <summary>
    /// exp(x − max) carries the rounding of x − max as a relative error |x − max|·ε, on top of the (r + 4)·ε of the sum.
    /// </summary>
    private static Func<double[], double[], double[]> SoftmaxTol(double eps) => (x, e) =>
    {
        var tol = new double[e.Length];
        if (x.Length == 0) return tol;
        double m = x.Max();
        for (int i = 0; i < e.Length; i++) tol[i] = (x.Length + 4 + 2 * Math.Abs(x[i] - m)) * eps * e[i];
        return tol;
    };

    private static double[] LogSoftmax(double[] x)
    {
        double lse = LogSumExp(x);
        return Array.ConvertAll(x, v => v - lse);
    }

    private static double[] Cumsum(double[] x)
    {
        var y = new double[x.Length];
        double s = 0;
        for (int i = 0; i < x.Length; i++) y[i] = s += x[i];
        return y;
    }

    private static RowOp[] Ops(double eps) =>
    [
        new("sum", (t, d) => Torch.Sum(t, d), x => [x.Sum()], (x, _) => [SumTol(x, eps)], Ints: true),
        new("mean", (t, d) => Torch.Mean(t, d), x => [x.Length == 0 ? double.NaN : x.Average()], (x, _) => [SumTol(x, eps) / Math.Max(1, x.Length)]),
        new("amax", (t, d) => Torch.Amax(t, d), x => [x.Max()], (_, _) => [0], Ints: true, RejectsEmpty: true),
        new("max.values", (t, d) => Torch.Max(t, d).Values, x => [x.Max()], (_, _) => [0], Ints: true, RejectsEmpty: true),
        new("max.indices", (t, d) => Torch.Max(t, d).Indices, x => [ArgIndex(x, true)], (_, _) => [0], Ints: true, RejectsEmpty: true),
        new("min.values", (t, d) => Torch.Min(t, d).Values, x => [x.Min()], (_, _) => [0], Ints: true, RejectsEmpty: true),
        new("argmax", (t, d) => Torch.Argmax(t, d), x => [ArgIndex(x, true)], (_, _) => [0], Ints: true, RejectsEmpty: true),
        new("argmin", (t, d) => Torch.Argmin(t, d), x => [ArgIndex(x, false)], (_, _) => [0], Ints: true, RejectsEmpty: true),
        new("prod", (t, d) => Torch.Prod(t, d), x => [x.Aggregate(1.0, (a, b) => a * b)], (x, e) => [(x.Length + 2) * eps * Math.Abs(e[0])], Lo: 0.5, Hi: 1.5),
        new("var", (t, d) => Torch.Var(t, d), x => [Var(x)], (x, _) => [VarTol(x, eps)]),
        new("std", (t, d) => Torch.Std(t, d), x => [Math.Sqrt(Var(x))], (x, e) => [VarTol(x, eps) / Math.Max(e[0], 1e-300)]),
        new("logsumexp", (t, d) => Torch.LogSumExp(t, d), x => [LogSumExp(x)], (x, e) => [(x.Length + 4) * eps * (1 + Math.Abs(e[0]))], Lo: -5, Hi: 5),
        new("softmax", (t, d) => Torch.Softmax(t, d), Softmax, SoftmaxTol(eps), Map: true, Lo: -5, Hi: 5),
        new("log_softmax", (t, d) => Torch.LogSoftmax(t, d), x => LogSoftmax(x),
            (x, e) => Array.ConvertAll(e, v => (x.Length + 4) * eps * (1 + Math.Abs(v))), Map: true, Lo: -5, Hi: 5),
        new("cumsum", (t, d) => Torch.Cumsum(t, d), Cumsum, (x, _) => Array.ConvertAll(Cumsum(Array.ConvertAll(x, Math.Abs)), a => (x.Length + 4) * eps * a), Map: true, Ints: true),
    ];

    /// <summary>The shapes: (shape, dim, outer, inner) with the reduced dimension of length r.</summary>
    private static (int[] shape, int dim, int outer, int inner)[] Cases(int r, int s) =>
    [
        ([1 + s % 4, r], 1, 1 + s % 4, 1),     // inner (last) dimension
        ([r, 1 + (s + 1) % 5], 0, 1, 1 + (s + 1) % 5), // outer (first) dimension
        ([2, r, 3], 1, 2, 3),                  // a middle dimension
        ([r], 0, 1, 1),                        // the whole of a vector
    ];

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int64)]
    public void AlongEachDimension_EveryLength_AllLayouts(DType dt)
    {
        // Every op runs to its first mismatch; the failures of all ops are reported together.
        var rng = new Random(59 + (int)dt);
        double eps = dt == DType.Int64 ? 0 : SweepData.Eps(dt);
        var failures = new List<string>();
        foreach (var op in Ops(eps))
        {
            if (dt == DType.Int64 && !op.Ints) continue;
            try
            {
                CheckAlongEachDimension(op, dt, eps, rng);
            }
            catch (Exception ex)
            {
                failures.Add(ex is Xunit.Sdk.XunitException ? ex.Message : $"{op.Name} {dt}: {ex}");
            }
        }
        if (failures.Count > 0) Assert.Fail(string.Join("\n", failures));
    }

    private static void CheckAlongEachDimension(RowOp op, DType dt, double eps, Random rng)
    {
        for (int r = 0; r <= SweepData.MaxSize; r++)
            foreach (var (shape, dim, outer, inner) in Cases(r, r))
            {
                var x = SweepData.Values(rng, outer * r * inner, dt, op.Lo, op.Hi);
                foreach (var layout in new[] { Layout.Contiguous, shape.Length == 1 || r / 17 % 2 == 0 ? Layout.Strided : Layout.Transposed })
                {
                    var t = SweepData.Make(x, shape, dt, layout);
                    string What() => $"{op.Name} {dt} shape [{string.Join(", ", shape)}] dim {dim} {layout}";
                    if (r == 0 && op.RejectsEmpty)
                    {
                        var ex = Assert.Throws<ArgumentException>(() => op.Op(t, dim));
                        Assert.StartsWith($"{op.Name.Split('.')[0]}(): Expected reduction dim {dim} to have non-zero size", ex.Message);
                        continue;
                    }
                    double[] got;
                    try
                    {
                        got = op.Op(t, dim).ToArray<double>();
                    }
                    catch (Exception ex)
                    {
                        throw new Xunit.Sdk.XunitException($"{What()}: {ex.GetType().Name}: {ex.Message}");
                    }
                    int outLen = op.Map ? r : 1;
                    Assert.Equal(outer * outLen * inner, got.Length);
                    var row = new double[r];
                    for (int o = 0; o < outer; o++)
                        for (int j = 0; j < inner; j++)
                        {
                            for (int p = 0; p < r; p++) row[p] = x[(o * r + p) * inner + j];
                            var e = op.Ref(row);
                            var tol = op.Tol(row, e);
                            for (int i = 0; i < outLen; i++)
                            {
                                int oo = o, jj = j, ii = i;
                                SweepData.Close(e[i], got[(o * outLen + i) * inner + j], tol[i],
                                    () => $"{What()} at outer {oo}, index {ii}, inner {jj} (r={r})");
                            }
                        }
                }
            }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void WholeTensorSumMeanMax_EveryLength(DType dt)
    {
        // Reductions over every dimension at once of [3, r] (transposed and strided) and [r].
        var rng = new Random(61);
        double eps = SweepData.Eps(dt);
        for (int r = 0; r <= SweepData.MaxSize; r++)
            foreach (var (shape, layout) in new[] { (new[] { r }, Layout.Strided), ([3, r], Layout.Transposed), ([3, r], Layout.Strided), ([r, 3], Layout.Contiguous) })
            {
                var x = SweepData.Values(rng, shape.Aggregate(1, (a, b) => a * b), dt);
                var t = SweepData.Make(x, shape, dt, layout);
                string What(string op) => $"{op} {dt} shape [{string.Join(", ", shape)}] {layout}";
                SweepData.Close(x.Sum(), Torch.Sum(t).Item(), SumTol(x, eps), () => What("sum"));
                SweepData.Close(x.Length == 0 ? double.NaN : x.Average(), Torch.Mean(t).Item(), SumTol(x, eps) / Math.Max(1, x.Length), () => What("mean"));
                if (x.Length == 0)
                {
                    Assert.StartsWith("max(): Expected reduction dim to be specified for input.numel() == 0", Assert.ThrowsAny<Exception>(() => Torch.Max(t)).Message);
                    continue;
                }
                SweepData.Close(x.Max(), Torch.Max(t).Item(), 0, () => What("max"));
                SweepData.Close(x.Min(), Torch.Min(t).Item(), 0, () => What("min"));
                SweepData.Close(ArgIndex(x, true), Torch.Argmax(t).Item(), 0, () => What("argmax"));
            }
    }

    [Fact]
    public void Sum_OfEmptyViewWhoseOffsetIsPastItsEmptyStorage_IsZeros()
    {
        // x[:, 2:] of a [0, 5] tensor is [0, 3] at offset 2 of an empty storage; summing its empty dim 0 gave
        // ArgumentOutOfRangeException from CascadeSum.Columns instead of PyTorch's zeros(3) (sum() from CascadeSum.Rows).
        var x = Torch.FromArray(Array.Empty<double>(), 0, 5)[TensorIndex.Colon, TensorIndex.Slice(2)];
        Assert.Equal([0, 3], x.ShapeArray);
        Assert.Equal([0.0, 0.0, 0.0], Torch.Sum(x, 0).ToArray<double>());
        Assert.Equal(0.0, Torch.Sum(x).Item());
        Assert.Equal([3], Torch.Mean(x, 0).ShapeArray);
        Assert.True(Torch.Var(x.To(DType.Float32), 0).ToArray<double>().All(double.IsNaN));
    }
}
