using Ember.NN;

namespace Ember.Selection;

/// <summary>What the two stacking ensembles share: the meta-features and the final linear layer.</summary>
internal static class Stacking
{
    /// <summary>
    /// The models' outputs side by side, float64 [N, Σ widths] — softmax probabilities for classifiers (scikit-learn's
    /// <c>stack_method='predict_proba'</c>, nothing dropped), raw outputs for regressors — then, with
    /// <paramref name="passthrough"/>, the input flattened to [N, D]; and the width of one model's part (C or T).
    /// </summary>
    public static (Tensor Features, int Width) Features(IReadOnlyList<Module<Tensor, Tensor>> models, Tensor input, bool passthrough, bool classifier, string op)
    {
        var outputs = Ensemble.Outputs(models, input, op);
        if (classifier) Ensemble.Classes(outputs[0], op);
        else if (!outputs[0].DType.IsFloatingPoint() || outputs[0].Dim is 0 or > 2)
            throw new ArgumentException($"{op}: regressors must give floating-point outputs [N] or [N, T], got {outputs[0].Describe()}", "models");
        var parts = new List<Tensor>(outputs.Length + 1);
        foreach (var o in outputs)
            parts.Add(classifier ? F.Softmax(o, 1, DType.Float64) : o.To(DType.Float64).Reshape(o.Size(0), -1));
        if (passthrough)
        {
            if (input.Dim == 0 || input.Size(0) != outputs[0].Size(0) || !input.DType.IsFloatingPoint())
                throw new ArgumentException($"{op}: passthrough needs a floating-point input with one row per sample, got {input.Describe()}", nameof(input));
            parts.Add(input.To(DType.Float64).Reshape(input.Size(0), -1));
        }
        return (Torch.Cat(parts, 1), parts[0].Size(1));
    }

    /// <summary>A float64 <see cref="Linear"/> [outputs × features] holding W (row-major [outputs, features]) and b.</summary>
    public static Linear Layer(double[] w, double[] b, int features, int outputs)
    {
        var layer = new Linear(features, outputs, dtype: DType.Float64);
        using (Torch.NoGrad())
        {
            layer.Weight.Copy_(Torch.FromArray(w, outputs, features));
            layer.Bias!.Copy_(Torch.FromArray(b, outputs));
        }
        return layer;
    }

    public static void CheckRows(Tensor features, Tensor targets, string op)
    {
        if (targets.Dim == 0 || targets.Size(0) != features.Size(0))
            throw new ArgumentException($"{op}: targets must have one row per sample ({features.Size(0)}), got shape {targets.Shape}", nameof(targets));
    }
}
