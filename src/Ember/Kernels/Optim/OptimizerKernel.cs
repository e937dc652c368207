using System.Numerics;

namespace Ember.Kernels;

/// <summary>
/// The optimizers' kernel entries: an <see cref="IUpdateRule"/> applied in place to a parameter and its state
/// tensors, and the step counter. float32 and float64 parameters are updated in their own precision; float16 and
/// bfloat16 ones are computed in float32 and rounded back once per step (parameter and state alike); any other
/// dtype raises <see cref="Dispatch.Unsupported"/>.
/// </summary>
internal static class OptimizerKernel
{
    /// <summary>
    /// Applies <paramref name="rule"/> to <paramref name="p"/> in place and bumps its version. A contiguous
    /// float32/float64 parameter whose gradient has its dtype and layout allocates nothing (below the threading
    /// threshold); others go through contiguous copies.
    /// </summary>
    /// <param name="p">The parameter, any layout.</param>
    /// <param name="grad">Its gradient: p's shape, any dtype and layout.</param>
    /// <param name="s0">The rule's first state tensor (contiguous, p's shape and dtype), or null when unused.</param>
    /// <param name="s1">The second state tensor, or null.</param>
    /// <param name="s2">The third state tensor, or null.</param>
    /// <param name="rule">The update rule with its hyperparameters.</param>
    /// <param name="op">The optimizer's name, for errors.</param>
    /// <exception cref="NotSupportedException">p is not floating point.</exception>
    public static void Update<TRule>(Tensor p, Tensor grad, Tensor? s0, Tensor? s1, Tensor? s2, TRule rule, string op) where TRule : struct, IUpdateRule
    {
        if (p.DType.IsReducedFloat())
        {
            var p32 = p.Cast(DType.Float32);
            Tensor? w0 = FloatDispatch.WidenOrNull(s0), w1 = FloatDispatch.WidenOrNull(s1), w2 = FloatDispatch.WidenOrNull(s2);
            Update(p32, grad, w0, w1, w2, rule, op);
            Elementwise.CopyInto(p32, p);
            if (s0 is not null) Elementwise.CopyInto(w0!, s0);
            if (s1 is not null) Elementwise.CopyInto(w1!, s1);
            if (s2 is not null) Elementwise.CopyInto(w2!, s2);
            p.Storage.BumpVersion();
            return;
        }
        var work = p.IsContiguous ? p : Dense(p, p.DType);
        var f = new UpdateFunc<TRule>(work, Dense(grad, p.DType), s0, s1, s2, rule);
        FloatDispatch.Run<UpdateFunc<TRule>, bool>(p.DType, op, ref f);
        if (!ReferenceEquals(work, p)) Elementwise.CopyInto(work, p);
        p.Storage.BumpVersion();
        GC.KeepAlive(p);
    }

    /// <summary>Whether an update reads and writes the tensors in place: a contiguous float32/float64 parameter, a
    /// gradient and state tensors (those given) of its dtype, contiguous (what <see cref="MultiTensorUpdate{TRule}"/> queues).</summary>
    public static bool IsDirect(Tensor p, Tensor grad, Tensor? s0, Tensor? s1, Tensor? s2) =>
        p.DType is DType.Float32 or DType.Float64 && p.IsContiguous && Same(p, grad) && (s0 is null || Same(p, s0))
        && (s1 is null || Same(p, s1)) && (s2 is null || Same(p, s2));

    private static bool Same(Tensor p, Tensor t) => t.DType == p.DType && t.IsContiguous && t.Numel == p.Numel;

    /// <summary><paramref name="t"/> itself when it is contiguous with dtype <paramref name="dtype"/>, else a contiguous converted copy.</summary>
    private static Tensor Dense(Tensor t, DType dtype)
    {
        if (t.DType == dtype && t.IsContiguous) return t;
        var y = Tensor.Empty(t.ShapeArray.ToArray(), dtype);
        Elementwise.CopyInto(t, y);
        return y;
    }

    private readonly struct UpdateFunc<TRule>(Tensor p, Tensor g, Tensor? s0, Tensor? s1, Tensor? s2, TRule rule) : IFloatFunc<bool>
        where TRule : struct, IUpdateRule
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            int n = p.Numel;
            var pa = p.Typed<T>().Array;
            var ga = g.Typed<T>().Array;
            T[]? a0 = s0?.Typed<T>().Array, a1 = s1?.Typed<T>().Array, a2 = s2?.Typed<T>().Array;
            int po = p.Offset, go = g.Offset, o0 = s0?.Offset ?? 0, o1 = s1?.Offset ?? 0, o2 = s2?.Offset ?? 0;
            if (n >= Elementwise.ParallelThreshold && Threading.NumThreads > 1)
                InParallel(rule, n, pa, po, ga, go, a0, o0, a1, o1, a2, o2);
            else
                rule.Update(pa.AsSpan(po, n), ga.AsSpan(go, n), Chunk(a0, o0, n), Chunk(a1, o1, n), Chunk(a2, o2, n));
            GC.KeepAlive(p); GC.KeepAlive(g); GC.KeepAlive(s0); GC.KeepAlive(s1); GC.KeepAlive(s2);
            return true;
        }

        /// <summary>The update split into one chunk per thread (a separate method: its closure is allocated only here).</summary>
        private static void InParallel<T>(TRule rule, int n, T[] pa, int po, T[] ga, int go, T[]? a0, int o0, T[]? a1, int o1, T[]? a2, int o2)
            where T : unmanaged, IFloatingPointIeee754<T> =>
            Elementwise.ParallelChunks(n, (s, len) =>
                rule.Update(pa.AsSpan(po + s, len), ga.AsSpan(go + s, len), Chunk(a0, o0 + s, len), Chunk(a1, o1 + s, len), Chunk(a2, o2 + s, len)));

        private static Span<T> Chunk<T>(T[]? a, int start, int length) => a is null ? default : a.AsSpan(start, length);
    }

    /// <summary>Adds one to a one-element step-count tensor in place (any numeric dtype), bumps its version and returns the new count.</summary>
    /// <param name="step">The step count.</param>
    /// <exception cref="InvalidOperationException">The step count is a bool tensor.</exception>
    public static double IncrementStep(Tensor step)
    {
        if (step.DType == DType.Bool)
            throw new InvalidOperationException($"step: the step count must be a number, got a {step.DType.TorchName()} tensor");
        var f = new IncrementFunc(step);
        double next = Dispatch.Any<IncrementFunc, double>(step.DType, ref f);
        step.Storage.BumpVersion();
        return next;
    }

    private readonly struct IncrementFunc(Tensor t) : IElementFunc<double>
    {
        public double Invoke<T>() where T : unmanaged
        {
            ref T s = ref t.Buffer<T>()[t.Offset];
            s = Convert.FromDouble<T>(Convert.ToDouble(s) + 1);
            double next = Convert.ToDouble(s);
            GC.KeepAlive(t);
            return next;
        }
    }
}
