using Ember.NN;
using Ember.Optim;

namespace Ember.Tests.Tensors;

/// <summary>
/// Storage ownership: a tensor is a handle; disposing it never invalidates another tensor (view, base, gradient,
/// alias or a value autograd saved), disposing is optional and idempotent, and a DisposeScope frees what it owns.
/// </summary>
public class OwnershipTests
{
    private static Tensor Base() => Torch.Arange(0.0, 12.0, 1.0).View(3, 4);

    private static readonly Func<Tensor, Tensor>[] Views =
    [
        t => t.View(4, 3), t => t.T, t => t[1], t => t.Narrow(1, 1, 2), t => t.Reshape(12), t => t.Unsqueeze(0),
        t => t.Expand(2, 3, 4), t => t.Detach(), t => t.Select(1, 3),
    ];

    [Fact]
    public void DisposingAnyHandleInAnyOrderLeavesTheOthersIntact()
    {
        foreach (var makeView in Views)
        {
            // every permutation of disposing (base, view, view of view)
            int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
            foreach (var order in orders)
            {
                var b = Base();
                var v = makeView(b);
                var vv = v.Detach();
                var handles = new[] { b, v, vv };
                var expected = handles.Select(h => h.ToArray<double>()).ToArray();
                for (int k = 0; k < 3; k++)
                {
                    var victim = handles[order[k]];
                    victim.Dispose();
                    Assert.True(victim.IsDisposed);
                    var ex = Assert.Throws<ObjectDisposedException>(() => victim.ToArray<double>());
                    Assert.Contains("disposed", ex.Message);
                    for (int j = 0; j < 3; j++)
                        if (!handles[j].IsDisposed) Assert.Equal(expected[j], handles[j].ToArray<double>());
                }
            }
        }
    }

    [Fact]
    public void DisposingGradientsAndLeavesInAnyOrderLeavesSurvivorsUsable()
    {
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        foreach (var order in orders)
        {
            var w = Torch.FromArray(new[] { 1.0, 2.0, 3.0 }).RequiresGrad_();
            (w * w).Sum().Backward();
            var g = w.Grad!;
            var gv = g.View(3, 1);
            var handles = new[] { w, g, gv };
            foreach (int k in order)
            {
                handles[k].Dispose();
                if (!w.IsDisposed) Assert.Equal(new[] { 1.0, 2.0, 3.0 }, w.ToArray<double>());
                if (!g.IsDisposed) Assert.Equal(new[] { 2.0, 4.0, 6.0 }, g.ToArray<double>());
                if (!gv.IsDisposed) Assert.Equal(new[] { 2.0, 4.0, 6.0 }, gv.ToArray<double>());
            }
        }
    }

    [Fact]
    public void DisposeIsIdempotentAndBuffersReturnWhenTheLastHandleGoes()
    {
        var t = Torch.Zeros(1000);
        var storage = t.Storage;
        var v = t.View(10, 100);
        Assert.Equal(2, storage.Handles);
        t.Dispose();
        t.Dispose();
        Assert.Equal(1, storage.Handles);
        Assert.Equal(0.0, v.Sum().Item()); // the view still works
        v.Dispose();
        Assert.Equal(0, storage.Handles);
        Assert.Throws<ObjectDisposedException>(() => ((Storage<float>)storage).Array);
        // A view of a disposed tensor cannot be taken; shape metadata stays readable.
        Assert.Throws<ObjectDisposedException>(() => t.View(1000));
        Assert.Equal(new Size(1000), t.Shape);
    }

    [Fact]
    public void DisposingATensorDoesNotBreakTheGraphThatSavedIt()
    {
        var x = Torch.FromArray(new[] { 0.5, -1.0, 2.0 }).RequiresGrad_();
        var y = x.Exp();          // ExpBackward saves y
        var z = (y * x).Sum();    // MulBackward saves y and x
        y.Dispose();
        z.Backward();
        var e = new[] { 0.5, -1.0, 2.0 }.Select(v => Math.Exp(v) * (1 + v)).ToArray();
        TestUtil.Close(e, x.Grad!, 1e-12);
        // second derivatives through a disposed saved output still work
        var a = Torch.FromArray(new[] { 0.3, 0.7 }).RequiresGrad_();
        var s = a.Sigmoid();
        s.Sum().Backward(createGraph: true);
        var first = a.Grad!;
        s.Dispose();
        Assert.True(first.RequiresGrad);
        a.Grad = null;
        first.Sum().Backward(); // d²σ/dx² = σ(1−σ)(1−2σ)
        var sig = new[] { 0.3, 0.7 }.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
        TestUtil.Close(sig.Select(q => q * (1 - q) * (1 - 2 * q)).ToArray(), a.Grad!, 1e-10);
    }

    [Fact]
    public void ScopeDisposesWhatItOwnsAndKeepsWhatEscapes()
    {
        Tensor inner, kept, detached, outerOwned;
        using (var outer = Torch.NewDisposeScope())
        {
            using (var scope = Torch.NewDisposeScope())
            {
                inner = Torch.Ones(3) * 2;
                kept = scope.MoveToOuter(Torch.Ones(3) + 1);
                detached = (Torch.Ones(3) * 5).DetachFromDisposeScope();
                Assert.True(scope.Count >= 1);
            }
            Assert.True(inner.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.False(detached.IsDisposed);
            Assert.Equal(new[] { 2.0, 2, 2 }, kept.ToArray<double>());
            outerOwned = kept;
        }
        Assert.True(outerOwned.IsDisposed);        // the outer scope took it and freed it
        Assert.Equal(new[] { 5.0, 5, 5 }, detached.ToArray<double>());
        // A view that escaped keeps the data of a base its scope disposed.
        Tensor view;
        using (Torch.NewDisposeScope())
        {
            var b = Torch.Arange(0.0, 6.0, 1.0);
            view = b.View(2, 3).DetachFromDisposeScope();
        }
        Assert.Equal(new[] { 0.0, 1, 2, 3, 4, 5 }, view.ToArray<double>());
    }

    [Fact]
    public void ScopesMustCloseInOrderOnTheirThread()
    {
        var a = Torch.NewDisposeScope();
        var b = Torch.NewDisposeScope();
        var ex = Assert.Throws<InvalidOperationException>(a.Dispose);
        Assert.Contains("reverse order", ex.Message);
        b.Dispose();
        a.Dispose();
        a.Dispose(); // twice is fine
    }

    [Fact]
    public void ParametersBuffersGradientsAndOptimizerStateEscapeTheScope()
    {
        Linear fc;
        BatchNorm1d bn;
        SGD opt;
        using (Torch.NewDisposeScope())
        {
            fc = new Linear(4, 2);
            bn = new BatchNorm1d(2);
            opt = new SGD(fc.Parameters(), lr: 0.1, momentum: 0.9);
            var loss = bn.Call(fc.Call(Torch.Randn(8, 4))).Pow(2).Mean();
            loss.Backward();
            opt.Step();
        }
        Assert.False(fc.Weight.IsDisposed);
        Assert.False(fc.Weight.Grad!.IsDisposed);
        Assert.False(bn.RunningMean!.IsDisposed);
        Assert.Equal(1L, bn.NumBatchesTracked!.Item<long>());
        using (Torch.NewDisposeScope())
        {
            var loss = bn.Call(fc.Call(Torch.Randn(8, 4))).Pow(2).Mean();
            opt.ZeroGrad();
            loss.Backward();
            opt.Step(); // uses the momentum buffer made in the first scope
        }
        Assert.All(fc.Parameters(), p => Assert.False(p.Grad!.IsDisposed));
    }

    [Fact]
    public void GradientsALeafLetsGoOfInsideAScopeAreDisposedWithIt()
    {
        var w = Torch.Ones(3).RequiresGrad_();
        (w * 2).Sum().Backward();
        var old = w.Grad!;
        using (Torch.NewDisposeScope())
        {
            w.Grad = null;
        }
        Assert.True(old.IsDisposed);
        // Outside a scope a dropped gradient is left to the garbage collector (it may still be in use).
        (w * 2).Sum().Backward();
        var g = w.Grad!;
        w.Grad = null;
        Assert.False(g.IsDisposed);
    }

    [Fact]
    public void BackwardAfterTheScopeThatBuiltTheGraphGivesAClearError()
    {
        var x = Torch.FromArray(new[] { 1.0, 2.0 }).RequiresGrad_();
        Tensor loss;
        using (var scope = Torch.NewDisposeScope())
            loss = scope.MoveToOuter((x.Exp() * x).Sum());
        var ex = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("DisposeScope", ex.Message);
    }
}

/// <summary>Memory of a training loop with one DisposeScope per step, measured with nothing else running.</summary>
[CollectionDefinition("SteadyStateMemory", DisableParallelization = true)]
public class SteadyStateMemoryCollection { }

[Collection("SteadyStateMemory")]
public class ScopedTrainingMemoryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void TwoThousandStepsInScopesStayFlat()
    {
        var g = new Generator(7);
        var x = Torch.Randn([64, 32], generator: g);
        var y = Torch.Randint(0, 10, [64], g);
        var model = new Sequential(new Linear(32, 64, generator: g), new ReLU(), new Linear(64, 10, generator: g));
        var lossFn = new CrossEntropyLoss();
        var opt = new Adam(model.Parameters(), lr: 1e-3);
        double first = 0, last = 0;
        long missesAfterWarmup = 0, reclaimsAfterWarmup = 0, heapAfterWarmup = 0, peakHeap = 0, workingSetAfterWarmup = 0, peakWorkingSet = 0;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        for (int step = 0; step < 2000; step++)
        {
            using (Torch.NewDisposeScope())
            {
                var loss = lossFn.Forward(model.Call(x), y);
                opt.ZeroGrad();
                loss.Backward();
                opt.Step();
                if (step == 0) first = loss.Item();
                last = loss.Item();
            }
            if (step == 99)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                missesAfterWarmup = PoolPressure.TotalMisses;
                reclaimsAfterWarmup = PoolPressure.TotalFinalizerReclaims;
                heapAfterWarmup = GC.GetTotalMemory(true);
                process.Refresh();
                workingSetAfterWarmup = process.WorkingSet64;
            }
            if (step > 99 && step % 100 == 0)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
            }
        }
        output.WriteLine($"loss {first:F4} -> {last:F4}; after warm-up (step 100) -> peak of steps 200..1900: managed heap " +
                         $"{heapAfterWarmup >> 10} -> {peakHeap >> 10} KB, working set {workingSetAfterWarmup >> 20} -> {peakWorkingSet >> 20} MB");
        Assert.True(last < first, $"loss {first} -> {last}");
        // No fresh buffer in 1,900 steps: every step's tensors went back to the pool when its scope closed,
        // and no buffer needed a finalizer to come back.
        Assert.Equal(missesAfterWarmup, PoolPressure.TotalMisses);
        Assert.Equal(reclaimsAfterWarmup, PoolPressure.TotalFinalizerReclaims);
        // The managed heap stays flat (small objects come and go; nothing accumulates).
        Assert.True(peakHeap < heapAfterWarmup + (16 << 20), $"heap {heapAfterWarmup} -> peak {peakHeap}");
        // And so does the process's working set, sampled every 100 steps (the GC is never forced after warm-up).
        Assert.True(peakWorkingSet < workingSetAfterWarmup + (32 << 20), $"working set {workingSetAfterWarmup} -> peak {peakWorkingSet}");
    }
}

/// <summary>Batches made on DataLoader workers belong to the consumer's DisposeScope.</summary>
public class LoaderScopeTests
{
    [Fact]
    public void WorkerBatchesAreFreedWithTheConsumersScope()
    {
        var data = new Ember.Data.TensorDataset(Torch.Randn(64, 3), Torch.Arange(64));
        var loader = new Ember.Data.DataLoader<Tensor[], (Tensor, Tensor)>(data,
            items => (Torch.Stack(items.Select(i => i[0]).ToArray()), Torch.Stack(items.Select(i => i[1]).ToArray())),
            batchSize: 16, numWorkers: 2);
        var kept = new List<Tensor>();
        foreach (var (x, y) in loader)
        {
            using (Torch.NewDisposeScope())
            {
                var xs = x * 2; // made in the scope
                kept.Add(xs);
            }
        }
        Assert.All(kept, t => Assert.True(t.IsDisposed));
        Tensor? batch = null;
        using (var scope = Torch.NewDisposeScope())
        {
            foreach (var (x, _) in loader)
            {
                batch = x;
                break;
            }
            Assert.False(batch!.IsDisposed);
        }
        Assert.True(batch!.IsDisposed); // the worker's batch was handed to this scope
        foreach (var (x, _) in loader) { batch = x; break; }
        Assert.False(batch!.IsDisposed); // no scope: left to the garbage collector
    }
}
