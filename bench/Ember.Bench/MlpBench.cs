using System.Diagnostics;
using Ember.Data;
using Ember.NN;
using Ember.Optim;

namespace Ember.Bench;

/// <summary>
/// W2: the anchor's MLP (anchors/bench_torch.py): Fashion-MNIST as float32 [N, 784] / 255,
/// <c>Sequential(Linear(784, 256), ReLU(), Linear(256, 10))</c>, <c>SGD(lr: 0.1)</c>, <c>F.CrossEntropy</c>,
/// batch 256 drawn by <c>IndexSelect</c> from a fresh <c>Randperm</c> each epoch; 10 epochs (2 with
/// <c>--quick</c>). Reports the fastest epoch, the test accuracy after training (NoGrad + Eval), and the managed
/// allocation per step and gen-2 collections per epoch (both over the last epoch, in steady state).
/// </summary>
/// <remarks>
/// A throwaway model trains for one epoch and at least the warm-up time first, so that the timed epochs run
/// tiered JIT's optimized code (DESIGN.md, "Performance model"; the 0.3 s of <c>--quick</c> alone would leave
/// the first timed epochs compiling); the timed model and its batches come from their own generator, so
/// the accuracy does not depend on how long the warm-up ran.
/// </remarks>
internal static class MlpBench
{
    private const int BatchSize = 256;

    /// <summary>
    /// Adds <c>mlp_epoch_s</c>, <c>mlp_test_acc_{E}ep</c>, <c>mlp_alloc_kb_per_step</c> and
    /// <c>mlp_gen2_gcs_per_epoch</c> to <paramref name="results"/>.
    /// </summary>
    public static void Run(Dictionary<string, object> results, BenchOptions options)
    {
        if (!Directory.Exists(FashionMnist.DefaultRoot))
        {
            BenchOptions.Log($"mlp: skipped, {FashionMnist.DefaultRoot} not found (apt-get install dataset-fashion-mnist)");
            return;
        }
        var (xTrain, yTrain) = Load(train: true);
        var (xTest, yTest) = Load(train: false);

        var warmModel = NewModel(new Generator(1));
        var warmOptimizer = new SGD(warmModel.Parameters(), lr: 0.1);
        var warmGenerator = new Generator(2);
        var warm = Stopwatch.StartNew();
        Epoch(warmModel, warmOptimizer, xTrain, yTrain, warmGenerator); // at least one whole epoch, even with --quick
        while (warm.Elapsed < options.WarmUp) Epoch(warmModel, warmOptimizer, xTrain, yTrain, warmGenerator, options.WarmUp - warm.Elapsed);

        var generator = new Generator(0);
        var model = NewModel(generator);
        var optimizer = new SGD(model.Parameters(), lr: 0.1);
        int epochs = options.Quick ? 2 : 10;
        int n = xTrain.Size(0), steps = (n + BatchSize - 1) / BatchSize;

        double best = double.MaxValue;
        long allocated = 0;
        int gen2 = 0;
        for (int e = 0; e < epochs; e++)
        {
            int gen2Before = GC.CollectionCount(2);
            long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            Epoch(model, optimizer, xTrain, yTrain, generator);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            gen2 = GC.CollectionCount(2) - gen2Before;
            best = Math.Min(best, seconds);
            BenchOptions.Log($"mlp: epoch {e + 1}/{epochs} {seconds:F3} s, {allocated / 1024.0 / steps:F1} KB/step, {gen2} gen2 GCs");
        }
        double accuracy = Accuracy(model, xTest, yTest);

        results["mlp_epoch_s"] = Math.Round(best, 3);
        results[$"mlp_test_acc_{epochs}ep"] = Math.Round(accuracy, 4);
        results["mlp_alloc_kb_per_step"] = Math.Round(allocated / 1024.0 / steps, 1);
        results["mlp_gen2_gcs_per_epoch"] = gen2;
        BenchOptions.Log($"mlp: best epoch {best:F3} s, test accuracy {accuracy:F4} after {epochs} epochs");
    }

    /// <summary>The anchor's MLP, initialized from <paramref name="generator"/>.</summary>
    private static Sequential NewModel(Generator generator) =>
        new(new Linear(784, 256, generator: generator), new ReLU(), new Linear(256, 10, generator: generator));

    /// <summary>
    /// One epoch in the anchor's order (forward, loss, zero_grad, backward, step per batch), or as much of it as
    /// fits in <paramref name="budget"/>.
    /// </summary>
    private static void Epoch(Sequential model, SGD optimizer, Tensor x, Tensor y, Generator generator, TimeSpan? budget = null)
    {
        long t0 = Stopwatch.GetTimestamp();
        model.Train();
        int n = x.Size(0);
        var perm = Torch.Randperm(n, generator);
        for (int i = 0; i < n; i += BatchSize)
        {
            if (budget is { } b && Stopwatch.GetElapsedTime(t0) >= b) return;
            var index = perm.Narrow(0, i, Math.Min(BatchSize, n - i));
            var loss = F.CrossEntropy(model.Forward(x.IndexSelect(0, index)), y.IndexSelect(0, index));
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }
    }

    /// <summary>The fraction of <paramref name="x"/> classified as <paramref name="y"/>, in eval mode without autograd.</summary>
    private static double Accuracy(Sequential model, Tensor x, Tensor y)
    {
        model.Eval();
        using var _ = Torch.NoGrad();
        return model.Forward(x).Argmax(1).Eq(y).To(DType.Float32).Mean().Item<float>();
    }

    /// <summary>One split as (float32 [N, 784] in [0, 1], int64 [N]), like the anchor's <c>x / 255</c>.</summary>
    private static (Tensor X, Tensor Y) Load(bool train)
    {
        var set = FashionMnist.Load(train: train);
        return (set.Data.Reshape(set.Count, set.Rows * set.Cols) / 255.0, set.Targets);
    }
}
