using System.Diagnostics;
using Ember.NN;

namespace Ember.Bench;

/// <summary>
/// W5: the anchor's convolution microbenchmark (anchors/bench_torch.py): <c>Conv2d(3, 64, 3, padding: 1)</c> on
/// x [64, 3, 32, 32] requiring grad, one step = <c>y = conv(x); y.Sum().Backward()</c>; best of 10 after the warm-up.
/// </summary>
internal static class ConvBench
{
    /// <summary>Adds <c>conv_fwdbwd_ms</c> to <paramref name="results"/>.</summary>
    public static void Run(Dictionary<string, object> results, BenchOptions options)
    {
        var conv = new Conv2d(3, 64, 3, padding: 1, generator: new Generator(0));
        var x = Torch.Randn(new Size(64, 3, 32, 32), generator: new Generator(1)).RequiresGrad_();
        void Step()
        {
            using var scope = Torch.NewDisposeScope();
            var y = conv.Call(x);
            y.Sum().Backward();
        }
        var warm = Stopwatch.StartNew();
        do Step(); while (warm.Elapsed < options.WarmUp);
        double best = double.MaxValue;
        for (int i = 0; i < 10; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            Step();
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        results["conv_fwdbwd_ms"] = Math.Round(best, 2);
        BenchOptions.Log($"conv: fwd+bwd {best:0.00} ms");
    }
}
