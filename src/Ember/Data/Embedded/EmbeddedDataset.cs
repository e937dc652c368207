namespace Ember.Data;

/// <summary>
/// A small tabular data set shipped inside Ember (scikit-learn's copies; see <see cref="EmbeddedDatasets"/>):
/// the whole set as two tensors plus its names and description, like scikit-learn's <c>Bunch</c>.
/// Every call to a loader returns fresh tensors, so changing them in place affects nobody else.
/// </summary>
public sealed class EmbeddedDataset
{
    internal EmbeddedDataset(string name, Tensor features, Tensor targets, IReadOnlyList<string> featureNames,
        IReadOnlyList<string>? targetNames, string description)
    {
        Name = name;
        Features = features;
        Targets = targets;
        FeatureNames = featureNames;
        TargetNames = targetNames;
        Description = description;
    }

    /// <summary>The set's short name (<c>digits</c>, <c>iris</c>, <c>breast_cancer</c>, <c>diabetes</c>, <c>wine</c>).</summary>
    public string Name { get; }

    /// <summary>The features, float32 [N, F], as stored in the file (no scaling).</summary>
    public Tensor Features { get; }

    /// <summary>The targets: int64 [N] class indices for classification sets, float32 [N] for regression (diabetes).</summary>
    public Tensor Targets { get; }

    /// <summary>The F feature names (scikit-learn's <c>feature_names</c>).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The class names, indexed by target (scikit-learn's <c>target_names</c>), or null for a regression set.</summary>
    public IReadOnlyList<string>? TargetNames { get; }

    /// <summary>The set's description: origin, attributes, citation (scikit-learn's <c>DESCR</c>, reStructuredText).</summary>
    public string Description { get; }

    /// <summary>Number of samples N.</summary>
    public int Count => Features.Size(0);

    /// <summary>Number of features F.</summary>
    public int NumFeatures => Features.Size(1);

    /// <summary>Whether the targets are class indices (int64) rather than real values.</summary>
    public bool IsClassification => Targets.DType == DType.Int64;

    /// <summary>
    /// The set as a dataset of <c>(Input, Target)</c> samples: Input float32 [F] (a row of <see cref="Features"/>),
    /// Target a 0-d int64 (or float32 for diabetes) tensor; ready for <see cref="DataLoader"/>, <see cref="Splits"/> and K-fold.
    /// </summary>
    /// <param name="transform">Applied to each Input row; null (default) for none.</param>
    public SupervisedTensorDataset ToDataset(Func<Tensor, Tensor>? transform = null) => TensorDataset.Of(Features, Targets, transform);

    /// <summary>A one-line summary, e.g. <c>iris: 150 samples x 4 features, 3 classes</c>.</summary>
    public override string ToString() =>
        $"{Name}: {Count} samples x {NumFeatures} features, " + (TargetNames is { } names ? $"{names.Count} classes" : "real-valued target");
}
