using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

public class ReductionTests
{
    // Fixed inputs; the expected values below come from PyTorch 1.13 on the same literals.
    private static Tensor A() => Torch.FromArray(new float[,] { { 1.5f, -2, 3 }, { 0.5f, 4, -1 } });

    private static Tensor B() => Torch.FromArray(new float[,,]
    {
        { { 1, 2 }, { 3, 4 }, { 5, 6 } },
        { { -1, 0.5f }, { 2, -3 }, { 0.25f, 7 } },
    });

    private const double F32 = 1e-5;

    /// <summary>Like <see cref="TestUtil.Close"/>, but NaN must match NaN and infinities must match exactly.</summary>
    private static void CloseNaN(IReadOnlyList<double> expected, Tensor actual, double tol = F32)
    {
        var a = actual.ToArray<double>();
        Assert.Equal(expected.Count, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(expected[i]) || double.IsInfinity(expected[i]))
                Assert.True(expected[i].Equals(a[i]), $"element {i}: expected {expected[i]}, got {a[i]}");
            else
                Assert.True(Math.Abs(expected[i] - a[i]) <= tol * Math.Max(1, Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {a[i]}");
        }
    }

    private static void Shape(int[] expected, Tensor t) => Assert.Equal(expected, t.Shape.ToArray());

    private static void Longs(long[] expected, Tensor t)
    {
        Assert.Equal(DType.Int64, t.DType);
        Assert.Equal(expected, t.ToArray<long>());
    }

    // ---------------------------------------------------------------- prod

    [Fact]
    public void ProdMatchesPyTorch()
    {
        var a = A();
        var p = a.Prod();
        Shape([], p);
        Close([18.0], p, F32);
        Close([0.75, -8.0, -3.0], a.Prod(0), F32);
        var k = Torch.Prod(a, 1, keepdim: true);
        Shape([2, 1], k);
        Close([-9.0, -2.0], k, F32);
        var b = B().Prod([0, 2]);
        Shape([3], b);
        Close([-1.0, -72.0, 52.5], b, F32);
        var ints = Torch.FromArray(new long[,] { { 1, 2, 3 }, { 4, 5, 6 } }).Prod(1);
        Longs([6, 120], ints);
        Assert.Equal(DType.Int64, Torch.FromArray(new bool[] { true, true }).Prod().DType);
        Close([1, 1, 1], Torch.Zeros(0, 3).Prod(0)); // the empty product is one
    }

    [Fact]
    public void ProdGradientIsExactWithZeros()
    {
        // rows: one zero, two zeros, no zeros, one zero
        var x = Torch.FromArray(new double[,] { { 2, 0, 3 }, { 0, 0, 5 }, { 1, 2, 3 }, { 4, 0, 0.5 } }).RequiresGrad_();
        x.Prod(1).Sum().Backward();
        Close([0, 6, 0, 0, 0, 0, 6, 3, 2, 0, 2, 0], x.Grad!);
        x.Grad = null;
        x.Prod().Backward();
        Close(new double[12], x.Grad!);
        // a single zero in the whole tensor
        var y = Torch.FromArray(new double[,] { { 2, 0 }, { 3, -1 } }).RequiresGrad_();
        y.Prod().Backward();
        Close([0, -6, 0, 0], y.Grad!);
        // the product is linear in each element, so finite differences are exact at zeros too
        GradOk(t => t[0].Prod(1), Torch.FromArray(new double[,] { { 2, 0, 3 }, { 0, 0, 5 }, { 1, 2, 3 } }).RequiresGrad_());
        GradOk(t => t[0].Prod(0, keepdim: true), Torch.FromArray(new double[,] { { 2, 0, 3 }, { 0, 0, 5 }, { 1, 2, 3 } }).RequiresGrad_());
    }

    [Fact]
    public void ProdGradCheck()
    {
        GradOk(t => t[0].Prod(), Input(2, 3));
        GradOk(t => t[0].Prod(1), Input(2, 3));
        GradOk(t => t[0].Prod(0, keepdim: true), TransposedInput(3, 4));
        GradOk(t => t[0].Prod([0, 2]), Input(2, 3, 4));
        GradOk(t => t[0].Prod([-1, 0], keepdim: true), Input(2, 3, 2));
        GradOk(t => t[0].Prod(1), Input(1, 1));
        GradOk(t => t[0].Prod(0), Input(0, 3));
        GradOk(t => t[0].Prod(1), Input(0, 3));
    }

    // ---------------------------------------------------------------- max / min / amax / amin

    [Fact]
    public void MaxMinMatchPyTorch()
    {
        var a = A();
        var m = a.Max();
        Shape([], m);
        Close([4.0], m);
        var (v, i) = a.Max(1);
        Shape([2], v);
        Close([3.0, 4.0], v);
        Longs([2, 1], i);
        var (mv, mi) = Torch.Min(a, 0, keepdim: true);
        Shape([1, 3], mv);
        Shape([1, 3], mi);
        Close([0.5, -2.0, -1.0], mv);
        Longs([1, 0, 1], mi);
        Close([-2.0], a.Min());
        var b = B();
        Close([2.0, 4.0, 7.0], b.Amax([0, 2]));
        var amin = Torch.Amin(b, 1, keepdim: true);
        Shape([2, 1, 2], amin);
        Close([1.0, 2.0, -1.0, -3.0], amin);
        Close([7.0], b.Amax());
        // integer inputs keep their dtype
        var l = Torch.FromArray(new long[,] { { 3, -7, 9 }, { 2, 2, -1 } });
        Assert.Equal(DType.Int64, l.Max().DType);
        Assert.Equal(9L, l.Max().Item<long>());
        var (lv, li) = l.Min(1);
        Longs([-7, -1], lv);
        Longs([1, 2], li);
        Assert.Equal(DType.Bool, Torch.FromArray(new bool[] { false, true }).Max().DType);
    }

    [Fact]
    public void MaxTiesFirstIndexAndGradients()
    {
        var t = Torch.FromArray(new double[,] { { 1, 3, 3 }, { 2, 2, 0 } }).RequiresGrad_();
        var (v, i) = t.Max(1);
        Close([3.0, 2.0], v);
        Longs([1, 0], i);
        v.Sum().Backward();
        Close([0, 1, 0, 1, 0, 0], t.Grad!); // only the selected index
        t.Grad = null;
        t.Max().Backward();
        Close([0, 0.5, 0.5, 0, 0, 0], t.Grad!); // shared evenly among tied maxima
        t.Grad = null;
        t.Amax(1).Sum().Backward();
        Close([0, 0.5, 0.5, 0.5, 0.5, 0], t.Grad!);
        t.Grad = null;
        t.Min().Backward();
        Close([0, 0, 0, 0, 0, 1], t.Grad!);
        t.Grad = null;
        var (_, mi) = t.Min(0);
        Longs([0, 1, 1], mi);
        Torch.Amin(t, 0).Sum().Backward();
        Close([1, 0, 0, 0, 1, 1], t.Grad!);
    }

    [Fact]
    public void MaxPropagatesNaN()
    {
        double nan = double.NaN;
        var n = Torch.FromArray(new float[,] { { 1, float.NaN, 3 }, { float.NaN, 2, float.NaN }, { 4, 5, -1 } });
        var (v, i) = n.Max(1);
        CloseNaN([nan, nan, 5.0], v);
        Longs([1, 0, 1], i);
        var (mv, mi) = n.Min(1);
        CloseNaN([nan, nan, -1.0], mv);
        Longs([1, 0, 2], mi);
        Longs([1, 0, 1], n.Argmax(0));
        CloseNaN([nan, nan, nan], n.Amax(0));
        Assert.True(double.IsNaN(n.Max().Item()));
        Assert.True(double.IsNaN(n.Min().Item()));
        Assert.True(double.IsNaN(n.Amin([0, 1]).Item()));

        // the vectorized row kernel, with the NaN at every position of rows of several lengths
        foreach (int len in new[] { 7, 16, 17, 33, 64, 100 })
            for (int pos = 0; pos < len; pos += 3)
            {
                var row = new double[len];
                for (int k = 0; k < len; k++) row[k] = k % 5 - 2;
                row[pos] = double.NaN;
                var x64 = Torch.FromArray(row);
                Assert.True(double.IsNaN(x64.Max().Item<double>()), $"len {len} pos {pos}");
                Assert.Equal(pos, x64.Argmax().Item<long>());
                Assert.Equal(pos, x64.Argmin().Item<long>());
                var x32 = x64.To(DType.Float32);
                Assert.True(double.IsNaN(x32.Amax(0).Item()), $"len {len} pos {pos}");
                Assert.Equal(pos, x32.Max(0).Indices.Item<long>());
            }
    }

    [Fact]
    public void VectorizedMaxMatchesScalarLoop()
    {
        var g = new Generator(12345);
        foreach (int len in new[] { 1, 2, 3, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 257, 1000 })
        {
            var x = Torch.Randn(new[] { 3, len }, DType.Float64, g);
            var data = x.ToArray<double>();
            foreach (var dt in new[] { DType.Float64, DType.Float32 })
            {
                var xt = x.To(dt);
                var d = xt.ToArray<double>();
                var (v, i) = xt.Max(1);
                var (mv, mi) = xt.Min(1);
                var am = xt.Argmax(1).ToArray<long>();
                for (int r = 0; r < 3; r++)
                {
                    int best = 0, worst = 0;
                    for (int k = 1; k < len; k++)
                    {
                        if (d[r * len + k] > d[r * len + best]) best = k;
                        if (d[r * len + k] < d[r * len + worst]) worst = k;
                    }
                    Assert.Equal(d[r * len + best], v.ToArray<double>()[r]);
                    Assert.Equal(best, i.ToArray<long>()[r]);
                    Assert.Equal(best, am[r]);
                    Assert.Equal(d[r * len + worst], mv.ToArray<double>()[r]);
                    Assert.Equal(worst, mi.ToArray<long>()[r]);
                }
            }
            // int64 rows and a duplicated maximum: the first occurrence wins
            var li = Torch.FromArray(data.Select(z => (long)Math.Round(z * 3)).ToArray(), 3, len);
            var ld = li.ToArray<long>();
            var lm = li.Max(1).Indices.ToArray<long>();
            for (int r = 0; r < 3; r++)
            {
                int best = 0;
                for (int k = 1; k < len; k++) if (ld[r * len + k] > ld[r * len + best]) best = k;
                Assert.Equal(best, lm[r]);
                Assert.Equal(ld[r * len + best], li.Amax(1).ToArray<long>()[r]);
            }
        }
        // -inf and +inf are ordinary values
        var inf = Torch.Full(new[] { 17 }, double.NegativeInfinity);
        Assert.Equal(float.NegativeInfinity, inf.Max().Item());
        Assert.Equal(float.NegativeInfinity, inf.Amax([0]).Item());
        Assert.Equal(0L, inf.Argmax().Item<long>());
    }

    [Fact]
    public void MaxOverInnerDimensionMatchesPermutedLastDim()
    {
        // reducing a middle dimension uses the column kernel; compare with reducing the same data moved last
        // (the row kernel). Rounded values make ties; a few NaNs test propagation; inner sizes cover the
        // vector body and its tail.
        foreach (var shape in new[] { new[] { 4, 37, 5 }, new[] { 3, 29, 21 }, new[] { 2, 300, 16 } })
        {
            var data = Torch.Randn(shape, DType.Float64, new Generator(shape[1])).ToArray<double>();
            for (int k = 0; k < data.Length; k++) data[k] = Math.Round(data[k] * 2);
            data[5] = double.NaN;
            data[data.Length / 2] = double.NaN;
            foreach (var dt in new[] { DType.Float32, DType.Float64, DType.Int64 })
            {
                var x = (dt == DType.Int64 ? Torch.FromArray(data.Select(v => double.IsNaN(v) ? 0L : (long)v).ToArray(), shape) : Torch.FromArray(data, shape)).To(dt);
                var moved = x.Permute(0, 2, 1).Contiguous();
                foreach (var max in new[] { true, false })
                {
                    var (v, i) = max ? x.Max(1) : x.Min(1);
                    var (v2, i2) = max ? moved.Max(2) : moved.Min(2);
                    Assert.Equal(v2.ToArray<double>(), v.ToArray<double>());
                    Assert.Equal(i2.ToArray<long>(), i.ToArray<long>());
                    Assert.Equal(i2.ToArray<long>(), (max ? x.Argmax(1) : x.Argmin(1)).ToArray<long>());
                    Assert.Equal((max ? moved.Amax(2) : moved.Amin(2)).ToArray<double>(), (max ? x.Amax(1) : x.Amin(1)).ToArray<double>());
                }
            }
        }
    }

    [Fact]
    public void MaxMinGradCheck()
    {
        GradOk(t => t[0].Max(), Input(2, 3));
        GradOk(t => t[0].Min(), TransposedInput(3, 4));
        GradOk(t => t[0].Max(1).Values, Input(2, 3));
        GradOk(t => t[0].Max(0, keepdim: true).Values, TransposedInput(3, 4));
        GradOk(t => t[0].Min(-2).Values, Input(2, 3, 4));
        GradOk(t => t[0].Min(1, keepdim: true).Values, TransposedInput(4, 3));
        GradOk(t => t[0].Max(1).Values, Input(1, 1));
        GradOk(t => t[0].Max(1).Values, Input(0, 3)); // empty outer: defined, empty result
        GradOk(t => t[0].Amax([0, 2]), Input(2, 3, 4));
        GradOk(t => t[0].Amax(1, keepdim: true), TransposedInput(3, 4));
        GradOk(t => t[0].Amin([1]), Input(2, 3));
        GradOk(t => t[0].Amin(), Input(1, 1));
        GradOk(t => t[0].Max(), Torch.Scalar(2.5, DType.Float64, requiresGrad: true));
        GradOk(t => t[0].Max(0).Values, Torch.Scalar(2.5, DType.Float64, requiresGrad: true));
    }

    [Fact]
    public void MaxOfEmptyThrows()
    {
        var e = Torch.Zeros(0, 3);
        var ex = Assert.Throws<ArgumentException>(() => e.Max());
        Assert.StartsWith("max", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => e.Max(0));
        Assert.StartsWith("max", ex.Message);
        Assert.Contains("dim 0", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => e.Min(0));
        Assert.StartsWith("min", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => e.Amax());
        Assert.StartsWith("amax", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => e.Argmax());
        Assert.StartsWith("argmax", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => e.Argmin(0));
        Assert.StartsWith("argmin", ex.Message);
        // reducing a non-empty dim of an empty tensor is fine
        Shape([0], e.Max(1).Values);
        Shape([0], e.Argmax(1));
    }

    // ---------------------------------------------------------------- argmax / argmin

    [Fact]
    public void ArgmaxMatchesPyTorch()
    {
        var a = A();
        var am = a.Argmax();
        Shape([], am);
        Longs([4], am);
        Longs([1], a.Argmin());
        Longs([2, 1], a.Argmax(1));
        var k = Torch.Argmin(a, 0, keepdim: true);
        Shape([1, 3], k);
        Longs([1, 0, 1], k);
        var b = B().Argmax(1);
        Shape([2, 2], b);
        Longs([2, 2, 1, 2], b);
        var flatKeep = a.Argmax(keepdim: true);
        Shape([1, 1], flatKeep);
        Longs([4], flatKeep);
        Longs([0], Torch.Scalar(3.0).Argmax());
        // not differentiable
        var x = Input(2, 3);
        Assert.False(x.Argmax(1).RequiresGrad);
        Assert.False(x.Max(1).Indices.RequiresGrad);
        Assert.True(x.Max(1).Values.RequiresGrad);
    }

    // ---------------------------------------------------------------- var / std

    [Fact]
    public void VarStdMatchPyTorch()
    {
        var a = A();
        Close([5.300000190734863], a.Var(), F32);
        Close([6.583333492279053, 6.583333492279053], a.Var(1), F32);
        Close([4.388888835906982, 4.388888835906982], Torch.Var(a, 1, correction: 0), F32);
        var vk = B().Var([0, 2], keepdim: true);
        Shape([1, 3, 1], vk);
        Close([1.5625, 9.666666984558105, 8.932291984558105], vk, F32);
        Close([2.302172899246216], a.Std(), F32);
        Close([0.5, 3.0, 2.0], a.Std(0, correction: 0), F32);
        Close([2.0, 2.0, 1.5069284439086914, 5.074445724487305], B().Std(1), F32);
        // N <= correction: NaN, as in PyTorch
        Assert.True(double.IsNaN(Torch.FromArray(new float[] { 1 }).Var().Item()));
        var ex = Assert.Throws<ArgumentException>(() => Torch.FromArray(new long[] { 1, 2 }).Var());
        Assert.StartsWith("var", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Torch.FromArray(new long[] { 1, 2 }).Std());
        Assert.StartsWith("std", ex.Message);
    }

    [Fact]
    public void VarStdGradCheck()
    {
        GradOk(t => t[0].Var(), Input(2, 3));
        GradOk(t => t[0].Var(1), Input(2, 3));
        GradOk(t => t[0].Var(0, correction: 0, keepdim: true), TransposedInput(3, 4));
        GradOk(t => t[0].Var([0, 2], correction: 2), Input(2, 3, 4));
        GradOk(t => t[0].Std(), Input(2, 3));
        GradOk(t => t[0].Std(1, keepdim: true), TransposedInput(3, 4));
        GradOk(t => t[0].Std([0, -1], correction: 0), Input(2, 3, 4));
        GradOk(t => t[0].Var(1, correction: 0), Input(1, 1));
        GradOk(t => t[0].Std(0, correction: 0), Input(1, 1)); // std == 0: gradient 0
        GradOk(t => t[0].Var(1), Input(0, 3));
        GradOk(t => t[0].Std(1), Input(0, 3));
    }

    [Fact]
    public void StdOfConstantHasZeroGradient()
    {
        var x = Torch.Full(new[] { 2, 3 }, 1.5, DType.Float64, requiresGrad: true);
        x.Std(1).Sum().Backward();
        Close(new double[6], x.Grad!);
    }

    [Fact]
    public void VarAndLogSumExpLongColumnsMatchDoubleReference()
    {
        // long reduced dims in both layouts (row kernel for the last dim, column kernel otherwise), with a
        // large mean that a one-pass formula would lose in float32
        var x = (Torch.Randn(new[] { 600, 5 }, DType.Float64, new Generator(5)) + 1000.0).Detach();
        var d = x.ToArray<double>();
        var mean = new double[5];
        var ss = new double[5];
        var lse = new double[5];
        for (int c = 0; c < 5; c++)
        {
            for (int r = 0; r < 600; r++) mean[c] += d[r * 5 + c] / 600;
            double m = double.NegativeInfinity, s = 0;
            for (int r = 0; r < 600; r++) { ss[c] += Math.Pow(d[r * 5 + c] - mean[c], 2); m = Math.Max(m, d[r * 5 + c]); }
            for (int r = 0; r < 600; r++) s += Math.Exp(d[r * 5 + c] - m);
            lse[c] = m + Math.Log(s);
        }
        var var1 = ss.Select(v => v / 599).ToArray();
        foreach (var dt in new[] { DType.Float64, DType.Float32 })
        {
            double tol = dt == DType.Float64 ? 1e-10 : 1e-4;
            var xt = x.To(dt);
            Close(var1, xt.Var(0), tol);
            Close(var1, xt.T.Contiguous().Var(1), tol);
            Close(lse, xt.LogSumExp(0), tol);
            Close(lse, xt.T.Contiguous().LogSumExp(1), tol);
        }
    }

    // ---------------------------------------------------------------- norm

    [Fact]
    public void NormMatchesPyTorch()
    {
        var a = A();
        Close([5.7008771896362305], a.Norm(), F32);
        Close([12.0], a.Norm(1), F32);
        Close([3.0, 4.0], a.Norm(double.PositiveInfinity, 1), F32);
        Close([0.5, 2.0, 1.0], Torch.Norm(a, double.NegativeInfinity, 0), F32);
        Close([6.0], a.Norm(0), F32);
        Close([3.3729984760284424, 4.023301601409912], a.Norm(3, 1), F32);
        Close([65.25595092773438], a.Norm(0.5), F32);
        Close([2.5, 6.164413928985596, 10.491067886352539], B().Norm(2, [0, 2]), F32);
        var k = a.Norm(2, [1], keepdim: true);
        Shape([2, 1], k);
        Close([0, 0, 0], Torch.Zeros(0, 3).Norm(2, [0])); // empty sum
        var ex = Assert.Throws<ArgumentException>(() => Torch.FromArray(new long[] { 1, 2 }).Norm());
        Assert.StartsWith("norm", ex.Message);
        Close([0, 0, 0], Torch.Zeros(0, 3).Norm(double.PositiveInfinity, [0])); // torch.norm: 0 over an empty slice, even for ±∞
        Close([0, 0, 0], Torch.Zeros(0, 3).Norm(double.NegativeInfinity, [0]));
    }

    [Fact]
    public void NormGradientAtZeroIsZero()
    {
        var x = Torch.Zeros(new[] { 2, 3 }, DType.Float64, requiresGrad: true);
        x.Norm().Backward();
        Close(new double[6], x.Grad!);
        var y = Torch.FromArray(new double[,] { { 0, 0, 0 }, { 3, 0, 4 } }).RequiresGrad_();
        y.Norm(2, 1).Sum().Backward();
        Close([0, 0, 0, 0.6, 0, 0.8], y.Grad!);
        y.Grad = null;
        y.Norm(3, 1).Sum().Backward();
        Assert.All(y.Grad!.ToArray<double>(), g => Assert.False(double.IsNaN(g)));
        y.Grad = null;
        y.Norm(0).Backward();
        Close(new double[6], y.Grad!);
    }

    [Fact]
    public void NormGradCheck()
    {
        foreach (var p in new[] { 2.0, 1.0, double.PositiveInfinity, double.NegativeInfinity, 3.0, 1.5, 0.5 })
        {
            GradOk(t => t[0].Norm(p), Input(2, 3));
            GradOk(t => t[0].Norm(p, 1), Input(2, 3));
            GradOk(t => t[0].Norm(p, 0, keepdim: true), TransposedInput(3, 4));
            GradOk(t => t[0].Norm(p, [0, 2]), Input(2, 3, 4));
            GradOk(t => t[0].Norm(p, 1), Input(1, 1));
        }
        foreach (var p in new[] { 2.0, 1.0, 3.0 })
        {
            GradOk(t => t[0].Norm(p, 0), Input(0, 3));
            GradOk(t => t[0].Norm(p, 1), Input(0, 3));
        }
    }

    // ---------------------------------------------------------------- logsumexp

    [Fact]
    public void LogSumExpMatchesPyTorch()
    {
        var a = A();
        Close([3.206907033920288, 4.036269664764404], a.LogSumExp(1), F32);
        Close([2.4951817989349365, 4.408212184906006, 7.408384323120117], B().LogSumExp([0, 2]), F32);
        var k = Torch.LogSumExp(a, 0, keepdim: true);
        Shape([1, 3], k);
        Close([1.81326162815094, 4.002475738525391, 3.0181498527526855], k, F32);
        CloseNaN([double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity], Torch.Zeros(0, 3).LogSumExp(0));
        Assert.Equal(DType.Float32, Torch.FromArray(new long[] { 1, 2 }).LogSumExp(0).DType);
    }

    [Fact]
    public void LogSumExpIsStable()
    {
        float ninf = float.NegativeInfinity;
        var l = Torch.FromArray(new float[,] { { 1000, 1000 }, { -1000, 0 }, { ninf, ninf }, { -1000, -1000 } });
        CloseNaN([1000.6931762695312, 0.0, double.NegativeInfinity, -999.3068237304688], l.LogSumExp(1));
        var big = Torch.FromArray(new double[,] { { 1000, 999 }, { -1000, -1001 } }).RequiresGrad_();
        var y = big.LogSumExp(1);
        Assert.All(y.ToArray<double>(), v => Assert.True(double.IsFinite(v)));
        y.Sum().Backward();
        double s = 1 / (1 + Math.Exp(-1));
        Close([s, 1 - s, s, 1 - s], big.Grad!);
        Assert.Equal(double.PositiveInfinity, Torch.FromArray(new double[] { double.PositiveInfinity, 1 }).LogSumExp(0).Item<double>());
        // the same along a non-last dim (column kernel): an all -inf column, a +inf column and a huge one
        var cols = Torch.FromArray(new double[,] { { double.NegativeInfinity, double.PositiveInfinity, 1000 }, { double.NegativeInfinity, 1, 1000 } });
        CloseNaN([double.NegativeInfinity, double.PositiveInfinity, 1000 + Math.Log(2)], cols.LogSumExp(0), 1e-12);
    }

    [Fact]
    public void LogSumExpGradCheck()
    {
        GradOk(t => t[0].LogSumExp(1), Input(2, 3));
        GradOk(t => t[0].LogSumExp(0, keepdim: true), TransposedInput(3, 4));
        GradOk(t => t[0].LogSumExp([0, 2]), Input(2, 3, 4));
        GradOk(t => t[0].LogSumExp([-1, 1], keepdim: true), Input(2, 3, 4));
        GradOk(t => t[0].LogSumExp(1), Input(1, 1));
        GradOk(t => t[0].LogSumExp(1), Input(0, 3));
        GradOk(t => t[0].LogSumExp(0), Input(0, 3));
    }

    // ---------------------------------------------------------------- validation

    [Fact]
    public void BadDimsNameTheOp()
    {
        var a = A();
        var cases = new (string Op, Action Call)[]
        {
            ("prod", () => a.Prod(2)),
            ("max", () => a.Max(2)),
            ("min", () => a.Min(-3)),
            ("amax", () => a.Amax([5])),
            ("amin", () => a.Amin(2)),
            ("argmax", () => a.Argmax(2)),
            ("argmin", () => a.Argmin(-3)),
            ("var", () => a.Var(2)),
            ("std", () => a.Std([0, 7])),
            ("norm", () => a.Norm(2, 2)),
            ("logsumexp", () => a.LogSumExp(2)),
        };
        foreach (var (op, call) in cases)
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.StartsWith(op + ":", ex.Message);
            Assert.Contains("out of range", ex.Message);
        }
        var repeated = new (string Op, Action Call)[]
        {
            ("prod", () => a.Prod([0, 0])),
            ("amax", () => a.Amax([1, -1])),
            ("var", () => a.Var([0, -2])),
            ("norm", () => a.Norm(2, [1, 1])),
            ("logsumexp", () => a.LogSumExp([0, 0])),
        };
        foreach (var (op, call) in repeated)
        {
            var ex = Assert.Throws<ArgumentException>(call);
            Assert.StartsWith(op + ":", ex.Message);
            Assert.Contains("multiple times", ex.Message);
        }
    }
}
