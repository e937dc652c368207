using Ember.Data;

namespace Ember.Cli;

/// <summary>
/// The data preparation shared by training and by saved models: table features standardized with statistics of the
/// training part (scikit-learn's StandardScaler), regression targets standardized likewise (the model learns z-scores;
/// predictions are mapped back), class targets as int64.
/// </summary>
internal static class Preprocessing
{
    /// <summary>Fits the feature scaler (tables only) and the target scaler (regression only) on the training part, into the card.</summary>
    public static void Fit(ModelCard card, DataSet train, bool standardize)
    {
        if (standardize && train.Features.Dim == 2)
        {
            var scaler = StandardScaler.Fit(train.Features);
            card.FeatureMean = scaler.Mean;
            card.FeatureScale = scaler.Scale;
        }
        if (card.TaskKind == TaskKind.Regression && train.Targets is Tensor y)
        {
            var v = y.To(DType.Float64);
            double mean = v.Mean().Item();
            double std = train.Count > 1 ? v.Std().Item() : 1;
            card.TargetMean = mean;
            card.TargetScale = std > 0 && double.IsFinite(std) ? std : 1;
        }
    }

    /// <summary>The model's input for raw features.</summary>
    public static Tensor Inputs(ModelCard card, Tensor features)
    {
        if (!features.Shape.Skip(1).SequenceEqual(card.Model.InputShape))
            throw new CliException($"data: the samples have shape [{string.Join(", ", features.Shape.Skip(1))}] but the model takes [{string.Join(", ", card.Model.InputShape)}]");
        var x = features.To(DType.Float32);
        if (card.FeatureMean is double[] mean && card.FeatureScale is double[] scale)
            x = new StandardScaler(mean, scale).Transform(x).To(DType.Float32);
        return x;
    }

    /// <summary>The training targets: int64 [N] class indices, or float32 [N, 1] standardized values.</summary>
    public static Tensor Targets(ModelCard card, Tensor targets)
    {
        if (card.TaskKind == TaskKind.Classification)
        {
            var y = targets.To(DType.Int64);
            if (targets.DType.IsFloatingPoint() && targets.Eq(y.To(targets.DType)).Sum().Item<long>() != targets.Numel)
                throw new CliException("data: classification needs integer class targets, but some targets have a fraction (use --task regression)", 2);
            int classes = card.Model.Outputs;
            if (y.Numel > 0 && (y.Min().Item<long>() < 0 || y.Max().Item<long>() >= classes))
                throw new CliException($"data: the targets range over {y.Min().Item<long>()}..{y.Max().Item<long>()} but the model has {classes} classes");
            return y;
        }
        return ((targets.To(DType.Float64) - (card.TargetMean ?? 0)) / (card.TargetScale ?? 1)).To(DType.Float32).Reshape(-1, 1);
    }

    /// <summary>Regression outputs in the targets' units.</summary>
    public static Tensor Unscale(ModelCard card, Tensor outputs) =>
        (outputs.To(DType.Float64) * (card.TargetScale ?? 1) + (card.TargetMean ?? 0)).To(DType.Float32);
}
