using System.Collections.Concurrent;
using Ember.Data;
using Ember.Data.Transforms;

namespace Ember.Tests.Data;

public class DataLoaderTests
{
    /// <summary>N samples: Input [2] = (i, i + 0.5), Target = i.</summary>
    private static SupervisedTensorDataset Numbered(int n, Func<Tensor, Tensor>? transform = null)
    {
        var x = new float[n * 2];
        for (int i = 0; i < n; i++) { x[2 * i] = i; x[2 * i + 1] = i + 0.5f; }
        return TensorDataset.Of(Torch.FromArray(x, n, 2), Torch.Arange(n), transform);
    }

    /// <summary>N images [1, 3, 4] whose pixels are 100·i + position, Target = i.</summary>
    private static SupervisedTensorDataset Images(int n, Func<Tensor, Tensor>? transform = null)
    {
        var x = new float[n * 12];
        for (int i = 0; i < x.Length; i++) x[i] = (i / 12) * 100 + i % 12;
        return TensorDataset.Of(Torch.FromArray(x, n, 1, 3, 4), Torch.Arange(n), transform);
    }

    private static List<long[]> TargetBatches(IEnumerable<(Tensor Input, Tensor Target)> loader) =>
        loader.Select(b => b.Target.ToArray<long>()).ToList();

    [Fact]
    public void SequentialBatchesWithShortLastBatch()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 4);
        Assert.Equal(3, loader.Count);
        var batches = new List<(Tensor X, Tensor Y)>();
        foreach (var (x, y) in loader) batches.Add((x, y));
        Assert.Equal(3, batches.Count);
        Assert.Equal(new[] { 4, 2 }, batches[0].X.Shape.ToArray());
        Assert.Equal(new[] { 4 }, batches[0].Y.Shape.ToArray());
        Assert.Equal(DType.Int64, batches[0].Y.DType);
        Assert.Equal(new[] { 0f, 0.5f, 1f, 1.5f, 2f, 2.5f, 3f, 3.5f }, batches[0].X.ToArray<float>());
        Assert.Equal(new[] { 4L, 5, 6, 7 }, batches[1].Y.ToArray<long>());
        Assert.Equal(new[] { 2, 2 }, batches[2].X.Shape.ToArray());
        Assert.Equal(new[] { 8f, 8.5f, 9f, 9.5f }, batches[2].X.ToArray<float>());
        Assert.Equal(new[] { 8L, 9 }, batches[2].Y.ToArray<long>());
    }

    [Fact]
    public void DropLastDropsTheShortBatch()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 4, dropLast: true);
        Assert.Equal(2, loader.Count);
        Assert.Equal(new[] { new long[] { 0, 1, 2, 3 }, new long[] { 4, 5, 6, 7 } }, TargetBatches(loader));
        var exact = new DataLoader(Numbered(8), batchSize: 4, dropLast: true);
        Assert.Equal(2, exact.Count);
        Assert.Equal(2, TargetBatches(exact).Count);
        Assert.Equal(10, new DataLoader(Numbered(10)).Count);   // batchSize defaults to 1
    }

    [Fact]
    public void ShuffleVisitsEverySampleOnceAndReshufflesEachEpoch()
    {
        var loader = new DataLoader(Numbered(50), batchSize: 8, shuffle: true, generator: new Generator(7));
        var epoch1 = TargetBatches(loader);
        var epoch2 = TargetBatches(loader);
        foreach (var epoch in new[] { epoch1, epoch2 })
        {
            Assert.Equal(new[] { 8, 8, 8, 8, 8, 8, 2 }, epoch.Select(b => b.Length).ToArray());
            Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), epoch.SelectMany(b => b).Order());
        }
        var flat1 = epoch1.SelectMany(b => b).ToArray();
        var flat2 = epoch2.SelectMany(b => b).ToArray();
        Assert.NotEqual(flat1, flat2);
        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => (long)i).ToArray(), flat1);

        // The same seed repeats the same sequence of epochs; inputs follow their targets.
        var again = new DataLoader(Numbered(50), batchSize: 8, shuffle: true, generator: new Generator(7));
        Assert.Equal(flat1, TargetBatches(again).SelectMany(b => b).ToArray());
        Assert.Equal(flat2, TargetBatches(again).SelectMany(b => b).ToArray());
        foreach (var (x, y) in again)
            Assert.Equal(y.ToArray<long>().Select(v => (float)v), x.Select(1, 0).ToArray<float>());
        var other = new DataLoader(Numbered(50), batchSize: 8, shuffle: true, generator: new Generator(8));
        Assert.NotEqual(flat1, TargetBatches(other).SelectMany(b => b).ToArray());
    }

    [Fact]
    public void ShuffleWithoutGeneratorFollowsTheDefaultSeed()
    {
        Torch.ManualSeed(123);
        var a = TargetBatches(new DataLoader(Numbered(20), batchSize: 5, shuffle: true)).SelectMany(b => b).ToArray();
        Torch.ManualSeed(123);
        var b = TargetBatches(new DataLoader(Numbered(20), batchSize: 5, shuffle: true)).SelectMany(b => b).ToArray();
        Assert.Equal(a, b);
    }

    private static Transform RandomPipeline() => new Compose(
        new RandomHorizontalFlip(),
        new RandomCrop(3, padding: 1),
        new Lambda(t => t + (float)(DataLoader.SampleGenerator ?? Generator.Default).NextDouble()));

    [Fact]
    public void WorkersGiveExactlyTheBatchesOfTheMainThread()
    {
        var ds = Images(45, RandomPipeline());
        List<(float[] X, long[] Y)> Run(int workers)
        {
            var loader = new DataLoader(ds, batchSize: 4, shuffle: true, numWorkers: workers, generator: new Generator(2024));
            var result = new List<(float[], long[])>();
            for (int epoch = 0; epoch < 3; epoch++)
                foreach (var (x, y) in loader) result.Add((x.ToArray<float>(), y.ToArray<long>()));
            return result;
        }
        var serial = Run(0);
        Assert.Equal(3 * 12, serial.Count);
        foreach (int workers in new[] { 1, 4 })
        {
            var parallel = Run(workers);
            Assert.Equal(serial.Count, parallel.Count);
            for (int i = 0; i < serial.Count; i++)
            {
                Assert.Equal(serial[i].Y, parallel[i].Y);
                Assert.Equal(serial[i].X, parallel[i].X);
            }
        }
        // The random pipeline really did something different per sample and per epoch.
        Assert.NotEqual(serial[0].X, serial[12].X);
    }

    [Fact]
    public void RandomTransformsRepeatForTheSameLoaderSeedAndDifferAcrossSeeds()
    {
        var ds = Images(16, RandomPipeline());
        float[] Epoch(long seed) => new DataLoader(ds, batchSize: 16, generator: new Generator(seed)).Single().Input.ToArray<float>();
        Assert.Equal(Epoch(5), Epoch(5));
        Assert.NotEqual(Epoch(5), Epoch(6));
    }

    [Fact]
    public void WorkersLoadInParallelAndInOrder()
    {
        int active = 0, maxActive = 0;
        Tensor Slow(Tensor t)
        {
            int now = Interlocked.Increment(ref active);
            int seen;
            while ((seen = Volatile.Read(ref maxActive)) < now && Interlocked.CompareExchange(ref maxActive, now, seen) != seen) { }
            Thread.Sleep(5);
            Interlocked.Decrement(ref active);
            return t;
        }
        var ds = Numbered(96, Slow);
        List<long[]> Load(int workers) => TargetBatches(new DataLoader(ds, batchSize: 4, numWorkers: workers));
        var serialBatches = Load(0);
        Assert.Equal(1, maxActive);
        maxActive = 0;
        var parallelBatches = Load(4);
        Assert.Equal(serialBatches, parallelBatches);
        // Concurrency, not wall-clock time, shows that a slow transform does not stall the loader.
        Assert.True(maxActive >= 2, $"at most {maxActive} samples were loaded at once with 4 workers");
    }

    private sealed class Failing(int n, int bad) : Dataset<(Tensor Input, Tensor Target)>
    {
        public override int Count => n;
        public override (Tensor Input, Tensor Target) this[int index] =>
            index == bad ? throw new FormatException($"bad sample {index}") : (Torch.Full(new Size(2), index), Torch.Scalar((long)index));
    }

    [Fact]
    public void WorkerExceptionsSurfaceInOrderWithTheOriginalAsInner()
    {
        var loader = new DataLoader(new Failing(40, 13), batchSize: 4, numWorkers: 3);
        var seen = new List<long[]>();
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var (_, y) in loader) seen.Add(y.ToArray<long>());
        });
        Assert.IsType<FormatException>(e.InnerException);
        Assert.Equal("bad sample 13", e.InnerException!.Message);
        Assert.Contains("batch 3", e.Message);
        Assert.Equal(3, seen.Count);                          // batches 0..2 came first, in order
        Assert.Equal(new long[] { 8, 9, 10, 11 }, seen[2]);

        // Without workers the original exception propagates directly, as in PyTorch.
        Assert.Throws<FormatException>(() => new DataLoader(new Failing(40, 13), batchSize: 4).ToList());
    }

    [Fact]
    public void AbandonedEnumerationStopsTheWorkers()
    {
        var threads = new ConcurrentDictionary<int, Thread>();
        int loads = 0;
        Tensor Track(Tensor t)
        {
            threads.TryAdd(Environment.CurrentManagedThreadId, Thread.CurrentThread);
            Interlocked.Increment(ref loads);
            Thread.Sleep(1);
            return t;
        }
        var loader = new DataLoader(Numbered(4000, Track), batchSize: 10, numWorkers: 3, prefetchFactor: 2);
        int taken = 0;
        foreach (var _ in loader)
            if (++taken == 2) break;
        Assert.NotEmpty(threads);
        Assert.All(threads.Values, t => Assert.False(t.IsAlive));
        int after = Volatile.Read(ref loads);
        Assert.True(after <= 10 * (2 + 3 * 2), $"{after} samples were loaded for 2 consumed batches");
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref loads));
    }

    [Fact]
    public void OptionErrorsUsePyTorchsMessages()
    {
        var ds = Numbered(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(ds, batchSize: 0));
        var w = Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(ds, numWorkers: -1));
        Assert.Contains("num_workers option should be non-negative", w.Message);
        var s = Assert.Throws<ArgumentException>(() => new DataLoader(ds, shuffle: true, sampler: new SequentialSampler(10)));
        Assert.Contains("sampler option is mutually exclusive with shuffle", s.Message);
        var b = Assert.Throws<ArgumentException>(() => new DataLoader(ds, batchSize: 4, batchSampler: new BatchSampler(new SequentialSampler(10), 3)));
        Assert.Contains("batch_sampler option is mutually exclusive", b.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(ds, prefetchFactor: 0));
    }

    [Fact]
    public void CustomSamplerAndBatchSampler()
    {
        var ds = Numbered(10);
        var sub = new DataLoader(ds, batchSize: 3, sampler: new SubsetRandomSampler([9, 1, 4, 7], new Generator(1)));
        Assert.Equal(2, sub.Count);
        var got = TargetBatches(sub).SelectMany(v => v).Order().ToArray();
        Assert.Equal(new long[] { 1, 4, 7, 9 }, got);

        var batches = new DataLoader(ds, batchSampler: new FixedBatches([[5, 6], [0], [9, 8, 7]]));
        Assert.Equal(3, batches.Count);
        Assert.Null(batches.BatchSize);
        Assert.Equal(new[] { new long[] { 5, 6 }, new long[] { 0 }, new long[] { 9, 8, 7 } }, TargetBatches(batches));
    }

    private sealed class FixedBatches(int[][] batches) : Sampler<int[]>
    {
        public override int Count => batches.Length;
        public override IEnumerator<int[]> GetEnumerator() => ((IEnumerable<int[]>)batches).GetEnumerator();
    }

    [Fact]
    public void GenericLoaderWithCustomCollate()
    {
        var ds = new TensorDataset(Torch.Arange(7).To(DType.Float32).View(7, 1), Torch.Arange(7));
        var arrays = new DataLoader<Tensor[], Tensor[]>(ds, Collate.Arrays, batchSize: 3);
        var first = arrays.First();
        Assert.Equal(new[] { 3, 1 }, first[0].Shape.ToArray());
        Assert.Equal(new long[] { 0, 1, 2 }, first[1].ToArray<long>());

        var sums = new DataLoader<Tensor[], double>(ds, items => items.Sum(s => (double)s[1].Item<long>()), batchSize: 3, numWorkers: 2);
        Assert.Equal(new[] { 3.0, 12.0, 6.0 }, sums.ToArray());
    }

    [Fact]
    public void SampleGeneratorIsNullOutsideALoader()
    {
        Assert.Null(DataLoader.SampleGenerator);
        Generator? inside = null;
        var ds = Numbered(1, t => { inside = DataLoader.SampleGenerator; return t; });
        _ = new DataLoader(ds).ToList();
        Assert.NotNull(inside);
        Assert.Null(DataLoader.SampleGenerator);
    }

    [Fact]
    public void SequentialAndRandomSamplers()
    {
        Assert.Equal(new[] { 0, 1, 2, 3 }, new SequentialSampler(4).ToArray());
        var rs = new RandomSampler(20, generator: new Generator(3));
        var p1 = rs.ToArray();
        var p2 = rs.ToArray();
        Assert.Equal(Enumerable.Range(0, 20), p1.Order());
        Assert.NotEqual(p1, p2);
        Assert.Equal(p1, new RandomSampler(20, generator: new Generator(3)).ToArray());
        // Same draws as Torch.Randperm with the same generator state.
        Assert.Equal(Torch.Randperm(20, new Generator(3)).ToArray<long>().Select(v => (int)v), p1);

        var more = new RandomSampler(5, numSamples: 12, generator: new Generator(4)).ToArray();
        Assert.Equal(12, more.Length);
        Assert.Equal(Enumerable.Range(0, 5), more.Take(5).Order());
        Assert.Equal(Enumerable.Range(0, 5), more.Skip(5).Take(5).Order());

        var repl = new RandomSampler(3, replacement: true, numSamples: 3000, generator: new Generator(5)).ToArray();
        Assert.Equal(3000, repl.Length);
        Assert.All(Enumerable.Range(0, 3), k => Assert.InRange(repl.Count(v => v == k), 850, 1150));

        Assert.Throws<ArgumentException>(() => new RandomSampler(5, numSamples: 0));
        Assert.Throws<ArgumentException>(() => new RandomSampler(0));

        var sub = new SubsetRandomSampler([10, 20, 30], new Generator(0)).ToArray();
        Assert.Equal(new[] { 10, 20, 30 }, sub.Order());
    }

    [Fact]
    public void WeightedSamplerFollowsTheWeights()
    {
        double[] weights = [1, 2, 0, 3, 4];
        var draws = new WeightedRandomSampler(weights, 100_000, generator: new Generator(11)).ToArray();
        Assert.Equal(100_000, draws.Length);
        for (int k = 0; k < weights.Length; k++)
        {
            double freq = draws.Count(v => v == k) / 100_000.0;
            Assert.True(Math.Abs(freq - weights[k] / 10) < 0.006, $"index {k}: frequency {freq}, expected {weights[k] / 10}");
        }

        var noRepl = new WeightedRandomSampler(weights, 4, replacement: false, generator: new Generator(1)).ToArray();
        Assert.Equal(new[] { 0, 1, 3, 4 }, noRepl.Order());   // the zero weight is never drawn
        // Without replacement the heaviest index comes first more often than the lightest.
        int heavyFirst = 0;
        var sampler = new WeightedRandomSampler(weights, 1, replacement: false, generator: new Generator(2));
        for (int i = 0; i < 2000; i++) if (sampler.Single() == 4) heavyFirst++;
        Assert.InRange(heavyFirst, 700, 900);                 // p = 0.4

        Assert.Throws<ArgumentException>(() => new WeightedRandomSampler([1, -1], 1));
        Assert.Throws<ArgumentException>(() => new WeightedRandomSampler([0, 0], 1));
        Assert.Throws<ArgumentException>(() => new WeightedRandomSampler([1, double.NaN], 1));
        Assert.Throws<ArgumentException>(() => new WeightedRandomSampler([1, 1], 0));
        Assert.Throws<ArgumentException>(() => new WeightedRandomSampler([1, 0, 1], 3, replacement: false));
    }

    [Fact]
    public void WeightedSamplerBalancesClassesInALoader()
    {
        // 90 samples of class 0, 10 of class 1; weights 1/count make the batches balanced.
        var y = Torch.FromArray(Enumerable.Range(0, 100).Select(i => i < 90 ? 0L : 1L).ToArray());
        var ds = TensorDataset.Of(Torch.Zeros(100, 1), y);
        var weights = Enumerable.Range(0, 100).Select(i => i < 90 ? 1.0 / 90 : 1.0 / 10).ToArray();
        var loader = new DataLoader(ds, batchSize: 100, sampler: new WeightedRandomSampler(weights, 4000, generator: new Generator(3)));
        long ones = loader.Sum(b => b.Target.ToArray<long>().Sum());
        Assert.InRange(ones, 1800, 2200);
    }

    [Fact]
    public void BatchSamplerGroupsIndices()
    {
        var b = new BatchSampler(new SequentialSampler(10), 3);
        Assert.Equal(4, b.Count);
        Assert.Equal(new[] { new[] { 0, 1, 2 }, new[] { 3, 4, 5 }, new[] { 6, 7, 8 }, new[] { 9 } }, b.ToArray());
        var d = new BatchSampler(new SequentialSampler(10), 3, dropLast: true);
        Assert.Equal(3, d.Count);
        Assert.Equal(3, d.Count());
        Assert.Throws<ArgumentException>(() => new BatchSampler(new SequentialSampler(10), 0));
    }
}
