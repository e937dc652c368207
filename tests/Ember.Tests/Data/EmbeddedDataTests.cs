using Ember.Data;

namespace Ember.Tests.Data;

// Reference values from scikit-learn 1.2.1's load_* functions on the same files.
public class EmbeddedDataTests
{
    private static int[] ClassCounts(EmbeddedDataset d) =>
        d.Targets.ToArray<long>().GroupBy(v => v).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();

    private static void Row(EmbeddedDataset d, int row, int start, float[] expected) =>
        Assert.Equal(expected, d.Features[row].Narrow(0, start, expected.Length).ToArray<float>());

    private static double Sum(Tensor t) => t.ToArray<float>().Sum(v => (double)v);

    [Fact]
    public void Iris()
    {
        var d = EmbeddedDatasets.Iris();
        Assert.Equal(new[] { 150, 4 }, d.Features.Shape.ToArray());
        Assert.Equal(DType.Float32, d.Features.DType);
        Assert.Equal(new[] { 150 }, d.Targets.Shape.ToArray());
        Assert.Equal(DType.Int64, d.Targets.DType);
        Row(d, 0, 0, [5.1f, 3.5f, 1.4f, 0.2f]);
        Row(d, 149, 1, [3.0f, 5.1f, 1.8f]);
        Assert.Equal(new[] { 50, 50, 50 }, ClassCounts(d));
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, d.TargetNames);
        Assert.Equal("sepal length (cm)", d.FeatureNames[0]);
        Assert.Equal(2078.7, Sum(d.Features), 2);
        Assert.Contains("Fisher", d.Description);
        Assert.True(d.IsClassification);
        Assert.Equal("iris: 150 samples x 4 features, 3 classes", d.ToString());
    }

    [Fact]
    public void BreastCancer()
    {
        var d = EmbeddedDatasets.BreastCancer();
        Assert.Equal(new[] { 569, 30 }, d.Features.Shape.ToArray());
        Row(d, 0, 0, [17.99f, 10.38f, 122.8f, 1001f, 0.1184f]);
        Row(d, 568, 27, [0f, 0.2871f, 0.07039f]);
        Assert.Equal(new[] { 212, 357 }, ClassCounts(d));
        Assert.Equal(new[] { "malignant", "benign" }, d.TargetNames);
        Assert.Equal(30, d.FeatureNames.Count);
        Assert.Equal("worst fractal dimension", d.FeatureNames[29]);
        Assert.Equal(1056474.4596356, Sum(d.Features), 0);
    }

    [Fact]
    public void Wine()
    {
        var d = EmbeddedDatasets.Wine();
        Assert.Equal(new[] { 178, 13 }, d.Features.Shape.ToArray());
        Row(d, 0, 0, [14.23f, 1.71f, 2.43f, 15.6f, 127f]);
        Row(d, 177, 10, [0.61f, 1.6f, 560f]);
        Assert.Equal(new[] { 59, 71, 48 }, ClassCounts(d));
        Assert.Equal(new[] { "class_0", "class_1", "class_2" }, d.TargetNames);
        Assert.Equal(13, d.FeatureNames.Count);
    }

    [Fact]
    public void Digits()
    {
        var d = EmbeddedDatasets.Digits();
        Assert.Equal(new[] { 1797, 64 }, d.Features.Shape.ToArray());
        Row(d, 0, 0, [0f, 0f, 5f, 13f, 9f]);
        Row(d, 1796, 61, [12f, 1f, 0f]);
        Assert.Equal(new[] { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 }, ClassCounts(d));
        Assert.Equal(561718.0, Sum(d.Features));
        var values = d.Features.ToArray<float>();
        Assert.Equal(0f, values.Min());
        Assert.Equal(16f, values.Max());   // raw counts, not scaled
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()), d.TargetNames!);
        Assert.Equal("pixel_7_7", d.FeatureNames[63]);
    }

    [Fact]
    public void Diabetes()
    {
        var d = EmbeddedDatasets.Diabetes();
        Assert.Equal(new[] { 442, 10 }, d.Features.Shape.ToArray());
        Assert.Equal(new[] { 442 }, d.Targets.Shape.ToArray());
        Assert.Equal(DType.Float32, d.Targets.DType);
        Row(d, 0, 0, [59f, 2f, 32.1f, 101f, 157f, 93.2f, 38f, 4f, 4.8598f, 87f]);
        Row(d, 441, 0, [36f, 1f, 19.6f, 71f, 250f, 133.2f, 97f, 3f, 4.5951f, 92f]);
        var y = d.Targets.ToArray<float>();
        Assert.Equal(new[] { 151f, 75f, 141f }, y.Take(3));
        Assert.Equal(57f, y[^1]);
        Assert.Equal(67243.0, y.Sum(v => (double)v));
        Assert.Equal(25f, y.Min());
        Assert.Equal(346f, y.Max());
        Assert.Null(d.TargetNames);
        Assert.False(d.IsClassification);
        Assert.Equal(new[] { "age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6" }, d.FeatureNames);
    }

    [Fact]
    public void ToDatasetFeedsTheLoader()
    {
        var iris = EmbeddedDatasets.Iris();
        var ds = iris.ToDataset();
        Assert.Equal(150, ds.Count);
        var (x, y) = ds[149];
        Assert.Equal(new[] { 4 }, x.Shape.ToArray());
        Assert.Equal(2L, y.Item<long>());
        var parts = Splits.RandomSplit(ds, [0.8, 0.2], new Generator(0));
        Assert.Equal(new[] { 120, 30 }, parts.Select(p => p.Count));
        int batches = 0, seen = 0;
        foreach (var (bx, by) in new DataLoader(parts[0], batchSize: 32, shuffle: true, generator: new Generator(1)))
        {
            Assert.Equal(bx.Size(0), by.Size(0));
            batches++;
            seen += by.Size(0);
        }
        Assert.Equal(4, batches);
        Assert.Equal(120, seen);

        // Each call returns fresh tensors.
        Assert.NotSame(iris.Features, EmbeddedDatasets.Iris().Features);
    }
}
