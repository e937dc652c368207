using static Ember.Tests.Cli.CliRunner;

namespace Ember.Tests.Cli;

public sealed class CliHelpTests
{
    [Fact]
    public void RootHelpListsTheCommands()
    {
        var (code, output, err) = Run("--help");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("ember [command] [options]", output);
        foreach (var command in new[] { "train", "evaluate", "predict", "summary", "lr-find", "cv", "report" })
            Assert.Contains("  " + command + " ", output);
    }

    [Theory]
    [InlineData("train", "--optimizer")]
    [InlineData("train", "--early-stopping")]
    [InlineData("evaluate", "--model-file")]
    [InlineData("predict", "--input")]
    [InlineData("summary", "--input-shape")]
    [InlineData("lr-find", "--start-lr")]
    public void EveryCommandHasHelp(string command, string option)
    {
        var (code, output, _) = Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Contains($"ember {command} [options]", output);
        Assert.Contains(option, output);
    }

    [Theory]
    [InlineData("train --epochs 0", "--epochs must be at least 1, got 0")]
    [InlineData("train --test-split 1.5", "--test-split must be between 0 and 1")]
    [InlineData("train --optimizer lbfgs", "'lbfgs' not recognized")]
    [InlineData("train --data mnist", "unknown source 'mnist'")]
    [InlineData("train --data csv:", "names no file after 'csv:'")]
    [InlineData("train --hidden 64,x", "--hidden takes positive layer widths")]
    [InlineData("train --dropout 1", "--dropout must be in [0, 1)")]
    [InlineData("train --verbose 3", "--verbose must be 0, 1 or 2")]
    [InlineData("train --lr -1", "--lr must be positive")]
    [InlineData("train --epochs ten", "ten")]
    [InlineData("evaluate", "--model-file")]
    [InlineData("predict --model-file m.safetensors", "give either --data SPEC or --input CSV")]
    [InlineData("summary --input-shape 1,0", "--input-shape takes positive sizes")]
    [InlineData("lr-find --start-lr 1 --end-lr 0.1", "must be above --start-lr")]
    [InlineData("frobnicate", "frobnicate")]
    public void BadUsageExitsWithTwoAndAMessage(string args, string message)
    {
        var (code, output, err) = Run(args.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.DoesNotContain("   at ", err); // no stack trace
        Assert.Equal("", output);
    }

    [Fact]
    public void AMissingDataFolderIsAFailureWithoutStackTrace()
    {
        var (code, _, err) = Run("train", "--data", "idx:/no/such/folder", "--no-report", "--verbose", "0");
        Assert.Equal(1, code);
        Assert.Contains("IDX folder not found: /no/such/folder", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void CsvWithoutLabelIsAUsageError()
    {
        var dir = TempDir();
        var csv = Path.Combine(dir, "d.csv");
        File.WriteAllText(csv, "a,b,y\n1,2,0\n3,4,1\n");
        var (code, _, err) = Run("train", "--data", "csv:" + csv, "--no-report");
        Assert.Equal(2, code);
        Assert.Contains("needs --label COLUMN", err);
    }

    [Fact]
    public void EvaluateOfAMissingModelFileFails()
    {
        var (code, _, err) = Run("evaluate", "--model-file", "/no/such/model.safetensors");
        Assert.Equal(1, code);
        Assert.Contains("model file not found: /no/such/model.safetensors", err);
    }

    [Fact]
    public void SummaryPrintsTheLayerTable()
    {
        var (code, output, err) = Run("summary", "--model", "lenet", "--input-shape", "1,1,28,28");
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("Conv2d: 1-1", output);
        Assert.Contains("[1, 10]", output);
        Assert.Contains("Total params: 61,706", output); // d2l's modern LeNet on 28×28: 156 + 2,416 + 48,120 + 10,164 + 850
    }

    [Fact]
    public void SummaryOfAModelThatRejectsTheShapeFails()
    {
        var (code, _, err) = Run("summary", "--model", "lenet", "--input-shape", "1,10");
        Assert.Equal(2, code);
        Assert.Contains("lenet needs image inputs", err);
    }
}
