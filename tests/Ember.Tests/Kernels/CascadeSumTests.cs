using Ember.Kernels;
using Ember.Tests.Ops;

namespace Ember.Tests.Kernels;

/// <summary>The cascade-sum kernels: every length and width against a float64 sum, and the same bits on any thread count.</summary>
public class CascadeSumTests
{
    private static double Exact(ReadOnlySpan<float> x, int stride, int count, Func<double, double> f)
    {
        double s = 0;
        for (int i = 0; i < count; i++) s += f(x[i * stride]);
        return s;
    }

    private static void Near(double expected, double actual, double scale, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * scale + 1e-30, $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void RowsOfEveryLength()
    {
        var x = ReductionAccuracyTests.Data(70_000, 5);
        foreach (int n in Enumerable.Range(0, 300).Concat([511, 512, 513, 1023, 4097, 65_535, 65_536, 65_537, 70_000]))
        {
            var s = x.AsSpan(0, n);
            double scale = Exact(s, 1, n, Math.Abs) + 1;
            Near(Exact(s, 1, n, v => v), CascadeSum.ChunkedRow<PlainTerm<float>, float>(s, 0), scale, $"sum of {n}");
            Near(Exact(s, 1, n, v => v * v), CascadeSum.ChunkedRow<SquareTerm<float>, float>(s, 0), scale, $"squares of {n}");
            Near(Exact(s, 1, n, v => (v - 0.25) * (v - 0.25)), CascadeSum.ChunkedRow<SquaredDeviationTerm<float>, float>(s, 0.25f), scale, $"deviations of {n}");
            Near(Exact(s, 1, n, v => Math.Exp(v - 0.5)), CascadeSum.ChunkedRow<ExpDeviationTerm<float>, float>(s, 0.5f), 2 * scale, $"exp of {n}");
            var d = Array.ConvertAll(s.ToArray(), v => (double)v);
            Near(Exact(s, 1, n, v => v), CascadeSum.ChunkedRow<PlainTerm<double>, double>(d, 0), scale, $"double sum of {n}");
            var l = Array.ConvertAll(s.ToArray(), v => (long)(v * 1000));
            Assert.Equal(l.Sum(), CascadeSum.ChunkedRow<PlainTerm<long>, long>(l, 0));
        }
    }

    [Fact]
    public void ColumnsOfEveryWidth()
    {
        var x = ReductionAccuracyTests.Data(200_000, 6);
        foreach (int width in Enumerable.Range(1, 70).Concat([127, 128, 129, 1023, 1024, 1025, 3000]))
            foreach (int rows in new[] { 0, 1, 3, 4, 17, 63, 64, 65, 200, 1000, 5000 })
            {
                if ((long)rows * width > x.Length) continue;
                var p = ReductionAccuracyTests.Data(width, 7);
                var result = new float[width];
                var scratch = new float[CascadeSum.ColumnScratch<float>(width)];
                CascadeSum.Column<SquaredDeviationTerm<float>, float>(x, rows, width, width, p, result, scratch);
                var plain = new float[width];
                CascadeSum.Column<PlainTerm<float>, float>(x, rows, width, width, default, plain, scratch);
                for (int j = 0; j < width; j++)
                {
                    var col = x.AsSpan(j);
                    double scale = Exact(col, width, rows, Math.Abs) + 1;
                    Near(Exact(col, width, rows, v => v), plain[j], scale, $"column {j} of [{rows}, {width}]");
                    Near(Exact(col, width, rows, v => (v - p[j]) * (v - p[j])), result[j], scale, $"deviation column {j} of [{rows}, {width}]");
                }
            }
    }

    [Fact]
    public void ColumnsThroughTheDriver()
    {
        // [outer, reduced, inner] with several column tiles and outer slices, offset into the array.
        const int outer = 3, reduced = 300, inner = 2500, offset = 11;
        var x = ReductionAccuracyTests.Data(offset + outer * reduced * inner, 8);
        var y = new float[outer * inner];
        CascadeSum.Columns<PlainTerm<float>, float>(x, offset, outer, reduced, inner, null, y);
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < inner; j += 7)
            {
                var col = x.AsSpan(offset + o * reduced * inner + j);
                Near(Exact(col, inner, reduced, v => v), y[o * inner + j], Exact(col, inner, reduced, Math.Abs), $"[{o}, {j}]");
            }
    }
}

/// <summary>Reductions give the same bits whatever <see cref="Threading.NumThreads"/> is.</summary>
[Collection("Gemm.NumThreads")]
public class ReductionThreadIndependenceTests
{
    [Fact]
    public void SameBitsOnAnyThreadCount()
    {
        var cases = new (string Name, int[] Shape, Func<Tensor, Tensor> F)[]
        {
            ("sum all", [1_000_003], t => t.Sum()),
            ("sum long rows", [2, 300_001], t => t.Sum(1)),
            ("sum rows", [700, 3001], t => t.Sum(1)),
            ("sum columns", [3, 2001, 2500], t => t.Sum(1)),
            ("sum narrow columns", [400_000, 3], t => t.Sum(0)),
            ("sum wide columns", [400, 5000], t => t.Sum(0)),
            ("mean", [2, 300_001], t => t.Mean(1)),
            ("var all", [1_000_003], t => t.Var()),
            ("var columns", [3, 2001, 2500], t => t.Var(1)),
            ("norm all", [1_000_003], t => t.Norm()),
            ("norm columns", [400, 5000], t => t.Norm(2, 0)),
            ("logsumexp rows", [2, 300_001], t => t.LogSumExp(1)),
            ("logsumexp columns", [400, 5000], t => t.LogSumExp(0)),
            ("softmax", [3, 200_000], t => t.Softmax(1)),
        };
        int saved = Threading.NumThreads;
        try
        {
            foreach (var (name, shape, f) in cases)
            {
                var x = Torch.FromArray(ReductionAccuracyTests.Data(shape.Aggregate(1, (a, b) => a * b), 9), shape);
                Threading.NumThreads = 1;
                var one = f(x).ToArray<float>();
                foreach (int threads in new[] { 2, 3, 8 })
                {
                    Threading.NumThreads = threads;
                    Assert.True(one.AsSpan().SequenceEqual(f(x).ToArray<float>()), $"{name}: {threads} threads differ from one");
                }
            }
        }
        finally
        {
            Threading.NumThreads = saved;
        }
    }
}
