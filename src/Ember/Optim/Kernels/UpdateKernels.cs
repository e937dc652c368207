using System.Numerics;
using System.Numerics.Tensors;
using Ember.Kernels;

namespace Ember.Optim.Kernels;

// The per-parameter update rules of PyTorch 1.13/2.x's single-tensor ("for-loop") optimizers, as pure
// functions over contiguous spans. Each element goes through exactly the tensor ops PyTorch runs, in the
// same order and in the parameter's precision (scalars such as lr are rounded to T first, as PyTorch's CPU
// kernels do), so float64 trajectories agree with PyTorch to rounding. Nothing here allocates, except
// UpdatePlain when it splits a large parameter across threads.

/// <summary>SGD with momentum, dampening, Nesterov momentum, weight decay and maximize (<c>_single_tensor_sgd</c>).</summary>
internal static class SgdKernel
{
    /// <param name="p">The parameter, updated in place.</param>
    /// <param name="g">The gradient.</param>
    /// <param name="buf">The momentum buffer (empty when momentum is 0).</param>
    /// <param name="initBuf">The buffer is new: set it to the (decayed) gradient instead of accumulating.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="weightDecay">L2 penalty; 0 skips it.</param>
    /// <param name="momentum">Momentum factor; 0 skips the buffer.</param>
    /// <param name="dampening">Dampening of the gradient added to the buffer.</param>
    /// <param name="nesterov">Nesterov momentum.</param>
    /// <param name="maximize">Ascend instead of descend.</param>
    public static void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> buf, bool initBuf,
        double lr, double weightDecay, double momentum, double dampening, bool nesterov, bool maximize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T wd = T.CreateTruncating(weightDecay), mom = T.CreateTruncating(momentum);
        T oneMinusDamp = T.CreateTruncating(1 - dampening), negLr = T.CreateTruncating(-lr);
        bool hasWd = weightDecay != 0, hasMom = momentum != 0;
        for (int i = 0; i < p.Length; i++)
        {
            T d = maximize ? -g[i] : g[i];
            if (hasWd) d += wd * p[i];
            if (hasMom)
            {
                T b = initBuf ? d : buf[i] * mom + oneMinusDamp * d;
                buf[i] = b;
                d = nesterov ? d + mom * b : b;
            }
            p[i] += negLr * d;
        }
    }

    /// <summary>
    /// Plain SGD (no momentum, no weight decay): p += (−lr)·g, or p += lr·g to maximize, vectorized and split across
    /// threads for large parameters (the update is memory-bound); the same roundings as <see cref="Update{T}"/>.
    /// </summary>
    /// <param name="p">The parameter's storage array, updated in place.</param>
    /// <param name="pOffset">Where the parameter's elements start in <paramref name="p"/>.</param>
    /// <param name="g">The gradient's storage array.</param>
    /// <param name="gOffset">Where the gradient's elements start in <paramref name="g"/>.</param>
    /// <param name="length">The number of elements (both are contiguous).</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="maximize">Ascend instead of descend.</param>
    public static void UpdatePlain<T>(T[] p, int pOffset, T[] g, int gOffset, int length, double lr, bool maximize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T alpha = T.CreateTruncating(maximize ? lr : -lr);
        if (length >= Elementwise.ParallelThreshold && Threading.NumThreads > 1)
            Elementwise.ParallelChunks(length, (s, n) => TensorPrimitives.MultiplyAdd(g.AsSpan(gOffset + s, n), alpha, p.AsSpan(pOffset + s, n), p.AsSpan(pOffset + s, n)));
        else
            TensorPrimitives.MultiplyAdd(g.AsSpan(gOffset, length), alpha, p.AsSpan(pOffset, length), p.AsSpan(pOffset, length));
    }
}

/// <summary>Adagrad (<c>_single_tensor_adagrad</c>, dense gradients).</summary>
internal static class AdagradKernel
{
    /// <param name="p">The parameter, updated in place.</param>
    /// <param name="g">The gradient.</param>
    /// <param name="sum">The running sum of squared gradients.</param>
    /// <param name="clr">The decayed learning rate lr / (1 + (step − 1)·lr_decay).</param>
    /// <param name="weightDecay">L2 penalty; 0 skips it.</param>
    /// <param name="eps">Added to the root of the sum.</param>
    /// <param name="maximize">Ascend instead of descend.</param>
    public static void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> sum, double clr, double weightDecay, double eps, bool maximize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T wd = T.CreateTruncating(weightDecay), e = T.CreateTruncating(eps), negClr = T.CreateTruncating(-clr);
        bool hasWd = weightDecay != 0;
        for (int i = 0; i < p.Length; i++)
        {
            T d = maximize ? -g[i] : g[i];
            if (hasWd) d += wd * p[i];
            T s = sum[i] + d * d;
            sum[i] = s;
            T std = T.Sqrt(s) + e;
            p[i] += negClr * (d / std);
        }
    }
}

/// <summary>RMSprop, plain or centered, with or without momentum (<c>_single_tensor_rmsprop</c>).</summary>
internal static class RmspropKernel
{
    /// <param name="p">The parameter, updated in place.</param>
    /// <param name="g">The gradient.</param>
    /// <param name="squareAvg">The running average of squared gradients.</param>
    /// <param name="gradAvg">The running average of gradients (used when centered).</param>
    /// <param name="buf">The momentum buffer (used when momentum &gt; 0).</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="alpha">Smoothing constant.</param>
    /// <param name="eps">Added to the denominator.</param>
    /// <param name="weightDecay">L2 penalty; 0 skips it.</param>
    /// <param name="momentum">Momentum factor; 0 or less skips the buffer.</param>
    /// <param name="centered">Normalize by the estimated variance instead of the second moment.</param>
    /// <param name="maximize">Ascend instead of descend.</param>
    public static void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> squareAvg, Span<T> gradAvg, Span<T> buf,
        double lr, double alpha, double eps, double weightDecay, double momentum, bool centered, bool maximize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T wd = T.CreateTruncating(weightDecay), a = T.CreateTruncating(alpha), oneMinusA = T.CreateTruncating(1 - alpha);
        T e = T.CreateTruncating(eps), mom = T.CreateTruncating(momentum), negLr = T.CreateTruncating(-lr);
        bool hasWd = weightDecay != 0, hasMom = momentum > 0;
        for (int i = 0; i < p.Length; i++)
        {
            T d = maximize ? -g[i] : g[i];
            if (hasWd) d += wd * p[i];
            T sq = squareAvg[i] * a + oneMinusA * d * d;
            squareAvg[i] = sq;
            T avg;
            if (centered)
            {
                T ga = gradAvg[i] * a + oneMinusA * d;
                gradAvg[i] = ga;
                avg = T.Sqrt(sq - ga * ga);
            }
            else avg = T.Sqrt(sq);
            avg += e;
            if (hasMom)
            {
                T b = buf[i] * mom + d / avg;
                buf[i] = b;
                p[i] += negLr * b;
            }
            else p[i] += negLr * (d / avg);
        }
    }
}

/// <summary>Adadelta (<c>_single_tensor_adadelta</c>).</summary>
internal static class AdadeltaKernel
{
    /// <param name="p">The parameter, updated in place.</param>
    /// <param name="g">The gradient.</param>
    /// <param name="squareAvg">The running average of squared gradients.</param>
    /// <param name="accDelta">The running average of squared updates.</param>
    /// <param name="lr">Coefficient that scales the update.</param>
    /// <param name="rho">Smoothing constant.</param>
    /// <param name="eps">Added inside both square roots.</param>
    /// <param name="weightDecay">L2 penalty; 0 skips it.</param>
    /// <param name="maximize">Ascend instead of descend.</param>
    public static void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> squareAvg, Span<T> accDelta,
        double lr, double rho, double eps, double weightDecay, bool maximize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T wd = T.CreateTruncating(weightDecay), r = T.CreateTruncating(rho), oneMinusR = T.CreateTruncating(1 - rho);
        T e = T.CreateTruncating(eps), negLr = T.CreateTruncating(-lr);
        bool hasWd = weightDecay != 0;
        for (int i = 0; i < p.Length; i++)
        {
            T d = maximize ? -g[i] : g[i];
            if (hasWd) d += wd * p[i];
            T sq = squareAvg[i] * r + oneMinusR * d * d;
            squareAvg[i] = sq;
            T std = T.Sqrt(sq + e);
            T delta = T.Sqrt(accDelta[i] + e) / std * d;
            accDelta[i] = accDelta[i] * r + oneMinusR * delta * delta;
            p[i] += negLr * delta;
        }
    }
}

/// <summary>Adam and AdamW, with or without AMSGrad (<c>_single_tensor_adam</c>, <c>_single_tensor_adamw</c>).</summary>
internal static class AdamKernel
{
    /// <param name="p">The parameter, updated in place.</param>
    /// <param name="g">The gradient.</param>
    /// <param name="expAvg">First moment estimate.</param>
    /// <param name="expAvgSq">Second moment estimate.</param>
    /// <param name="maxExpAvgSq">Running maximum of the second moment (used with AMSGrad).</param>
    /// <param name="step">The step count, already incremented.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">First moment decay.</param>
    /// <param name="beta2">Second moment decay.</param>
    /// <param name="eps">Added to the denominator.</param>
    /// <param name="weightDecay">Adam: L2 penalty added to the gradient; AdamW: decoupled decay, p ← p·(1 − lr·wd).</param>
    /// <param name="decoupled">AdamW's decoupled weight decay.</param>
    /// <param name="amsgrad">Use the running maximum of the second moment.</param>
    /// <param name="maximize">Ascend instead of descend.</param>
    public static void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> expAvg, Span<T> expAvgSq, Span<T> maxExpAvgSq, double step,
        double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled, bool amsgrad, bool maximize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double bc1 = 1 - Math.Pow(beta1, step), bc2 = 1 - Math.Pow(beta2, step);
        double stepSize = lr / bc1;
        T b1 = T.CreateTruncating(beta1), oneMinusB1 = T.CreateTruncating(1 - beta1);
        T b2 = T.CreateTruncating(beta2), oneMinusB2 = T.CreateTruncating(1 - beta2);
        T bc2Sqrt = T.CreateTruncating(Math.Sqrt(bc2)), e = T.CreateTruncating(eps), negStep = T.CreateTruncating(-stepSize);
        T wd = T.CreateTruncating(weightDecay), decay = T.CreateTruncating(1 - lr * weightDecay);
        bool coupledWd = !decoupled && weightDecay != 0;
        for (int i = 0; i < p.Length; i++)
        {
            T d = maximize ? -g[i] : g[i];
            if (decoupled) p[i] *= decay;
            else if (coupledWd) d += wd * p[i];
            T m = expAvg[i] * b1 + oneMinusB1 * d;
            expAvg[i] = m;
            T v = expAvgSq[i] * b2 + oneMinusB2 * d * d;
            expAvgSq[i] = v;
            if (amsgrad)
            {
                v = T.Max(maxExpAvgSq[i], v);
                maxExpAvgSq[i] = v;
            }
            T denom = T.Sqrt(v) / bc2Sqrt + e;
            p[i] += negStep * (m / denom);
        }
    }
}
