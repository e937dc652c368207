using Ember.Kernels;

namespace Ember.Optim;

/// <summary>
/// The Adam family's shared update (<see cref="Adam"/>, and <see cref="AdamW"/> whose weight decay is
/// decoupled from the gradient): options, validation and the per-parameter step.
/// </summary>
public abstract class AdamBase : Optimizer
{
    private readonly bool _decoupled;

    /// <summary>Makes the optimizer over <paramref name="parameters"/> with these defaults.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="defaults">The option defaults (see <see cref="Adam"/>).</param>
    /// <param name="decoupled">Apply weight decay to the parameter (AdamW) instead of adding it to the gradient.</param>
    private protected AdamBase(IEnumerable<Tensor> parameters, Dictionary<string, object> defaults, bool decoupled)
        : base(parameters, defaults) => _decoupled = decoupled;

    /// <summary>Makes the optimizer over parameter groups with these defaults.</summary>
    /// <param name="paramGroups">The groups.</param>
    /// <param name="defaults">The option defaults.</param>
    /// <param name="decoupled">Apply weight decay to the parameter (AdamW) instead of adding it to the gradient.</param>
    private protected AdamBase(IEnumerable<ParamGroup> paramGroups, Dictionary<string, object> defaults, bool decoupled)
        : base(paramGroups, defaults) => _decoupled = decoupled;

    internal static Dictionary<string, object> MakeDefaults(double lr, (double, double) betas, double eps, double weightDecay, bool amsgrad, bool maximize)
    {
        Check(lr, betas, eps, weightDecay);
        return new()
        {
            ["lr"] = lr, ["betas"] = betas, ["eps"] = eps, ["weight_decay"] = weightDecay,
            ["amsgrad"] = amsgrad, ["maximize"] = maximize,
        };
    }

    private static void Check(double lr, (double B1, double B2) betas, double eps, double weightDecay)
    {
        Require(0.0 <= lr, $"Invalid learning rate: {Num(lr)}");
        Require(0.0 <= eps, $"Invalid epsilon value: {Num(eps)}");
        Require(0.0 <= betas.B1 && betas.B1 < 1.0, $"Invalid beta parameter at index 0: {Float(betas.B1)}");
        Require(0.0 <= betas.B2 && betas.B2 < 1.0, $"Invalid beta parameter at index 1: {Float(betas.B2)}");
        Require(0.0 <= weightDecay, $"Invalid weight_decay value: {Num(weightDecay)}");
    }

    /// <inheritdoc/>
    protected override void ValidateGroup(ParamGroup group) =>
        Check(group.Lr, group.Betas, group.GetDouble("eps"), group.WeightDecay);

    /// <inheritdoc/>
    protected override void StepGroup(ParamGroup group)
    {
        double lr = group.Lr, eps = group.GetDouble("eps"), weightDecay = group.WeightDecay;
        var (beta1, beta2) = group.Betas;
        bool amsgrad = group.GetBool("amsgrad"), maximize = group.GetBool("maximize");
        var ps = group.Params;
        for (int i = 0; i < ps.Count; i++)
        {
            var p = ps[i];
            if (p.Grad is not { } rawGrad) continue;
            var grad = GradFor(p, rawGrad);
            var state = StateOf(p);
            double step = IncrementStep(state, DType.Float32);
            var expAvg = StateTensor(state, "exp_avg", p);
            var expAvgSq = StateTensor(state, "exp_avg_sq", p);
            var maxExpAvgSq = amsgrad ? StateTensor(state, "max_exp_avg_sq", p) : null;
            Update(p, grad, new AdamRule(step, lr, beta1, beta2, eps, weightDecay, _decoupled, amsgrad, maximize), expAvg, expAvgSq, maxExpAvgSq);
        }
    }
}
