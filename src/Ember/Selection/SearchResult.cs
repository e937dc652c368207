using System.Globalization;
using System.Text;
using Ember.Training;

namespace Ember.Selection;

/// <summary>
/// The outcome of a <see cref="GridSearch"/> or <see cref="RandomSearch"/> (scikit-learn's <c>cv_results_</c>,
/// <c>best_params_</c>, <c>best_score_</c>); no model is refit.
/// </summary>
public sealed class SearchResult
{
    internal SearchResult(string scoring, MonitorMode mode, IReadOnlyList<SearchCandidate> candidates)
    {
        Scoring = scoring;
        Mode = mode;
        Candidates = candidates;
        Rank(candidates, mode == MonitorMode.Max);
        BestIndex = candidates.First(c => c.Rank == 1).Index;
    }

    /// <summary>The scored quantity, e.g. <c>"val_loss"</c>.</summary>
    public string Scoring { get; }

    /// <summary>Whether lower (<see cref="MonitorMode.Min"/>) or higher (<see cref="MonitorMode.Max"/>) scores are better.</summary>
    public MonitorMode Mode { get; }

    /// <summary>Every candidate, in search order.</summary>
    public IReadOnlyList<SearchCandidate> Candidates { get; }

    /// <summary>The index of the best candidate (the first of rank 1, scikit-learn's <c>best_index_</c>).</summary>
    public int BestIndex { get; }

    /// <summary>The best candidate's parameters (<c>best_params_</c>).</summary>
    public IReadOnlyDictionary<string, object> BestParameters => Candidates[BestIndex].Parameters;

    /// <summary>The best candidate's mean score (<c>best_score_</c>).</summary>
    public double BestScore => Candidates[BestIndex].MeanScore;

    /// <summary>
    /// scikit-learn's <c>rank_test_score</c>: <c>rankdata(-score, method="min")</c> for higher-is-better (on the score itself
    /// for lower-is-better), NaN scores tied at the worst rank, all ranks 1 when every score is NaN.
    /// </summary>
    private static void Rank(IReadOnlyList<SearchCandidate> candidates, bool higher)
    {
        for (int i = 0; i < candidates.Count; i++)
        {
            double s = candidates[i].MeanScore;
            int rank = 1;
            if (!double.IsNaN(s))
            {
                foreach (var other in candidates)
                    if (!double.IsNaN(other.MeanScore) && (higher ? other.MeanScore > s : other.MeanScore < s)) rank++;
            }
            else if (candidates.Any(c => !double.IsNaN(c.MeanScore)))
                rank = candidates.Count(c => !double.IsNaN(c.MeanScore)) + 1;
            candidates[i].Rank = rank;
        }
    }

    /// <summary>A table of the candidates in search order: rank, mean and standard deviation of the score, parameters.</summary>
    /// <returns>The table, as text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        string head = $"mean {Scoring}";
        int width = Math.Max(12, head.Length);
        sb.Append("rank  ").Append(head.PadLeft(width)).Append(' ').Append("std".PadLeft(10)).AppendLine("  parameters");
        foreach (var c in Candidates)
            sb.Append(c.Rank.ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append("  ")
              .Append(c.MeanScore.ToString("F6", CultureInfo.InvariantCulture).PadLeft(width)).Append(' ')
              .Append(c.StdScore.ToString("F6", CultureInfo.InvariantCulture).PadLeft(10)).Append("  ")
              .AppendLine(ParameterGrid.Format(c.Parameters));
        sb.Append("best: ").Append(ParameterGrid.Format(BestParameters)).Append(", ").Append(Scoring).Append(' ')
          .Append(BestScore.ToString("F6", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
