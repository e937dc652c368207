using System.Diagnostics;
using Ember.Data;
using Ember.Data.Transforms;

namespace Ember.Bench;

/// <summary>
/// Data loading: a <see cref="DataLoader"/> over the 60,000 Fashion-MNIST training images
/// (<c>/usr/share/datasets/fashion-mnist</c>) with <c>Normalize(0.2860, 0.3530)</c>, batch 256, shuffle,
/// with 0 and 2 workers; each configuration is warmed up, then whole epochs are timed (best of 1 with
/// <c>--quick</c>, else 3). Reports <c>loader_samples_per_s</c>, the better configuration's rate.
/// </summary>
internal static class LoaderBench
{
    /// <summary>Adds <c>loader_samples_per_s</c> to <paramref name="results"/> (the per-configuration rates go to the log).</summary>
    public static void Run(Dictionary<string, object> results, BenchOptions options)
    {
        if (!Directory.Exists(FashionMnist.DefaultRoot))
        {
            BenchOptions.Log($"loader: skipped, {FashionMnist.DefaultRoot} not found (apt-get install dataset-fashion-mnist)");
            return;
        }
        var train = FashionMnist.Load(train: true, transform: new Normalize(0.2860, 0.3530));
        double best = 0;
        foreach (int workers in new[] { 0, 2 })
        {
            var loader = new DataLoader(train, batchSize: 256, shuffle: true, numWorkers: workers, generator: new Generator(0));
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < options.WarmUp)
                foreach (var _ in loader)
                    if (warm.Elapsed >= options.WarmUp) break;

            int epochs = options.Quick ? 1 : 3;
            double bestEpoch = double.MaxValue;
            for (int e = 0; e < epochs; e++)
            {
                long t0 = Stopwatch.GetTimestamp();
                int samples = 0;
                foreach (var (x, _) in loader) samples += x.Size(0);
                bestEpoch = Math.Min(bestEpoch, Stopwatch.GetElapsedTime(t0).TotalSeconds);
                if (samples != train.Count) throw new InvalidOperationException($"loader bench: an epoch yielded {samples} samples, expected {train.Count}");
            }
            double rate = train.Count / bestEpoch;
            BenchOptions.Log($"loader: {workers} workers, {rate:F0} samples/s ({bestEpoch:F3} s per epoch of {train.Count})");
            best = Math.Max(best, rate);
        }
        results["loader_samples_per_s"] = Math.Round(best);
    }
}
