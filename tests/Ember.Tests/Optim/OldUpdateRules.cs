using System.Numerics;

namespace Ember.Tests.Optim;

/// <summary>An old (scalar) update rule.</summary>
internal interface IOldRule
{
    void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> s0, Span<T> s1, Span<T> s2) where T : unmanaged, IFloatingPointIeee754<T>;
}

// The optimizer update rules as they were before they moved onto the vector driver: the scalar loops, kept verbatim as
// the oracle of UpdateRuleVectorTests (renamed Old*): the vectorized rules must give these loops' bits.

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
internal readonly record struct OldSgdRule(double Lr, double WeightDecay, double Momentum, double Dampening, bool Nesterov, bool Maximize, bool InitBuf) : IOldRule
{
    public void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> buf, Span<T> s1, Span<T> s2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T wd = T.CreateTruncating(WeightDecay), mom = T.CreateTruncating(Momentum);
        T oneMinusDamp = T.CreateTruncating(1 - Dampening), negLr = T.CreateTruncating(-Lr);
        bool hasWd = WeightDecay != 0, hasMom = Momentum != 0, init = InitBuf, nesterov = Nesterov, maximize = Maximize;
        if (g.Length < p.Length || (hasMom && buf.Length < p.Length)) throw new ArgumentException("sgd: state buffers are too short");
        for (int i = 0; i < p.Length; i++)
        {
            T d = maximize ? -g[i] : g[i];
            if (hasWd) d += wd * p[i];
            if (hasMom)
            {
                T b = init ? d : buf[i] * mom + oneMinusDamp * d;
                buf[i] = b;
                d = nesterov ? d + mom * b : b;
            }
            p[i] += negLr * d;
        }
    }
}

/// <summary>Adagrad (<c>_single_tensor_adagrad</c>, dense gradients); state s0 is the running sum of squared gradients.</summary>
/// <param name="Clr">The decayed learning rate lr / (1 + (step − 1)·lr_decay).</param>
/// <param name="WeightDecay">L2 penalty; 0 skips it.</param>
/// <param name="Eps">Added to the root of the sum.</param>
/// <param name="Maximize">Ascend instead of descend.</param>
internal readonly record struct OldAdagradRule(double Clr, double WeightDecay, double Eps, bool Maximize) : IOldRule
{
    public void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> sum, Span<T> s1, Span<T> s2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T wd = T.CreateTruncating(WeightDecay), e = T.CreateTruncating(Eps), negClr = T.CreateTruncating(-Clr);
        bool hasWd = WeightDecay != 0, maximize = Maximize;
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
internal readonly record struct OldRmspropRule(double Lr, double Alpha, double Eps, double WeightDecay, double Momentum, bool Centered, bool Maximize) : IOldRule
{
    public void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> squareAvg, Span<T> gradAvg, Span<T> buf) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T wd = T.CreateTruncating(WeightDecay), a = T.CreateTruncating(Alpha), oneMinusA = T.CreateTruncating(1 - Alpha);
        T e = T.CreateTruncating(Eps), mom = T.CreateTruncating(Momentum), negLr = T.CreateTruncating(-Lr);
        bool hasWd = WeightDecay != 0, hasMom = Momentum > 0, centered = Centered, maximize = Maximize;
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

/// <summary>
/// Adadelta (<c>_single_tensor_adadelta</c>); state s0 is the running average of squared gradients, s1 the running
/// average of squared updates.
/// </summary>
/// <param name="Lr">Coefficient that scales the update.</param>
/// <param name="Rho">Smoothing constant.</param>
/// <param name="Eps">Added inside both square roots.</param>
/// <param name="WeightDecay">L2 penalty; 0 skips it.</param>
/// <param name="Maximize">Ascend instead of descend.</param>
internal readonly record struct OldAdadeltaRule(double Lr, double Rho, double Eps, double WeightDecay, bool Maximize) : IOldRule
{
    public void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> squareAvg, Span<T> accDelta, Span<T> s2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T wd = T.CreateTruncating(WeightDecay), r = T.CreateTruncating(Rho), oneMinusR = T.CreateTruncating(1 - Rho);
        T e = T.CreateTruncating(Eps), negLr = T.CreateTruncating(-Lr);
        bool hasWd = WeightDecay != 0, maximize = Maximize;
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
internal readonly record struct OldAdamRule(double Step, double Lr, double Beta1, double Beta2, double Eps, double WeightDecay,
    bool Decoupled, bool Amsgrad, bool Maximize) : IOldRule
{
    public void Update<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> expAvg, Span<T> expAvgSq, Span<T> maxExpAvgSq) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double bc1 = 1 - Math.Pow(Beta1, Step), bc2 = 1 - Math.Pow(Beta2, Step);
        double stepSize = Lr / bc1;
        T b1 = T.CreateTruncating(Beta1), oneMinusB1 = T.CreateTruncating(1 - Beta1);
        T b2 = T.CreateTruncating(Beta2), oneMinusB2 = T.CreateTruncating(1 - Beta2);
        T bc2Sqrt = T.CreateTruncating(Math.Sqrt(bc2)), e = T.CreateTruncating(Eps), negStep = T.CreateTruncating(-stepSize);
        T wd = T.CreateTruncating(WeightDecay), decay = T.CreateTruncating(1 - Lr * WeightDecay);
        bool decoupled = Decoupled, coupledWd = !Decoupled && WeightDecay != 0, amsgrad = Amsgrad, maximize = Maximize;
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
