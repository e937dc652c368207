using static Ember.Tests.Cli.CliRunner;

namespace Ember.Tests.Cli;

public sealed class CliCrossValidateAndReportTests
{
    [Fact]
    public void CvPrintsEachFoldAndTheAveragesTheSameWhateverTheParallelism()
    {
        string[] args = ["cv", "--data", "iris", "--epochs", "5", "--folds", "3", "--lr", "0.01"];
        var (code, output, err) = Run(args);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("ember cv: iris, 3-fold stratified over 120 training samples", output);
        var folds = output.Split('\n').Where(l => l.StartsWith("fold ", StringComparison.Ordinal) && l.Contains(", valid loss ")).ToArray();
        Assert.Equal(3, folds.Length);
        Assert.Contains("3-fold validation: avg train loss: ", output);
        Assert.Contains("avg valid accuracy: ", output);
        Assert.Matches(@"\nmean +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+", output);
        Assert.Matches(@"\nstd +[\d.]+", output);

        var (code2, output2, _) = Run([.. args, "--parallel", "3"]);
        Assert.Equal(0, code2);
        Assert.Equal(folds, output2.Split('\n').Where(l => l.StartsWith("fold ", StringComparison.Ordinal) && l.Contains(", valid loss ")).ToArray());

        // Regression folds are plain K-fold; stratifying them is refused.
        (code, output, err) = Run("cv", "--data", "diabetes", "--epochs", "2", "--folds", "2");
        Assert.Equal(0, code);
        Assert.Contains("2-fold over", output);
        Assert.Contains("valid r2", output);
        (code, _, err) = Run("cv", "--data", "diabetes", "--epochs", "1", "--stratified", "true");
        Assert.Equal(2, code);
        Assert.Contains("--stratified needs a classification task", err);
        (code, _, err) = Run("cv", "--data", "iris", "--folds", "1");
        Assert.Equal(2, code);
        Assert.Contains("--folds must be at least 2", err);
    }

    [Fact]
    public void ReportRefusesMissingAndMalformedRuns()
    {
        var dir = TempDir();
        var (code, _, err) = Run("report", Path.Combine(dir, "missing.json"));
        Assert.Equal(1, code);
        Assert.Contains("report: run file not found", err);
        string bad = Path.Combine(dir, "bad.json");
        File.WriteAllText(bad, "{ \"epochs\": [0, 1], \"history\": { \"loss\": [1.0] } }");
        (code, _, err) = Run("report", bad);
        Assert.Equal(1, code);
        Assert.Contains("history 'loss' has 1 values for 2 epochs", err);
        File.WriteAllText(bad, "not json");
        (code, _, err) = Run("report", bad);
        Assert.Equal(1, code);
        Assert.Contains("is not a run written by `ember train`", err);
        Assert.False(File.Exists(Path.Combine(dir, "bad.html")));
        (code, _, err) = Run("report", bad, "--output", bad);
        Assert.Equal(2, code);
        Assert.Contains("would overwrite the run file", err);
    }
}
