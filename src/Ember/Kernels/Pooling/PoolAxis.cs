namespace Ember.Kernels;

/// <summary>
/// How one spatial axis of a pooling or resampling op maps output positions to input positions: output o reads the
/// input positions <c>Idx[Start[o] .. Start[o + 1])</c> (in the order PyTorch visits them) with weights <c>W</c>, and its
/// sum is divided by <c>Div[o]</c> (the product over the axes). A 2-D op is the product of its two axes (every window
/// of these ops is a rectangle), so the tables take O(output·window) per axis, never per element.
/// </summary>
internal sealed class PoolAxis
{
    /// <summary>The input length.</summary>
    public int In { get; }

    /// <summary>The output length.</summary>
    public int Out { get; }

    /// <summary>Out + 1 offsets into <see cref="Idx"/>.</summary>
    public int[] Start { get; }

    /// <summary>The input positions of every window, window after window.</summary>
    public int[] Idx { get; }

    /// <summary>The weight of every entry of <see cref="Idx"/>.</summary>
    public double[] W { get; }

    /// <summary>The divisor of each output (1 for interpolation).</summary>
    public double[] Div { get; }

    /// <summary>For max pooling, PyTorch's first in-range position of each window (the index reported when no element beats −inf).</summary>
    public int[] First { get; }

    /// <summary>For a sliding-window axis, its kernel, stride, padding and dilation (null for adaptive and interpolation axes).</summary>
    public (int Kernel, int Stride, int Pad, int Dilation)? Spec { get; private init; }

    private PoolAxis(int inLen, int outLen, int[] start, int[] idx, double[] w, double[] div, int[] first)
    {
        In = inLen;
        Out = outLen;
        Start = start;
        Idx = idx;
        W = w;
        Div = div;
        First = first;
    }

    /// <summary>The axis of a 1-D op seen as 2-D: one input position, one output.</summary>
    public static PoolAxis Unit { get; } = new(1, 1, [0, 1], [0], [1.0], [1.0], [0]) { Spec = (1, 1, 0, 1) };

    /// <summary>The axes built so far, by geometry: a training step pools the same shapes every time, and the axis is immutable.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<WindowKey, PoolAxis> Windows = new();
    private const int MaxCachedWindows = 256;

    private readonly record struct WindowKey(int In, int Out, int Kernel, int Stride, int Pad, int Dilation, bool Avg, bool CountIncludePad);

    /// <summary>
    /// A max-pooling (or, with <paramref name="avg"/>, average-pooling) axis: window o starts at o·stride − pad and has
    /// <paramref name="kernel"/> taps <paramref name="dilation"/> apart; taps outside the input are skipped. For average
    /// pooling the divisor is the window's size clipped at input + padding (<paramref name="countIncludePad"/>) or at
    /// the input.
    /// </summary>
    public static PoolAxis Window(int inLen, int outLen, int kernel, int stride, int pad, int dilation, bool avg, bool countIncludePad)
    {
        var key = new WindowKey(inLen, outLen, kernel, stride, pad, dilation, avg, countIncludePad);
        if (Windows.TryGetValue(key, out var axis)) return axis;
        axis = BuildWindow(inLen, outLen, kernel, stride, pad, dilation, avg, countIncludePad);
        if (Windows.Count >= MaxCachedWindows) Windows.Clear();
        Windows.TryAdd(key, axis);
        return axis;
    }

    private static PoolAxis BuildWindow(int inLen, int outLen, int kernel, int stride, int pad, int dilation, bool avg, bool countIncludePad)
    {
        var start = new int[outLen + 1];
        var idx = new List<int>(outLen * Math.Min(kernel, inLen));
        var div = new double[outLen];
        var first = new int[outLen];
        for (int o = 0; o < outLen; o++)
        {
            long s = (long)o * stride - pad;
            start[o] = idx.Count;
            if (avg)
            {
                long end = Math.Min(s + kernel, (long)inLen + pad);
                long size = end - s;
                long lo = Math.Max(s, 0), hi = Math.Min(end, inLen);
                for (long i = lo; i < hi; i++) idx.Add((int)i);
                div[o] = hi <= lo ? 1 : countIncludePad ? size : hi - lo;
            }
            else
            {
                // the first tap inside the input (PyTorch's `while (ih0 < 0) ih0 += dilation`), without visiting the padding
                long j0 = s < 0 ? (-s + dilation - 1) / dilation : 0;
                first[o] = (int)Math.Min(s + j0 * dilation, int.MaxValue);
                for (long j = j0; j < kernel; j++)
                {
                    long i = s + j * dilation;
                    if (i >= inLen) break;
                    idx.Add((int)i);
                }
                div[o] = 1;
            }
        }
        start[outLen] = idx.Count;
        var w = new double[idx.Count];
        Array.Fill(w, 1.0);
        return new PoolAxis(inLen, outLen, start, idx.ToArray(), w, div, first) { Spec = (kernel, stride, pad, dilation) };
    }

    /// <summary>An adaptive-pooling axis: bin o covers [⌊o·in/out⌋, ⌈(o + 1)·in/out⌉), divided by its length (cached by sizes, as <see cref="Window"/>).</summary>
    public static PoolAxis Adaptive(int inLen, int outLen)
    {
        var key = new WindowKey(inLen, outLen, -1, 0, 0, 0, true, false); // kernel −1: an adaptive axis
        if (Windows.TryGetValue(key, out var axis)) return axis;
        axis = BuildAdaptive(inLen, outLen);
        if (Windows.Count >= MaxCachedWindows) Windows.Clear();
        Windows.TryAdd(key, axis);
        return axis;
    }

    private static PoolAxis BuildAdaptive(int inLen, int outLen)
    {
        var start = new int[outLen + 1];
        var idx = new List<int>();
        var div = new double[outLen];
        var first = new int[outLen];
        for (int o = 0; o < outLen; o++)
        {
            int s = (int)((long)o * inLen / outLen);
            int e = (int)(((long)(o + 1) * inLen + outLen - 1) / outLen);
            start[o] = idx.Count;
            first[o] = s;
            for (int i = s; i < e; i++) idx.Add(i);
            div[o] = Math.Max(e - s, 1);
        }
        start[outLen] = idx.Count;
        var w = new double[idx.Count];
        Array.Fill(w, 1.0);
        return new PoolAxis(inLen, outLen, start, idx.ToArray(), w, div, first);
    }

    /// <summary>
    /// A nearest-neighbour axis: source ⌊dst·scale⌋ (PyTorch 1.13's <c>nearest_neighbor_compute_source_index</c>), or
    /// ⌊(dst + 0.5)·scale⌋ when <paramref name="exact"/>, clamped at in − 1; the scale is 1/scaleFactor when given
    /// (positive), else in/out, in float32. With <paramref name="legacyShortcuts"/> (PyTorch's <c>nearest_idx</c>, used by
    /// its channels-last kernel), an output as long as the input copies it and one twice as long takes dst/2, whatever
    /// the scale factor.
    /// </summary>
    public static PoolAxis Nearest(int inLen, int outLen, double? scaleFactor, bool exact, bool legacyShortcuts)
    {
        var start = new int[outLen + 1];
        var idx = new int[outLen];
        float scale = scaleFactor is > 0 ? (float)(1.0 / scaleFactor.Value) : (float)inLen / outLen;
        for (int o = 0; o < outLen; o++)
        {
            start[o] = o;
            long src;
            if (exact) src = Math.Min((long)MathF.Floor((float)((o + 0.5) * scale)), inLen - 1);
            else if (legacyShortcuts && outLen == inLen) src = o;
            else if (legacyShortcuts && outLen == 2L * inLen) src = o >> 1;
            else src = Math.Min((long)MathF.Floor(o * scale), inLen - 1);
            idx[o] = (int)src;
        }
        start[outLen] = outLen;
        var w = new double[outLen];
        Array.Fill(w, 1.0);
        var div = new double[outLen];
        Array.Fill(div, 1.0);
        return new PoolAxis(inLen, outLen, start, idx, w, div, new int[outLen]);
    }

    /// <summary>
    /// A linear-interpolation axis (PyTorch 1.13's <c>compute_source_index_and_lambda</c>), the arithmetic in
    /// <typeparamref name="T"/> (float for float32, as PyTorch's opmath): two taps per output with weights λ0, λ1.
    /// </summary>
    public static PoolAxis Linear<T>(int inLen, int outLen, bool alignCorners, double? scaleFactor) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var start = new int[outLen + 1];
        var idx = new int[2 * outLen];
        var w = new double[2 * outLen];
        T ratio = alignCorners
            ? (outLen > 1 ? T.CreateTruncating(inLen - 1) / T.CreateTruncating(outLen - 1) : T.Zero)
            : scaleFactor is > 0 ? T.CreateTruncating(1.0 / scaleFactor.Value) : T.CreateTruncating(inLen) / T.CreateTruncating(outLen);
        T half = T.CreateTruncating(0.5);
        for (int o = 0; o < outLen; o++)
        {
            start[o] = 2 * o;
            if (outLen == inLen)
            {
                idx[2 * o] = idx[2 * o + 1] = o;
                w[2 * o] = 1;
                w[2 * o + 1] = 0;
                continue;
            }
            T real;
            if (alignCorners) real = ratio * T.CreateTruncating(o);
            else
            {
                real = ratio * (T.CreateTruncating(o) + half) - half;
                if (real < T.Zero) real = T.Zero;
            }
            long i0 = long.CreateTruncating(real);
            if (i0 > inLen - 1) i0 = inLen - 1; // guards a float rounding past the end
            int off = i0 < inLen - 1 ? 1 : 0;
            T l1 = real - T.CreateTruncating(i0);
            T l0 = T.One - l1;
            idx[2 * o] = (int)i0;
            idx[2 * o + 1] = (int)i0 + off;
            w[2 * o] = double.CreateTruncating(l0);
            w[2 * o + 1] = double.CreateTruncating(l1);
        }
        start[outLen] = 2 * outLen;
        var div = new double[outLen];
        Array.Fill(div, 1.0);
        return new PoolAxis(inLen, outLen, start, idx, w, div, new int[outLen]);
    }
}
