using Ember.Data;

namespace Ember.Tests.Data;

public class SplitTests
{
    private static TensorDataset Range(int n) => new(Torch.Arange(n));

    private static int[] Values(Subset<Tensor[]> s) => Enumerable.Range(0, s.Count).Select(i => (int)s[i][0].Item<long>()).ToArray();

    [Fact]
    public void RandomSplitByLengthsIsADisjointCover()
    {
        var parts = Splits.RandomSplit(Range(10), [3, 7], new Generator(42));
        Assert.Equal(new[] { 3, 7 }, parts.Select(p => p.Count));
        var all = parts.SelectMany(Values).ToArray();
        Assert.Equal(Enumerable.Range(0, 10), all.Order());
        // One permutation cut in order: the same as Torch.Randperm with the same seed.
        Assert.Equal(Torch.Randperm(10, new Generator(42)).ToArray<long>().Select(v => (int)v), all);
        Assert.Equal(all, Splits.RandomSplit(Range(10), [3, 7], new Generator(42)).SelectMany(Values));
        Assert.NotEqual(all, Splits.RandomSplit(Range(10), [3, 7], new Generator(43)).SelectMany(Values));
    }

    [Theory]
    [InlineData(10, new[] { 0.25, 0.25, 0.5 }, new[] { 3, 2, 5 })]
    [InlineData(30, new[] { 0.3, 0.3, 0.4 }, new[] { 9, 9, 12 })]
    [InlineData(7, new[] { 0.5, 0.5 }, new[] { 4, 3 })]
    [InlineData(5, new[] { 0.1, 0.1, 0.8 }, new[] { 1, 0, 4 })]
    public void RandomSplitByFractionsMatchesPyTorch(int n, double[] fractions, int[] expected)
    {
        // Expected lengths from torch.utils.data.random_split (PyTorch 1.13).
        var parts = Splits.RandomSplit(Range(n), fractions, new Generator(0));
        Assert.Equal(expected, parts.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, n), parts.SelectMany(Values).Order());
    }

    [Fact]
    public void RandomSplitErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => Splits.RandomSplit(Range(10), [3, 6]));
        Assert.Contains("Sum of input lengths does not equal the length of the input dataset", e.Message);
        Assert.Throws<ArgumentException>(() => Splits.RandomSplit(Range(10), [11, -1]));
        Assert.Throws<ArgumentException>(() => Splits.RandomSplit(Range(10), [0.5, 0.6]));
        Assert.Throws<ArgumentException>(() => Splits.RandomSplit(Range(10), [1.5, -0.5]));
    }

    // Reference splits from scikit-learn 1.2.1: KFold(k).split(np.zeros(n)).
    [Fact]
    public void KFoldMatchesScikitLearn()
    {
        Check(new KFold(3).Split(10), [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]], 10);
        Check(new KFold(2).Split(7), [[0, 1, 2, 3], [4, 5, 6]], 7);
        Check(new KFold(5).Split(5), [[0], [1], [2], [3], [4]], 5);
        Check(new KFold(4).Split(11), [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10]], 11);
        Assert.Equal(5, new KFold().NSplits);
    }

    private static void Check(IEnumerable<(int[] Train, int[] Test)> splits, int[][] expectedTests, int n)
    {
        var list = splits.ToList();
        Assert.Equal(expectedTests.Length, list.Count);
        for (int f = 0; f < list.Count; f++)
        {
            Assert.Equal(expectedTests[f], list[f].Test);
            Assert.Equal(Enumerable.Range(0, n).Except(expectedTests[f]), list[f].Train);
        }
    }

    [Fact]
    public void KFoldShuffleIsRepeatableAndStillPartitions()
    {
        var kf = new KFold(4, shuffle: true, randomState: 7);
        var a = kf.Split(22).ToList();
        var b = kf.Split(22).ToList();
        Assert.Equal(a.Select(s => s.Test), b.Select(s => s.Test));
        Assert.Equal(new[] { 6, 6, 5, 5 }, a.Select(s => s.Test.Length));
        Assert.Equal(Enumerable.Range(0, 22), a.SelectMany(s => s.Test).Order());
        foreach (var (train, test) in a)
        {
            Assert.Equal(test.Order(), test);
            Assert.Equal(Enumerable.Range(0, 22), train.Concat(test).Order());
        }
        Assert.NotEqual(new KFold(4).Split(22).Select(s => s.Test), a.Select(s => s.Test));
        Assert.NotEqual(a.Select(s => s.Test), new KFold(4, shuffle: true, randomState: 8).Split(22).Select(s => s.Test));
    }

    [Fact]
    public void KFoldErrorsAreScikitLearns()
    {
        var e = Assert.Throws<ArgumentException>(() => new KFold(1));
        Assert.Contains("n_splits=2 or more, got n_splits=1", e.Message);
        var s = Assert.Throws<ArgumentException>(() => new KFold(6).Split(5).ToList());
        Assert.Contains("Cannot have number of splits n_splits=6 greater than the number of samples: n_samples=5", s.Message);
        Assert.Throws<ArgumentException>(() => new KFold(3, shuffle: false, randomState: 1));
    }

    // Reference test folds from scikit-learn 1.2.1: StratifiedKFold(k).split(np.zeros(len(y)), y).
    [Theory]
    [InlineData(new long[] { 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2 }, 3, "0,3,4,5|1,6,7,10|2,8,9,11")]
    [InlineData(new long[] { 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 2, 2, 2, 2, 2, 0 }, 3, "0,1,2,3,10,11|4,5,6,7,12|8,9,13,14,15")]
    [InlineData(new long[] { 5, 3, 3, 5, 5, 5, 3, 3, 9, 9, 9, 5, 3 }, 2, "0,1,2,3,4,8,9|5,6,7,10,11,12")]
    [InlineData(new long[] { 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1 }, 4, "0,1,2,3|4,5,6,7|8,9,10,11|12,13,14")]
    public void StratifiedKFoldMatchesScikitLearn(long[] labels, int k, string expected)
    {
        var tests = expected.Split('|').Select(f => f.Split(',').Select(int.Parse).ToArray()).ToArray();
        Check(new StratifiedKFold(k).Split(labels), tests, labels.Length);
        Check(new StratifiedKFold(k).Split(Torch.FromArray(labels)), tests, labels.Length);
    }

    [Fact]
    public void StratifiedKFoldShufflePreservesProportions()
    {
        var labels = Enumerable.Range(0, 60).Select(i => i % 6 == 0 ? 2L : i % 2).ToArray();   // 10 of class 2, ~25 each of 0 and 1
        var skf = new StratifiedKFold(5, shuffle: true, randomState: 3);
        var folds = skf.Split(labels).ToList();
        Assert.Equal(folds.Select(f => f.Test), skf.Split(labels).Select(f => f.Test));
        Assert.Equal(Enumerable.Range(0, 60), folds.SelectMany(f => f.Test).Order());
        foreach (var (_, test) in folds)
            foreach (long c in new long[] { 0, 1, 2 })
            {
                int total = labels.Count(v => v == c);
                int inFold = test.Count(i => labels[i] == c);
                Assert.InRange(inFold, total / 5, (total + 4) / 5);
            }
        Assert.NotEqual(new StratifiedKFold(5).Split(labels).Select(f => f.Test), folds.Select(f => f.Test));
    }

    [Fact]
    public void StratifiedKFoldErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => new StratifiedKFold(3).Split([0, 0, 1, 1, 2, 2]).ToList());
        Assert.Contains("n_splits=3 cannot be greater than the number of members in each class", e.Message);
        Assert.Throws<ArgumentException>(() => new StratifiedKFold(4).Split([0, 1, 0]).ToList());
        Assert.Throws<ArgumentException>(() => new StratifiedKFold(1));
        Assert.Throws<ArgumentException>(() => new StratifiedKFold(2).Split(Torch.Zeros(4)));
        // One small class only warns (as scikit-learn): the split still happens.
        Assert.Equal(3, new StratifiedKFold(3).Split([0, 0, 0, 0, 0, 0, 1]).Count());
    }
}
