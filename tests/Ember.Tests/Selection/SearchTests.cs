using Ember.Data;
using Ember.Metrics;
using Ember.NN;
using Ember.Optim;
using Ember.Selection;
using Ember.Training;

namespace Ember.Tests.Selection;

public sealed class SearchTests
{
    private static SupervisedTensorDataset Prices(int n = 20)
    {
        var g = new Generator(9);
        var x = Torch.Rand([n, 3], generator: g);
        var y = (x.Matmul(Torch.FromArray(new[] { 2.0f, 1.0f, 3.0f }, 3)) + 1.0).Unsqueeze(1);
        return TensorDataset.Of(x, y);
    }

    /// <summary>A linear model starting at zero (so candidates that train alike score alike), Adam with the candidate's lr.</summary>
    private static Trainer Factory(IReadOnlyDictionary<string, object> p, int fold)
    {
        var net = new Linear(3, 1);
        using (Torch.NoGrad())
        {
            net.Weight.Zero_();
            net.Bias!.Zero_();
        }
        return new Trainer(net, (o, t) => F.MseLoss(o, t), new Adam(net.Parameters(), lr: (double)p["lr"]), metrics: [new LogRmse()]);
    }

    private static Dictionary<string, IEnumerable<object>> Grid(params (string Name, object[] Values)[] entries) =>
        entries.ToDictionary(e => e.Name, e => (IEnumerable<object>)e.Values);

    [Fact]
    public void GridOrderIsScikitLearns()
    {
        // scikit-learn 1.2.1: list(ParameterGrid([{'lr': [0.1, 0.01], 'batch': [8, 16, 32], 'act': ['relu', 'tanh']},
        //                                         {'Zeta': [True, False], 'alpha': [1.5]}]))
        string[] expected =
        [
            "{'act': 'relu', 'batch': 8, 'lr': 0.1}", "{'act': 'relu', 'batch': 8, 'lr': 0.01}",
            "{'act': 'relu', 'batch': 16, 'lr': 0.1}", "{'act': 'relu', 'batch': 16, 'lr': 0.01}",
            "{'act': 'relu', 'batch': 32, 'lr': 0.1}", "{'act': 'relu', 'batch': 32, 'lr': 0.01}",
            "{'act': 'tanh', 'batch': 8, 'lr': 0.1}", "{'act': 'tanh', 'batch': 8, 'lr': 0.01}",
            "{'act': 'tanh', 'batch': 16, 'lr': 0.1}", "{'act': 'tanh', 'batch': 16, 'lr': 0.01}",
            "{'act': 'tanh', 'batch': 32, 'lr': 0.1}", "{'act': 'tanh', 'batch': 32, 'lr': 0.01}",
            "{'Zeta': True, 'alpha': 1.5}", "{'Zeta': False, 'alpha': 1.5}",
        ];
        var grid = new ParameterGrid([
            Grid(("lr", [0.1, 0.01]), ("batch", [8, 16, 32]), ("act", ["relu", "tanh"])),
            Grid(("Zeta", [true, false]), ("alpha", [1.5])),
        ]);
        Assert.Equal(14, grid.Count);
        Assert.Equal(expected, grid.Select(ParameterGrid.Format));
        Assert.Equal(expected[13], ParameterGrid.Format(grid[13]));
        // Python's float repr: print({'a': 1.0, 'b': 1e-05, 'c': 2.5e-07, 'd': 1e+22, 'e': float('nan')}).
        Assert.Equal("{'a': 1.0, 'b': 1e-05, 'c': 2.5e-07, 'd': 1e+22, 'e': nan}", ParameterGrid.Format(
            new ParameterGrid(Grid(("a", [1.0]), ("b", [1e-5]), ("c", [2.5e-7]), ("d", [1e22]), ("e", [double.NaN])))[0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid[14]);
        Assert.Throws<ArgumentOutOfRangeException>(() => grid[-1]);
    }

    [Fact]
    public void EmptyGridsThrow()
    {
        Assert.StartsWith("parametergrid:", Assert.Throws<ArgumentException>(() => new ParameterGrid(Grid())).Message);
        var e = Assert.Throws<ArgumentException>(() => new ParameterGrid(Grid(("lr", []))));
        Assert.StartsWith("parametergrid:", e.Message);
        Assert.Contains("'lr'", e.Message);
        Assert.Throws<ArgumentException>(() => new ParameterGrid(Array.Empty<IReadOnlyDictionary<string, IEnumerable<object>>>()));
        Assert.Throws<ArgumentNullException>(() => new ParameterGrid(Grid(("lr", [null!]))));
    }

    [Fact]
    public void GridSearchScoresRanksAndPicksTheBest()
    {
        var data = Prices();
        var options = new CrossValidationOptions { K = 3, Epochs = 4, BatchSize = 5, Seed = 7 };
        // 'dummy' does not change training: candidates 0 and 2 (lr 0) tie, and so do 1 and 3.
        var grid = new ParameterGrid(Grid(("lr", [0.0, 0.2]), ("dummy", ["a", "b"])));
        var search = new GridSearch(grid, Factory, "val_log_rmse", options: options);
        Assert.Equal(MonitorMode.Min, search.Mode);
        var result = search.Fit(data);
        Assert.Equal(4, result.Candidates.Count);
        Assert.Equal(result.Candidates[0].MeanScore, result.Candidates[2].MeanScore);
        Assert.Equal(result.Candidates[1].MeanScore, result.Candidates[3].MeanScore);
        Assert.True(result.Candidates[1].MeanScore < result.Candidates[0].MeanScore);
        // scipy.stats.rankdata(scores, method='min') for lower-is-better: [3, 1, 3, 1].
        Assert.Equal([3, 1, 3, 1], result.Candidates.Select(c => c.Rank));
        Assert.Equal(1, result.BestIndex);
        Assert.Equal(0.2, (double)result.BestParameters["lr"]);
        Assert.Equal("a", result.BestParameters["dummy"]);
        // A candidate's score is its cross-validation's mean.
        var cv = CrossValidation.CrossValidate(f => Factory(grid[1], f), data, options);
        Assert.Equal(cv.Mean["val_log_rmse"], result.BestScore);
        Assert.Equal(cv.Std["val_log_rmse"], result.Candidates[1].StdScore);
        Assert.Equal(cv.Folds.Select(f => f.Final["val_log_rmse"]), result.Candidates[1].FoldScores);
        Assert.Equal(cv.Mean["loss"], result.Candidates[1].Mean["loss"]);
        var table = result.ToString();
        Assert.Contains("mean val_log_rmse", table);
        Assert.Contains("best: {'dummy': 'a', 'lr': 0.2}", table);

        // Higher-is-better ranks the other way (scipy's rankdata(-scores, method='min')).
        var max = new GridSearch(grid, Factory, "val_log_rmse", MonitorMode.Max, options).Fit(data);
        Assert.Equal([1, 3, 1, 3], max.Candidates.Select(c => c.Rank));
        Assert.Equal(0, max.BestIndex);
    }

    [Fact]
    public void ModesFollowTheScoredName()
    {
        var grid = new ParameterGrid(Grid(("lr", [0.1])));
        Assert.Equal(MonitorMode.Min, new GridSearch(grid, Factory).Mode);
        Assert.Equal(MonitorMode.Max, new GridSearch(grid, Factory, "val_accuracy").Mode);
        Assert.Equal(MonitorMode.Min, new GridSearch(grid, Factory, "val_mean_absolute_error").Mode);
        Assert.Equal(MonitorMode.Max, new GridSearch(grid, Factory, "val_r2").Mode);
        Assert.Equal(MonitorMode.Max, new GridSearch(grid, Factory, "val_loss", MonitorMode.Max).Mode);
    }

    [Fact]
    public void SearchBadInputThrows()
    {
        var grid = new ParameterGrid(Grid(("lr", [0.1])));
        var e = Assert.Throws<ArgumentException>(() => new GridSearch(grid, Factory, "val_accuracy", options: new CrossValidationOptions { K = 2 }).Fit(Prices(6)));
        Assert.StartsWith("gridsearch: scoring 'val_accuracy' was not logged", e.Message);
        Assert.StartsWith("gridsearch:", Assert.Throws<ArgumentException>(() => new GridSearch(grid, Factory, "")).Message);
        Assert.Throws<ArgumentNullException>(() => new GridSearch(null!, Factory));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridSearch(grid, Factory, mode: (MonitorMode)9));
        var space = new Dictionary<string, object> { ["lr"] = new[] { 0.1 } };
        Assert.StartsWith("randomsearch:", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSearch(space, 0, Factory)).Message);
        Assert.StartsWith("randomsearch:", Assert.Throws<ArgumentException>(() => new RandomSearch(new Dictionary<string, object>(), 2, Factory)).Message);
        Assert.StartsWith("randomsearch:", Assert.Throws<ArgumentException>(() => new RandomSearch(new Dictionary<string, object> { ["lr"] = 0.1 }, 2, Factory)).Message);
        Assert.StartsWith("randomsearch:", Assert.Throws<ArgumentException>(() => new RandomSearch(new Dictionary<string, object> { ["lr"] = "abc" }, 2, Factory)).Message);
        Assert.StartsWith("randomsearch:", Assert.Throws<ArgumentException>(() => new RandomSearch(new Dictionary<string, object> { ["lr"] = Array.Empty<double>() }, 2, Factory)).Message);
        Assert.Throws<ArgumentException>(() => Distributions.Uniform(1, 1));
        Assert.Throws<ArgumentException>(() => Distributions.LogUniform(0, 1));
        Assert.Throws<ArgumentException>(() => Distributions.IntRange(3, 3));
        Assert.Throws<ArgumentException>(() => Distributions.Choice());
    }

    [Fact]
    public void RandomSearchDrawsReproducibleCandidatesInTheirRanges()
    {
        var space = new Dictionary<string, object>
        {
            ["lr"] = Distributions.LogUniform(1e-3, 1e-1),
            ["hidden"] = Distributions.IntRange(4, 9),
            ["drop"] = Distributions.Uniform(0.1, 0.5),
            ["act"] = new[] { "relu", "tanh" },
        };
        var a = new RandomSearch(space, 40, Factory, randomState: 3);
        var b = new RandomSearch(space, 40, Factory, randomState: 3);
        Assert.Equal(40, a.Candidates.Count);
        Assert.Equal(a.Candidates.Select(ParameterGrid.Format), b.Candidates.Select(ParameterGrid.Format));
        Assert.NotEqual(a.Candidates.Select(ParameterGrid.Format), new RandomSearch(space, 40, Factory, randomState: 4).Candidates.Select(ParameterGrid.Format));
        Assert.Equal(["act", "drop", "hidden", "lr"], a.Candidates[0].Keys);
        Assert.All(a.Candidates, c =>
        {
            Assert.InRange((double)c["lr"], 1e-3, 1e-1);
            Assert.InRange((int)c["hidden"], 4, 8);
            Assert.InRange((double)c["drop"], 0.1, 0.5);
            Assert.Contains((string)c["act"], new[] { "relu", "tanh" });
        });
        // Log-uniform: about half the draws below the geometric mean 1e-2; every integer and both choices appear.
        Assert.InRange(a.Candidates.Count(c => (double)c["lr"] < 1e-2), 10, 30);
        Assert.Equal(5, a.Candidates.Select(c => (int)c["hidden"]).Distinct().Count());
        Assert.Equal(2, a.Candidates.Select(c => (string)c["act"]).Distinct().Count());

        // Lists only: distinct grid points, at most the grid's size.
        var lists = new Dictionary<string, object> { ["lr"] = new[] { 0.1, 0.2, 0.3 }, ["b"] = new[] { 1, 2 } };
        var few = new RandomSearch(lists, 4, Factory, randomState: 1);
        Assert.Equal(4, few.Candidates.Select(ParameterGrid.Format).Distinct().Count());
        var all = new RandomSearch(lists, 10, Factory, randomState: 1);
        Assert.Equal(6, all.Candidates.Count);
        Assert.Equal(new ParameterGrid(Grid(("lr", [0.1, 0.2, 0.3]), ("b", [1, 2]))).Select(ParameterGrid.Format).Order(), all.Candidates.Select(ParameterGrid.Format).Order());
    }

    [Fact]
    public void RandomSearchFitsEachCandidate()
    {
        var space = new Dictionary<string, object> { ["lr"] = new object[] { 0.0, 0.2 } };
        var result = new RandomSearch(space, 2, Factory, "val_loss", randomState: 0, options: new CrossValidationOptions { K = 2, Epochs = 3, Seed = 1 }).Fit(Prices());
        Assert.Equal(2, result.Candidates.Count);
        Assert.Equal(0.2, (double)result.BestParameters["lr"]);
        Assert.Equal(result.Candidates.Min(c => c.MeanScore), result.BestScore);
    }
}
