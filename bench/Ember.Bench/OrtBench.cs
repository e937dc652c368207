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
/// <remarks>
/// This machine's speed drifts by up to 2× over seconds (other tenants), so the two engines are also timed in
/// alternating blocks on the same input: <see cref="Rounds"/> rounds of one Ember block and one ONNX Runtime block of
/// the key's repetitions, each block after a pause (so that neither engine's spinning threads run into the other's block).
/// <c>ort_infer_*</c> is ONNX Runtime's best over all its blocks and <c>paired_infer_*</c> Ember's best over the blocks
/// interleaved with them: the ratio of the two is taken under the same conditions.
/// </remarks>
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
            var x = Torch.FromArray(data, shape.Select(d => (int)d).ToArray());
            void EmberStep()
            {
                using var inference = Torch.InferenceMode();
                using var scope = Torch.NewDisposeScope();
                model.Call(x);
            }
            Warm(Step, options);
            Warm(EmberStep, options);
            double best = double.MaxValue, paired = double.MaxValue;
            for (int round = 0; round < Rounds; round++)
            {
                paired = Math.Min(paired, Block(EmberStep, reps));
                best = Math.Min(best, Block(Step, reps));
            }
            string key = $"ort_infer_{name}_b{batch}_ms", pairedKey = $"paired_infer_{name}_b{batch}_ms";
            // To 0.1 µs: the batch-1 MLP takes about 8 µs, where whole microseconds would move the ratio by 12%.
            results[key] = Math.Round(1000 * best, 4);
            results[pairedKey] = Math.Round(1000 * paired, 4);
            BenchOptions.Log($"{key}: {1000 * best:F3} ms; {pairedKey} (Ember, interleaved): {1000 * paired:F3} ms");
        }
    }

    /// <summary>Alternating blocks per key: enough for a fast stretch of the machine to reach both engines.</summary>
    private const int Rounds = 5;

    /// <summary>The pause before each block, longer than ONNX Runtime's threads spin after a run.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private static void Warm(Action step, BenchOptions options)
    {
        var warm = Stopwatch.StartNew();
        do step(); while (warm.Elapsed < options.WarmUp);
    }

    /// <summary>The fastest of <paramref name="reps"/> runs after a pause and one untimed run, in seconds.</summary>
    private static double Block(Action step, int reps)
    {
        Thread.Sleep(Pause);
        step();
        return CnnBench.Fastest(step, reps);
    }
}
