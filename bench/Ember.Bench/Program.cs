using System.Text.Json;
using Ember;
using Ember.Bench;

// Ember benchmark: runs the workloads and prints ONE JSON object to stdout (progress goes to stderr).
// Usage: dotnet run -c Release --project bench/Ember.Bench [-- --quick] [--threads N] [--only gemm,loader,mlp,conv,cnn,resnet,rnn,ort]
bool quick = args.Contains("--quick");
int threadsArg = Array.IndexOf(args, "--threads");
if (threadsArg >= 0 && threadsArg + 1 < args.Length)
    Threading.NumThreads = int.Parse(args[threadsArg + 1], System.Globalization.CultureInfo.InvariantCulture);

var results = new Dictionary<string, object>
{
    ["ember"] = "0.1.0",
    ["threads"] = Threading.NumThreads,
};
var options = new BenchOptions(quick);
int onlyArg = Array.IndexOf(args, "--only");
var only = onlyArg >= 0 && onlyArg + 1 < args.Length ? args[onlyArg + 1].Split(',') : null;
bool Selected(string name) => only is null || only.Contains(name);

// Workloads; each adds its own keys to `results`.
if (Selected("gemm")) GemmBench.Run(results, options);
if (Selected("loader")) LoaderBench.Run(results, options);
if (Selected("mlp")) MlpBench.Run(results, options);
if (Selected("conv")) ConvBench.Run(results, options);
if (Selected("cnn")) CnnBench.Run(results, options);
else if (Selected("resnet")) CnnBench.ResNetStep(results, options);
if (Selected("rnn")) RnnBench.Run(results, options);
if (Selected("ort")) OrtBench.Run(results, options);

Console.WriteLine(JsonSerializer.Serialize(results));

namespace Ember.Bench
{
    /// <summary>Settings shared by all workloads.</summary>
    /// <param name="Quick">Shorter warm-up (and, for workloads that have them, fewer epochs).</param>
    internal sealed record BenchOptions(bool Quick)
    {
        /// <summary>Warm-up time per workload size, so tiered JIT reaches its optimized code first.</summary>
        public TimeSpan WarmUp => Quick ? TimeSpan.FromSeconds(0.3) : TimeSpan.FromSeconds(2);

        /// <summary>Writes a progress line to stderr.</summary>
        public static void Log(string message) => Console.Error.WriteLine($"[bench] {message}");
    }
}
