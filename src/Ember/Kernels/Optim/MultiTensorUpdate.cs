using System.Buffers;
using System.Numerics;

namespace Ember.Kernels;

/// <summary>Updates queued by an optimizer step, applied together.</summary>
internal interface IPendingUpdates
{
    /// <summary>Applies every queued update and empties the queue.</summary>
    void Apply();
}

/// <summary>
/// The multi-tensor optimizer update (PyTorch's <c>foreach</c> path): the updates of one step's parameters — one rule
/// type, one dtype, all contiguous — are queued and applied in one pass, one parallel job over equal chunks of all the
/// parameters together instead of one job per parameter (a ResNet has 62 parameters, most too small to split alone).
/// Each element's update is the single-tensor rule's, so results do not change.
/// </summary>
internal sealed class MultiTensorUpdate<TRule> : IPendingUpdates where TRule : struct, IUpdateRule
{
    private readonly record struct Entry(Tensor P, Tensor G, Tensor? S0, Tensor? S1, Tensor? S2, TRule Rule);

    private readonly List<Entry> _entries = [];
    private long _total;

    /// <summary>Elements per chunk of the parallel pass (at least; fewer chunks than threads never split a small step).</summary>
    private const int MinChunk = 1 << 14;

    /// <summary>Whether a parameter can join the queue: the queue's dtype, and not already in it (one parameter listed
    /// twice is updated twice, in order).</summary>
    public bool Accepts(Tensor p)
    {
        if (_entries.Count == 0) return true;
        if (p.DType != _entries[0].P.DType) return false;
        foreach (var e in _entries)
            if (ReferenceEquals(e.P.Storage, p.Storage)) return false;
        return true;
    }

    /// <summary>Queues p ← rule(p, g, s0, s1, s2); every tensor contiguous with p's dtype and numel (see <see cref="OptimizerKernel.IsDirect"/>).</summary>
    public void Add(Tensor p, Tensor g, Tensor? s0, Tensor? s1, Tensor? s2, TRule rule)
    {
        _entries.Add(new Entry(p, g, s0, s1, s2, rule));
        _total += p.Numel;
    }

    /// <inheritdoc/>
    public void Apply()
    {
        if (_entries.Count == 0) return;
        try
        {
            switch (_entries[0].P.DType)
            {
                case DType.Float32: Apply<float>(); break;
                case DType.Float64: Apply<double>(); break;
                default: throw Dispatch.Unsupported("optimizer", _entries[0].P.DType);
            }
            foreach (var e in _entries) e.P.Storage.BumpVersion();
        }
        finally
        {
            _entries.Clear();
            _total = 0;
        }
    }

    private void Apply<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_total < Elementwise.ParallelThreshold || ThreadTeam.RunsSerially)
        {
            foreach (var e in _entries) Run<T>(e, 0, e.P.Numel);
            return;
        }
        int chunk = (int)Math.Max(MinChunk, _total / (4L * Threading.NumThreads));
        int[] starts = ArrayPool<int>.Shared.Rent(_entries.Count + 1);
        try
        {
            starts[0] = 0;
            for (int i = 0; i < _entries.Count; i++) starts[i + 1] = starts[i] + (_entries[i].P.Numel + chunk - 1) / chunk;
            InParallel<T>(starts, chunk);
        }
        finally { ArrayPool<int>.Shared.Return(starts); }
    }

    // Apart from Apply: a lambda's closure is allocated on entry to the method that declares it.
    private void InParallel<T>(int[] starts, int chunk) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = _entries.Count;
        ThreadTeam.For(starts[count], part =>
        {
            // The entry whose chunks hold this part: the last with starts[e] <= part.
            int e = Array.BinarySearch(starts, 0, count + 1, part);
            if (e < 0) e = ~e - 1;
            while (e + 1 < count && starts[e + 1] <= part) e++;
            var entry = _entries[e];
            int from = (part - starts[e]) * chunk;
            Run<T>(entry, from, Math.Min(chunk, entry.P.Numel - from));
        });
    }

    private static void Run<T>(in Entry e, int from, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (length <= 0) return;
        e.Rule.Update(Slice<T>(e.P, from, length), Slice<T>(e.G, from, length),
            Slice<T>(e.S0, from, length), Slice<T>(e.S1, from, length), Slice<T>(e.S2, from, length));
    }

    private static Span<T> Slice<T>(Tensor? t, int from, int length) where T : unmanaged =>
        t is null ? default : t.Typed<T>().Array.AsSpan(t.Offset + from, length);
}
