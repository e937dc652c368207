using Ember.Metrics;
using Ember.NN;
using Ember.Selection;

namespace Ember.Tests.Selection;

public sealed class VotingTests
{
    /// <summary>A "trained model" whose output for sample i (input: int64 indices [N]) is row i of fixed outputs.</summary>
    internal sealed class Lookup(Tensor outputs) : Module<Tensor, Tensor>
    {
        public bool SawGrad { get; private set; }
        public bool SawTraining { get; private set; }

        public override Tensor Forward(Tensor input)
        {
            SawGrad |= Torch.IsGradEnabled;
            SawTraining |= Training;
            return outputs.IndexSelect(0, input);
        }
    }

    // The logits of three classifiers on 7 samples (values exact in float32).
    private static readonly float[][] Logits =
    [
        [2.0f, 1.0f, 0.0f, 0.0f, 1.5f, 0.25f, 0.5f, 0.5f, 3.0f, 1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, -1.0f, 2.0f, 1.75f, 0.25f, 0.0f, 0.0f],
        [0.0f, 1.0f, 0.5f, 1.0f, 0.0f, 0.25f, 0.0f, 2.5f, 1.0f, 0.0f, 1.0f, 0.0f, 0.0f, 0.75f, 0.0f, 3.0f, 1.0f, 0.0f, 0.0f, 0.0f, 0.5f],
        [0.0f, 0.0f, 1.0f, 0.0f, 0.5f, 2.0f, 1.5f, 0.0f, 0.5f, 0.0f, 0.0f, 1.0f, 1.25f, 0.0f, 0.0f, 0.0f, 0.0f, 2.0f, 0.0f, 0.5f, 0.0f],
    ];

    private static Lookup[] Models() => Logits.Select(l => new Lookup(Torch.FromArray(l, 7, 3))).ToArray();

    private static readonly Tensor X = Torch.FromArray(new long[] { 0, 1, 2, 3, 4, 5, 6 }, 7);

    // scikit-learn 1.2.1 VotingClassifier over estimators whose predict_proba is the softmax of the logits above.
    [Theory]
    [InlineData(null, new long[] { 0, 0, 0, 0, 0, 0, 0 })] // every sample a three-way tie: the smallest label
    [InlineData(new[] { 1.0, 2.0, 1.0 }, new long[] { 1, 0, 1, 1, 1, 0, 2 })]
    [InlineData(new[] { 2.0, 1.0, 1.0 }, new long[] { 0, 1, 2, 0, 2, 1, 0 })]
    [InlineData(new[] { 1.0, 0.5, 0.5 }, new long[] { 0, 1, 2, 0, 2, 1, 0 })] // weighted ties
    public void HardVotingIsScikitLearns(double[]? weights, long[] expected)
    {
        var v = new VotingClassifier(Models(), Voting.Hard, weights);
        var labels = v.Predict(X);
        Assert.Equal(DType.Int64, labels.DType);
        Assert.Equal(expected, labels.ToArray<long>());
        Assert.Equal(expected, v.Call(X).ToArray<long>());
        var e = Assert.Throws<InvalidOperationException>(() => v.PredictProba(X));
        Assert.StartsWith("votingclassifier:", e.Message);
    }

    [Fact]
    public void SoftVotingIsScikitLearns()
    {
        double[] uniform =
        [
            0.354502078872585, 0.3210501399091791, 0.324447781218236, 0.2636111031394187, 0.3421903914274962, 0.39419850543308504,
            0.25397706437294504, 0.32563701679454526, 0.42038591883250964, 0.3333333333333333, 0.3333333333333333, 0.3333333333333333,
            0.36352029997814506, 0.3027629732492905, 0.3337167267725644, 0.32584292396034586, 0.2558574222412048, 0.41829965379844936,
            0.313042851093942, 0.34347857445302904, 0.34347857445302904,
        ];
        double[] weighted =
        [
            0.3268169088671599, 0.38961715199275665, 0.2835659391400834, 0.36697917059623997, 0.3269580323518491, 0.3060627970519109,
            0.1458729562168061, 0.47798459010198113, 0.3761424536812128, 0.315991651088155, 0.4200417445592247, 0.26396660435262026,
            0.29016977013894263, 0.3804083729318287, 0.32942185692922854, 0.505162861972222, 0.2367182790424596, 0.25811885898531856,
            0.3074751036606927, 0.30816370328042314, 0.38436119305888417,
        ];
        var soft = new VotingClassifier(Models(), Voting.Soft);
        var p = soft.PredictProba(X);
        Assert.Equal(new[] { 7, 3 }, p.ShapeArray);
        Assert.Equal(DType.Float32, p.DType);
        AssertClose(uniform, p.ToArray<double>(), 1e-6);
        Assert.Equal(new long[] { 0, 2, 2, 0, 0, 2 }, soft.Predict(X).ToArray<long>()[..6]); // sample 6 ties classes 1 and 2 exactly
        var w = new VotingClassifier(Models(), Voting.Soft, [1, 2, 0.5]);
        AssertClose(weighted, w.Call(X).ToArray<double>(), 1e-6);
        Assert.Equal(new long[] { 1, 0, 1, 1, 1, 0, 2 }, w.Predict(X).ToArray<long>());
        // The ensemble is evaluated like a model.
        var acc = new Accuracy();
        acc.Update(w.Call(X), Torch.FromArray(new long[] { 1, 0, 1, 1, 1, 0, 0 }, 7));
        Assert.Equal(6.0 / 7, acc.Compute(), 12);
    }

    [Fact]
    public void RegressorAveragingIsScikitLearns()
    {
        float[][] outputs = [[1.0f, 2.5f, -3.0f, 0.5f], [2.0f, 0.0f, 1.0f, 0.25f], [0.5f, 1.0f, 4.0f, -2.0f]];
        var models = outputs.Select(o => new Lookup(Torch.FromArray(o, 4))).ToArray();
        var x = Torch.FromArray(new long[] { 0, 1, 2, 3 }, 4);
        // scikit-learn 1.2.1 VotingRegressor.
        AssertClose([1.1666666666666667, 1.1666666666666667, 0.6666666666666666, -0.4166666666666667], new AveragingRegressor(models).Predict(x).ToArray<double>(), 1e-6);
        AssertClose([1.6111111111111112, 0.6666666666666666, 0.4444444444444444, 0.05555555555555555],
            new AveragingRegressor(models, [1, 3, 0.5]).Call(x).ToArray<double>(), 1e-6);
    }

    [Fact]
    public void ModelsRunInEvalModeWithoutGradAndKeepTheirModes()
    {
        var models = Models();
        models[0].Train();
        models[1].Eval();
        var v = new VotingClassifier(models, Voting.Soft);
        var p = v.PredictProba(X);
        Assert.False(p.RequiresGrad);
        Assert.All(models, m => Assert.False(m.SawGrad));
        Assert.All(models, m => Assert.False(m.SawTraining));
        Assert.True(models[0].Training);
        Assert.False(models[1].Training);
        Assert.Equal(3, v.Children().Count());
    }

    [Fact]
    public void BadInputThrowsNamedErrors()
    {
        var models = Models();
        Assert.StartsWith("votingclassifier:", Assert.Throws<ArgumentException>(() => new VotingClassifier(models, weights: [1, 2])).Message);
        Assert.StartsWith("votingclassifier:", Assert.Throws<ArgumentException>(() => new VotingClassifier(models, weights: [1, -1, 2])).Message);
        Assert.StartsWith("votingclassifier:", Assert.Throws<ArgumentException>(() => new VotingClassifier(models, weights: [0, 0, 0])).Message);
        Assert.StartsWith("votingclassifier:", Assert.Throws<ArgumentException>(() => new VotingClassifier(models, weights: [1, double.NaN, 0])).Message);
        Assert.StartsWith("votingclassifier:", Assert.Throws<ArgumentException>(() => new VotingClassifier([])).Message);
        Assert.Throws<ArgumentNullException>(() => new VotingClassifier([models[0], null!]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VotingClassifier(models, (Voting)5));
        var wide = new Lookup(Torch.Zeros([7, 4]));
        var e = Assert.Throws<ArgumentException>(() => new VotingClassifier([models[0], wide]).Predict(X));
        Assert.StartsWith("votingclassifier:", e.Message);
        Assert.Contains("[7, 4]", e.Message);
        Assert.StartsWith("votingclassifier:", Assert.Throws<ArgumentException>(() => new VotingClassifier([new Lookup(Torch.Zeros([7]))]).Predict(X)).Message);
        Assert.StartsWith("averagingregressor:", Assert.Throws<ArgumentException>(() => new AveragingRegressor(models, [1])).Message);
        Assert.StartsWith("averagingregressor:", Assert.Throws<ArgumentException>(() => new AveragingRegressor([models[0], wide]).Predict(X)).Message);
    }

    internal static void AssertClose(double[] expected, double[] actual, double tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
