using System.Diagnostics;
using Ember.Kernels;

namespace Ember.Bench;

/// <summary>
/// W1: float32 n×n GEMM, same method as the PyTorch anchor (anchors/bench_torch.py): random normal inputs,
/// best of 10 repetitions (3 for n = 2048), GFLOP/s = 2·n³ / t.
/// </summary>
internal static class GemmBench
{
    private static readonly int[] Sizes = { 256, 512, 1024, 2048 };

    /// <summary>Adds <c>gemm{n}_gflops</c> for each size to <paramref name="results"/>.</summary>
    public static void Run(Dictionary<string, object> results, BenchOptions options)
    {
        var rng = new Random(0);
        foreach (int n in Sizes)
        {
            float[] a = RandomNormal(rng, n * n), b = RandomNormal(rng, n * n), c = new float[n * n];
            void Mm() => Gemm.Compute<float>(n, n, n, a, n, 1, b, n, 1, c, n, accumulate: false);

            var warm = Stopwatch.StartNew();
            do Mm(); while (warm.Elapsed < options.WarmUp);

            int reps = n == 2048 ? 3 : 10;
            double best = double.MaxValue;
            for (int r = 0; r < reps; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                Mm();
                best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
            }
            double gflops = Math.Round(2.0 * n * n * n / best / 1e9, 1);
            results[$"gemm{n}_gflops"] = gflops;
            BenchOptions.Log($"gemm n={n}: {gflops} GFLOP/s (best {best * 1e3:F3} ms, {Ember.Threading.NumThreads} threads)");
        }
    }

    /// <summary>Standard normal samples (Box–Muller).</summary>
    private static float[] RandomNormal(Random rng, int count)
    {
        var x = new float[count];
        for (int i = 0; i < count; i += 2)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            x[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < count) x[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
        }
        return x;
    }
}
