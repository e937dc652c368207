using Ember.Data;

namespace Ember.Tests.Data;

public class DatasetTests
{
    private static Tensor Arange(int n, params int[] shape) => Torch.Arange(n).To(DType.Float32).View(shape);

    [Fact]
    public void TensorDatasetYieldsRowViewsOfEveryTensor()
    {
        var x = Arange(12, 4, 3);
        var y = Torch.FromArray(new long[] { 7, 8, 9, 10 });
        var ds = new TensorDataset(x, y);
        Assert.Equal(4, ds.Count);
        Assert.Equal(2, ds.Tensors.Count);
        var s = ds[2];
        Assert.Equal(2, s.Length);
        Assert.Equal(new[] { 6f, 7f, 8f }, s[0].ToArray<float>());
        Assert.Equal(0, s[1].Dim);
        Assert.Equal(9L, s[1].Item<long>());
        // A view: writing through the dataset's row changes the source.
        using (Torch.NoGrad()) s[0].Fill_(-1);
        Assert.Equal(-1f, x[2, 0].Item());
    }

    [Fact]
    public void TensorDatasetRejectsBadInput()
    {
        var e = Assert.Throws<ArgumentException>(() => new TensorDataset(Torch.Zeros(3, 2), Torch.Zeros(4)));
        Assert.Contains("Size mismatch between tensors", e.Message);
        Assert.Contains("[4]", e.Message);
        Assert.Throws<ArgumentException>(() => new TensorDataset());
        Assert.Throws<ArgumentException>(() => new TensorDataset(Torch.Scalar(1.0)));
        var ds = new TensorDataset(Torch.Zeros(3, 2));
        Assert.Throws<IndexOutOfRangeException>(() => ds[3]);
        Assert.Throws<IndexOutOfRangeException>(() => ds[-1]);
    }

    [Fact]
    public void SupervisedPairsAndTransforms()
    {
        var x = Arange(6, 3, 2);
        var y = Torch.FromArray(new long[] { 0, 1, 2 });
        Dataset<(Tensor Input, Tensor Target)> ds = TensorDataset.Of(x, y);
        var (input, target) = ds[1];
        Assert.Equal(new[] { 2f, 3f }, input.ToArray<float>());
        Assert.Equal(1L, target.Item<long>());

        var t = TensorDataset.Of(x, y, transform: v => v * 10, targetTransform: v => v + 100);
        Assert.Equal(new[] { 40f, 50f }, t[2].Input.ToArray<float>());
        Assert.Equal(102L, t[2].Target.Item<long>());
        Assert.Same(x, t.Inputs);
        Assert.Throws<ArgumentException>(() => TensorDataset.Of(x, Torch.Zeros(4)));
    }

    [Fact]
    public void ConcatDatasetIndexesAcrossBoundaries()
    {
        var a = new TensorDataset(Arange(3, 3, 1));
        var b = new TensorDataset(Arange(0, 0, 1));
        var c = new TensorDataset((Arange(2, 2, 1) + 100).Contiguous());
        var cat = new ConcatDataset<Tensor[]>(a, b, c);
        Assert.Equal(5, cat.Count);
        Assert.Equal(new[] { 3, 3, 5 }, cat.CumulativeSizes);
        var values = Enumerable.Range(0, 5).Select(i => cat[i][0].ToArray<float>()[0]).ToArray();
        Assert.Equal(new[] { 0f, 1f, 2f, 100f, 101f }, values);
        Assert.Throws<IndexOutOfRangeException>(() => cat[5]);
        var e = Assert.Throws<ArgumentException>(() => new ConcatDataset<Tensor[]>());
        Assert.Contains("should not be an empty iterable", e.Message);
    }

    [Fact]
    public void SubsetMapsIndices()
    {
        var ds = new TensorDataset(Arange(5, 5, 1));
        var sub = new Subset<Tensor[]>(ds, [4, 0, 4]);
        Assert.Equal(3, sub.Count);
        Assert.Equal(new[] { 4f, 0f, 4f }, Enumerable.Range(0, 3).Select(i => sub[i][0].ToArray<float>()[0]).ToArray());
        Assert.Throws<IndexOutOfRangeException>(() => sub[3]);
        Assert.Throws<IndexOutOfRangeException>(() => new Subset<Tensor[]>(ds, [5]));
        Assert.Throws<IndexOutOfRangeException>(() => new Subset<Tensor[]>(ds, [-1]));
    }

    [Fact]
    public void CollateStacksSamples()
    {
        var items = new[] { Arange(6, 2, 3), (Arange(6, 2, 3) + 6).Contiguous(), Arange(12, 4, 3).T.Narrow(1, 0, 2).T };
        var batch = Collate.Stack(items);
        Assert.Equal(new[] { 3, 2, 3 }, batch.Shape.ToArray());
        var expected = Enumerable.Range(0, 12).Select(v => (float)v).Concat(new float[] { 0, 1, 2, 3, 4, 5 }).ToArray();
        Assert.Equal(expected, batch.ToArray<float>());

        var targets = Collate.Stack([Torch.Scalar(3L), Torch.Scalar(1L)]);
        Assert.Equal(new[] { 2 }, targets.Shape.ToArray());
        Assert.Equal(DType.Int64, targets.DType);
        Assert.Equal(new[] { 3L, 1L }, targets.ToArray<long>());

        var e = Assert.Throws<ArgumentException>(() => Collate.Stack([Torch.Zeros(3), Torch.Zeros(4)]));
        Assert.Contains("equal size", e.Message);
        Assert.Throws<ArgumentException>(() => Collate.Stack(Array.Empty<Tensor>()));

        var arrays = Collate.Arrays([[Torch.Ones(2), Torch.Scalar(1L)], [Torch.Zeros(2), Torch.Scalar(2L)]]);
        Assert.Equal(new[] { 1f, 1f, 0f, 0f }, arrays[0].ToArray<float>());
        Assert.Equal(new[] { 1L, 2L }, arrays[1].ToArray<long>());
    }

    [Fact]
    public void CollateKeepsAutogradWhenASampleRequiresGrad()
    {
        var a = Torch.Ones(new Size(2), requiresGrad: true);
        var batch = Collate.Stack([a, Torch.Zeros(2)]);
        batch.Sum().Backward();
        Assert.Equal(new[] { 1f, 1f }, a.Grad!.ToArray<float>());
    }
}
