using Ember.Data;
using Ember.Metrics;
using Ember.NN;
using Ember.Optim;
using Ember.Selection;
using Ember.Training;
using static Ember.Tests.Selection.VotingTests;

namespace Ember.Tests.Selection;

public sealed partial class StackingTests
{
    private static readonly float[] L0 =
    [
        1.75f, 0.5f, 1.0f, 2.25f, 1.75f, -1.0f, 1.0f, -0.25f, -0.0f, 0.5f, 0.25f, 1.5f, 0.75f, 0.0f, 0.5f, 0.25f, 1.5f, -0.25f,
        0.25f, -0.75f, -2.5f, 0.75f, 0.75f, -0.75f, 2.25f, -1.5f, 0.0f, -0.25f, 1.5f, 1.5f, 0.25f, 0.5f, -1.0f, -2.0f, -0.25f, 0.25f,
    ];

    private static readonly float[] L1 =
    [
        1.25f, 1.25f, -0.5f, -0.25f, -1.0f, -1.5f, -1.75f, 2.0f, -0.5f, -0.5f, -1.25f, 0.75f, -1.5f, -0.25f, -1.0f, 0.5f, -0.5f, -1.25f,
        -0.0f, 0.5f, 0.0f, 0.25f, -0.75f, -0.25f, -0.75f, -0.25f, -0.75f, -1.75f, 0.25f, -0.5f, -1.75f, 0.5f, -1.0f, 0.0f, 0.75f, 0.25f,
    ];

    private static readonly Tensor Index12 = Torch.Arange(12);

    [Fact]
    public void FinalEstimatorIsScikitLearnsLogisticRegression()
    {
        var models = new[] { new Lookup(Torch.FromArray(L0, 12, 3)), new Lookup(Torch.FromArray(L1, 12, 3)) };
        var y = Torch.FromArray(new long[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2 }, 12);
        var stack = new StackingClassifier(models, c: 10).Fit(Index12, y);
        // scikit-learn 1.2.1: StackingClassifier(cv='prefit', stack_method='predict_proba',
        //   final_estimator=LogisticRegression(C=10, tol=1e-14, max_iter=100000)) over estimators with these logits. Its lbfgs
        //   stops on its relative-decrease test (ftol = 64 eps) with a gradient of 1.3e-4 left, so the optimum of its objective,
        //   on its stacked features, was finished with scipy's BFGS (gradient 5e-9): these are those values.
        double[] coef =
        [
            -0.13964979370513828, -0.8583093262967924, 0.9979591088418917, -0.3546183714861196, -0.580309155404105, 0.9349275157301877,
            0.3105829968156722, 1.1577923765673677, -1.4683753682342269, -0.10319965094114805, -0.10181353415525086, 0.20501319024521109,
            -0.1709332031105371, -0.2994830502705778, 0.47041625939233334, 0.45781802242726594, 0.6821226895593525, -1.1399407059754008,
        ];
        double[] intercept = [0.20812360758907922, -0.1271436845310735, -0.08097992305803875];
        double[] proba =
        [
            0.29308819735953073, 0.2558668840841035, 0.4510449185563657, 0.21788045365214156, 0.4734176927747053, 0.3087018535731532,
            0.24412295661072755, 0.2756726987043337, 0.4802043446849387, 0.740650391159157, 0.12317241995325362, 0.13617718888758948,
            0.3897153842168948, 0.248868849302031, 0.3614157664810742, 0.1762808523093916, 0.4963440690857695, 0.327375078604839,
            0.27491227896808484, 0.44080195242155046, 0.28428576861036464, 0.2786230890991496, 0.46811639359350443, 0.25326051730734594,
            0.3522051608667965, 0.3385167590137769, 0.30927808011942653, 0.3793232608003661, 0.25374377798870246, 0.3669329612109314,
            0.19654428315668462, 0.45055672378631917, 0.3528989930569961, 0.4566536929133763, 0.17492177891478305, 0.3684245281718407,
        ];
        // scikit-learn's own (early-stopped) predict_proba, first row: within 1e-4.
        AssertClose([0.29309910598541516, 0.25584942405166167, 0.4510514699629232], stack.PredictProba(Index12).ToArray<double>()[..3], 1e-4);
        Assert.Equal(new[] { 12, 6 }, stack.Features(Index12).ShapeArray);
        AssertClose(coef, stack.FinalEstimator!.Weight.ToArray<double>(), 1e-7);
        AssertClose(intercept, stack.FinalEstimator.Bias!.ToArray<double>(), 1e-7);
        AssertClose(proba, stack.PredictProba(Index12).ToArray<double>(), 1e-8);
        Assert.Equal(new long[] { 2, 1, 2, 0, 0, 1, 1, 1, 0, 0, 1, 0 }, stack.Predict(Index12).ToArray<long>());
        AssertClose(proba, stack.Call(Index12).ToArray<double>(), 1e-8);
    }

    [Fact]
    public void RegressorRecoversAKnownLinearMapping()
    {
        float[] m1 = [1.0f, 2.5f, -3.0f, 0.5f, 4.0f, -1.0f], m2 = [2.0f, 0.0f, 1.0f, 0.25f, -2.0f, 3.5f];
        var models = new[] { new Lookup(Torch.FromArray(m1, 6)), new Lookup(Torch.FromArray(m2, 6)) };
        var x = Torch.Arange(6);
        var y = Torch.FromArray(m1.Zip(m2, (a, b) => 2.0 * a - 0.5 * b + 3).ToArray(), 6);
        var stack = new StackingRegressor(models).Fit(x, y);
        AssertClose([2, -0.5], stack.FinalEstimator!.Weight.ToArray<double>(), 1e-10);
        AssertClose([3], stack.FinalEstimator.Bias!.ToArray<double>(), 1e-10);
        AssertClose(y.ToArray<double>(), stack.Predict(x).ToArray<double>(), 1e-10);
        Assert.Equal(new[] { 6 }, stack.Call(x).ShapeArray);

        // Ridge: scikit-learn 1.2.1 Ridge(alpha=1).fit(np.c_[m1, m2], [1, 2, 0.5, -1, 3, 0]).
        var ridge = new StackingRegressor(models, alpha: 1).Fit(x, Torch.FromArray(new[] { 1.0, 2.0, 0.5, -1.0, 3.0, 0.0 }, 6));
        AssertClose([0.2946921538782942, -0.18996030680156376], ridge.FinalEstimator!.Weight.ToArray<double>(), 1e-10);
        AssertClose([0.8705904736323751], ridge.FinalEstimator.Bias!.ToArray<double>(), 1e-10);

        // Two identical models: the minimum-norm solution shares the weight (lstsq).
        var twins = new StackingRegressor([models[0], new Lookup(Torch.FromArray(m1, 6))]).Fit(x, Torch.FromArray(m1.Select(a => 2.0 * a + 1).ToArray(), 6));
        AssertClose([1, 1], twins.FinalEstimator!.Weight.ToArray<double>(), 1e-8);

        // Passthrough adds the input's columns: a target that is the input itself is fitted exactly, up to the float32
        // rounding of the model's column (an affine copy of the input, so the features are collinear to ~6e-8).
        var inputs = Torch.FromArray(new[] { 0.5f, -1f, 2f, 0f, 1f, 3f }, 6, 1);
        var passthrough = new StackingRegressor([new Linear(1, 1, generator: new Generator(0))], passthrough: true).Fit(inputs, Torch.FromArray(new[] { 0.5, -1, 2, 0, 1, 3 }, 6));
        Assert.Equal(new[] { 6, 2 }, passthrough.Features(inputs).ShapeArray);
        AssertClose([0.5, -1, 2, 0, 1, 3], passthrough.Predict(inputs).ToArray<double>(), 1e-6);
    }

    /// <summary>A logistic-regression classifier that sees only some columns of the input.</summary>
    private sealed partial class Columns : Module<Tensor, Tensor>
    {
        [NotRegistered] private readonly Tensor _columns;
        private readonly Linear _fc;

        public Columns(long[] columns, int classes)
        {
            _columns = Torch.FromArray(columns, columns.Length);
            _fc = new Linear(columns.Length, classes);
        }

        public override Tensor Forward(Tensor x) => _fc.Call(x.IndexSelect(1, _columns));
    }

    [Fact]
    public void StackingOnWineIsAtLeastAsGoodAsTheBestBaseModel()
    {
        var wine = EmbeddedDatasets.Wine();
        var x = wine.Features;
        x = (x - x.Mean([0], keepdim: true)) / x.Std([0], keepdim: true);
        var y = wine.Targets;
        var order = Torch.Randperm(x.Size(0), generator: new Generator(0));
        Tensor Rows(Tensor t, int from, int count) => t.IndexSelect(0, order.Narrow(0, from, count));
        var (trainX, trainY) = (Rows(x, 0, 80), Rows(y, 0, 80));
        var (holdX, holdY) = (Rows(x, 80, 49), Rows(y, 80, 49));
        var (testX, testY) = (Rows(x, 129, 49), Rows(y, 129, 49));

        Torch.ManualSeed(1);
        long[][] subsets = [[0, 1], [2, 3, 4], [5, 8], [9, 10]];
        var models = subsets.Select(c => new Columns(c, 3)).ToArray();
        foreach (var m in models)
            new Trainer(m, (o, t) => F.CrossEntropy(o, t), new Adam(m.Parameters(), lr: 0.05))
                .Fit(new DataLoader(TensorDataset.Of(trainX, trainY), 16, shuffle: true, generator: new Generator(2)), epochs: 30);

        double Accuracy(Tensor predictions)
        {
            var acc = new Accuracy();
            acc.Update(predictions, testY);
            return acc.Compute();
        }
        var bases = models.Select(m => { using (Torch.NoGrad()) { m.Eval(); return Accuracy(m.Call(testX)); } }).ToArray();
        var stack = new StackingClassifier(models).Fit(holdX, holdY);
        double stacked = Accuracy(stack.Predict(testX));
        double soft = Accuracy(new VotingClassifier(models, Voting.Soft).Predict(testX));
        Assert.True(stacked >= bases.Max(), $"stacking {stacked} vs base models {string.Join(", ", bases)} (soft voting {soft})");
        Assert.True(stacked > bases.Min());
    }

    [Fact]
    public void BadInputThrowsNamedErrors()
    {
        var models = new[] { new Lookup(Torch.FromArray(L0, 12, 3)), new Lookup(Torch.FromArray(L1, 12, 3)) };
        var y = Torch.FromArray(new long[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2 }, 12);
        var stack = new StackingClassifier(models);
        Assert.StartsWith("stackingclassifier:", Assert.Throws<InvalidOperationException>(() => stack.Predict(Index12)).Message);
        Assert.StartsWith("stackingclassifier:", Assert.Throws<ArgumentException>(() => stack.Fit(Index12, y.Narrow(0, 0, 5))).Message);
        Assert.StartsWith("stackingclassifier:", Assert.Throws<ArgumentException>(() => stack.Fit(Index12, y + 1)).Message);
        Assert.StartsWith("stackingclassifier:", Assert.Throws<ArgumentException>(() => stack.Fit(Index12, y.To(DType.Float32))).Message);
        Assert.StartsWith("stackingclassifier:", Assert.Throws<ArgumentException>(() => new StackingClassifier([models[0], new Lookup(Torch.Zeros([12, 4]))]).Fit(Index12, y)).Message);
        Assert.StartsWith("stackingclassifier:", Assert.Throws<ArgumentException>(() => new StackingClassifier(models, passthrough: true).Fit(Index12, y)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StackingClassifier(models, c: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StackingClassifier(models, maxIter: 0));
        Assert.StartsWith("stackingclassifier:", Assert.Throws<ArgumentException>(() => new StackingClassifier([])).Message);
        var reg = new StackingRegressor([new Lookup(Torch.Zeros([12]))]);
        Assert.StartsWith("stackingregressor:", Assert.Throws<InvalidOperationException>(() => reg.Predict(Index12)).Message);
        Assert.StartsWith("stackingregressor:", Assert.Throws<ArgumentException>(() => reg.Fit(Index12, y)).Message);
        Assert.StartsWith("stackingregressor:", Assert.Throws<ArgumentException>(() => reg.Fit(Index12, Torch.Full([12], double.NaN))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StackingRegressor(models, alpha: -1));
    }
}
