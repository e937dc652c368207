using Ember.Kernels;
using Xunit;

namespace Ember.Tests.Kernels;

/// <summary>The float transpose behind the Winograd, tap-pair and packed-weight layouts against a naive loop: every
/// row and column count from 0 to 40 (16-row strips, 8-row blocks, scalar edges), a few up to 257, leading dimensions
/// wider than the matrix, nothing written outside it (the 4×4 blocks of 4-wide and 4-tall remainders included); the
/// team-split version gives the same bits.</summary>
public unsafe class WinogradTransposeTests
{
    public static IEnumerable<object[]> Sizes()
    {
        for (int r = 0; r <= 40; r++)
            foreach (int c in new[] { 0, 1, 4, 7, 8, 9, 12, 16, 17, 40 }) yield return [r, c];
        foreach (var (r, c) in new[] { (257, 3), (3, 257), (256, 33), (129, 257), (48, 2304) }) yield return [r, c];
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void EqualsTheNaiveTranspose(int rows, int cols)
    {
        foreach (bool parallel in new[] { false, true })
        {
            int srcLd = cols + 3, dstLd = rows + 5;
            var src = new float[rows * srcLd + 1];
            for (int i = 0; i < src.Length; i++) src[i] = i * 0.5f - 7f;
            var dst = new float[cols * dstLd + 1];
            Array.Fill(dst, float.NaN);
            fixed (float* s = src, d = dst)
                if (parallel) WinogradTranspose.InParallel(s, srcLd, rows, cols, d, dstLd);
                else WinogradTranspose.Run(s, srcLd, rows, cols, d, dstLd);
            for (int c = 0; c < cols; c++)
                for (int r = 0; r < dstLd; r++)
                    if (r < rows) Assert.True(src[r * srcLd + c] == dst[c * dstLd + r], $"{rows}x{cols} parallel={parallel} [{r},{c}]");
                    else Assert.True(float.IsNaN(dst[c * dstLd + r]), $"{rows}x{cols} parallel={parallel}: wrote past row {rows} at column {c}");
            Assert.True(float.IsNaN(dst[^1]));
        }
    }
}
