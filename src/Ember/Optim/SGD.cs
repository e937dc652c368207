using Ember.Kernels;

namespace Ember.Optim;

/// <summary>
/// Stochastic gradient descent, optionally with momentum, dampening, Nesterov momentum, weight decay (L2
/// penalty) and maximization (PyTorch's <c>torch.optim.SGD</c>, same update rule):
/// g ← ∇ (+ wd·θ); with momentum b ← μ·b + (1 − τ)·g (b = g on the first step), g ← g + μ·b (Nesterov) or b;
/// θ ← θ − lr·g.
/// </summary>
/// <remarks>State per parameter: <c>"momentum_buffer"</c> (only when momentum ≠ 0). Options: <c>lr</c>,
/// <c>momentum</c>, <c>dampening</c>, <c>weight_decay</c>, <c>nesterov</c>, <c>maximize</c>.</remarks>
public sealed class SGD : Optimizer
{
    /// <summary>Makes an SGD optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize, e.g. <c>model.Parameters()</c>.</param>
    /// <param name="lr">Learning rate (default 0.001, PyTorch 2's default).</param>
    /// <param name="momentum">Momentum factor (default 0).</param>
    /// <param name="dampening">Dampening for momentum (default 0).</param>
    /// <param name="weightDecay">Weight decay, an L2 penalty added to the gradient (default 0).</param>
    /// <param name="nesterov">Use Nesterov momentum (default false); needs momentum &gt; 0 and zero dampening.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it (default false).</param>
    /// <exception cref="ArgumentException">An option is invalid (PyTorch's messages, e.g. <c>Invalid learning rate: -1</c>),
    /// the parameter list is empty, a tensor is not a leaf, or a tensor is given twice.</exception>
    public SGD(IEnumerable<Tensor> parameters, double lr = 0.001, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false, bool maximize = false)
        : base(parameters, MakeDefaults(lr, momentum, dampening, weightDecay, nesterov, maximize))
    {
    }

    /// <summary>Makes an SGD optimizer over parameter groups; a group's own options override these defaults.</summary>
    /// <param name="paramGroups">The groups.</param>
    /// <param name="lr">Learning rate (default 0.001).</param>
    /// <param name="momentum">Momentum factor (default 0).</param>
    /// <param name="dampening">Dampening for momentum (default 0).</param>
    /// <param name="weightDecay">Weight decay (default 0).</param>
    /// <param name="nesterov">Use Nesterov momentum (default false).</param>
    /// <param name="maximize">Maximize the objective (default false).</param>
    /// <exception cref="ArgumentException">An option is invalid, there are no groups, or a tensor is given twice.</exception>
    public SGD(IEnumerable<ParamGroup> paramGroups, double lr = 0.001, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false, bool maximize = false)
        : base(paramGroups, MakeDefaults(lr, momentum, dampening, weightDecay, nesterov, maximize))
    {
    }

    private static Dictionary<string, object> MakeDefaults(double lr, double momentum, double dampening, double weightDecay, bool nesterov, bool maximize)
    {
        Check(lr, momentum, dampening, weightDecay, nesterov);
        return new()
        {
            ["lr"] = lr, ["momentum"] = momentum, ["dampening"] = dampening,
            ["weight_decay"] = weightDecay, ["nesterov"] = nesterov, ["maximize"] = maximize,
        };
    }

    private static void Check(double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        Require(!(lr < 0.0) && !double.IsNaN(lr), $"Invalid learning rate: {Num(lr)}");
        Require(!(momentum < 0.0) && !double.IsNaN(momentum), $"Invalid momentum value: {Num(momentum)}");
        Require(!(weightDecay < 0.0) && !double.IsNaN(weightDecay), $"Invalid weight_decay value: {Num(weightDecay)}");
        Require(!nesterov || (momentum > 0 && dampening == 0), "Nesterov momentum requires a momentum and zero dampening");
    }

    /// <inheritdoc/>
    protected override void ValidateGroup(ParamGroup group) =>
        Check(group.Lr, group.GetDouble("momentum"), group.GetDouble("dampening"), group.WeightDecay, group.GetBool("nesterov"));

    /// <inheritdoc/>
    protected override void StepGroup(ParamGroup group)
    {
        double lr = group.Lr, momentum = group.GetDouble("momentum"), dampening = group.GetDouble("dampening");
        double weightDecay = group.WeightDecay;
        bool nesterov = group.GetBool("nesterov"), maximize = group.GetBool("maximize");
        var ps = group.Params;
        for (int i = 0; i < ps.Count; i++)
        {
            var p = ps[i];
            if (p.Grad is not { } rawGrad) continue;
            var grad = GradFor(p, rawGrad);
            Tensor? buf = null;
            bool init = false;
            if (momentum != 0)
            {
                var state = StateOf(p);
                init = !(state.TryGetValue("momentum_buffer", out var o) && o is Tensor t && t.Shape == p.Shape);
                buf = StateTensor(state, "momentum_buffer", p);
            }
            if (momentum == 0 && weightDecay == 0) Update(p, grad, new PlainSgdRule(lr, maximize));
            else Update(p, grad, new SgdRule(lr, weightDecay, momentum, dampening, nesterov, maximize, init), buf);
        }
    }
}
