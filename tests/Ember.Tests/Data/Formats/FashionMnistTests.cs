using Ember.Data;
using Ember.Data.Transforms;

namespace Ember.Tests.Data.Formats;

/// <summary>Reads the real Fashion-MNIST files of Debian's dataset-fashion-mnist package (skipped when absent).</summary>
public class FashionMnistTests
{
    private static readonly Lazy<FashionMnist> Train = new(() => FashionMnist.Load(train: true));
    private static readonly Lazy<FashionMnist> Test = new(() => FashionMnist.Load(train: false));

    [FashionMnistFact]
    public void TrainingSplitHas60000Images()
    {
        var ds = Train.Value;
        Assert.Equal(60000, ds.Count);
        Assert.Equal(28, ds.Rows);
        Assert.Equal(28, ds.Cols);
        var (x, y) = ds[0];
        Assert.Equal(new Size(1, 28, 28), x.Shape);
        Assert.Equal(DType.Float32, x.DType);
        Assert.Equal(0, y.Dim);
        Assert.Equal(DType.Int64, y.DType);
        Assert.Equal(9L, y.Item<long>());
        Assert.Equal("Ankle boot", ds.Classes[(int)y.Item<long>()]);
        Assert.Equal(76247.0, x.ToArray<float>().Sum(v => Math.Round(v * 255.0)), 6); // the first image's pixel sum
    }

    [FashionMnistFact]
    public void TestSplitHas10000Images()
    {
        var ds = Test.Value;
        Assert.Equal(10000, ds.Count);
        Assert.Equal(new Size(1, 28, 28), ds[9999].Input.Shape);
        Assert.Equal(new Size(10000, 28, 28), ds.Data.Shape);
    }

    [FashionMnistFact]
    public void FirstLabelsMatchTheFiles()
    {
        // From the label files: gzip -dc train-labels-idx1-ubyte.gz | od -An -tu1 -j8 -N10
        long[] train = [9, 0, 0, 3, 0, 2, 7, 2, 5, 5];
        long[] test = [9, 2, 1, 1, 6, 1, 4, 6, 5, 7];
        Assert.Equal(train, Enumerable.Range(0, 10).Select(i => Train.Value[i].Target.Item<long>()).ToArray());
        Assert.Equal(test, Enumerable.Range(0, 10).Select(i => Test.Value[i].Target.Item<long>()).ToArray());
        Assert.Equal(train, Train.Value.Targets.ToArray<long>()[..10]);
        Assert.Equal(new[] { "Ankle boot", "T-shirt/top", "T-shirt/top", "Dress", "T-shirt/top", "Pullover", "Sneaker", "Pullover", "Sandal", "Sandal" },
            train.Select(l => Train.Value.Classes[(int)l]).ToArray());
    }

    [FashionMnistFact]
    public void ClassesAreBalanced()
    {
        var counts = new int[10];
        foreach (byte b in Train.Value.Labels.Span) counts[b]++;
        Assert.All(counts, c => Assert.Equal(6000, c));
        counts = new int[10];
        foreach (byte b in Test.Value.Labels.Span) counts[b]++;
        Assert.All(counts, c => Assert.Equal(1000, c));
    }

    [FashionMnistFact]
    public void TrainingPixelStatisticsMatchTheNormalizeConstants()
    {
        // Over all 47,040,000 training pixels in [0, 1]: mean 0.28604059698879553, std 0.35302424451492237 (numpy, ddof=0).
        var ds = Train.Value;
        double sum = 0, sumSq = 0;
        long n = 0;
        for (int i = 0; i < ds.Count; i++)
        {
            foreach (float v in ds[i].Input.ToArray<float>())
            {
                sum += v;
                sumSq += (double)v * v;
            }
            n += 784;
        }
        double mean = sum / n, std = Math.Sqrt(sumSq / n - mean * mean);
        Assert.Equal(47_040_000, n);
        Assert.Equal(0.2860406, mean, 6);
        Assert.Equal(0.3530242, std, 6);
        Assert.Equal(0.2860, mean, 4);
        Assert.Equal(0.3530, std, 4);
    }

    [FashionMnistFact]
    public void DesignSnippetLoadsAndBatches()
    {
        // The four-step workflow's first two lines (docs: DESIGN.md).
        var train = FashionMnist.Load(FashionMnist.DefaultRoot, train: true, transform: new Normalize(0.2860f, 0.3530f));
        var loader = new DataLoader(train, batchSize: 256, shuffle: true);
        var (x, y) = loader.First();
        Assert.Equal(new Size(256, 1, 28, 28), x.Shape);
        Assert.Equal(new Size(256), y.Shape);
        Assert.Equal(DType.Int64, y.DType);
        Assert.Equal((0 - 0.2860) / 0.3530, train[0].Input.ToArray<float>()[0], 5);
    }

    // torchvision 0.14: FashionMNIST(root).data is uint8 [60000, 28, 28] summing to 3431114169, targets int64; with
    // transform=Compose([ToTensor(), Normalize((0.2860,), (0.3530,))]), sample 0's row 10, columns 10..15, is below.
    [FashionMnistFact]
    public void DataIsUInt8AndSamplesMatchTorchvision()
    {
        var ds = Train.Value;
        Assert.Equal(DType.UInt8, ds.Data.DType);
        Assert.Equal(new Size(60000, 28, 28), ds.Data.Shape);
        Assert.Equal(3431114169L, ds.Data.To(DType.Int64).Sum().Item<long>());
        Assert.Equal(76247L, ds.Data[0].To(DType.Int64).Sum().Item<long>());
        Assert.Equal(DType.Int64, ds.Targets.DType);
        var tv = FashionMnist.Load(train: true, transform: new Compose(new ToTensor(), new Normalize(0.2860, 0.3530)));
        var row = tv[0].Input[0, 10].ToArray<float>()[10..16];
        Assert.Equal(new[] { -0.8101983666419983f, -0.8101983666419983f, -0.8101983666419983f, 1.3338888883590698f, 1.7227128744125366f, 1.611620306968689f }, row);
    }

    // The benchmark's MLP reads Data.Reshape(N, 784) / 255.0: bit for bit the loader's samples, as when Data was float32 0…255.
    [FashionMnistFact]
    public void DataOver255EqualsTheSamples()
    {
        var ds = Test.Value;
        var x = ds.Data.Reshape(ds.Count, 784) / 255.0;
        Assert.Equal(DType.Float32, x.DType);
        var (batch, _) = new DataLoader(ds, batchSize: ds.Count).Single();
        Assert.Equal(batch.Reshape(ds.Count, 784).ToArray<float>(), x.ToArray<float>());
        Assert.Equal((ds.Data.To(DType.Float32).Reshape(ds.Count, 784) / 255.0).ToArray<float>(), x.ToArray<float>());
    }

    [FashionMnistFact]
    public void TransformIsAppliedPerItem()
    {
        var ds = FashionMnist.Load(train: false, transform: x => (x - 0.2860) / 0.3530);
        var raw = Test.Value[0].Input.ToArray<float>();
        var normalized = ds[0].Input.ToArray<float>();
        for (int i = 0; i < raw.Length; i++) Assert.Equal((raw[i] - 0.2860) / 0.3530, normalized[i], 5);
    }
}
