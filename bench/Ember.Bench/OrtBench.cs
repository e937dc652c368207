using System.Diagnostics;
using Ember.NN;
using Ember.Onnx;
using Ember.Vision;
using Microsoft.ML.OnnxRuntime;

namespace Ember.Bench;

/// <summary>
/// W7 in ONNX Runtime (1.32, a bench-only package): the same MLP, LeNet and ResNet-18 (64×64) as the <c>infer_*</c> keys,
/// exported by Ember's ONNX exporter (symbolic batch) and run with ONNX Runtime's full graph optimizations on the same
/// thread count; keys <c>ort_infer_*</c> beside Ember's <c>infer_*</c>, best of the same repetitions after the same warm-up.
/// </summary>
internal static class OrtBench
{
    /// <summary>Adds <c>ort_infer_{mlp,lenet,resnet18_64px}_{b1,bN}_ms</c>.</summary>
    public static void Run(Dictionary<string, object> results, BenchOptions options)
    {
        var g = new Generator(3);
        var mlp = new Sequential(new Linear(784, 256, generator: g), new ReLU(), new Linear(256, 10, generator: g));
        Measure(results, options, mlp, [784], "mlp", [(1, 200), (256, 50)]);
        Measure(results, options, Models.LeNet(modern: true), [1, 28, 28], "lenet", [(1, 200), (256, 20)]);
        Measure(results, options, Models.ResNet18(numClasses: 10, generator: g), [3, 64, 64], "resnet18_64px", [(1, 20), (16, 5)]);
    }

    private static void Measure(Dictionary<string, object> results, BenchOptions options, Module<Tensor, Tensor> model, long[] sample,
        string name, (int Batch, int Reps)[] runs)
    {
        model.Eval();
        byte[] onnx = OnnxExporter.ExportToBytes(model, Torch.Randn(new Size([2, .. sample.Select(d => (int)d)])));
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = Threading.NumThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        using var session = new InferenceSession(onnx, sessionOptions);
        string input = session.InputNames[0];
        string output = session.OutputNames[0];
        using var runOptions = new RunOptions();
        foreach (var (batch, reps) in runs)
        {
            long[] shape = [batch, .. sample];
            var data = Torch.Randn(new Size(shape.Select(d => (int)d).ToArray()), generator: new Generator(batch)).ToArray<float>();
            using var value = OrtValue.CreateTensorValueFromMemory(data, shape);
            void Step()
            {
                using var outputs = session.Run(runOptions, [input], [value], [output]);
            }
            var warm = Stopwatch.StartNew();
            do Step(); while (warm.Elapsed < options.WarmUp);
            double best = double.MaxValue;
            for (int i = 0; i < reps; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                Step();
                best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
            }
            string key = $"ort_infer_{name}_b{batch}_ms";
            results[key] = Math.Round(1000 * best, 3);
            BenchOptions.Log($"{key}: {1000 * best:F3} ms");
        }
    }
}
