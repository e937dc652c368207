using Ember.Kernels;

namespace Ember.Tests.Kernels;

/// <summary>
/// The pre-packed-A GEMM (a convolution weight packed once for inference) gives the same bits as the driver packing A on
/// every call, over edge sizes (partial micro-tiles, several K and M blocks), strided A, accumulation, float32 and
/// float64, and 1, 2 and 3 threads; and both match the naive product.
/// </summary>
[Collection("Gemm.NumThreads")]
public class GemmPrepackedATests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 33, 5)]
    [InlineData(8, 16, 9)]
    [InlineData(9, 257, 17)]
    [InlineData(64, 256, 576)]
    [InlineData(130, 70, 1200)]  // several K blocks, a partial last panel
    [InlineData(257, 3, 300)]    // more rows than a thread's block: split by rows
    [InlineData(512, 4, 4608)]   // ResNet-18's last layer at batch 1 (the GEMM runs [O, K]·[K, pixels])
    public void SameBitsAsPackingEveryCall(int m, int n, int k)
    {
        Check<float>(m, n, k, 1e-4);
        Check<double>(m, n, k, 1e-12);
    }

    private static unsafe void Check<T>(int m, int n, int k, double tol) where T : unmanaged, System.Numerics.INumber<T>
    {
        var rng = new Random(m * 1000 + n * 10 + k);
        var a = Enumerable.Range(0, m * k).Select(_ => T.CreateChecked(rng.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => T.CreateChecked(rng.NextDouble() - 0.5)).ToArray();
        // A column-major copy: the packing reads either layout.
        var at = new T[m * k];
        for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) at[p * m + i] = a[i * k + p];
        var packed = GemmPrepackedA<T>.TryCreate(a, k, 1, m, k);
        var packedT = GemmPrepackedA<T>.TryCreate(at, 1, m, m, k);
        Assert.NotNull(packed);
        Assert.NotNull(packedT);
        Assert.Equal((m, k), (packed!.M, packed.K));
        int saved = Threading.NumThreads;
        try
        {
            foreach (bool acc in new[] { false, true })
                foreach (int threads in new[] { 1, 2, 3 })
                {
                    Threading.NumThreads = threads;
                    var c0 = Enumerable.Range(0, m * n).Select(i => T.CreateChecked(i % 7 * 0.25)).ToArray();
                    var expected = (T[])c0.Clone();
                    fixed (T* pb = b) Assert.True(Gemm.TryComputePackedB(m, n, k, a, k, 1, new StridedB<T>(pb, n, 1), expected, n, acc));
                    var actual = (T[])c0.Clone();
                    fixed (T* pb = b) packed.Multiply(n, new StridedB<T>(pb, n, 1), actual, n, acc);
                    Assert.Equal(expected, actual);
                    var actualT = (T[])c0.Clone();
                    fixed (T* pb = b) packedT!.Multiply(n, new StridedB<T>(pb, n, 1), actualT, n, acc);
                    Assert.Equal(expected, actualT);
                    var naive = (T[])c0.Clone();
                    Gemm.Reference<T>(m, n, k, a, k, 1, b, n, 1, naive, n, acc);
                    GemmAssert.NearNaive(naive, actual, tol, $"m={m} n={n} k={k} acc={acc} threads={threads}");
                }
        }
        finally { Threading.NumThreads = saved; }
    }

    [Fact]
    public unsafe void DeclinesWhatItCannotPack()
    {
        Assert.Null(GemmPrepackedA<long>.TryCreate(new long[4], 2, 1, 2, 2));
        Assert.Null(GemmPrepackedA<float>.TryCreate([], 0, 1, 0, 0));
        Assert.Throws<ArgumentException>(() => GemmPrepackedA<float>.TryCreate(new float[5], 3, 1, 2, 3));
        var packed = GemmPrepackedA<float>.TryCreate(new float[6], 3, 1, 2, 3)!;
        Assert.Throws<ArgumentException>(() => packed.Multiply(4, new StridedB<float>(null, 4, 1), new float[7], 4, false));
    }
}
