using System.Buffers.Binary;
using Ember.Data;
using Ember.Data.Formats;
using Ember.Data.Transforms;
using Ember.Tests.Data.Formats;

namespace Ember.Tests.Data;

/// <summary>
/// Size and count arithmetic in the data layer: huge batch sizes, prefetch counts, weights, fold counts, paddings and
/// output sizes must give the right answer or a clear error naming the op — never a wrapped-around int, an allocator
/// failure or an 8 GB allocation for a 10-sample dataset.
/// </summary>
public class SizeArithmeticTests
{
    private static TensorDataset Numbers(int n) => new(Torch.Arange(n));

    private static long Allocated(Action body)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        body();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void AHugeBatchSizeAllocatesForTheSamplesOnly()
    {
        // PyTorch: DataLoader(range(10), batch_size=2**31 - 1) gives one batch of 10. The batch buffer used to be int[batch_size].
        var sampler = new BatchSampler(new SequentialSampler(10), int.MaxValue);
        int[][] batches = [];
        Assert.True(Allocated(() => batches = [.. sampler]) < 1 << 20);
        Assert.Equal([Enumerable.Range(0, 10).ToArray()], batches);
        Assert.Equal(1, sampler.Count);
        var loader = new DataLoader<Tensor[], Tensor[]>(Numbers(10), Collate.Arrays, batchSize: int.MaxValue);
        Assert.Equal(1, loader.BatchSampler.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Assert.Single(loader)[0].ToArray<long>());
        Assert.Empty(new BatchSampler(new SequentialSampler(10), int.MaxValue, dropLast: true));
    }

    /// <summary>A sampler whose Count is lower than what it yields (a custom sampler may get it wrong).</summary>
    private sealed class UnderCounting(int yields) : Sampler<int>
    {
        public override int Count => 2;
        public override IEnumerator<int> GetEnumerator() => Enumerable.Range(0, yields).GetEnumerator();
    }

    [Fact]
    public void TheBatchBufferGrowsWhenASamplerYieldsMoreThanItsCount()
    {
        Assert.Equal([[0, 1, 2, 3], [4, 5, 6, 7], [8]], new BatchSampler(new UnderCounting(9), 4).ToArray());
        Assert.Equal([[0, 1, 2, 3, 4, 5, 6, 7, 8]], new BatchSampler(new UnderCounting(9), 100).ToArray());
    }

    [Theory]
    [InlineData(2, int.MaxValue)]
    [InlineData(int.MaxValue, 2)]
    [InlineData(1000, 1000)]
    public void PrefetchCountsBeyondIntAreFine(int numWorkers, int prefetchFactor)
    {
        // num_workers · prefetch_factor used to size a semaphore: 2 · (2^31 - 1) wrapped to -2. Neither slots nor threads beyond
        // the epoch's batch count are needed, so int.MaxValue workers start 4 threads here, not 2^31.
        var loader = new DataLoader<Tensor[], Tensor[]>(Numbers(10), Collate.Arrays, batchSize: 3, numWorkers: numWorkers, prefetchFactor: prefetchFactor);
        var seen = loader.Select(b => b[0].ToArray<long>()).ToArray();
        Assert.Equal([[0L, 1, 2], [3L, 4, 5], [6L, 7, 8], [9L]], seen);
    }

    [Fact]
    public void WeightsNearDoubleMaxValueDoNotOverflowTheTotal()
    {
        // The cumulative sum of [MaxValue, MaxValue, 0] used to be [MaxValue, inf, inf]: u = NextDouble() · inf is inf (or NaN
        // for u = 0), and the search then picked index 2, whose weight is 0.
        var sampler = new WeightedRandomSampler([double.MaxValue, double.MaxValue, 0], 2000, generator: new Generator(0));
        var draws = sampler.ToArray();
        Assert.DoesNotContain(2, draws);
        Assert.InRange(draws.Count(i => i == 0), 900, 1100);
    }

    [Fact]
    public void DrawingWithReplacementIsLazy()
    {
        // num_samples = int.MaxValue: the first draws come without an int[2^31 - 1] (8 GB) array.
        var sampler = new WeightedRandomSampler([1.0, 3.0], int.MaxValue, generator: new Generator(1));
        Assert.Equal(int.MaxValue, sampler.Count);
        int[] first = [];
        Assert.True(Allocated(() => first = [.. sampler.Take(1000)]) < 1 << 20);
        Assert.InRange(first.Count(i => i == 1), 700, 800);
    }

    [Fact]
    public void SubnormalWeightsStillBeatZeroWeightsWithoutReplacement()
    {
        // The key E / w overflowed to +inf for w = 5e-324 and tied with the zero weights: index 0 (weight 0) could be drawn.
        for (int seed = 0; seed < 50; seed++)
        {
            var sampler = new WeightedRandomSampler([0, double.Epsilon, 0, 1], 2, replacement: false, generator: new Generator(seed));
            Assert.Equal([1, 3], sampler.Order());
        }
    }

    [Fact]
    public void StratifiedFoldsNeedNoFoldsByClassesMatrix()
    {
        // 50,000 folds × 50,001 classes used to be an int[50000, 50001] allocation table (10 GB): now counted per class.
        const int Folds = 50_000;
        var labels = new long[2 * Folds];
        for (int i = 0; i < Folds; i++) labels[i] = 0;          // one class of 50,000 members
        for (int i = Folds; i < labels.Length; i++) labels[i] = i; // 50,000 singletons (a warning, as scikit-learn)
        var (train, test) = new StratifiedKFold(Folds).Split(labels).First();
        // Sorted codes: class 0 holds positions 0…49,999, the singletons 50,000…; fold 0 gets positions 0 and 50,000.
        Assert.Equal([0, Folds], test);
        Assert.Equal(labels.Length - 2, train.Length);
    }

    [Fact]
    public void AHugePaddingDoesNotWrapAround()
    {
        // h + 2·padding passed int.MaxValue and wrapped negative: "crop size larger than input image size (-2147483…)".
        var image = Torch.Ones(1, 5, 5);
        var crop = new RandomCrop(4, padding: int.MaxValue / 2 + 10, fill: 7, generator: new Generator(2));
        var y = crop.Forward(image);
        Assert.Equal(new Size(1, 4, 4), y.Shape);
        Assert.All(y.ToArray<float>(), v => Assert.True(v is 1 or 7));
        var needed = new RandomCrop((int.MaxValue, 3), padIfNeeded: true);
        Assert.StartsWith("RandomCrop: a tensor of shape [1, 2147483647, 3]", Assert.Throws<ArgumentException>(() => needed.Forward(image)).Message);
    }

    [Fact]
    public void OutputsTooLargeForATensorNameTheTransform()
    {
        var image = Torch.Zeros(3, 8, 8);
        Assert.StartsWith("CenterCrop: a tensor of shape [3, 50000, 50000] has", Assert.Throws<ArgumentException>(() => new CenterCrop(50_000).Forward(image)).Message);
        Assert.StartsWith("Resize: a tensor of shape [3, 50000, 50000] has", Assert.Throws<ArgumentException>(() => new Resize((50_000, 50_000)).Forward(image)).Message);
        Assert.StartsWith("RandomResizedCrop: a tensor of shape [3, 50000, 50000] has",
            Assert.Throws<ArgumentException>(() => new RandomResizedCrop(50_000, generator: new Generator(0)).Forward(image)).Message);
        // Stacking views: 2 × [40000, 40000] is 3.2e9 elements.
        var big = Torch.Zeros(1, 1).Expand(40_000, 40_000);
        Assert.StartsWith("collate: a tensor of shape [2, 40000, 40000] has", Assert.Throws<ArgumentException>(() => Collate.Stack([big, big])).Message);
    }

    [Fact]
    public void EmptyBatchesOfHugeImagesAllocateNothingPerPixel()
    {
        // [0, 70000, 70000] holds no element, but H·W = 4.9e9 wrapped to 605,032,704 (a 2.4 GB rotation map), and resizing
        // an empty batch to int.MaxValue x 1 built int.MaxValue-long tap tables.
        var empty = Torch.Zeros(0, 1, 1).Expand(0, 70_000, 70_000);
        Tensor y = empty;
        Assert.True(Allocated(() => y = RandomRotation.Rotate(empty, 30)) < 1 << 20);
        Assert.Equal(new Size(0, 70_000, 70_000), y.Shape);
        Assert.True(Allocated(() => y = new Resize((int.MaxValue, 1)).Forward(Torch.Zeros(0, 4, 4))) < 1 << 20);
        Assert.Equal(new Size(0, int.MaxValue, 1), y.Shape);
    }

    [Fact]
    public void ResizeOutputSizeValidatesItsInputs()
    {
        var resize = new Resize(100_000);
        // A zero side used to divide by zero; a 1 x 100,000 image would need a 10^10-pixel long side (it wrapped around).
        Assert.Equal("height", Assert.Throws<ArgumentOutOfRangeException>(() => resize.OutputSize(0, 5)).ParamName);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => new Resize((3, 4)).OutputSize(5, -1)).ParamName);
        Assert.Equal("Resize: resizing a 1x100000 image so that its shorter side is 100000 makes the longer side 10000000000 pixels, more than 2147483647",
            Assert.Throws<ArgumentException>(() => resize.OutputSize(1, 100_000)).Message);
        Assert.Equal((200_000, 100_000), resize.OutputSize(2, 1)); // (height, width) of a tall image
    }

    [Fact]
    public void RandomResizedCropParamsNeedAnImage()
    {
        var t = new RandomResizedCrop(4);
        Assert.StartsWith("RandomResizedCrop.GetParams: the image must be at least 1x1, got 0x5",
            Assert.Throws<ArgumentOutOfRangeException>(() => t.GetParams(0, 5, new Generator(0))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.GetParams(5, -3, new Generator(0)));
    }

    [Fact]
    public void ImageValidationCannotWrapAround()
    {
        // 65536 · 65536 · 1 wrapped to 0, so an empty buffer passed as a 65536 x 65536 image.
        var fake = new Image([], 65536, 65536, 1);
        Assert.Equal("image: expected 4294967296 bytes for 65536x65536x1, got 0", Assert.Throws<ArgumentException>(fake.Validate).Message);
        Assert.Throws<ArgumentException>(() => new ToTensor().Forward(fake));
        Assert.Throws<ArgumentException>(() => ImageFile.Convert(fake, 3));
        Assert.Equal("image: expected 4 bytes for 2x2x1, got null", Assert.Throws<ArgumentException>(new Image(null!, 2, 2, 1).Validate).Message);
    }

    [Fact]
    public void IdxWriteShapeProductsCannotWrapAround()
    {
        using var dir = new TempDir();
        // 65536^4 = 2^64 wrapped to 0 and matched an empty array: the file claimed 2^64 values.
        var e = Assert.Throws<ArgumentException>(() => Idx.Write(dir.File("x"), [], [65536, 65536, 65536, 65536]));
        Assert.StartsWith("idx: shape [65536, 65536, 65536, 65536] holds", e.Message);
        Assert.False(File.Exists(dir.File("x")));
    }

    [Fact]
    public void CifarClassCountsAreArguments()
    {
        using var dir = new TempDir();
        Cifar10Binary.Write(dir.File("b.bin"), [1], new byte[Cifar10Binary.ImageBytes]);
        foreach (int bad in new[] { 0, -1, 257 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => Cifar10Binary.Read(dir.File("b.bin"), bad));
            Assert.StartsWith($"cifar10: numClasses must be 1 to 256 (a label is one byte), got {bad}", e.Message);
        }
        Assert.Equal([1], Cifar10Binary.Read(dir.File("b.bin"), 256).Labels);
    }

    [Fact]
    public void GzipIdxMustEndWithItsTrailer()
    {
        using var dir = new TempDir();
        Idx.Write(dir.File("l"), [1, 2, 3, 4, 5], [5], gzip: true);
        var gz = File.ReadAllBytes(dir.File("l"));
        // Cut inside the CRC-32/size trailer: every byte of data is there, but the stream is incomplete (gzip -t fails).
        for (int cut = 1; cut <= 8; cut++)
        {
            File.WriteAllBytes(dir.File("cut"), gz[..^cut]);
            var e = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(dir.File("cut")));
            Assert.StartsWith("idx: cut: truncated gzip data", e.Message);
        }
        // A wrong CRC-32 is corrupt data.
        var bad = (byte[])gz.Clone();
        bad[^8] ^= 1;
        File.WriteAllBytes(dir.File("bad"), bad);
        Assert.StartsWith("idx: bad: corrupt gzip data", Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(dir.File("bad"))).Message);
        // Two concatenated gzip members are one valid stream (gzip's multi-member format).
        byte[] header = [0, 0, 8, 1, 0, 0, 0, 5];
        using (var ms = new MemoryStream())
        {
            foreach (var part in new[] { header, [1, 2, 3, 4, 5] })
                using (var z = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
                    z.Write(part);
            File.WriteAllBytes(dir.File("multi"), ms.ToArray());
        }
        Assert.Equal([1, 2, 3, 4, 5], Idx.ReadLabels(dir.File("multi")).Data);
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)));
    }
}
