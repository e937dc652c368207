using System.Diagnostics;
using Ember.Data;
using Ember.NN;
using Ember.Optim;
using Ember.Vision;

namespace Ember.Bench;

/// <summary>
/// The anchor's network workloads (anchors/bench_torch.py): W3 LeNet on Fashion-MNIST (ReLU and max pooling,
/// SGD lr 0.1 momentum 0.9, batch 256, 3 epochs; 1 with <c>--quick</c>), W6 one SGD training step of torchvision's ResNet-18 on 64×64 images (batch 32), and W7 inference latencies in eval
/// mode without autograd. Each timed workload runs at least the warm-up time first (tiered JIT).
/// </summary>
internal static class CnnBench
{
    private const int BatchSize = 256;

    /// <summary>Adds <c>lenet_epoch_s</c>, <c>lenet_test_acc_{E}ep</c>, <c>lenet_alloc_kb_per_step</c>, <c>resnet18_64px_train_step_ms</c> and the <c>infer_*</c> keys.</summary>
    public static void Run(Dictionary<string, object> results, BenchOptions options)
    {
        ResNetStep(results, options);
        var lenet = LeNet(results, options);
        Inference(results, options, lenet);
    }

    /// <summary>W6: ResNet-18 (10 classes) on [32, 3, 64, 64]; cross-entropy, zero_grad, backward, SGD(0.01, momentum 0.9) step; best of 5 (3 quick).</summary>
    public static void ResNetStep(Dictionary<string, object> results, BenchOptions options)
    {
        var g = new Generator(0);
        var resnet = Models.ResNet18(numClasses: 10, generator: g);
        var opt = new SGD(resnet.Parameters(), lr: 0.01, momentum: 0.9);
        var x = Torch.Randn([32, 3, 64, 64], generator: g);
        var y = Torch.Randint(0, 10, [32], g);
        resnet.Train();
        void Step()
        {
            using var scope = Torch.NewDisposeScope();
            var loss = F.CrossEntropy(resnet.Call(x), y);
            opt.ZeroGrad();
            loss.Backward();
            opt.Step();
        }
        double best = BestOf(Step, options.Quick ? 3 : 5, options);
        results["resnet18_64px_train_step_ms"] = Math.Round(1000 * best, 1);
        BenchOptions.Log($"resnet18: train step {1000 * best:F1} ms");
        Infer(results, options, resnet, Torch.Randn([1, 3, 64, 64], generator: g), "infer_resnet18_64px_b1_ms", 20);
        Infer(results, options, resnet, Torch.Randn([16, 3, 64, 64], generator: g), "infer_resnet18_64px_b16_ms", 5);
    }

    /// <summary>W3: the anchor's LeNet, 3 epochs (1 quick); the fastest epoch and the test accuracy after training.</summary>
    private static Sequential? LeNet(Dictionary<string, object> results, BenchOptions options)
    {
        if (!Directory.Exists(FashionMnist.DefaultRoot))
        {
            BenchOptions.Log($"lenet: skipped, {FashionMnist.DefaultRoot} not found (apt-get install dataset-fashion-mnist)");
            return null;
        }
        var (xTrain, yTrain) = Load(train: true);
        var (xTest, yTest) = Load(train: false);
        var warmModel = Models.LeNet(modern: true);
        var warmOpt = new SGD(warmModel.Parameters(), lr: 0.1, momentum: 0.9);
        Epoch(warmModel, warmOpt, xTrain, yTrain, new Generator(2), options.WarmUp);

        var generator = new Generator(0);
        var model = Models.LeNet(modern: true);
        var optimizer = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
        int epochs = options.Quick ? 1 : 3;
        double best = double.MaxValue;
        int steps = (xTrain.Size(0) + BatchSize - 1) / BatchSize;
        double allocatedPerStep = 0;
        for (int e = 0; e < epochs; e++)
        {
            // Every thread's allocations (the kernels' pool threads too), per training step of the epoch.
            long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            long t0 = Stopwatch.GetTimestamp();
            Epoch(model, optimizer, xTrain, yTrain, generator);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            allocatedPerStep = (GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / 1024.0 / steps;
            best = Math.Min(best, seconds);
            BenchOptions.Log($"lenet: epoch {e + 1}/{epochs} {seconds:F3} s, {allocatedPerStep:F1} KB/step (all threads)");
        }
        results["lenet_alloc_kb_per_step"] = Math.Round(allocatedPerStep, 1);
        model.Eval();
        double accuracy;
        using (Torch.NoGrad()) accuracy = model.Call(xTest).Argmax(1).Eq(yTest).To(DType.Float32).Mean().Item();
        results["lenet_epoch_s"] = Math.Round(best, 3);
        results[$"lenet_test_acc_{epochs}ep"] = Math.Round(accuracy, 4);
        BenchOptions.Log($"lenet: best epoch {best:F3} s, test accuracy {accuracy:F4} after {epochs} epochs");
        return model;
    }

    /// <summary>W7: the MLP and LeNet latencies (ResNet's are taken with its training step).</summary>
    private static void Inference(Dictionary<string, object> results, BenchOptions options, Sequential? lenet)
    {
        var g = new Generator(3);
        var mlp = new Sequential(new Linear(784, 256, generator: g), new ReLU(), new Linear(256, 10, generator: g));
        Infer(results, options, mlp, Torch.Randn([1, 784], generator: g), "infer_mlp_b1_ms", 200);
        Infer(results, options, mlp, Torch.Randn([256, 784], generator: g), "infer_mlp_b256_ms", 50);
        lenet ??= Models.LeNet(modern: true);
        Infer(results, options, lenet, Torch.Randn([1, 1, 28, 28], generator: g), "infer_lenet_b1_ms", 200);
        Infer(results, options, lenet, Torch.Randn([256, 1, 28, 28], generator: g), "infer_lenet_b256_ms", 20);
    }

    private static void Infer(Dictionary<string, object> results, BenchOptions options, Module<Tensor, Tensor> model, Tensor x, string key, int reps)
    {
        model.Eval();
        using var _ = Torch.InferenceMode(); // the anchor's torch.inference_mode()
        double best = BestOf(() =>
        {
            using var scope = Torch.NewDisposeScope();
            model.Call(x);
        }, reps, options);
        results[key] = Math.Round(1000 * best, 3);
        BenchOptions.Log($"{key}: {1000 * best:F3} ms");
    }

    /// <summary>The fastest of <paramref name="reps"/> runs, after running for the warm-up time.</summary>
    private static double BestOf(Action step, int reps, BenchOptions options)
    {
        var warm = Stopwatch.StartNew();
        do step(); while (warm.Elapsed < options.WarmUp);
        return Fastest(step, reps);
    }

    /// <summary>The fastest of <paramref name="reps"/> timed runs of <paramref name="step"/>, in seconds.</summary>
    internal static double Fastest(Action step, int reps)
    {
        double best = double.MaxValue;
        for (int i = 0; i < reps; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            step();
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        return best;
    }

    /// <summary>One epoch in the anchor's order, or as much as fits in <paramref name="budget"/>.</summary>
    private static void Epoch(Sequential model, SGD optimizer, Tensor x, Tensor y, Generator generator, TimeSpan? budget = null)
    {
        long t0 = Stopwatch.GetTimestamp();
        model.Train();
        int n = x.Size(0);
        var perm = Torch.Randperm(n, generator);
        for (int i = 0; i < n; i += BatchSize)
        {
            if (budget is { } b && Stopwatch.GetElapsedTime(t0) >= b) return;
            using var scope = Torch.NewDisposeScope();
            var index = perm.Narrow(0, i, Math.Min(BatchSize, n - i));
            var loss = F.CrossEntropy(model.Call(x.IndexSelect(0, index)), y.IndexSelect(0, index));
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }
    }

    /// <summary>One split as (float32 [N, 1, 28, 28] in [0, 1], int64 [N]), like the anchor's <c>x / 255</c> viewed as images.</summary>
    private static (Tensor X, Tensor Y) Load(bool train)
    {
        var set = FashionMnist.Load(train: train);
        return ((set.Data.Reshape(set.Count, 1, set.Rows, set.Cols) / 255.0), set.Targets);
    }
}
