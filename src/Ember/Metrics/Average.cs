namespace Ember.Metrics;

/// <summary>How precision, recall and F1 combine the classes (scikit-learn's <c>average</c> argument).</summary>
public enum Average
{
    /// <summary>Only the positive class (<c>posLabel</c>) counts; the labels must be binary (scikit-learn's default).</summary>
    Binary,
    /// <summary>Counts true positives, false positives and false negatives over all classes together.</summary>
    Micro,
    /// <summary>The unweighted mean of the per-class values.</summary>
    Macro,
    /// <summary>The mean of the per-class values weighted by each class's number of true samples (support).</summary>
    Weighted,
}
