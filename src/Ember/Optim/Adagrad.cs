using Ember.Kernels;

namespace Ember.Optim;

/// <summary>
/// Adagrad (PyTorch's <c>torch.optim.Adagrad</c>, same update rule): g ← ∇ (+ wd·θ);
/// clr = lr / (1 + (t − 1)·lr_decay); sum ← sum + g²; θ ← θ − clr·g / (√sum + ε).
/// </summary>
/// <remarks>State per parameter, created in the constructor as in PyTorch: <c>"step"</c> (a 0-d float32
/// tensor) and <c>"sum"</c> (filled with <c>initial_accumulator_value</c>). Options: <c>lr</c>,
/// <c>lr_decay</c>, <c>weight_decay</c>, <c>initial_accumulator_value</c>, <c>eps</c>, <c>maximize</c>.</remarks>
public sealed class Adagrad : Optimizer
{
    /// <summary>Makes an Adagrad optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">Learning rate (default 0.01).</param>
    /// <param name="lrDecay">Learning-rate decay (default 0).</param>
    /// <param name="weightDecay">Weight decay, an L2 penalty added to the gradient (default 0).</param>
    /// <param name="initialAccumulatorValue">Starting value of the sum of squared gradients (default 0).</param>
    /// <param name="eps">Added to the denominator for numerical stability (default 1e-10).</param>
    /// <param name="maximize">Maximize the objective (default false).</param>
    /// <exception cref="ArgumentException">An option is negative (PyTorch's messages), the list is empty, or a tensor is given twice.</exception>
    public Adagrad(IEnumerable<Tensor> parameters, double lr = 0.01, double lrDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : base(parameters, MakeDefaults(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize))
    {
        InitState();
    }

    /// <summary>Makes an Adagrad optimizer over parameter groups; a group's own options override these defaults.</summary>
    /// <param name="paramGroups">The groups.</param>
    /// <param name="lr">Learning rate (default 0.01).</param>
    /// <param name="lrDecay">Learning-rate decay (default 0).</param>
    /// <param name="weightDecay">Weight decay (default 0).</param>
    /// <param name="initialAccumulatorValue">Starting value of the sum of squared gradients (default 0).</param>
    /// <param name="eps">Added to the denominator (default 1e-10).</param>
    /// <param name="maximize">Maximize the objective (default false).</param>
    /// <exception cref="ArgumentException">An option is negative, there are no groups, or a tensor is given twice.</exception>
    public Adagrad(IEnumerable<ParamGroup> paramGroups, double lr = 0.01, double lrDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : base(paramGroups, MakeDefaults(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize))
    {
        InitState();
    }

    private void InitState()
    {
        foreach (var g in ParamGroups)
            foreach (var p in g.Params) EnsureState(g, p);
    }

    private Dictionary<string, object> EnsureState(ParamGroup group, Tensor p)
    {
        var state = StateOf(p);
        if (!state.ContainsKey("step")) state["step"] = Torch.Scalar(0.0);
        if (!state.ContainsKey("sum"))
        {
            var sum = ZerosFor(p);
            double init = group.GetDouble("initial_accumulator_value");
            if (init != 0) using (Torch.NoGrad()) sum.Fill_(init);
            state["sum"] = sum;
        }
        return state;
    }

    private static Dictionary<string, object> MakeDefaults(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps, bool maximize)
    {
        Check(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
        return new()
        {
            ["lr"] = lr, ["lr_decay"] = lrDecay, ["eps"] = eps, ["weight_decay"] = weightDecay,
            ["initial_accumulator_value"] = initialAccumulatorValue, ["maximize"] = maximize,
        };
    }

    private static void Check(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps)
    {
        Require(0.0 <= lr, $"Invalid learning rate: {Num(lr)}");
        Require(0.0 <= lrDecay, $"Invalid lr_decay value: {Num(lrDecay)}");
        Require(0.0 <= weightDecay, $"Invalid weight_decay value: {Num(weightDecay)}");
        Require(0.0 <= initialAccumulatorValue, $"Invalid initial_accumulator_value value: {Num(initialAccumulatorValue)}");
        Require(0.0 <= eps, $"Invalid epsilon value: {Num(eps)}");
    }

    /// <inheritdoc/>
    protected override void ValidateGroup(ParamGroup group) =>
        Check(group.Lr, group.GetDouble("lr_decay"), group.WeightDecay, group.GetDouble("initial_accumulator_value"), group.GetDouble("eps"));

    /// <inheritdoc/>
    protected override void StepGroup(ParamGroup group)
    {
        double lr = group.Lr, lrDecay = group.GetDouble("lr_decay"), weightDecay = group.WeightDecay, eps = group.GetDouble("eps");
        bool maximize = group.GetBool("maximize");
        var ps = group.Params;
        for (int i = 0; i < ps.Count; i++)
        {
            var p = ps[i];
            if (p.Grad is not { } rawGrad) continue;
            var grad = GradFor(p, rawGrad);
            var state = EnsureState(group, p);
            double step = IncrementStep(state, DType.Float32);
            var sum = StateTensor(state, "sum", p);
            double clr = lr / (1 + (step - 1) * lrDecay);
            Update(p, grad, new AdagradRule(clr, weightDecay, eps, maximize), sum);
        }
    }
}
