using Ember.Kernels;

namespace Ember.Tests.Kernels;

/// <summary>The pre-packed-B GEMM against the naive reference, over edge sizes, strides, K blocks and threads.</summary>
[Collection("Gemm.NumThreads")]
public class GemmPrepackedTests
{
    /// <summary>Split by columns (few rows) or by bands of rows (many), the product is the same bits on 1, 2 and 3 threads.</summary>
    [Theory]
    [InlineData(517, 300, 190)]
    [InlineData(40, 300, 190)]
    public void ResultsDoNotDependOnTheThreadCount(int m, int n, int k)
    {
        var rng = new Random(m + n + k);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var packed = new GemmPrepackedB<float>(b, n, 1, k, n);
        int saved = Threading.NumThreads;
        try
        {
            float[]? first = null;
            foreach (int threads in new[] { 1, 2, 3 })
            {
                Threading.NumThreads = threads;
                var c = new float[m * n];
                packed.Multiply(m, a, k, 1, c, n, accumulate: false);
                if (first is null) first = c;
                else Assert.Equal(first, c);
            }
        }
        finally { Threading.NumThreads = saved; }
    }

    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(7, 33, 5, true)]
    [InlineData(32, 1024, 256, false)]
    [InlineData(32, 256, 1024, true)]
    [InlineData(70, 50, 700, false)]
    [InlineData(3, 17, 300, true)]
    [InlineData(200, 300, 100, false)]  // split by rows across threads
    [InlineData(517, 40, 70, true)]     // a last band of 5 rows
    public void MatchesReference(int m, int n, int k, bool transposedB)
    {
        Check<float>(m, n, k, transposedB, 1e-4);
        Check<double>(m, n, k, transposedB, 1e-12);
    }

    private static void Check<T>(int m, int n, int k, bool transposedB, double tol) where T : unmanaged, System.Numerics.INumber<T>
    {
        var rng = new Random(m * 1000 + n * 10 + k);
        var a = Enumerable.Range(0, m * k).Select(_ => T.CreateChecked(rng.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => T.CreateChecked(rng.NextDouble() - 0.5)).ToArray();
        int bRs = transposedB ? 1 : n, bCs = transposedB ? k : 1;
        foreach (bool acc in new[] { false, true })
        {
            var c0 = Enumerable.Range(0, m * n).Select(i => T.CreateChecked(i % 7 * 0.25)).ToArray();
            var expected = (T[])c0.Clone();
            Gemm.Reference<T>(m, n, k, a, k, 1, b, bRs, bCs, expected, n, acc);
            var packed = new GemmPrepackedB<T>(b, bRs, bCs, k, n);
            var actual = (T[])c0.Clone();
            packed.Multiply(m, a, k, 1, actual, n, acc);
            for (int i = 0; i < actual.Length; i++)
                Assert.True(Math.Abs(double.CreateChecked(expected[i] - actual[i])) <= tol * Math.Max(1, Math.Abs(double.CreateChecked(expected[i]))),
                    $"{typeof(T).Name} m={m} n={n} k={k} acc={acc} element {i}: expected {expected[i]}, got {actual[i]}");
            // A read transposed (column-major) gives the same product.
            var at = new T[m * k];
            for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) at[p * m + i] = a[i * k + p];
            var actualT = (T[])c0.Clone();
            packed.Multiply(m, at, 1, m, actualT, n, acc);
            Assert.Equal(actual, actualT);
        }
    }
}
