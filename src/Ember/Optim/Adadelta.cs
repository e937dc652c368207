using Ember.Kernels;

namespace Ember.Optim;

/// <summary>
/// Adadelta (PyTorch's <c>torch.optim.Adadelta</c>, same update rule): g ← ∇ (+ wd·θ);
/// v ← ρ·v + (1 − ρ)·g²; Δ = √(u + ε) / √(v + ε) · g; u ← ρ·u + (1 − ρ)·Δ²; θ ← θ − lr·Δ.
/// </summary>
/// <remarks>State per parameter: <c>"step"</c> (a 0-d int64 tensor), <c>"square_avg"</c>, <c>"acc_delta"</c>.
/// Options: <c>lr</c>, <c>rho</c>, <c>eps</c>, <c>weight_decay</c>, <c>maximize</c>.</remarks>
public sealed class Adadelta : Optimizer
{
    /// <summary>Makes an Adadelta optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">Coefficient that scales the update (default 1.0).</param>
    /// <param name="rho">Smoothing constant of the running averages, in [0, 1] (default 0.9).</param>
    /// <param name="eps">Added inside the square roots (default 1e-6).</param>
    /// <param name="weightDecay">Weight decay, an L2 penalty added to the gradient (default 0).</param>
    /// <param name="maximize">Maximize the objective (default false).</param>
    /// <exception cref="ArgumentException">An option is invalid (PyTorch's messages), the list is empty, or a tensor is given twice.</exception>
    public Adadelta(IEnumerable<Tensor> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6,
        double weightDecay = 0, bool maximize = false)
        : base(parameters, MakeDefaults(lr, rho, eps, weightDecay, maximize))
    {
    }

    /// <summary>Makes an Adadelta optimizer over parameter groups; a group's own options override these defaults.</summary>
    /// <param name="paramGroups">The groups.</param>
    /// <param name="lr">Coefficient that scales the update (default 1.0).</param>
    /// <param name="rho">Smoothing constant, in [0, 1] (default 0.9).</param>
    /// <param name="eps">Added inside the square roots (default 1e-6).</param>
    /// <param name="weightDecay">Weight decay (default 0).</param>
    /// <param name="maximize">Maximize the objective (default false).</param>
    /// <exception cref="ArgumentException">An option is invalid, there are no groups, or a tensor is given twice.</exception>
    public Adadelta(IEnumerable<ParamGroup> paramGroups, double lr = 1.0, double rho = 0.9, double eps = 1e-6,
        double weightDecay = 0, bool maximize = false)
        : base(paramGroups, MakeDefaults(lr, rho, eps, weightDecay, maximize))
    {
    }

    private static Dictionary<string, object> MakeDefaults(double lr, double rho, double eps, double weightDecay, bool maximize)
    {
        Check(lr, rho, eps, weightDecay);
        return new() { ["lr"] = lr, ["rho"] = rho, ["eps"] = eps, ["weight_decay"] = weightDecay, ["maximize"] = maximize };
    }

    private static void Check(double lr, double rho, double eps, double weightDecay)
    {
        Require(0.0 <= lr, $"Invalid learning rate: {Num(lr)}");
        Require(0.0 <= rho && rho <= 1.0, $"Invalid rho value: {Num(rho)}");
        Require(0.0 <= eps, $"Invalid epsilon value: {Num(eps)}");
        Require(0.0 <= weightDecay, $"Invalid weight_decay value: {Num(weightDecay)}");
    }

    /// <inheritdoc/>
    protected override void ValidateGroup(ParamGroup group) =>
        Check(group.Lr, group.GetDouble("rho"), group.GetDouble("eps"), group.WeightDecay);

    /// <inheritdoc/>
    protected override void StepGroup(ParamGroup group)
    {
        double lr = group.Lr, rho = group.GetDouble("rho"), eps = group.GetDouble("eps"), weightDecay = group.WeightDecay;
        bool maximize = group.GetBool("maximize");
        var ps = group.Params;
        for (int i = 0; i < ps.Count; i++)
        {
            var p = ps[i];
            if (p.Grad is not { } rawGrad) continue;
            var grad = GradFor(p, rawGrad);
            var state = StateOf(p);
            IncrementStep(state, DType.Int64);
            var squareAvg = StateTensor(state, "square_avg", p);
            var accDelta = StateTensor(state, "acc_delta", p);
            Update(p, grad, new AdadeltaRule(lr, rho, eps, weightDecay, maximize), squareAvg, accDelta);
        }
    }
}
