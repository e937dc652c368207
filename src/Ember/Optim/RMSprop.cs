using Ember.Kernels;

namespace Ember.Optim;

/// <summary>
/// RMSprop (PyTorch's <c>torch.optim.RMSprop</c>, same update rule): g ← ∇ (+ wd·θ);
/// v ← α·v + (1 − α)·g²; centered: ḡ ← α·ḡ + (1 − α)·g, d = √(v − ḡ²) + ε, else d = √v + ε;
/// with momentum b ← μ·b + g/d, θ ← θ − lr·b, else θ ← θ − lr·g/d.
/// </summary>
/// <remarks>State per parameter: <c>"step"</c> (a 0-d int64 tensor), <c>"square_avg"</c>, and
/// <c>"momentum_buffer"</c> (momentum &gt; 0) and <c>"grad_avg"</c> (centered). Options: <c>lr</c>,
/// <c>alpha</c>, <c>eps</c>, <c>weight_decay</c>, <c>momentum</c>, <c>centered</c>, <c>maximize</c>.</remarks>
public sealed class RMSprop : Optimizer
{
    /// <summary>Makes an RMSprop optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">Learning rate (default 0.01).</param>
    /// <param name="alpha">Smoothing constant (default 0.99).</param>
    /// <param name="eps">Added to the denominator (default 1e-8).</param>
    /// <param name="weightDecay">Weight decay, an L2 penalty added to the gradient (default 0).</param>
    /// <param name="momentum">Momentum factor (default 0).</param>
    /// <param name="centered">Normalize by an estimate of the gradient's variance (default false).</param>
    /// <param name="maximize">Maximize the objective (default false).</param>
    /// <exception cref="ArgumentException">An option is negative (PyTorch's messages), the list is empty, or a tensor is given twice.</exception>
    public RMSprop(IEnumerable<Tensor> parameters, double lr = 0.01, double alpha = 0.99, double eps = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : base(parameters, MakeDefaults(lr, alpha, eps, weightDecay, momentum, centered, maximize))
    {
    }

    /// <summary>Makes an RMSprop optimizer over parameter groups; a group's own options override these defaults.</summary>
    /// <param name="paramGroups">The groups.</param>
    /// <param name="lr">Learning rate (default 0.01).</param>
    /// <param name="alpha">Smoothing constant (default 0.99).</param>
    /// <param name="eps">Added to the denominator (default 1e-8).</param>
    /// <param name="weightDecay">Weight decay (default 0).</param>
    /// <param name="momentum">Momentum factor (default 0).</param>
    /// <param name="centered">Centered RMSprop (default false).</param>
    /// <param name="maximize">Maximize the objective (default false).</param>
    /// <exception cref="ArgumentException">An option is negative, there are no groups, or a tensor is given twice.</exception>
    public RMSprop(IEnumerable<ParamGroup> paramGroups, double lr = 0.01, double alpha = 0.99, double eps = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : base(paramGroups, MakeDefaults(lr, alpha, eps, weightDecay, momentum, centered, maximize))
    {
    }

    private static Dictionary<string, object> MakeDefaults(double lr, double alpha, double eps, double weightDecay, double momentum, bool centered, bool maximize)
    {
        Check(lr, alpha, eps, weightDecay, momentum);
        return new()
        {
            ["lr"] = lr, ["momentum"] = momentum, ["alpha"] = alpha, ["eps"] = eps, ["centered"] = centered,
            ["weight_decay"] = weightDecay, ["maximize"] = maximize,
        };
    }

    private static void Check(double lr, double alpha, double eps, double weightDecay, double momentum)
    {
        Require(0.0 <= lr, $"Invalid learning rate: {Num(lr)}");
        Require(0.0 <= eps, $"Invalid epsilon value: {Num(eps)}");
        Require(0.0 <= momentum, $"Invalid momentum value: {Num(momentum)}");
        Require(0.0 <= weightDecay, $"Invalid weight_decay value: {Num(weightDecay)}");
        Require(0.0 <= alpha, $"Invalid alpha value: {Num(alpha)}");
    }

    /// <inheritdoc/>
    protected override void ValidateGroup(ParamGroup group) =>
        Check(group.Lr, group.GetDouble("alpha"), group.GetDouble("eps"), group.WeightDecay, group.Momentum);

    /// <inheritdoc/>
    protected override void StepGroup(ParamGroup group)
    {
        double lr = group.Lr, alpha = group.GetDouble("alpha"), eps = group.GetDouble("eps");
        double weightDecay = group.WeightDecay, momentum = group.Momentum;
        bool centered = group.GetBool("centered"), maximize = group.GetBool("maximize");
        var ps = group.Params;
        for (int i = 0; i < ps.Count; i++)
        {
            var p = ps[i];
            if (p.Grad is not { } rawGrad) continue;
            var grad = GradFor(p, rawGrad);
            var state = StateOf(p);
            IncrementStep(state, DType.Int64);
            var squareAvg = StateTensor(state, "square_avg", p);
            var buf = momentum > 0 ? StateTensor(state, "momentum_buffer", p) : null;
            var gradAvg = centered ? StateTensor(state, "grad_avg", p) : null;
            Update(p, grad, new RmspropRule(lr, alpha, eps, weightDecay, momentum, centered, maximize), squareAvg, gradAvg, buf);
        }
    }
}
