using System.Collections;

namespace Ember.Data;

/// <summary>
/// Iterates a dataset in mini-batches (PyTorch's <c>DataLoader</c>), with any sample type and a collate
/// function that builds a batch from a list of samples. <see cref="DataLoader"/> is the ready-made form
/// for <c>(Tensor Input, Tensor Target)</c> samples.
/// </summary>
/// <remarks>
/// <para><b>Epochs.</b> Each enumeration (each <c>foreach</c>) is one epoch. At its start, on the
/// enumerating thread, the loader draws a 64-bit epoch seed from <see cref="Generator"/> (or the thread's
/// <see cref="Ember.Generator.Default"/>) and then runs the batch sampler to fix the epoch's batches; with
/// <c>shuffle</c> the default <see cref="RandomSampler"/> draws from the same generator, so a loader built
/// with <c>generator: new Generator(seed)</c> repeats its sequence of epochs, and successive epochs differ.</para>
/// <para><b>Per-sample randomness.</b> While sample number <c>p</c> of the epoch is read (its position in
/// the epoch's order, counting from 0), <see cref="DataLoader.SampleGenerator"/> is a generator seeded from
/// (epoch seed, p); the random transforms in <c>Ember.Data.Transforms</c> draw from it. So every random
/// draw depends only on the seed and the position, never on which thread loads the sample.</para>
/// <para><b>Workers.</b> With <c>numWorkers</c> &gt; 0 that many background threads load and collate whole
/// batches ahead of the consumer, at most <c>prefetchFactor · numWorkers</c> batches in flight (and never more threads or
/// batches in flight than the epoch has batches), and the
/// batches come out in sampler order: the result is identical to <c>numWorkers: 0</c>. A worker's exception
/// is rethrown on the enumerating thread when its batch is reached, as an <see cref="InvalidOperationException"/>
/// whose inner exception is the original. Disposing the enumerator (leaving a <c>foreach</c> early, or an
/// exception) cancels the workers and waits for them to finish the sample they are on. Datasets and
/// transforms must be safe to call from several threads (Ember's are).</para>
/// </remarks>
/// <typeparam name="T">The sample type of the dataset.</typeparam>
/// <typeparam name="TBatch">The batch type the collate function builds.</typeparam>
public class DataLoader<T, TBatch> : IReadOnlyCollection<TBatch>
{
    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The dataset to read.</param>
    /// <param name="collateFn">Builds a batch from the list of its samples (e.g. <see cref="Collate.Arrays"/>); runs on the worker when there are workers.</param>
    /// <param name="batchSize">Samples per batch (default 1); positive.</param>
    /// <param name="shuffle">Reshuffle the samples every epoch (default false).</param>
    /// <param name="sampler">Index order (default: <see cref="SequentialSampler"/>, or <see cref="RandomSampler"/> with <paramref name="shuffle"/>); excludes <paramref name="shuffle"/>.</param>
    /// <param name="batchSampler">Yields whole batches of indices; excludes <paramref name="batchSize"/>, <paramref name="shuffle"/>, <paramref name="sampler"/> and <paramref name="dropLast"/>.</param>
    /// <param name="numWorkers">Background threads loading batches ahead (default 0: load on the enumerating thread); non-negative.</param>
    /// <param name="dropLast">Drop the last batch when it is shorter than <paramref name="batchSize"/> (default false).</param>
    /// <param name="generator">Draws each epoch's seed and, with <paramref name="shuffle"/>, its order (default: the enumerating thread's <see cref="Ember.Generator.Default"/>).</param>
    /// <param name="prefetchFactor">Batches loaded ahead per worker (default 2); positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> &lt; 1, <paramref name="numWorkers"/> &lt; 0, or <paramref name="prefetchFactor"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">Conflicting options (PyTorch's messages), or <paramref name="shuffle"/> on an empty dataset.</exception>
    public DataLoader(Dataset<T> dataset, Func<IReadOnlyList<T>, TBatch> collateFn, int batchSize = 1, bool shuffle = false,
        Sampler<int>? sampler = null, Sampler<int[]>? batchSampler = null, int numWorkers = 0, bool dropLast = false,
        Generator? generator = null, int prefetchFactor = 2)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(collateFn);
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"DataLoader: batch_size should be a positive integer value, but got batch_size={batchSize}");
        if (numWorkers < 0)
            throw new ArgumentOutOfRangeException(nameof(numWorkers), numWorkers, "DataLoader: num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.");
        if (prefetchFactor < 1)
            throw new ArgumentOutOfRangeException(nameof(prefetchFactor), prefetchFactor, $"DataLoader: prefetch_factor should be a positive integer, but got prefetch_factor={prefetchFactor}");
        if (sampler is not null && shuffle)
            throw new ArgumentException("DataLoader: sampler option is mutually exclusive with shuffle", nameof(shuffle));
        if (batchSampler is not null && (batchSize != 1 || shuffle || sampler is not null || dropLast))
            throw new ArgumentException("DataLoader: batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last", nameof(batchSampler));

        Dataset = dataset;
        CollateFn = collateFn;
        NumWorkers = numWorkers;
        PrefetchFactor = prefetchFactor;
        Generator = generator;
        if (batchSampler is not null)
        {
            BatchSampler = batchSampler;
            Sampler = (batchSampler as BatchSampler)?.Sampler;
            BatchSize = null;
            DropLast = false;
        }
        else
        {
            Sampler = sampler ?? (shuffle ? new RandomSampler(dataset.Count, generator: generator) : new SequentialSampler(dataset.Count));
            BatchSampler = new BatchSampler(Sampler, batchSize, dropLast);
            BatchSize = batchSize;
            DropLast = dropLast;
        }
    }

    /// <summary>The dataset read.</summary>
    public Dataset<T> Dataset { get; }

    /// <summary>The function that builds a batch from its samples.</summary>
    public Func<IReadOnlyList<T>, TBatch> CollateFn { get; }

    /// <summary>Samples per batch, or null when a custom batch sampler decides.</summary>
    public int? BatchSize { get; }

    /// <summary>Whether a short last batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>Background loading threads (0: load on the enumerating thread).</summary>
    public int NumWorkers { get; }

    /// <summary>Batches loaded ahead per worker.</summary>
    public int PrefetchFactor { get; }

    /// <summary>The generator for epoch seeds (and shuffling), or null for the enumerating thread's default.</summary>
    public Generator? Generator { get; }

    /// <summary>The index sampler, or null when a custom batch sampler was given that is not a <see cref="Data.BatchSampler"/>.</summary>
    public Sampler<int>? Sampler { get; }

    /// <summary>The batch sampler that fixes each epoch's batches.</summary>
    public Sampler<int[]> BatchSampler { get; }

    /// <summary>The number of batches per epoch (PyTorch's <c>len(loader)</c>).</summary>
    public int Count => BatchSampler.Count;

    /// <summary>Starts an epoch: draws its seed and batches now, on this thread, and starts the workers at the first <c>MoveNext</c>.</summary>
    public IEnumerator<TBatch> GetEnumerator() => new Epoch(new Plan(this));

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One epoch's fixed batches and seed; shared by the enumerator and its workers (and by nothing that refers back to the enumerator).</summary>
    private sealed class Plan
    {
        private readonly Dataset<T> _dataset;
        private readonly Func<IReadOnlyList<T>, TBatch> _collate;
        private readonly List<int[]> _batches = new();
        private readonly List<long> _offsets = new();
        private readonly ulong _seed;

        public Plan(DataLoader<T, TBatch> loader)
        {
            _dataset = loader.Dataset;
            _collate = loader.CollateFn;
            NumWorkers = loader.NumWorkers;
            PrefetchFactor = loader.PrefetchFactor;
            _seed = (loader.Generator ?? Ember.Generator.Default).NextUInt64();
            long position = 0;
            foreach (var batch in loader.BatchSampler)
            {
                ArgumentNullException.ThrowIfNull(batch, "batch");
                _batches.Add(batch);
                _offsets.Add(position);
                position += batch.Length;
            }
        }

        public int Count => _batches.Count;
        public int NumWorkers { get; }
        public int PrefetchFactor { get; }

        /// <summary>Loads and collates batch <paramref name="b"/>; checks <paramref name="token"/> between samples.</summary>
        public TBatch Fetch(int b, CancellationToken token)
        {
            var indices = _batches[b];
            var items = new T[indices.Length];
            long position = _offsets[b];
            for (int j = 0; j < items.Length; j++)
            {
                token.ThrowIfCancellationRequested();
                items[j] = SampleScope.Load(_dataset, indices[j], _seed, position + j);
            }
            return _collate(items);
        }
    }

    private sealed class Epoch : IEnumerator<TBatch>
    {
        private readonly Plan _plan;
        private Workers? _workers;
        private int _next;
        private TBatch _current = default!;

        public Epoch(Plan plan) => _plan = plan;

        public TBatch Current => _current;
        object? IEnumerator.Current => _current;

        public bool MoveNext()
        {
            if (_next >= _plan.Count) return false;
            if (_plan.NumWorkers == 0)
                _current = _plan.Fetch(_next, CancellationToken.None);
            else
            {
                _workers ??= new Workers(_plan);
                _current = _workers.Take(_next);
            }
            _next++;
            return true;
        }

        public void Reset() => throw new NotSupportedException("DataLoader: an epoch cannot be reset; enumerate the loader again for a new epoch");

        public void Dispose()
        {
            _next = _plan.Count;
            _workers?.Stop(join: true);
            GC.SuppressFinalize(this);
        }

        // An enumerator dropped without Dispose still lets its workers go (they refer only to the plan).
        ~Epoch() => _workers?.Stop(join: false);
    }

    /// <summary>Background threads that claim batch numbers in order and hand results back by number.</summary>
    private sealed class Workers
    {
        private readonly Plan _plan;
        private readonly SemaphoreSlim _slots;
        private readonly CancellationTokenSource _cts = new();
        private readonly object _gate = new();
        private readonly Dictionary<int, (TBatch? Value, Exception? Error, int Worker, List<Tensor>? Made)> _done = new();
        private readonly Thread[] _threads;
        private int _claimed = -1;
        private int _stopped;

        public Workers(Plan plan)
        {
            _plan = plan;
            // prefetch_factor · num_workers can pass int.MaxValue; and neither slots nor threads beyond the batch count do anything.
            _slots = new SemaphoreSlim((int)Math.Min((long)plan.PrefetchFactor * plan.NumWorkers, plan.Count));
            _threads = new Thread[Math.Min(plan.NumWorkers, plan.Count)];
            for (int w = 0; w < _threads.Length; w++)
            {
                int id = w;
                _threads[w] = new Thread(() => Run(id)) { IsBackground = true, Name = $"Ember DataLoader worker {id}" };
            }
            foreach (var t in _threads) t.Start();
        }

        private void Run(int id)
        {
            // Like PyTorch's workers (torch.set_num_threads(1)): kernels called by a worker run on it alone, so the
            // workers and the main thread's parallel kernels never oversubscribe the cores.
            Kernels.ThreadTeam.SerialThread = true;
            var token = _cts.Token;
            try
            {
                while (true)
                {
                    _slots.Wait(token);
                    int b = Interlocked.Increment(ref _claimed);
                    if (b >= _plan.Count) return;
                    (TBatch? Value, Exception? Error, int Worker, List<Tensor>? Made) result;
                    // Every tensor made for the batch (the batch and the transforms' intermediates) goes to the
                    // consumer, whose DisposeScope, if it has one, then frees them with its step.
                    var made = new DisposeScope();
                    try
                    {
                        var value = _plan.Fetch(b, token);
                        result = (value, null, id, made.Release());
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception e)
                    {
                        result = (default, e, id, null);
                    }
                    finally
                    {
                        made.Dispose();
                    }
                    lock (_gate)
                    {
                        _done[b] = result;
                        Monitor.PulseAll(_gate);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped while waiting for a slot.
            }
        }

        /// <summary>Waits for batch <paramref name="b"/> (claimed in order, so it is always on its way) and frees its slot.</summary>
        public TBatch Take(int b)
        {
            (TBatch? Value, Exception? Error, int Worker, List<Tensor>? Made) result;
            lock (_gate)
            {
                while (!_done.Remove(b, out result)) Monitor.Wait(_gate);
            }
            _slots.Release();
            if (result.Made is { } made && DisposeScope.Current is { } scope)
                foreach (var t in made) scope.Include(t);
            if (result.Error is Exception e)
                throw new InvalidOperationException(
                    $"DataLoader: caught {e.GetType().Name} in DataLoader worker {result.Worker} while loading batch {b}: {e.Message}", e);
            return result.Value!;
        }

        public void Stop(bool join)
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
            _cts.Cancel();
            if (!join) return;
            foreach (var t in _threads)
                if (t != Thread.CurrentThread) t.Join();
            lock (_gate) _done.Clear();
        }
    }
}

/// <summary>
/// The loader for supervised samples: batches of <c>(Tensor Input, Tensor Target)</c> built by
/// <see cref="Collate.Pairs"/> (inputs stacked to [B, ...], targets to [B]), so that
/// <c>foreach (var (x, y) in loader)</c> reads a batch. All behaviour is <see cref="DataLoader{T, TBatch}"/>'s.
/// </summary>
/// <example>
/// <code>
/// var loader = new DataLoader(train, batchSize: 256, shuffle: true, generator: new Generator(0));
/// foreach (var (x, y) in loader) { /* x [256, ...], y [256] (the last batch may be shorter) */ }
/// </code>
/// </example>
public sealed class DataLoader : DataLoader<(Tensor Input, Tensor Target), (Tensor Input, Tensor Target)>
{
    /// <summary>Creates a loader over supervised samples (see <see cref="DataLoader{T, TBatch}"/> for the options).</summary>
    /// <param name="dataset">The dataset to read.</param>
    /// <param name="batchSize">Samples per batch (default 1); positive.</param>
    /// <param name="shuffle">Reshuffle the samples every epoch (default false).</param>
    /// <param name="sampler">Index order (default sequential, or random with <paramref name="shuffle"/>); excludes <paramref name="shuffle"/>.</param>
    /// <param name="batchSampler">Yields whole batches of indices; excludes <paramref name="batchSize"/>, <paramref name="shuffle"/>, <paramref name="sampler"/> and <paramref name="dropLast"/>.</param>
    /// <param name="numWorkers">Background threads loading batches ahead (default 0); non-negative.</param>
    /// <param name="collateFn">Builds a batch from its samples (default <see cref="Collate.Pairs"/>).</param>
    /// <param name="dropLast">Drop a short last batch (default false).</param>
    /// <param name="generator">Draws each epoch's seed and order (default: the enumerating thread's <see cref="Ember.Generator.Default"/>).</param>
    /// <param name="prefetchFactor">Batches loaded ahead per worker (default 2); positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> &lt; 1, <paramref name="numWorkers"/> &lt; 0, or <paramref name="prefetchFactor"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">Conflicting options, or <paramref name="shuffle"/> on an empty dataset.</exception>
    public DataLoader(Dataset<(Tensor Input, Tensor Target)> dataset, int batchSize = 1, bool shuffle = false,
        Sampler<int>? sampler = null, Sampler<int[]>? batchSampler = null, int numWorkers = 0,
        Func<IReadOnlyList<(Tensor Input, Tensor Target)>, (Tensor Input, Tensor Target)>? collateFn = null,
        bool dropLast = false, Generator? generator = null, int prefetchFactor = 2)
        : base(dataset, collateFn ?? Collate.Pairs, batchSize, shuffle, sampler, batchSampler, numWorkers, dropLast, generator, prefetchFactor)
    {
    }

    /// <summary>
    /// The generator of the sample being loaded on this thread, or null outside a loader. While a
    /// <see cref="DataLoader{T, TBatch}"/> reads sample number p of an epoch (dataset indexer and transforms
    /// included) it is a generator seeded from the epoch's seed and p, on whichever thread does the work;
    /// random transforms draw from it, which makes their draws independent of <c>numWorkers</c>. A custom
    /// random transform should use <c>DataLoader.SampleGenerator ?? myGenerator ?? Generator.Default</c>.
    /// </summary>
    public static Generator? SampleGenerator => SampleScope.Current;
}

/// <summary>The per-thread "sample being loaded" generator behind <see cref="DataLoader.SampleGenerator"/>.</summary>
internal static class SampleScope
{
    [ThreadStatic] private static Generator? _current;
    [ThreadStatic] private static Generator? _spare;

    public static Generator? Current => _current;

    /// <summary>Reads <c>dataset[index]</c> with <see cref="Current"/> seeded from (<paramref name="epochSeed"/>, <paramref name="position"/>).</summary>
    public static T Load<T>(Dataset<T> dataset, int index, ulong epochSeed, long position)
    {
        var previous = _current;
        // Reuse one generator per thread; a nested load (a dataset that reads through a loader) gets its own.
        var g = _spare ?? new Generator(0);
        _spare = null;
        g.ManualSeed(Mix(epochSeed, position));
        _current = g;
        try
        {
            return dataset[index];
        }
        finally
        {
            _current = previous;
            _spare = g;
        }
    }

    private static long Mix(ulong seed, long position)
    {
        ulong z = seed ^ (0x9E3779B97F4A7C15UL * (ulong)(position + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)(z ^ (z >> 31));
    }
}
