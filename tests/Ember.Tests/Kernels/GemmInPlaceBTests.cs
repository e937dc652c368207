using Ember.Kernels;

namespace Ember.Tests.Kernels;

/// <summary>
/// The GEMM that reads a row-major B in place (few rows of A, one depth block) gives the same bits as the driver that
/// packs B, on 1, 2 and 3 threads, over partial row tiles and a partial last column panel, padded rows of B and C,
/// transposed A, accumulation, float32 and float64; and both match the naive product.
/// </summary>
[Collection("Gemm.NumThreads")]
public class GemmInPlaceBTests
{
    [Theory]
    [InlineData(2, 32, 1)]
    [InlineData(3, 33, 5)]      // one partial panel of 1 column
    [InlineData(8, 64, 9)]
    [InlineData(9, 95, 17)]     // a partial row tile and a partial panel of 31 columns
    [InlineData(27, 1024, 64)]  // a convolution's input gradient, 3 input channels, 32×32
    [InlineData(27, 257, 64)]
    [InlineData(12, 70, 33)]    // a tail of exactly 4 rows (the half tile)
    [InlineData(44, 1024, 64)]
    [InlineData(48, 130, 320)]  // the most rows and the deepest block the path takes
    [InlineData(47, 4099, 100)] // large enough to run on the team
    public void SameBitsAsPackingB(int m, int n, int k)
    {
        Assert.True(GemmInPlaceB.Suits<float>(m, n, k, 1));
        Check<float>(m, n, k, 1e-4);
        Check<double>(m, n, k, 1e-12);
    }

    private static void Check<T>(int m, int n, int k, double tol) where T : unmanaged, System.Numerics.INumber<T>
    {
        var rng = new Random(m * 1000 + n * 10 + k);
        int ldb = n + 5, ldc = n + 3;
        var a = Enumerable.Range(0, m * k).Select(_ => T.CreateChecked(rng.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, k * ldb).Select(_ => T.CreateChecked(rng.NextDouble() - 0.5)).ToArray();
        int saved = Threading.NumThreads;
        try
        {
            foreach (bool transA in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                    foreach (int threads in new[] { 3, 2, 1 })
                    {
                        Threading.NumThreads = threads;
                        // A as given, or read transposed from its column-major copy.
                        var (av, ars, acs) = transA ? (ColumnMajor(a, m, k), 1, m) : (a, k, 1);
                        var c0 = Enumerable.Range(0, m * ldc).Select(i => T.CreateChecked(i % 7 * 0.25)).ToArray();
                        var expected = (T[])c0.Clone();
                        GemmInPlaceB.Enabled = false;
                        try { Gemm.Compute<T>(m, n, k, av, ars, acs, b, ldb, 1, expected, ldc, acc); }
                        finally { GemmInPlaceB.Enabled = true; }
                        var actual = (T[])c0.Clone();
                        Gemm.Compute<T>(m, n, k, av, ars, acs, b, ldb, 1, actual, ldc, acc);
                        Assert.Equal(expected, actual);
                        var naive = (T[])c0.Clone();
                        Gemm.Reference<T>(m, n, k, a, k, 1, b, ldb, 1, naive, ldc, acc);
                        GemmAssert.NearNaive(naive, actual, tol, $"m={m} n={n} k={k} transA={transA} acc={acc} threads={threads}");
                    }
        }
        finally { Threading.NumThreads = saved; }
    }

    private static T[] ColumnMajor<T>(T[] a, int m, int k)
    {
        var t = new T[m * k];
        for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) t[p * m + i] = a[i * k + p];
        return t;
    }

    [Theory]
    [InlineData(49, 64, 64, 1)]   // too many rows
    [InlineData(8, 64, 321, 1)]   // deeper than one block
    [InlineData(8, 64, 64, 2)]    // B's columns strided
    [InlineData(8, 31, 64, 1)]    // narrower than one panel
    public void DeclinesOtherShapes(int m, int n, int k, int bColStride) =>
        Assert.False(GemmInPlaceB.Suits<float>(m, n, k, bColStride));
}
