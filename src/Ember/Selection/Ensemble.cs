using Ember.NN;

namespace Ember.Selection;

/// <summary>What the ensembles share: checking models and weights, and running trained models for inference.</summary>
internal static class Ensemble
{
    public static Module<Tensor, Tensor>[] Models(IEnumerable<Module<Tensor, Tensor>> models, string op)
    {
        ArgumentNullException.ThrowIfNull(models);
        var list = models.ToArray();
        if (list.Length == 0) throw new ArgumentException($"{op}: needs at least one model, got none", nameof(models));
        for (int i = 0; i < list.Length; i++)
            if (list[i] is null) throw new ArgumentNullException(nameof(models), $"{op}: model {i} is null");
        return list;
    }

    /// <summary>The weights (all 1 when null): one per model, finite, non-negative, not all zero.</summary>
    public static double[] Weights(IReadOnlyList<double>? weights, int count, string op)
    {
        if (weights is null) return Enumerable.Repeat(1.0, count).ToArray();
        if (weights.Count != count)
            throw new ArgumentException($"{op}: number of models and weights must be equal; got {weights.Count} weights, {count} models", nameof(weights));
        var w = weights.ToArray();
        for (int i = 0; i < w.Length; i++)
            if (!double.IsFinite(w[i]) || w[i] < 0)
                throw new ArgumentException($"{op}: weights must be finite and non-negative, got {w[i]} for model {i}", nameof(weights));
        if (w.All(v => v == 0)) throw new ArgumentException($"{op}: the weights must not all be zero", nameof(weights));
        return w;
    }

    /// <summary>
    /// Each model's output for <paramref name="input"/>, computed in evaluation mode under no-grad; every module's mode is put
    /// back afterwards. The outputs must all have one shape.
    /// </summary>
    public static Tensor[] Outputs(IReadOnlyList<Module<Tensor, Tensor>> models, Tensor input, string op)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outputs = new Tensor[models.Count];
        for (int i = 0; i < models.Count; i++)
        {
            var modes = models[i].Modules().Select(m => (Module: m, m.Training)).ToList();
            models[i].Eval();
            try
            {
                using (Torch.NoGrad()) outputs[i] = models[i].Call(input);
            }
            finally
            {
                foreach (var (m, training) in modes) m.Train(training); // pre-order: a parent first, its children then override
            }
            if (!outputs[i].ShapeArray.AsSpan().SequenceEqual(outputs[0].ShapeArray))
                throw new ArgumentException($"{op}: models must give outputs of one shape; model {i} gives {outputs[i].Shape}, model 0 gives {outputs[0].Shape}", nameof(models));
        }
        return outputs;
    }

    /// <summary>Checks that classifier outputs are logits [N, C] with C ≥ 2 and returns C.</summary>
    public static int Classes(Tensor logits, string op)
    {
        if (logits.Dim != 2 || logits.Size(1) < 2 || !logits.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: classifiers must output floating-point logits [N, C] with C >= 2, got {logits.Describe()}", "models");
        return logits.Size(1);
    }

    /// <summary>Σ wᵢ·tᵢ / Σ wᵢ, computed in float64.</summary>
    public static Tensor WeightedMean(IReadOnlyList<Tensor> values, double[] weights)
    {
        double total = weights.Sum();
        Tensor? sum = null;
        for (int i = 0; i < values.Count; i++)
        {
            var term = values[i].To(DType.Float64) * (weights[i] / total);
            sum = sum is null ? term : sum + term;
        }
        return sum!;
    }
}
