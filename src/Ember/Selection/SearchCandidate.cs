namespace Ember.Selection;

/// <summary>One candidate of a <see cref="GridSearch"/> or <see cref="RandomSearch"/>: its parameters and its cross-validated score.</summary>
public sealed class SearchCandidate
{
    internal SearchCandidate(int index, IReadOnlyDictionary<string, object> parameters, double[] foldScores, CrossValidationResult cv)
    {
        Index = index;
        Parameters = parameters;
        FoldScores = foldScores;
        (MeanScore, StdScore) = CrossValidationResult.MeanStd(foldScores);
        Mean = cv.Mean;
        Std = cv.Std;
    }

    /// <summary>The candidate's position in the search, 0-based.</summary>
    public int Index { get; }

    /// <summary>The parameters, by name (sorted by name).</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; }

    /// <summary>The score of each fold (scikit-learn's <c>split{k}_test_score</c>): the scored quantity's final value.</summary>
    public IReadOnlyList<double> FoldScores { get; }

    /// <summary>The mean of <see cref="FoldScores"/> (<c>mean_test_score</c>).</summary>
    public double MeanScore { get; }

    /// <summary>The population standard deviation of <see cref="FoldScores"/> (<c>std_test_score</c>).</summary>
    public double StdScore { get; }

    /// <summary>The rank, 1 for the best (<c>rank_test_score</c>): tied scores share the smallest rank; NaN scores rank last.</summary>
    public int Rank { get; internal set; }

    /// <summary>Every logged quantity's mean over the folds (see <see cref="CrossValidationResult.Mean"/>).</summary>
    public IReadOnlyDictionary<string, double> Mean { get; }

    /// <summary>Every logged quantity's standard deviation over the folds (see <see cref="CrossValidationResult.Std"/>).</summary>
    public IReadOnlyDictionary<string, double> Std { get; }
}
