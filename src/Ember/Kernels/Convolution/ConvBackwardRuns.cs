namespace Ember.Kernels;

/// <summary>
/// The three gradients of a convolution (input, weight, bias) computed together, in fixed runs of consecutive samples:
/// each run takes its slice of dy once (made contiguous there, so a broadcast gradient such as <c>y.Sum()</c>'s is
/// never written out whole), and its input gradient, weight-gradient partial and bias partial are computed by one
/// thread while that slice is in its cache. Done one gradient at a time over the whole batch, each 16 MB dy was
/// written by one core and read back three times by the other: at 2 threads that took longer than on 1. The runs
/// depend on the batch size only, and the partials are added in run order, so the result does not depend on the
/// thread count.
/// </summary>
internal static class ConvBackwardRuns
{
    /// <summary>Runs per batch (at most; fewer for a smaller batch) while a run's dy is small: enough for 2 or 4 threads,
    /// few enough that the runs' bookkeeping (a few tensors each) keeps a training step under its allocation budget.</summary>
    private const int MinRuns = 4;

    /// <summary>
    /// The most bytes of dy a run takes when the batch allows more runs: a run's dy is read by its three products while
    /// it stays in L2 (1 MB on Zen 4). In runs of 4 MB the conv benchmark's step ([64, 64, 32, 32] dy) took 7.6–8.4 ms;
    /// in runs of about 1 MB, 6.5–7.7.
    /// </summary>
    private const long RunBytes = 1 << 20;

    /// <summary>Whether the runs may be used (tests compare both paths).</summary>
    internal static bool Enabled = true;

    /// <summary>
    /// Whether a geometry is computed in runs: float batches of at least <see cref="MinRuns"/> samples whose weight is
    /// small next to the gradient (the runs' weight partials take at most a quarter of dy's size; a deep layer's large
    /// weight would be multiplied eightfold). A function of the geometry only.
    /// </summary>
    public static bool Suits(in ConvGeometry g) =>
        Enabled && g.N >= MinRuns && (long)MinRuns * g.Cg * g.KH * g.KW * 4 <= (long)g.N * g.OHW;

    /// <summary>
    /// The runs of a geometry that <see cref="Suits"/>: <see cref="MinRuns"/>, or more when a run's dy would exceed
    /// <see cref="RunBytes"/>, as long as the weight partials stay within a quarter of dy (as in <see cref="Suits"/>) and
    /// every run has a sample. A function of the geometry only.
    /// </summary>
    internal static int Runs(in ConvGeometry g, int elementSize)
    {
        long dyBytes = (long)g.N * g.O * g.OHW * elementSize;
        long bySize = (dyBytes + RunBytes - 1) / RunBytes;
        long byPartials = (long)g.N * g.OHW / Math.Max(1L, 4L * g.Cg * g.KH * g.KW);
        return (int)Math.Min(g.N, Math.Max(MinRuns, Math.Min(bySize, byPartials)));
    }

    /// <summary>
    /// dx [N, C, H, W] (when wanted) = the input gradient for dy, dw [O, Cg, KH, KW] (when wanted) = Σₙ dY[n]·cols(x[n])ᵀ
    /// and db [O] (when wanted) = Σ dy per channel. dy is [N, O, OH, OW] with any strides; x and w are contiguous
    /// (x needed for dw, w for dx); the outputs are fresh contiguous tensors of <paramref name="dy"/>'s dtype.
    /// </summary>
    public static void Run(Tensor dy, Tensor? x, Tensor? w, Tensor? dx, Tensor? dw, Tensor? db, in ConvGeometry g)
    {
        int runs = Runs(g, dy.DType.ElementSize());
        var dws = dw is null ? null : new Tensor?[runs];
        var dbs = db is null ? null : new Tensor?[runs];
        try
        {
            // The serial loop makes no closure.
            if (ThreadTeam.RunsSerially)
                for (int r = 0; r < runs; r++) RunOne(r, runs, dy, x, w, dx, dws, dbs, g);
            else InParallel(runs, dy, x, w, dx, dws, dbs, g);
            if (dws is not null) SumInOrder(dws, dw!);
            if (dbs is not null) SumInOrder(dbs, db!);
        }
        finally
        {
            if (dws is not null) foreach (var t in dws) t?.Dispose();
            if (dbs is not null) foreach (var t in dbs) t?.Dispose();
        }
    }

    // Apart from Run: a lambda's closure is allocated on entry to the method that declares it.
    private static void InParallel(int runs, Tensor dy, Tensor? x, Tensor? w, Tensor? dx, Tensor?[]? dws, Tensor?[]? dbs, ConvGeometry g) =>
        ThreadTeam.For(runs, r => RunOne(r, runs, dy, x, w, dx, dws, dbs, g));

    /// <summary>
    /// Run r, samples n0 … n0 + cnt − 1 with n0 = r·N/runs: dx's rows written in place, the run's weight and bias partials
    /// made (when wanted). The input gradient goes through a fresh tensor, as the kernels write their output from its start.
    /// </summary>
    private static void RunOne(int r, int runs, Tensor dy, Tensor? x, Tensor? w, Tensor? dx, Tensor?[]? dws, Tensor?[]? dbs, ConvGeometry g)
    {
        int n0 = (int)((long)r * g.N / runs), cnt = (int)((long)(r + 1) * g.N / runs) - n0;
        var gr = g with { N = cnt };
        var slice = dy.Narrow(0, n0, cnt);
        var dyr = slice.Contiguous();
        try
        {
            if (dx is not null)
            {
                using var part = Tensor.Empty([cnt, g.C, g.H, g.W], dx.DType, op: "conv_backward");
                ConvKernels.BackwardInput(dyr, w!, null, part, gr);
                CopyInto(part, dx, (long)n0 * g.C * g.HW);
            }
            if (dws is not null)
            {
                using var xr = x!.Narrow(0, n0, cnt);
                dws[r] = Tensor.Empty([g.O, g.Cg, g.KH, g.KW], dy.DType, op: "conv_backward");
                ConvKernels.BackwardWeight(xr, dyr, dws[r]!, gr);
            }
            if (dbs is not null)
            {
                dbs[r] = Tensor.Empty([g.O], dy.DType, op: "conv_backward");
                ConvKernels.BiasGrad(dyr, dbs[r]!);
            }
        }
        finally
        {
            if (!ReferenceEquals(dyr, slice)) dyr.Dispose();
            slice.Dispose();
        }
    }

    /// <summary>dst[at …] = src (both contiguous, same dtype).</summary>
    private static void CopyInto(Tensor src, Tensor dst, long at)
    {
        switch (dst.DType)
        {
            case DType.Float32: src.ContiguousSpan<float>().CopyTo(dst.Typed<float>().Array.AsSpan(dst.Offset + (int)at, src.Numel)); break;
            case DType.Float64: src.ContiguousSpan<double>().CopyTo(dst.Typed<double>().Array.AsSpan(dst.Offset + (int)at, src.Numel)); break;
            default: throw Dispatch.Unsupported("conv", dst.DType);
        }
    }

    /// <summary>dst = parts[0] + parts[1] + … in order.</summary>
    private static void SumInOrder(Tensor?[] parts, Tensor dst)
    {
        switch (dst.DType)
        {
            case DType.Float32: SumInOrder<float>(parts, dst); break;
            case DType.Float64: SumInOrder<double>(parts, dst); break;
            default: throw Dispatch.Unsupported("conv", dst.DType);
        }
    }

    private static void SumInOrder<T>(Tensor?[] parts, Tensor dst) where T : unmanaged, System.Numerics.INumber<T>
    {
        var d = dst.Typed<T>().Array.AsSpan(dst.Offset, dst.Numel);
        parts[0]!.ContiguousSpan<T>().CopyTo(d);
        for (int r = 1; r < parts.Length; r++) System.Numerics.Tensors.TensorPrimitives.Add<T>(d, parts[r]!.ContiguousSpan<T>(), d);
    }
}
