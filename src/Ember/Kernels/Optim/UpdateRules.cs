using System.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

// The per-parameter update rules of PyTorch 1.13/2.x's single-tensor ("for-loop") optimizers, as pure
// functions over contiguous spans, run by OptimizerKernel.Update. Each element goes through exactly the tensor
// ops PyTorch runs, in the same order and in the parameter's precision (scalars such as lr are rounded to T
// first, as PyTorch's CPU kernels do), so float64 trajectories agree with PyTorch to rounding. Nothing here
// allocates. A rule is elementwise, so the driver may split a large parameter into chunks.
//
// Each rule's arithmetic is an IVectorUpdate<T> operator (the nested Op) run by VectorDriver.Update: a scalar body
// and 128/256/512-bit bodies with the same operations in the same order (separate multiplies and adds, never a fused
// multiply-add; a true sign flip for maximize), so every width gives the scalar body's bits.

/// <summary>An optimizer's update of one contiguous chunk of a parameter, in place, written once for float and double.</summary>
internal interface IUpdateRule
{
    /// <summary>Updates <paramref name="p"/> from <paramref name="g"/>; the state spans a rule does not use are empty.</summary>
    /// <param name="p">The parameter chunk, updated in place.</param>
    /// <param name="g">The gradient chunk.</param>
    /// <param name="s0">The first state tensor's chunk.</param>
    /// <param name="s1">The second state tensor's chunk.</param>
    /// <param name="s2">The third state tensor's chunk.</param>
    void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> s0, Span<T> s1, Span<T> s2) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>Helpers of the update rules.</summary>
internal static class UpdateRule
{
    /// <summary>Throws unless every state the rule uses covers the parameter chunk.</summary>
    /// <exception cref="ArgumentException">A used state span is shorter than p.</exception>
    public static void CheckState<T>(string op, int n, Span<T> s, bool used = true)
    {
        if (used && s.Length < n) throw new ArgumentException($"{op}: state buffers are too short");
    }
}

/// <summary>
/// SGD with momentum, dampening, Nesterov momentum, weight decay and maximize (<c>_single_tensor_sgd</c>);
/// state s0 is the momentum buffer (empty when momentum is 0).
/// </summary>
/// <param name="Lr">Learning rate.</param>
/// <param name="WeightDecay">L2 penalty; 0 skips it.</param>
/// <param name="Momentum">Momentum factor; 0 skips the buffer.</param>
/// <param name="Dampening">Dampening of the gradient added to the buffer.</param>
/// <param name="Nesterov">Nesterov momentum.</param>
/// <param name="Maximize">Ascend instead of descend.</param>
/// <param name="InitBuf">The buffer is new: set it to the (decayed) gradient instead of accumulating.</param>
internal readonly record struct SgdRule(double Lr, double WeightDecay, double Momentum, double Dampening, bool Nesterov, bool Maximize, bool InitBuf)
    : IUpdateRule
{
    public void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> buf, Span<T> s1, Span<T> s2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool hasMom = Momentum != 0;
        if (g.Length < p.Length) throw new ArgumentException("sgd: state buffers are too short");
        UpdateRule.CheckState("sgd", p.Length, buf, hasMom);
        var op = new Op<T>(T.CreateTruncating(WeightDecay), T.CreateTruncating(Momentum), T.CreateTruncating(1 - Dampening), T.CreateTruncating(-Lr),
            WeightDecay != 0, hasMom, InitBuf, Nesterov, Maximize);
        VectorDriver.Update(op, p, g, hasMom ? buf : default, default, default);
    }

    /// <summary>The arithmetic of one element: d = ±g (+ wd·p); buf = d or buf·mom + (1 − dampening)·d; p += −lr·d (Nesterov: d + mom·buf).</summary>
    internal readonly struct Op<T>(T wd, T mom, T oneMinusDamp, T negLr, bool hasWd, bool hasMom, bool init, bool nesterov, bool maximize)
        : IVectorUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The sign mask of the gradient: −0 flips it (maximize), +0 keeps it (xor, branch-free; the bits of scalar negation).</summary>
        private readonly T gSign = maximize ? T.NegativeZero : T.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref T p, T g, ref T buf, ref T s1, ref T s2)
        {
            T d = maximize ? -g : g;
            if (hasWd) d += wd * p;
            if (hasMom)
            {
                T b = init ? d : buf * mom + oneMinusDamp * d;
                buf = b;
                d = nesterov ? d + mom * b : b;
            }
            p += negLr * d;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector128<T> p, Vector128<T> g, ref Vector128<T> buf, ref Vector128<T> s1, ref Vector128<T> s2)
        {
            var d = g ^ Vector128.Create(gSign);
            if (hasWd) d += Vector128.Create(wd) * p;
            if (hasMom)
            {
                var b = init ? d : buf * Vector128.Create(mom) + Vector128.Create(oneMinusDamp) * d;
                buf = b;
                d = nesterov ? d + Vector128.Create(mom) * b : b;
            }
            p += Vector128.Create(negLr) * d;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<T> p, Vector256<T> g, ref Vector256<T> buf, ref Vector256<T> s1, ref Vector256<T> s2)
        {
            var d = g ^ Vector256.Create(gSign);
            if (hasWd) d += Vector256.Create(wd) * p;
            if (hasMom)
            {
                var b = init ? d : buf * Vector256.Create(mom) + Vector256.Create(oneMinusDamp) * d;
                buf = b;
                d = nesterov ? d + Vector256.Create(mom) * b : b;
            }
            p += Vector256.Create(negLr) * d;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector512<T> p, Vector512<T> g, ref Vector512<T> buf, ref Vector512<T> s1, ref Vector512<T> s2)
        {
            var d = g ^ Vector512.Create(gSign);
            if (hasWd) d += Vector512.Create(wd) * p;
            if (hasMom)
            {
                var b = init ? d : buf * Vector512.Create(mom) + Vector512.Create(oneMinusDamp) * d;
                buf = b;
                d = nesterov ? d + Vector512.Create(mom) * b : b;
            }
            p += Vector512.Create(negLr) * d;
        }
    }
}

/// <summary>
/// Plain SGD (no momentum, no weight decay): p += (−lr)·g, or p += lr·g to maximize, vectorized; the same
/// roundings as <see cref="SgdRule"/>.
/// </summary>
/// <param name="Lr">Learning rate.</param>
/// <param name="Maximize">Ascend instead of descend.</param>
internal readonly record struct PlainSgdRule(double Lr, bool Maximize) : IUpdateRule
{
    public void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> s0, Span<T> s1, Span<T> s2) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.MultiplyAdd(g, T.CreateTruncating(Maximize ? Lr : -Lr), p, p);
}

/// <summary>Adagrad (<c>_single_tensor_adagrad</c>, dense gradients); state s0 is the running sum of squared gradients.</summary>
/// <param name="Clr">The decayed learning rate lr / (1 + (step − 1)·lr_decay).</param>
/// <param name="WeightDecay">L2 penalty; 0 skips it.</param>
/// <param name="Eps">Added to the root of the sum.</param>
/// <param name="Maximize">Ascend instead of descend.</param>
internal readonly record struct AdagradRule(double Clr, double WeightDecay, double Eps, bool Maximize) : IUpdateRule
{
    public void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> sum, Span<T> s1, Span<T> s2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        UpdateRule.CheckState("adagrad", p.Length, sum);
        var op = new Op<T>(T.CreateTruncating(WeightDecay), T.CreateTruncating(Eps), T.CreateTruncating(-Clr), WeightDecay != 0, Maximize);
        VectorDriver.Update(op, p, g, sum, default, default);
    }

    /// <summary>The arithmetic of one element: d = ±g (+ wd·p); sum += d·d; p += −clr·(d / (√sum + eps)).</summary>
    internal readonly struct Op<T>(T wd, T e, T negClr, bool hasWd, bool maximize) : IVectorUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The sign mask of the gradient: −0 flips it (maximize), +0 keeps it (xor, branch-free; the bits of scalar negation).</summary>
        private readonly T gSign = maximize ? T.NegativeZero : T.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref T p, T g, ref T sum, ref T s1, ref T s2)
        {
            T d = maximize ? -g : g;
            if (hasWd) d += wd * p;
            T s = sum + d * d;
            sum = s;
            T std = T.Sqrt(s) + e;
            p += negClr * (d / std);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector128<T> p, Vector128<T> g, ref Vector128<T> sum, ref Vector128<T> s1, ref Vector128<T> s2)
        {
            var d = g ^ Vector128.Create(gSign);
            if (hasWd) d += Vector128.Create(wd) * p;
            var s = sum + d * d;
            sum = s;
            var std = Vector128.Sqrt(s) + Vector128.Create(e);
            p += Vector128.Create(negClr) * (d / std);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<T> p, Vector256<T> g, ref Vector256<T> sum, ref Vector256<T> s1, ref Vector256<T> s2)
        {
            var d = g ^ Vector256.Create(gSign);
            if (hasWd) d += Vector256.Create(wd) * p;
            var s = sum + d * d;
            sum = s;
            var std = Vector256.Sqrt(s) + Vector256.Create(e);
            p += Vector256.Create(negClr) * (d / std);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector512<T> p, Vector512<T> g, ref Vector512<T> sum, ref Vector512<T> s1, ref Vector512<T> s2)
        {
            var d = g ^ Vector512.Create(gSign);
            if (hasWd) d += Vector512.Create(wd) * p;
            var s = sum + d * d;
            sum = s;
            var std = Vector512.Sqrt(s) + Vector512.Create(e);
            p += Vector512.Create(negClr) * (d / std);
        }
    }
}

/// <summary>
/// RMSprop, plain or centered, with or without momentum (<c>_single_tensor_rmsprop</c>); state s0 is the running
/// average of squared gradients, s1 the running average of gradients (centered), s2 the momentum buffer (momentum &gt; 0).
/// </summary>
/// <param name="Lr">Learning rate.</param>
/// <param name="Alpha">Smoothing constant.</param>
/// <param name="Eps">Added to the denominator.</param>
/// <param name="WeightDecay">L2 penalty; 0 skips it.</param>
/// <param name="Momentum">Momentum factor; 0 or less skips the buffer.</param>
/// <param name="Centered">Normalize by the estimated variance instead of the second moment.</param>
/// <param name="Maximize">Ascend instead of descend.</param>
internal readonly record struct RmspropRule(double Lr, double Alpha, double Eps, double WeightDecay, double Momentum, bool Centered, bool Maximize)
    : IUpdateRule
{
    public void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> squareAvg, Span<T> gradAvg, Span<T> buf) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool hasMom = Momentum > 0, centered = Centered;
        UpdateRule.CheckState("rmsprop", p.Length, squareAvg);
        UpdateRule.CheckState("rmsprop", p.Length, gradAvg, centered);
        UpdateRule.CheckState("rmsprop", p.Length, buf, hasMom);
        var op = new Op<T>(T.CreateTruncating(WeightDecay), T.CreateTruncating(Alpha), T.CreateTruncating(1 - Alpha), T.CreateTruncating(Eps),
            T.CreateTruncating(Momentum), T.CreateTruncating(-Lr), WeightDecay != 0, hasMom, centered, Maximize);
        VectorDriver.Update(op, p, g, squareAvg, centered ? gradAvg : default, hasMom ? buf : default);
    }

    /// <summary>
    /// The arithmetic of one element: d = ±g (+ wd·p); sq = sq·α + (1 − α)·d·d; avg = √sq (centered: √(sq − ga²) with
    /// ga = ga·α + (1 − α)·d) + eps; p += −lr·(d / avg), or through the buffer b = b·mom + d / avg.
    /// </summary>
    internal readonly struct Op<T>(T wd, T a, T oneMinusA, T e, T mom, T negLr, bool hasWd, bool hasMom, bool centered, bool maximize)
        : IVectorUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The sign mask of the gradient: −0 flips it (maximize), +0 keeps it (xor, branch-free; the bits of scalar negation).</summary>
        private readonly T gSign = maximize ? T.NegativeZero : T.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref T p, T g, ref T squareAvg, ref T gradAvg, ref T buf)
        {
            T d = maximize ? -g : g;
            if (hasWd) d += wd * p;
            T sq = squareAvg * a + oneMinusA * d * d;
            squareAvg = sq;
            T avg;
            if (centered)
            {
                T ga = gradAvg * a + oneMinusA * d;
                gradAvg = ga;
                avg = T.Sqrt(sq - ga * ga);
            }
            else avg = T.Sqrt(sq);
            avg += e;
            if (hasMom)
            {
                T b = buf * mom + d / avg;
                buf = b;
                p += negLr * b;
            }
            else p += negLr * (d / avg);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector128<T> p, Vector128<T> g, ref Vector128<T> squareAvg, ref Vector128<T> gradAvg, ref Vector128<T> buf)
        {
            var d = g ^ Vector128.Create(gSign);
            if (hasWd) d += Vector128.Create(wd) * p;
            var sq = squareAvg * Vector128.Create(a) + Vector128.Create(oneMinusA) * d * d;
            squareAvg = sq;
            Vector128<T> avg;
            if (centered)
            {
                var ga = gradAvg * Vector128.Create(a) + Vector128.Create(oneMinusA) * d;
                gradAvg = ga;
                avg = Vector128.Sqrt(sq - ga * ga);
            }
            else avg = Vector128.Sqrt(sq);
            avg += Vector128.Create(e);
            if (hasMom)
            {
                var b = buf * Vector128.Create(mom) + d / avg;
                buf = b;
                p += Vector128.Create(negLr) * b;
            }
            else p += Vector128.Create(negLr) * (d / avg);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<T> p, Vector256<T> g, ref Vector256<T> squareAvg, ref Vector256<T> gradAvg, ref Vector256<T> buf)
        {
            var d = g ^ Vector256.Create(gSign);
            if (hasWd) d += Vector256.Create(wd) * p;
            var sq = squareAvg * Vector256.Create(a) + Vector256.Create(oneMinusA) * d * d;
            squareAvg = sq;
            Vector256<T> avg;
            if (centered)
            {
                var ga = gradAvg * Vector256.Create(a) + Vector256.Create(oneMinusA) * d;
                gradAvg = ga;
                avg = Vector256.Sqrt(sq - ga * ga);
            }
            else avg = Vector256.Sqrt(sq);
            avg += Vector256.Create(e);
            if (hasMom)
            {
                var b = buf * Vector256.Create(mom) + d / avg;
                buf = b;
                p += Vector256.Create(negLr) * b;
            }
            else p += Vector256.Create(negLr) * (d / avg);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector512<T> p, Vector512<T> g, ref Vector512<T> squareAvg, ref Vector512<T> gradAvg, ref Vector512<T> buf)
        {
            var d = g ^ Vector512.Create(gSign);
            if (hasWd) d += Vector512.Create(wd) * p;
            var sq = squareAvg * Vector512.Create(a) + Vector512.Create(oneMinusA) * d * d;
            squareAvg = sq;
            Vector512<T> avg;
            if (centered)
            {
                var ga = gradAvg * Vector512.Create(a) + Vector512.Create(oneMinusA) * d;
                gradAvg = ga;
                avg = Vector512.Sqrt(sq - ga * ga);
            }
            else avg = Vector512.Sqrt(sq);
            avg += Vector512.Create(e);
            if (hasMom)
            {
                var b = buf * Vector512.Create(mom) + d / avg;
                buf = b;
                p += Vector512.Create(negLr) * b;
            }
            else p += Vector512.Create(negLr) * (d / avg);
        }
    }
}

/// <summary>
/// Adadelta (<c>_single_tensor_adadelta</c>); state s0 is the running average of squared gradients, s1 the running
/// average of squared updates.
/// </summary>
/// <param name="Lr">Coefficient that scales the update.</param>
/// <param name="Rho">Smoothing constant.</param>
/// <param name="Eps">Added inside both square roots.</param>
/// <param name="WeightDecay">L2 penalty; 0 skips it.</param>
/// <param name="Maximize">Ascend instead of descend.</param>
internal readonly record struct AdadeltaRule(double Lr, double Rho, double Eps, double WeightDecay, bool Maximize) : IUpdateRule
{
    public void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> squareAvg, Span<T> accDelta, Span<T> s2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        UpdateRule.CheckState("adadelta", p.Length, squareAvg);
        UpdateRule.CheckState("adadelta", p.Length, accDelta);
        var op = new Op<T>(T.CreateTruncating(WeightDecay), T.CreateTruncating(Rho), T.CreateTruncating(1 - Rho), T.CreateTruncating(Eps),
            T.CreateTruncating(-Lr), WeightDecay != 0, Maximize);
        VectorDriver.Update(op, p, g, squareAvg, accDelta, default);
    }

    /// <summary>
    /// The arithmetic of one element: d = ±g (+ wd·p); sq = sq·ρ + (1 − ρ)·d·d; delta = √(acc + eps) / √(sq + eps) · d;
    /// acc = acc·ρ + (1 − ρ)·delta·delta; p += −lr·delta.
    /// </summary>
    internal readonly struct Op<T>(T wd, T r, T oneMinusR, T e, T negLr, bool hasWd, bool maximize) : IVectorUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The sign mask of the gradient: −0 flips it (maximize), +0 keeps it (xor, branch-free; the bits of scalar negation).</summary>
        private readonly T gSign = maximize ? T.NegativeZero : T.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref T p, T g, ref T squareAvg, ref T accDelta, ref T s2)
        {
            T d = maximize ? -g : g;
            if (hasWd) d += wd * p;
            T sq = squareAvg * r + oneMinusR * d * d;
            squareAvg = sq;
            T std = T.Sqrt(sq + e);
            T delta = T.Sqrt(accDelta + e) / std * d;
            accDelta = accDelta * r + oneMinusR * delta * delta;
            p += negLr * delta;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector128<T> p, Vector128<T> g, ref Vector128<T> squareAvg, ref Vector128<T> accDelta, ref Vector128<T> s2)
        {
            var d = g ^ Vector128.Create(gSign);
            if (hasWd) d += Vector128.Create(wd) * p;
            var sq = squareAvg * Vector128.Create(r) + Vector128.Create(oneMinusR) * d * d;
            squareAvg = sq;
            var std = Vector128.Sqrt(sq + Vector128.Create(e));
            var delta = Vector128.Sqrt(accDelta + Vector128.Create(e)) / std * d;
            accDelta = accDelta * Vector128.Create(r) + Vector128.Create(oneMinusR) * delta * delta;
            p += Vector128.Create(negLr) * delta;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<T> p, Vector256<T> g, ref Vector256<T> squareAvg, ref Vector256<T> accDelta, ref Vector256<T> s2)
        {
            var d = g ^ Vector256.Create(gSign);
            if (hasWd) d += Vector256.Create(wd) * p;
            var sq = squareAvg * Vector256.Create(r) + Vector256.Create(oneMinusR) * d * d;
            squareAvg = sq;
            var std = Vector256.Sqrt(sq + Vector256.Create(e));
            var delta = Vector256.Sqrt(accDelta + Vector256.Create(e)) / std * d;
            accDelta = accDelta * Vector256.Create(r) + Vector256.Create(oneMinusR) * delta * delta;
            p += Vector256.Create(negLr) * delta;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector512<T> p, Vector512<T> g, ref Vector512<T> squareAvg, ref Vector512<T> accDelta, ref Vector512<T> s2)
        {
            var d = g ^ Vector512.Create(gSign);
            if (hasWd) d += Vector512.Create(wd) * p;
            var sq = squareAvg * Vector512.Create(r) + Vector512.Create(oneMinusR) * d * d;
            squareAvg = sq;
            var std = Vector512.Sqrt(sq + Vector512.Create(e));
            var delta = Vector512.Sqrt(accDelta + Vector512.Create(e)) / std * d;
            accDelta = accDelta * Vector512.Create(r) + Vector512.Create(oneMinusR) * delta * delta;
            p += Vector512.Create(negLr) * delta;
        }
    }
}

/// <summary>
/// Adam and AdamW, with or without AMSGrad (<c>_single_tensor_adam</c>, <c>_single_tensor_adamw</c>); state s0 is the
/// first moment estimate, s1 the second, s2 the running maximum of the second (AMSGrad).
/// </summary>
/// <param name="Step">The step count, already incremented.</param>
/// <param name="Lr">Learning rate.</param>
/// <param name="Beta1">First moment decay.</param>
/// <param name="Beta2">Second moment decay.</param>
/// <param name="Eps">Added to the denominator.</param>
/// <param name="WeightDecay">Adam: L2 penalty added to the gradient; AdamW: decoupled decay, p ← p·(1 − lr·wd).</param>
/// <param name="Decoupled">AdamW's decoupled weight decay.</param>
/// <param name="Amsgrad">Use the running maximum of the second moment.</param>
/// <param name="Maximize">Ascend instead of descend.</param>
internal readonly record struct AdamRule(double Step, double Lr, double Beta1, double Beta2, double Eps, double WeightDecay,
    bool Decoupled, bool Amsgrad, bool Maximize) : IUpdateRule
{
    public void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> expAvg, Span<T> expAvgSq, Span<T> maxExpAvgSq) where T : unmanaged, IFloatingPointIeee754<T>
    {
        UpdateRule.CheckState("adam", p.Length, expAvg);
        UpdateRule.CheckState("adam", p.Length, expAvgSq);
        UpdateRule.CheckState("adam", p.Length, maxExpAvgSq, Amsgrad);
        double bc1 = 1 - Math.Pow(Beta1, Step), bc2 = 1 - Math.Pow(Beta2, Step);
        double stepSize = Lr / bc1;
        var op = new Op<T>(T.CreateTruncating(Beta1), T.CreateTruncating(1 - Beta1), T.CreateTruncating(Beta2), T.CreateTruncating(1 - Beta2),
            T.CreateTruncating(Math.Sqrt(bc2)), T.CreateTruncating(Eps), T.CreateTruncating(-stepSize),
            T.CreateTruncating(WeightDecay), T.CreateTruncating(1 - Lr * WeightDecay),
            Decoupled, !Decoupled && WeightDecay != 0, Amsgrad, Maximize);
        VectorDriver.Update(op, p, g, expAvg, expAvgSq, Amsgrad ? maxExpAvgSq : default);
    }

    /// <summary>
    /// The arithmetic of one element: d = ±g; p ·= 1 − lr·wd (AdamW) or d += wd·p (Adam); m = m·β1 + (1 − β1)·d;
    /// v = v·β2 + (1 − β2)·d·d (AMSGrad: v = max(vmax, v), stored); p += −(lr / bc1)·(m / (√v / √bc2 + eps)).
    /// </summary>
    internal readonly struct Op<T>(T b1, T oneMinusB1, T b2, T oneMinusB2, T bc2Sqrt, T e, T negStep, T wd, T decay,
        bool decoupled, bool coupledWd, bool amsgrad, bool maximize) : IVectorUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The sign mask of the gradient: −0 flips it (maximize), +0 keeps it (xor, branch-free; the bits of scalar negation).</summary>
        private readonly T gSign = maximize ? T.NegativeZero : T.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref T p, T g, ref T expAvg, ref T expAvgSq, ref T maxExpAvgSq)
        {
            T d = maximize ? -g : g;
            if (decoupled) p *= decay;
            else if (coupledWd) d += wd * p;
            T m = expAvg * b1 + oneMinusB1 * d;
            expAvg = m;
            T v = expAvgSq * b2 + oneMinusB2 * d * d;
            expAvgSq = v;
            if (amsgrad)
            {
                v = T.Max(maxExpAvgSq, v);
                maxExpAvgSq = v;
            }
            T denom = T.Sqrt(v) / bc2Sqrt + e;
            p += negStep * (m / denom);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector128<T> p, Vector128<T> g, ref Vector128<T> expAvg, ref Vector128<T> expAvgSq, ref Vector128<T> maxExpAvgSq)
        {
            var d = g ^ Vector128.Create(gSign);
            if (decoupled) p *= Vector128.Create(decay);
            else if (coupledWd) d += Vector128.Create(wd) * p;
            var m = expAvg * Vector128.Create(b1) + Vector128.Create(oneMinusB1) * d;
            expAvg = m;
            var v = expAvgSq * Vector128.Create(b2) + Vector128.Create(oneMinusB2) * d * d;
            expAvgSq = v;
            if (amsgrad)
            {
                v = Vector128.Max(maxExpAvgSq, v);
                maxExpAvgSq = v;
            }
            var denom = Vector128.Sqrt(v) / Vector128.Create(bc2Sqrt) + Vector128.Create(e);
            p += Vector128.Create(negStep) * (m / denom);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<T> p, Vector256<T> g, ref Vector256<T> expAvg, ref Vector256<T> expAvgSq, ref Vector256<T> maxExpAvgSq)
        {
            var d = g ^ Vector256.Create(gSign);
            if (decoupled) p *= Vector256.Create(decay);
            else if (coupledWd) d += Vector256.Create(wd) * p;
            var m = expAvg * Vector256.Create(b1) + Vector256.Create(oneMinusB1) * d;
            expAvg = m;
            var v = expAvgSq * Vector256.Create(b2) + Vector256.Create(oneMinusB2) * d * d;
            expAvgSq = v;
            if (amsgrad)
            {
                v = Vector256.Max(maxExpAvgSq, v);
                maxExpAvgSq = v;
            }
            var denom = Vector256.Sqrt(v) / Vector256.Create(bc2Sqrt) + Vector256.Create(e);
            p += Vector256.Create(negStep) * (m / denom);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector512<T> p, Vector512<T> g, ref Vector512<T> expAvg, ref Vector512<T> expAvgSq, ref Vector512<T> maxExpAvgSq)
        {
            var d = g ^ Vector512.Create(gSign);
            if (decoupled) p *= Vector512.Create(decay);
            else if (coupledWd) d += Vector512.Create(wd) * p;
            var m = expAvg * Vector512.Create(b1) + Vector512.Create(oneMinusB1) * d;
            expAvg = m;
            var v = expAvgSq * Vector512.Create(b2) + Vector512.Create(oneMinusB2) * d * d;
            expAvgSq = v;
            if (amsgrad)
            {
                v = Vector512.Max(maxExpAvgSq, v);
                maxExpAvgSq = v;
            }
            var denom = Vector512.Sqrt(v) / Vector512.Create(bc2Sqrt) + Vector512.Create(e);
            p += Vector512.Create(negStep) * (m / denom);
        }
    }
}
