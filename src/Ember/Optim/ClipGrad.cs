namespace Ember.Optim;

/// <summary>
/// Gradient clipping (PyTorch's <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c>): call
/// between <c>loss.Backward()</c> and <see cref="Optimizer.Step()"/>. This is the one home of these
/// functions in Ember.
/// </summary>
/// <example>
/// <code>
/// loss.Backward();
/// ClipGrad.ClipGradNorm_(model.Parameters(), maxNorm: 1.0);
/// optimizer.Step();
/// </code>
/// </example>
public static class ClipGrad
{
    /// <summary>
    /// Scales the gradients of <paramref name="parameters"/> in place so that their total norm (the norm of
    /// all gradients concatenated into one vector) is at most <paramref name="maxNorm"/>: every gradient is
    /// multiplied by min(1, maxNorm / (total + 1e-6)). Parameters without a gradient are skipped.
    /// Returns the total norm before clipping, a 0-d tensor (0 when no parameter has a gradient).
    /// </summary>
    /// <param name="parameters">The parameters whose <see cref="Tensor.Grad"/> to clip.</param>
    /// <param name="maxNorm">The largest allowed total norm.</param>
    /// <param name="normType">The order p of the norm (default 2); <see cref="double.PositiveInfinity"/> for the largest absolute value.</param>
    /// <param name="errorIfNonfinite">Throw when the total norm is NaN or infinite instead of scaling by it (default false).</param>
    /// <exception cref="InvalidOperationException"><paramref name="errorIfNonfinite"/> is set and the total norm is not finite.</exception>
    public static Tensor ClipGradNorm_(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2, bool errorIfNonfinite = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var grads = parameters.Where(p => p?.Grad is not null).Select(p => p.Grad!).ToList();
        if (grads.Count == 0) return Torch.Scalar(0.0);
        using var _ = Torch.NoGrad();
        var dtype = grads.Select(g => g.DType).Aggregate(DTypeExtensions.Promote);
        Tensor total;
        if (double.IsPositiveInfinity(normType))
        {
            var norms = grads.Select(g => g.Detach().Abs().Amax().To(dtype)).ToList();
            total = norms.Count == 1 ? norms[0] : Torch.Stack(norms).Amax();
        }
        else
            total = Torch.Stack(grads.Select(g => Torch.Norm(g.Detach(), normType).To(dtype))).Norm(normType);
        double t = total.Item<double>();
        if (errorIfNonfinite && !double.IsFinite(t))
            throw new InvalidOperationException(
                $"The total norm of order {PyFormat.Float(normType)} for gradients from `parameters` is non-finite, so it cannot be clipped. " +
                "To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`");
        var coef = (maxNorm / (total + 1e-6)).Clamp(max: 1.0);
        foreach (var g in grads) g.Detach().Mul_(coef.To(g.DType));
        return total;
    }

    /// <summary>Clips the gradient of one parameter by its norm (see <see cref="ClipGradNorm_(IEnumerable{Tensor}, double, double, bool)"/>).</summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="maxNorm">The largest allowed norm.</param>
    /// <param name="normType">The order of the norm (default 2).</param>
    /// <param name="errorIfNonfinite">Throw when the norm is not finite (default false).</param>
    public static Tensor ClipGradNorm_(Tensor parameter, double maxNorm, double normType = 2, bool errorIfNonfinite = false) =>
        ClipGradNorm_([parameter ?? throw new ArgumentNullException(nameof(parameter))], maxNorm, normType, errorIfNonfinite);

    /// <summary>
    /// Clamps every gradient element of <paramref name="parameters"/> to [−clipValue, clipValue] in place
    /// (PyTorch's <c>clip_grad_value_</c>). Parameters without a gradient are skipped.
    /// </summary>
    /// <param name="parameters">The parameters whose <see cref="Tensor.Grad"/> to clip.</param>
    /// <param name="clipValue">The largest allowed absolute value.</param>
    public static void ClipGradValue_(IEnumerable<Tensor> parameters, double clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var _ = Torch.NoGrad();
        foreach (var p in parameters)
            p?.Grad?.Detach().Clamp_(-clipValue, clipValue);
    }

    /// <summary>Clamps the gradient of one parameter (see <see cref="ClipGradValue_(IEnumerable{Tensor}, double)"/>).</summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="clipValue">The largest allowed absolute value.</param>
    public static void ClipGradValue_(Tensor parameter, double clipValue) =>
        ClipGradValue_([parameter ?? throw new ArgumentNullException(nameof(parameter))], clipValue);
}
