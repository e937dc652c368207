using System.Numerics;
using Ember.Kernels;

namespace Ember.Tests.Kernels;

/// <summary>Serializes the tests that change the global <see cref="Threading.NumThreads"/>.</summary>
[CollectionDefinition("Gemm.NumThreads", DisableParallelization = true)]
public sealed class GemmNumThreadsCollection { }

public class GemmTests
{
    public static readonly TheoryData<int, int, int> Shapes = new()
    {
        { 0, 5, 3 }, { 5, 0, 3 }, { 5, 3, 0 }, { 1, 1, 1 }, { 1, 7, 1 }, { 7, 1, 5 }, { 3, 2, 1 },
        { 17, 33, 9 }, { 8, 32, 16 }, { 9, 33, 17 }, { 64, 64, 64 }, { 129, 65, 257 }, { 300, 200, 100 },
        { 2, 700, 3 }, { 400, 3, 50 },
        { 1, 300, 257 }, { 300, 1, 257 }, { 1, 1, 1000 }, // matrix-vector paths
    };

    /// <summary>A random m×k (or k×m if transposed) operand with values in [-1, 1), and its strides.</summary>
    internal static (T[] data, int rowStride, int colStride) Operand<T>(Random rng, int rows, int cols, bool transposed, Func<Random, T> gen)
    {
        var data = new T[Math.Max(1, rows * cols)];
        for (int i = 0; i < data.Length; i++) data[i] = gen(rng);
        // Non-transposed: row-major rows×cols. Transposed: stored as cols×rows row-major, viewed through swapped strides.
        return transposed ? (data, 1, rows) : (data, cols, 1);
    }

    private static void Check<T>(int m, int n, int k, bool transA, bool transB, bool accumulate, int ldcExtra, Func<Random, T> gen, double tol)
        where T : unmanaged, INumber<T>
    {
        var rng = new Random(HashCode.Combine(m, n, k, transA, transB, accumulate, ldcExtra));
        var (a, ars, acs) = Operand(rng, m, k, transA, gen);
        var (b, brs, bcs) = Operand(rng, k, n, transB, gen);
        int ldc = n + ldcExtra;
        var c0 = new T[Math.Max(1, m * ldc)];
        for (int i = 0; i < c0.Length; i++) c0[i] = gen(rng);
        var expected = (T[])c0.Clone();
        var actual = (T[])c0.Clone();

        Gemm.Reference<T>(m, n, k, a, ars, acs, b, brs, bcs, expected, ldc, accumulate);
        Gemm.Compute<T>(m, n, k, a, ars, acs, b, brs, bcs, actual, ldc, accumulate);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                int idx = i * ldc + j;
                if (j >= n)
                {
                    Assert.Equal(c0[idx], actual[idx]); // padding between rows is untouched
                    continue;
                }
                double e = double.CreateChecked(expected[idx]), g = double.CreateChecked(actual[idx]);
                if (Math.Abs(e - g) > tol)
                    Assert.Fail($"C[{i},{j}] = {g}, expected {e} (m={m} n={n} k={k} transA={transA} transB={transB} acc={accumulate})");
            }
        }
    }

    private static float RandF(Random r) => (float)(r.NextDouble() * 2 - 1);
    private static double RandD(Random r) => r.NextDouble() * 2 - 1;
    private static long RandL(Random r) => r.Next(-50, 51);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_MatchesReference(int m, int n, int k)
    {
        double tol = 1e-4 * Math.Sqrt(Math.Max(k, 1));
        foreach (bool transA in new[] { false, true })
            foreach (bool transB in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                    Check<float>(m, n, k, transA, transB, acc, ldcExtra: acc ? 3 : 0, RandF, tol);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_MatchesReference(int m, int n, int k)
    {
        double tol = 1e-12 * Math.Sqrt(Math.Max(k, 1));
        foreach (bool transA in new[] { false, true })
            foreach (bool transB in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                    Check<double>(m, n, k, transA, transB, acc, ldcExtra: acc ? 0 : 5, RandD, tol);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Long_MatchesReferenceExactly(int m, int n, int k)
    {
        foreach (bool transA in new[] { false, true })
            foreach (bool transB in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                    Check<long>(m, n, k, transA, transB, acc, ldcExtra: 2, RandL, 0);
    }

    [Fact]
    public void GeneralStrides_MatchReference()
    {
        // A is every other column of a 37×(2·50) buffer; B is a 50×23 view with column stride 3 and row stride 71.
        int m = 37, n = 23, k = 50;
        var rng = new Random(7);
        var a = new float[m * 2 * k];
        var b = new float[k * 71];
        for (int i = 0; i < a.Length; i++) a[i] = RandF(rng);
        for (int i = 0; i < b.Length; i++) b[i] = RandF(rng);
        var expected = new float[m * n];
        var actual = new float[m * n];
        Gemm.Reference<float>(m, n, k, a, 2 * k, 2, b, 71, 3, expected, n, false);
        Gemm.Compute<float>(m, n, k, a, 2 * k, 2, b, 71, 3, actual, n, false);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4 * Math.Sqrt(k), $"index {i}: {actual[i]} vs {expected[i]}");
    }

    [Fact]
    public void ZeroStrideBroadcast_MatchesReference()
    {
        // A row stride 0 broadcasts one row of A to every row of C.
        int m = 20, n = 40, k = 30;
        var rng = new Random(3);
        var a = new double[k];
        var b = new double[k * n];
        for (int i = 0; i < a.Length; i++) a[i] = RandD(rng);
        for (int i = 0; i < b.Length; i++) b[i] = RandD(rng);
        var expected = new double[m * n];
        var actual = new double[m * n];
        Gemm.Reference<double>(m, n, k, a, 0, 1, b, n, 1, expected, n, false);
        Gemm.Compute<double>(m, n, k, a, 0, 1, b, n, 1, actual, n, false);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"index {i}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void KZero_ClearsOrKeepsC(bool accumulate)
    {
        var c = new float[] { 1, 2, 3, 9, 4, 5, 6, 9 };
        Gemm.Compute<float>(2, 3, 0, ReadOnlySpan<float>.Empty, 0, 1, ReadOnlySpan<float>.Empty, 3, 1, c, 4, accumulate);
        Assert.Equal(accumulate ? new float[] { 1, 2, 3, 9, 4, 5, 6, 9 } : new float[] { 0, 0, 0, 9, 0, 0, 0, 9 }, c);
    }

    [Fact]
    public void SmallExactValues()
    {
        // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]
        float[] a = { 1, 2, 3, 4 }, b = { 5, 6, 7, 8 };
        var c = new float[4];
        Gemm.Compute<float>(2, 2, 2, a, 2, 1, b, 2, 1, c, 2, false);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c);
        Gemm.Compute<float>(2, 2, 2, a, 2, 1, b, 2, 1, c, 2, true);
        Assert.Equal(new float[] { 38, 44, 86, 100 }, c);
        // Aᵀ·B via swapped strides: [1 3; 2 4] · [5 6; 7 8] = [26 30; 38 44]
        Gemm.Compute<float>(2, 2, 2, a, 1, 2, b, 2, 1, c, 2, false);
        Assert.Equal(new float[] { 26, 30, 38, 44 }, c);
    }

    [Fact]
    public void UnsupportedType_Throws()
    {
        var x = new short[4];
        Assert.Throws<NotSupportedException>(() => Gemm.Compute<short>(2, 2, 1, x, 1, 1, x, 2, 1, x, 2, false));
    }

    [Fact]
    public void TooShortSpan_Throws()
    {
        var a = new float[5];
        var b = new float[6];
        var c = new float[6];
        Assert.Throws<ArgumentException>(() => Gemm.Compute<float>(2, 3, 3, a, 3, 1, b, 3, 1, c, 3, false));
        Assert.Throws<ArgumentException>(() => Gemm.Compute<float>(2, 3, 2, new float[4], 2, 1, b, 3, 1, new float[5], 3, false));
    }
}

[Collection("Gemm.NumThreads")]
public class GemmThreadingTests
{
    [Fact]
    public void ThreadCount_DoesNotChangeBits()
    {
        int saved = Threading.NumThreads;
        try
        {
            const int n = 300;
            var rng = new Random(11);
            var a = new float[n * n];
            var b = new float[n * n];
            for (int i = 0; i < a.Length; i++) { a[i] = (float)(rng.NextDouble() * 2 - 1); b[i] = (float)(rng.NextDouble() * 2 - 1); }
            var c1 = new float[n * n];
            var c2 = new float[n * n];
            var c2t = new float[n * n];
            Threading.NumThreads = 1;
            Gemm.Compute<float>(n, n, n, a, n, 1, b, n, 1, c1, n, false);
            Threading.NumThreads = 2;
            Gemm.Compute<float>(n, n, n, a, n, 1, b, n, 1, c2, n, false);
            Assert.Equal(c1, c2);
            // Also with a transposed operand (which changes how the threads split the work).
            var d1 = new float[n * n];
            Threading.NumThreads = 1;
            Gemm.Compute<float>(n, n, n, a, 1, n, b, n, 1, d1, n, false);
            Threading.NumThreads = 3;
            Gemm.Compute<float>(n, n, n, a, 1, n, b, n, 1, c2t, n, false);
            Assert.Equal(d1, c2t);
        }
        finally
        {
            Threading.NumThreads = saved;
        }
    }

    /// <summary>A row times a transposed B (a linear layer at batch 1) splits its columns over the team from 64K
    /// multiply-adds: the same bits on 3, 2 and 1 threads, and the naive product, with a column tail and odd k.</summary>
    [Theory]
    [InlineData(255, 259, false)]
    [InlineData(256, 784, true)]
    [InlineData(1023, 129, true)]
    public void RowTimesTransposedColumnsSplitOverTheTeam(int n, int k, bool accumulate)
    {
        int saved = Threading.NumThreads;
        try
        {
            var rng = new Random(n + k);
            var a = Enumerable.Range(0, k).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            var w = Enumerable.Range(0, n * k).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            var c0 = Enumerable.Range(0, n).Select(j => j % 5 * 0.5f).ToArray();
            var naive = (float[])c0.Clone();
            Gemm.Reference<float>(1, n, k, a, k, 1, w, 1, k, naive, n, accumulate);
            float[]? first = null;
            foreach (int threads in new[] { 3, 2, 1 })
            {
                Threading.NumThreads = threads;
                var c = (float[])c0.Clone();
                Gemm.Compute<float>(1, n, k, a, k, 1, w, 1, k, c, n, accumulate);
                if (first is null) first = c;
                else Assert.Equal(first, c);
                for (int j = 0; j < n; j++)
                    Assert.True(Math.Abs(naive[j] - c[j]) <= 1e-4f * Math.Max(1, Math.Abs(naive[j])), $"threads {threads} column {j}: {naive[j]} vs {c[j]}");
            }
        }
        finally
        {
            Threading.NumThreads = saved;
        }
    }

    [Fact]
    public void MultiThreaded_MatchesReference()
    {
        int saved = Threading.NumThreads;
        try
        {
            Threading.NumThreads = 2;
            int m = 250, n = 190, k = 130;
            var rng = new Random(5);
            var a = new double[m * k];
            var b = new double[k * n];
            for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble() * 2 - 1;
            for (int i = 0; i < b.Length; i++) b[i] = rng.NextDouble() * 2 - 1;
            var expected = new double[m * n];
            var actual = new double[m * n];
            Gemm.Reference<double>(m, n, k, a, k, 1, b, 1, k, expected, n, false);
            Gemm.Compute<double>(m, n, k, a, k, 1, b, 1, k, actual, n, false);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-11, $"index {i}");
        }
        finally
        {
            Threading.NumThreads = saved;
        }
    }

    [Fact]
    public void WarmSingleThreadedCall_AllocatesNothing()
    {
        int saved = Threading.NumThreads;
        try
        {
            Threading.NumThreads = 1;
            const int n = 128;
            var a = new float[n * n];
            var b = new float[n * n];
            var c = new float[n * n];
            for (int i = 0; i < a.Length; i++) { a[i] = i % 7 - 3; b[i] = i % 5 - 2; }
            Gemm.Compute<float>(n, n, n, a, n, 1, b, n, 1, c, n, false); // warm: JIT + per-thread workspace
            long before = GC.GetAllocatedBytesForCurrentThread();
            Gemm.Compute<float>(n, n, n, a, n, 1, b, n, 1, c, n, false);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 1024, $"warm GEMM allocated {allocated} bytes");
        }
        finally
        {
            Threading.NumThreads = saved;
        }
    }
}
