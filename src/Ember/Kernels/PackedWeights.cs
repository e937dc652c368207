using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ember.Kernels;

/// <summary>
/// Weights packed once for inference (ONNX Runtime's and oneDNN's pre-packed weights). Outside inference mode a
/// convolution packs its weight on every call, as the A operand of its implicit GEMM (on every thread that takes a band
/// of columns) or as the 3×3 Winograd transform, and a linear layer or a deep convolution at batch 1 packs Wᵀ as the B
/// operand of x·Wᵀ: traffic and work the arithmetic does not need. In inference mode a weight seen twice at the same
/// version is packed in the form asked for and kept beside its storage until that storage is collected or written (a
/// new version packs again). Every form is keyed by what it was packed for, so one weight may carry several.
/// </summary>
internal static class PackedWeights
{
    private static readonly ConditionalWeakTable<Storage, Entry> Table = new();

    /// <summary>Tests and benchmarks: false packs nothing (every caller then runs its unpacked product).</summary>
    internal static bool Enabled = true;

    /// <summary>The forms a weight is packed in.</summary>
    private enum Form { TransposedB, RowsA, Winograd, TapMajor }

    /// <summary>One packed form: its kind and the geometry it was packed for.</summary>
    private readonly record struct Key(Form Form, int Groups, int Rows, int K, int Extra);

    /// <summary>One weight's packed forms (one slot per group each), valid for one (offset, version).</summary>
    private sealed class Entry(int offset, int version)
    {
        public readonly int Offset = offset, Version = version;
        public readonly Dictionary<Key, object?[]> Forms = [];
    }

    /// <summary>
    /// The packed Wᵀ [k, og] of group <paramref name="gi"/> of weight <paramref name="w"/> [groups·og, k] (contiguous), or
    /// null when the weight should not be packed (not in inference mode, or the first sighting of this version).
    /// </summary>
    public static GemmPrepackedB<T>? TransposedB<T>(Tensor w, int gi, int groups, int og, int k) where T : unmanaged, INumber<T> =>
        Get<T, GemmPrepackedB<T>>(w, new Key(Form.TransposedB, groups, og, k, 0), gi, static (span, og, k, _) => new GemmPrepackedB<T>(span, 1, k, k, og));

    /// <summary>
    /// The packed rows W [og, k] of group <paramref name="gi"/> of weight <paramref name="w"/> [groups·og, k] (contiguous),
    /// the A operand of a convolution's GEMM; null as for <see cref="TransposedB{T}"/>, or where the GEMM has no SIMD kernel.
    /// </summary>
    public static GemmPrepackedA<T>? RowsA<T>(Tensor w, int gi, int groups, int og, int k) where T : unmanaged, INumber<T> =>
        Get<T, GemmPrepackedA<T>>(w, new Key(Form.RowsA, groups, og, k, 0), gi, static (span, og, k, _) => GemmPrepackedA<T>.TryCreate(span, k, 1, og, k));

    /// <summary>
    /// The Winograd transform of weight <paramref name="w"/> [cout, cin, 3, 3] (contiguous) for tile size
    /// <paramref name="m"/>, one packed GEMM operand per transform point, made by <paramref name="transform"/> (called
    /// with the weight's values, cout, cin·9 and m; a static lambda, so that no closure is allocated per call); null as
    /// for <see cref="TransposedB{T}"/>.
    /// </summary>
    public static GemmPrepackedB<float>[]? Winograd(Tensor w, int cout, int cin, int m, Maker<float, GemmPrepackedB<float>[]> transform) =>
        Get(w, new Key(Form.Winograd, 1, cout, cin * 9, m), 0, transform);

    /// <summary>
    /// The tap-major copy of weight <paramref name="w"/> [o, c·kk] (contiguous) that <see cref="TapPairConv"/> multiplies
    /// by, made by <paramref name="copy"/> (called with the weight's values, o, c·kk and kk; a static lambda); null as for
    /// <see cref="TransposedB{T}"/>.
    /// </summary>
    public static float[]? TapMajor(Tensor w, int o, int k, int kk, Maker<float, float[]> copy) =>
        Get(w, new Key(Form.TapMajor, 1, o, k, kk), 0, copy);

    /// <summary>A packing of a group's rows [rows, k] of a weight (its values in <c>span</c>), or null where there is none.</summary>
    internal delegate TPacked? Maker<T, TPacked>(ReadOnlySpan<T> span, int rows, int k, int extra);

    private static TPacked? Get<T, TPacked>(Tensor w, Key key, int gi, Maker<T, TPacked> make)
        where T : unmanaged where TPacked : class
    {
        if (!Enabled || !Autograd.InferenceMode.IsEnabled) return null;
        var storage = w.Storage;
        int offset = w.Offset, version = storage.Version;
        if (!Table.TryGetValue(storage, out var entry) || entry.Offset != offset || entry.Version != version)
        {
            // First sighting (or a new version): remember it, pack only if it comes back (a weight made afresh for each
            // call would otherwise be packed for nothing).
            Table.AddOrUpdate(storage, new Entry(offset, version));
            return null;
        }
        object?[] slots;
        lock (entry)
            if (!entry.Forms.TryGetValue(key, out slots!)) entry.Forms[key] = slots = new object?[key.Groups];
        if (Volatile.Read(ref slots[gi]) is TPacked done) return done;
        var made = make(w.Typed<T>().Array.AsSpan(offset + gi * key.Rows * key.K, key.Rows * key.K), key.Rows, key.K, key.Extra);
        GC.KeepAlive(w);
        if (made is null) return null;
        Interlocked.CompareExchange(ref slots[gi], made, null);
        return (TPacked)slots[gi]!;
    }
}
