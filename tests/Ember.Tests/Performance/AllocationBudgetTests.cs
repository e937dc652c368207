using Ember.NN;
using Ember.Optim;
using Ember.Vision;

namespace Ember.Tests.Performance;

/// <summary>
/// Issue 11: a steady-state training step allocates less than 64 KB on the managed heap. The steps are the benchmark's
/// (bench/Ember.Bench/MlpBench.cs and CnnBench.cs), batch gathering included: each epoch draws a permutation and each
/// step takes <c>IndexSelect</c> of the inputs and targets with a slice of it, then forward, cross-entropy, zero_grad,
/// backward and an SGD step (momentum 0.9). Bytes are counted on this thread with one kernel thread, after warm-up;
/// they do not depend on timing. The collection runs alone (no other test takes buffers from the pool meanwhile).
/// </summary>
[Collection("SteadyStateMemory")]
public class AllocationBudgetTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int BudgetBytes = 64 * 1024;
    private const int BatchSize = 256;
    private const int Samples = 8 * BatchSize;

    [Fact]
    public void MlpStepWithoutScopeStaysUnderBudget()
    {
        // The MLP benchmark's loop has no DisposeScope: dead tensors' buffers come back through the garbage collector.
        var g = new Generator(11);
        var model = new Sequential(new Linear(784, 256, generator: g), new ReLU(), new Linear(256, 10, generator: g));
        double perStep = BytesPerStep(model, Torch.Rand([Samples, 784], generator: g), g, scoped: false);
        Assert.True(perStep < BudgetBytes, $"MLP step (no scope): {perStep / 1024:F1} KB allocated per step, budget {BudgetBytes / 1024} KB");
    }

    [Fact]
    public void LeNetStepInScopeStaysUnderBudget()
    {
        // The LeNet benchmark opens a DisposeScope per step.
        var g = new Generator(13);
        var model = Models.LeNet(modern: true);
        double perStep = BytesPerStep(model, Torch.Rand([Samples, 1, 28, 28], generator: g), g, scoped: true);
        Assert.True(perStep < BudgetBytes, $"LeNet step (scope): {perStep / 1024:F1} KB allocated per step, budget {BudgetBytes / 1024} KB");
    }

    [Fact]
    public void LeNetStepWithoutScopeStaysUnderBudget()
    {
        // The four-step loop of DESIGN.md, without a DisposeScope: activations of megabytes come back through the collector.
        var g = new Generator(14);
        var model = Models.LeNet(modern: true);
        double perStep = BytesPerStep(model, Torch.Rand([Samples, 1, 28, 28], generator: g), g, scoped: false);
        Assert.True(perStep < BudgetBytes, $"LeNet step (no scope): {perStep / 1024:F1} KB allocated per step, budget {BudgetBytes / 1024} KB");
    }

    /// <summary>
    /// Managed bytes this thread allocates per training step, averaged over 4 epochs after 8 of warm-up (64 steps: more
    /// than the pool's largest allowance of fresh buffers before it collects, whatever state earlier tests left it in);
    /// the best of three such windows.
    /// </summary>
    private double BytesPerStep(Sequential model, Tensor x, Generator g, bool scoped)
    {
        int saved = Threading.NumThreads;
        Threading.NumThreads = 1;
        try
        {
            var y = Torch.Randint(0, 10, [Samples], g);
            var optimizer = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
            model.Train();
            for (int e = 0; e < 8; e++) Epoch(model, optimizer, x, y, g, scoped);
            // Without a scope, buffers come back when the collector runs, and a collection's timing (other tests' threads
            // share the process) can make one window refill the pool: the steady state is the best of three windows.
            const int epochs = 4;
            double best = double.MaxValue;
            for (int window = 0; window < 3; window++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int e = 0; e < epochs; e++) Epoch(model, optimizer, x, y, g, scoped);
                double perStep = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / (epochs * Samples / BatchSize);
                output.WriteLine($"window {window}: {perStep / 1024:F1} KB per step");
                best = Math.Min(best, perStep);
            }
            return best;
        }
        finally
        {
            Threading.NumThreads = saved;
        }
    }

    /// <summary>One epoch as the benchmark runs it.</summary>
    private static void Epoch(Sequential model, SGD optimizer, Tensor x, Tensor y, Generator g, bool scoped)
    {
        var perm = Torch.Randperm(Samples, g);
        for (int i = 0; i < Samples; i += BatchSize)
        {
            using var scope = scoped ? Torch.NewDisposeScope() : null;
            var index = perm.Narrow(0, i, BatchSize);
            var loss = F.CrossEntropy(model.Call(x.IndexSelect(0, index)), y.IndexSelect(0, index));
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }
    }
}
