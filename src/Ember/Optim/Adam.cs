namespace Ember.Optim;

/// <summary>
/// Adam (PyTorch's <c>torch.optim.Adam</c>, same update rule): g ← ∇ (+ wd·θ, an L2 penalty);
/// m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; (AMSGrad: v̂ ← max(v̂, v), used in place of v);
/// θ ← θ − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε).
/// </summary>
/// <remarks>State per parameter: <c>"step"</c> (a 0-d float32 tensor, as PyTorch), <c>"exp_avg"</c>,
/// <c>"exp_avg_sq"</c> and, with AMSGrad, <c>"max_exp_avg_sq"</c>. Options: <c>lr</c>, <c>betas</c>
/// (a <c>(double, double)</c>), <c>eps</c>, <c>weight_decay</c>, <c>amsgrad</c>, <c>maximize</c>.
/// <see cref="Schedulers.OneCycleLR"/> cycles β1 as the momentum.</remarks>
public sealed class Adam : AdamBase
{
    /// <summary>Makes an Adam optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">Learning rate (default 0.001).</param>
    /// <param name="betas">Decay rates of the first and second moment estimates, each in [0, 1) (default (0.9, 0.999)).</param>
    /// <param name="eps">Added to the denominator (default 1e-8).</param>
    /// <param name="weightDecay">Weight decay, an L2 penalty added to the gradient (default 0).</param>
    /// <param name="amsgrad">Use the AMSGrad variant (default false).</param>
    /// <param name="maximize">Maximize the objective (default false).</param>
    /// <exception cref="ArgumentException">An option is invalid (PyTorch's messages, e.g. <c>Invalid beta parameter at index 0: 1.0</c>),
    /// the list is empty, or a tensor is given twice.</exception>
    public Adam(IEnumerable<Tensor> parameters, double lr = 0.001, (double, double)? betas = null, double eps = 1e-8,
        double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : base(parameters, MakeDefaults(lr, betas ?? (0.9, 0.999), eps, weightDecay, amsgrad, maximize), decoupled: false)
    {
    }

    /// <summary>Makes an Adam optimizer over parameter groups; a group's own options override these defaults.</summary>
    /// <param name="paramGroups">The groups.</param>
    /// <param name="lr">Learning rate (default 0.001).</param>
    /// <param name="betas">Decay rates of the moment estimates (default (0.9, 0.999)).</param>
    /// <param name="eps">Added to the denominator (default 1e-8).</param>
    /// <param name="weightDecay">Weight decay, an L2 penalty added to the gradient (default 0).</param>
    /// <param name="amsgrad">Use the AMSGrad variant (default false).</param>
    /// <param name="maximize">Maximize the objective (default false).</param>
    /// <exception cref="ArgumentException">An option is invalid, there are no groups, or a tensor is given twice.</exception>
    public Adam(IEnumerable<ParamGroup> paramGroups, double lr = 0.001, (double, double)? betas = null, double eps = 1e-8,
        double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : base(paramGroups, MakeDefaults(lr, betas ?? (0.9, 0.999), eps, weightDecay, amsgrad, maximize), decoupled: false)
    {
    }
}
