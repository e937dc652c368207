using System.Text.Json;
using System.Text.RegularExpressions;
using Ember.Data;
using Ember.Data.Formats;
using static Ember.Tests.Cli.CliRunner;

namespace Ember.Tests.Cli;

public sealed class CliTrainTests
{
    private static readonly string[] Quiet = ["--verbose", "0", "--no-report"];

    [Fact]
    public void TrainSavesAModelThatEvaluateAndPredictReload()
    {
        var dir = TempDir();
        string model = Path.Combine(dir, "iris.safetensors"), report = Path.Combine(dir, "report.html");
        var (code, output, err) = Run("train", "--data", "iris", "--epochs", "2", "--lr", "0.01", "--save", model, "--report", report);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Matches(@"Epoch 1/2 - 4/4 - [\d.]+s - [\d,]+ samples/s - loss: \d\.\d{4} - accuracy: ", output);
        Assert.Matches(@"Epoch 2/2 - 4/4 - .* - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - lr: [\d.E+-]+ - grad .* \| ok", output);
        Assert.Contains("test (30 samples): loss ", output);
        Assert.Contains("confusion matrix (rows: true class, columns: predicted):", output);
        Assert.Contains("setosa", output);
        string trainLine = output.Split('\n').Single(l => l.StartsWith("test (30 samples)", StringComparison.Ordinal));
        Assert.True(File.Exists(model) && File.Exists(model + ".json"));

        // The HTML report, and beside it the run's record: hyper-parameters, the history of both epochs, test metrics, the
        // confusion matrix, the gradient health.
        string html = File.ReadAllText(report);
        foreach (var id in new[] { "hyperparameters", "metrics", "curves", "summary", "confusion-matrix", "gradient-health" })
            Assert.Contains($"<section id=\"{id}\"", html);
        Assert.Contains("setosa", html);
        string runJson = Path.Combine(dir, "report.json");
        Assert.Contains($"report written to {report} (the run's data: {runJson}", output);
        using (var doc = JsonDocument.Parse(File.ReadAllText(runJson)))
        {
            var root = doc.RootElement;
            Assert.Equal("2", root.GetProperty("hyperParameters").GetProperty("epochs").GetString());
            Assert.Equal(2, root.GetProperty("history").GetProperty("val_loss").GetArrayLength());
            Assert.Equal(3, root.GetProperty("confusionMatrix").GetArrayLength());
            Assert.Equal(30, root.GetProperty("confusionMatrix").EnumerateArray().Sum(r => r.EnumerateArray().Sum(v => v.GetInt64())));
            Assert.Contains("Linear", root.GetProperty("modelSummary").GetString());
            Assert.Equal(2, root.GetProperty("gradientEpochs").GetArrayLength());
        }

        // ember report renders the same report again from the run's record.
        string again = Path.Combine(dir, "again.html");
        (code, output, err) = Run("report", runJson, "--output", again);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Equal($"report written to {again}", output.Trim());
        static string Body(string h) => Regex.Replace(h, @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", "");
        Assert.Equal(Body(html), Body(File.ReadAllText(again)));

        // evaluate rebuilds the model from its description and reproduces the held-out figures exactly.
        (code, output, err) = Run("evaluate", "--model-file", model);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains(trainLine.Replace("test (", "iris test part ("), output);

        // The description also lives in the safetensors metadata: without the sidecar the model still loads.
        File.Delete(model + ".json");
        (code, output, _) = Run("evaluate", "--model-file", model, "--split", "all");
        Assert.Equal(0, code);
        Assert.Contains("iris (150 samples)", output);

        // predict: one row per sample with the class and its probabilities.
        string predictions = Path.Combine(dir, "p.csv");
        (code, _, err) = Run("predict", "--model-file", model, "--data", "iris", "--output", predictions);
        Assert.Equal(0, code);
        var lines = File.ReadAllLines(predictions);
        Assert.Equal("index,predicted,target,p_setosa,p_versicolor,p_virginica", lines[0]);
        Assert.Equal(31, lines.Length);

        string inputs = Path.Combine(dir, "in.csv");
        File.WriteAllText(inputs, "5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n");
        (code, output, err) = Run("predict", "--model-file", model, "--input", inputs);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.StartsWith("index,predicted,p_setosa", output);
        Assert.Equal(3, output.Trim().Split('\n').Length);

        File.WriteAllText(inputs, "5.1,3.5,1.4\n");
        (code, _, err) = Run("predict", "--model-file", model, "--input", inputs);
        Assert.Equal(1, code);
        Assert.Contains("3 values, but the model takes 4 per sample", err);
    }

    [Fact]
    public void JsonModelSpecTrains()
    {
        var dir = TempDir();
        string spec = Path.Combine(dir, "net.json");
        File.WriteAllText(spec, """
            {"layers": [{"type": "Linear", "in": 4, "out": 16}, {"type": "Tanh"}, {"type": "Dropout", "p": 0.1},
                        {"type": "LayerNorm", "shape": 16}, {"type": "Linear", "in": 16, "out": 3}]}
            """);
        var (code, output, err) = Run(["train", "--data", "iris", "--model", spec, "--epochs", "1", .. Quiet]);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("JSON model of 5 layers", output);
        Assert.Contains("accuracy", output);
    }

    [Theory]
    [InlineData("""{"layers": [{"type": "Linear", "in": 4}]}""", "model: layer 0 (Linear): missing field \"out\"")]
    [InlineData("""{"layers": [{"type": "Linear", "in": 4, "out": 8}, {"type": "Relu"}]}""", "model: layer 1: unknown type \"Relu\" (did you mean \"ReLU\"?)")]
    [InlineData("""{"layers": [{"type": "Linear", "in": 4, "out": 3, "bais": false}]}""", "model: layer 0 (Linear): unknown field \"bais\"")]
    [InlineData("""{"layers": [{"type": "Linear", "in": 4, "out": 3}, {"type": "Dropout", "p": 1.5}]}""", "model: layer 1 (Dropout): field \"p\" must be in [0, 1), got 1.5")]
    [InlineData("""{"layers": [{"type": "Linear", "in": "4", "out": 3}]}""", "model: layer 0 (Linear): field \"in\" must be an integer, got \"4\"")]
    [InlineData("""{"layers": [{"in": 4, "out": 3}]}""", "model: layer 0: has no \"type\" field")]
    [InlineData("""{"layers": [{"type": "Linear", "in": 5, "out": 3}]}""", "model: the model does not accept samples of shape [4]")]
    [InlineData("""{"layers": [{"type": "Linear", "in": 4, "out": 2}]}""", "expected [N, 3] (3 classes)")]
    [InlineData("""{"layers": [{"type": "Linear", "in": 4, "out": 3},""", "is not valid JSON")]
    [InlineData("""{"model": 1}""", "must hold {\"layers\": [ ... ]}")]
    public void BadJsonModelSpecNamesTheLayerAndField(string json, string message)
    {
        var dir = TempDir();
        string spec = Path.Combine(dir, "bad.json");
        File.WriteAllText(spec, json);
        var (code, _, err) = Run(["train", "--data", "iris", "--model", spec, "--epochs", "1", .. Quiet]);
        Assert.Equal(1, code);
        Assert.Contains(message, err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void CsvWithALabelColumn()
    {
        var dir = TempDir();
        string csv = Path.Combine(dir, "points.csv");
        var rng = new Random(1);
        using (var w = new StreamWriter(csv))
        {
            w.WriteLine("x,y,shape,color");
            for (int i = 0; i < 60; i++)
            {
                double x = rng.NextDouble(), y = rng.NextDouble();
                w.WriteLine(FormattableString.Invariant($"{x:F3},{y:F3},{(i % 2 == 0 ? "round" : "square")},{(x > y ? "red" : "blue")}"));
            }
        }
        string model = Path.Combine(dir, "m.safetensors");
        var (code, output, err) = Run(["train", "--data", "csv:" + csv, "--label", "color", "--epochs", "2", "--save", model, .. Quiet]);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("samples of shape [4], 2 classes", output); // x, y and the one-hot shape columns
        Assert.Matches(@"(?m)^ *blue \(0\) +\d+ +\d+$", output); // the confusion matrix's rows are named by the classes

        // predict reads a CSV without the label column, encoded as the training file was.
        string inputs = Path.Combine(dir, "new.csv");
        File.WriteAllText(inputs, "x,y,shape\n0.9,0.1,round\n0.1,0.9,square\n");
        (code, output, err) = Run("predict", "--model-file", model, "--input", inputs);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.StartsWith("index,predicted,p_blue,p_red", output);

        // A label of real numbers is a regression.
        string reg = Path.Combine(dir, "reg.csv");
        File.WriteAllLines(reg, ["a,b,target", .. Enumerable.Range(0, 40).Select(i => FormattableString.Invariant($"{i % 7},{i % 5},{0.5 * (i % 7) - (i % 5) + 0.25}"))]);
        (code, output, err) = Run(["train", "--data", "csv:" + reg, "--label", "target", "--epochs", "2", .. Quiet]);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("regression", output);
        Assert.Contains("RMSE", output);

        (code, _, err) = Run(["train", "--data", "csv:" + reg, "--label", "nope", "--epochs", "1", .. Quiet]);
        Assert.Equal(1, code);
        Assert.Contains("has no column 'nope' (columns: a, b, target)", err);
    }

    [Fact]
    public void IdxFolderWithItsOwnTestFiles()
    {
        var dir = TempDir();
        WriteIdx(dir, "train", 40, seed: 1);
        WriteIdx(dir, "t10k", 10, seed: 2);
        var (code, output, err) = Run(["train", "--data", "idx:" + dir, "--epochs", "2", "--batch-size", "8", .. Quiet]);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("40 train / 10 test samples of shape [1, 6, 6], 3 classes", output);
        Assert.Contains("test (10 samples)", output);

        (code, output, err) = Run(["train", "--data", "idx:" + dir, "--model", "lenet", "--epochs", "1", .. Quiet]);
        Assert.Equal("", err);
        Assert.Equal(0, code);
    }

    private static void WriteIdx(string dir, string prefix, int n, int seed)
    {
        var rng = new Random(seed);
        var labels = new byte[n];
        var pixels = new byte[n * 36];
        for (int i = 0; i < n; i++)
        {
            labels[i] = (byte)(i % 3);
            for (int p = 0; p < 36; p++) pixels[i * 36 + p] = (byte)(p % 3 == labels[i] ? 200 + rng.Next(50) : rng.Next(50));
        }
        Idx.Write(Path.Combine(dir, prefix + "-images-idx3-ubyte"), pixels, [n, 6, 6]);
        Idx.Write(Path.Combine(dir, prefix + "-labels-idx1-ubyte.gz"), labels, [n], gzip: true);
    }

    [Fact]
    public void ImageFolderOfPgmFiles()
    {
        var dir = TempDir();
        foreach (var (cls, bright) in new[] { ("cats", true), ("dogs", false) })
        {
            Directory.CreateDirectory(Path.Combine(dir, cls));
            for (int i = 0; i < 6; i++)
            {
                var px = Enumerable.Range(0, 16).Select(p => (byte)(bright ? 180 + 10 * i : 20 + p)).ToArray();
                Pnm.Write(Path.Combine(dir, cls, $"{i}.pgm"), new Image(px, 4, 4, 1));
            }
        }
        var (code, output, err) = Run(["train", "--data", "images:" + dir, "--epochs", "2", "--test-split", "0.25", .. Quiet]);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("9 train / 3 test samples of shape [1, 4, 4], 2 classes", output);
        Assert.Contains("cats", output);

        Pnm.Write(Path.Combine(dir, "dogs", "big.pgm"), new Image(new byte[25], 5, 5, 1));
        (code, _, err) = Run(["train", "--data", "images:" + dir, "--epochs", "1", .. Quiet]);
        Assert.Equal(1, code);
        Assert.Contains("give --image-size N", err);
        (code, output, err) = Run(["train", "--data", "images:" + dir, "--epochs", "1", "--image-size", "4", .. Quiet]);
        Assert.Equal("", err);
        Assert.Equal(0, code);
    }

    [Fact]
    public void RegressionOnDiabetes()
    {
        var (code, output, err) = Run(["train", "--data", "diabetes", "--epochs", "3", .. Quiet]);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("test (88 samples)", output);
        Assert.Contains("RMSE", output);
        Assert.DoesNotContain("confusion", output);
    }

    [Fact]
    public void CheckpointResumeEarlyStoppingCsvLogAndMonitor()
    {
        var dir = TempDir();
        string ckpt = Path.Combine(dir, "ckpt.pt"), log = Path.Combine(dir, "log.csv");
        string[] common = ["train", "--data", "wine", "--checkpoint", ckpt, "--csv-log", log, "--early-stopping", "5", "--clip-grad-norm", "1", "--accumulate", "2", "--verbose", "1", "--no-report"];
        var (code, output, err) = Run([.. common, "--epochs", "2"]);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.True(File.Exists(ckpt));
        Assert.Equal(3, File.ReadAllLines(log).Length); // header and two epochs

        (code, output, err) = Run([.. common, "--epochs", "3", "--resume", ckpt]);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("resumed from", output);
        Assert.Contains("Epoch 3/3", output);
        Assert.DoesNotContain("Epoch 1/3", output);

        (code, output, err) = Run(["train", "--data", "iris", "--epochs", "1", "--monitor-gradients", "--no-report", "--verbose", "0"]);
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("gradient health: grad ", output);
    }

    [Fact]
    public void LrFindPrintsSuggestionsAndACurve()
    {
        var (code, output, err) = Run("lr-find", "--data", "iris", "--iterations", "30", "--optimizer", "sgd");
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("suggested learning rate: ", output);
        Assert.Contains("lr (log)", output);
        Assert.Contains("*", output);
    }
}
