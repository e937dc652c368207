using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Tests.Data.Formats;

public class IdxTests
{
    private static byte[] Pixels(int n, int rows, int cols)
    {
        var p = new byte[n * rows * cols];
        for (int i = 0; i < p.Length; i++) p[i] = (byte)(i * 37 % 256);
        return p;
    }

    private static void WriteRaw(string path, byte[] bytes, bool gzip)
    {
        if (!gzip) { File.WriteAllBytes(path, bytes); return; }
        using var f = File.Create(path);
        using var z = new GZipStream(f, CompressionLevel.Fastest);
        z.Write(bytes);
    }

    private static byte[] Header(uint magic, params uint[] dims)
    {
        var h = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteUInt32BigEndian(h, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(4 + 4 * i), dims[i]);
        return h;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTripsImagesAndLabels(bool gzip)
    {
        using var dir = new TempDir();
        var pixels = Pixels(5, 4, 3);
        Idx.Write(dir.File("img"), pixels, [5, 4, 3], gzip);
        Idx.Write(dir.File("lab"), [1, 2, 3, 4, 0], [5], gzip);
        var images = Idx.ReadImages(dir.File("img"));
        Assert.Equal(new Size(5, 4, 3), images.Shape);
        Assert.Equal(pixels, images.Data);
        var labels = Idx.ReadLabels(dir.File("lab"));
        Assert.Equal(new Size(5), labels.Shape);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 0 }, labels.Data);
        // gzip is detected from the content: the 1f 8b magic is there exactly when compressed.
        var head = File.ReadAllBytes(dir.File("img"))[..2];
        Assert.Equal(gzip, head[0] == 0x1f && head[1] == 0x8b);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WrongMagicNamesTheFile(bool gzip)
    {
        using var dir = new TempDir();
        Idx.Write(dir.File("train-labels-idx1-ubyte"), [1, 2], [2], gzip);
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(dir.File("train-labels-idx1-ubyte")));
        Assert.Equal("idx: train-labels-idx1-ubyte: expected magic number 0x00000803 (unsigned-byte images [count, rows, cols]), found 0x00000801 (1 dimensions)", e.Message);

        WriteRaw(dir.File("junk"), [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], gzip);
        e = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(dir.File("junk")));
        Assert.StartsWith("idx: junk: not an IDX file: magic number 0x504B0304", e.Message);
    }

    [Fact]
    public void NonByteElementTypeIsNotSupported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("floats"), [.. Header(0x00000D01, 1), 0, 0, 0, 0]);
        var e = Assert.Throws<NotSupportedException>(() => Idx.Read(dir.File("floats")));
        Assert.Contains("element type 0x0D", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedPixelsAreRejected(bool gzip)
    {
        using var dir = new TempDir();
        string path = dir.File("train-images-idx3-ubyte.gz");
        WriteRaw(path, [.. Header(0x803, 60000, 28, 28), .. new byte[1000]], gzip);
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(path));
        Assert.Equal("idx: train-images-idx3-ubyte.gz: expected 47040000 bytes of pixels after the header [60000, 28, 28], found 1000", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedHeaderIsRejected(bool gzip)
    {
        using var dir = new TempDir();
        WriteRaw(dir.File("a"), [0, 0, 8, 3, 0, 0], gzip);
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(dir.File("a")));
        Assert.Equal("idx: a: truncated header: expected 3 dimension sizes (12 bytes) after the magic number, found 2 bytes", e.Message);
        WriteRaw(dir.File("b"), [0, 0], gzip);
        e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(dir.File("b")));
        Assert.Contains("truncated header", e.Message);
        WriteRaw(dir.File("c"), [], gzip);
        Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(dir.File("c")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrailingBytesAreRejected(bool gzip)
    {
        using var dir = new TempDir();
        WriteRaw(dir.File("l"), [.. Header(0x801, 3), 1, 2, 3, 4], gzip);
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(dir.File("l")));
        Assert.Contains("expected 3 bytes of labels", e.Message);
    }

    [Theory]
    [InlineData(false, 0x80000000u, 28u, 28u)]   // 2^31 images
    [InlineData(true, 0x80000000u, 28u, 28u)]
    [InlineData(false, 0x7FFFFFFFu, 1u, 1u)]     // within array limits, but the file is tiny
    [InlineData(true, 0x7FFFFFFFu, 1u, 1u)]
    [InlineData(true, 60000u, 28u, 28u)]
    public void OversizedHeaderFailsFastWithoutAllocating(bool gzip, uint count, uint rows, uint cols)
    {
        using var dir = new TempDir();
        WriteRaw(dir.File("big"), [.. Header(0x803, count, rows, cols), .. new byte[100]], gzip);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(dir.File("big")));
        sw.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith("idx: big: ", e.Message);
        Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes for a rejected file");
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    [Fact]
    public void DimensionAboveInt32IsRejected()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("x"), Header(0x801, 0xFFFFFFFF));
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(dir.File("x")));
        Assert.Equal("idx: x: dimension 0 has size 4294967295, more than 2147483647", e.Message);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Idx.ReadLabels("/nonexistent/labels-idx1-ubyte"));
        Assert.Contains("/nonexistent/labels-idx1-ubyte", e.Message);
    }

    [Fact]
    public void WriteValidatesTheShape()
    {
        using var dir = new TempDir();
        Assert.Throws<ArgumentException>(() => Idx.Write(dir.File("w"), new byte[5], [2, 3]));
        Assert.Throws<ArgumentException>(() => Idx.Write(dir.File("w"), new byte[0], []));
    }

    private static void WriteMnist(string root, string prefix, int n, byte[]? labels = null, int? labelCount = null, bool gzip = true)
    {
        string ext = gzip ? ".gz" : "";
        Idx.Write(Path.Combine(root, $"{prefix}-images-idx3-ubyte{ext}"), Pixels(n, 28, 28), [n, 28, 28], gzip);
        labels ??= Enumerable.Range(0, labelCount ?? n).Select(i => (byte)(i % 10)).ToArray();
        Idx.Write(Path.Combine(root, $"{prefix}-labels-idx1-ubyte{ext}"), labels, [labels.Length], gzip);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MnistReadsASplit(bool gzip)
    {
        using var dir = new TempDir();
        WriteMnist(dir.Path, "train", 12, gzip: gzip);
        WriteMnist(dir.Path, "t10k", 3, gzip: gzip);
        var train = Mnist.Load(dir.Path);
        var test = Mnist.Load(dir.Path, train: false);
        Assert.Equal(12, train.Count);
        Assert.Equal(3, test.Count);
        Assert.Equal("3 - three", train.Classes[3]);
        var (x, y) = train[5];
        Assert.Equal(new Size(1, 28, 28), x.Shape);
        Assert.Equal(DType.Float32, x.DType);
        Assert.Equal(new Size(), y.Shape);
        Assert.Equal(DType.Int64, y.DType);
        Assert.Equal(5L, y.Item<long>());
        var expected = Pixels(12, 28, 28).AsSpan(5 * 784, 784).ToArray().Select(b => b / 255f).ToArray();
        Assert.Equal(expected, x.ToArray<float>());

        // torchvision's MNIST.data: uint8 [N, 28, 28], the file's bytes.
        Assert.Equal(new Size(12, 28, 28), train.Data.Shape);
        Assert.Equal(DType.UInt8, train.Data.DType);
        Assert.Equal(Pixels(12, 28, 28), train.Data.ToArray<byte>());
        Assert.Equal(DType.Int64, train.Targets.DType);
        Assert.Equal(new Size(12), train.Targets.Shape);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)(i % 10)).ToArray(), train.Targets.ToArray<long>());
        Assert.Throws<IndexOutOfRangeException>(() => train[12]);
        Assert.Throws<IndexOutOfRangeException>(() => train[-1]);
    }

    [Fact]
    public void MnistSamplesAreToTensorOfTheUInt8Data()
    {
        using var dir = new TempDir();
        WriteMnist(dir.Path, "train", 4, gzip: false);
        WriteMnist(dir.Path, "t10k", 1, gzip: false);
        var train = Mnist.Load(dir.Path);
        // torchvision: ToTensor()(MNIST.data[i].numpy()) is the sample with transform=ToTensor().
        var toTensor = new Ember.Data.Transforms.ToTensor();
        for (int i = 0; i < train.Count; i++)
        {
            var fromData = toTensor.Forward(train.Data[i]);
            Assert.Equal(new Size(1, 28, 28), fromData.Shape);
            Assert.Equal(fromData.ToArray<float>(), train[i].Input.ToArray<float>());
        }
        // A torchvision pipeline written as transforms.Compose([ToTensor(), Normalize(...)]) gives what Normalize alone gives.
        var tv = Mnist.Load(dir.Path, transform: new Ember.Data.Transforms.Compose(toTensor, new Ember.Data.Transforms.Normalize(0.1307, 0.3081)));
        var plain = Mnist.Load(dir.Path, transform: new Ember.Data.Transforms.Normalize(0.1307, 0.3081));
        Assert.Equal(plain[2].Input.ToArray<float>(), tv[2].Input.ToArray<float>());
        // A uint8 pipeline on the raw data: crop the bytes, then convert.
        var crop = new Ember.Data.Transforms.CenterCrop(20).Forward(train.Data[1].Unsqueeze(0));
        Assert.Equal(DType.UInt8, crop.DType);
        Assert.Equal(new Ember.Data.Transforms.CenterCrop(20).Forward(train[1].Input).ToArray<float>(),
            new Ember.Data.Transforms.ConvertImageDtype(DType.Float32).Forward(crop).ToArray<float>());
    }

    [Fact]
    public void MnistFindsTorchvisionLayoutAndAppliesTransform()
    {
        using var dir = new TempDir();
        var raw = Path.Combine(dir.Path, "FashionMNIST", "raw");
        Directory.CreateDirectory(raw);
        WriteMnist(raw, "t10k", 4, gzip: false);
        var ds = FashionMnist.Load(dir.Path, train: false, transform: t => t * 2);
        Assert.Equal(4, ds.Count);
        Assert.Equal("Ankle boot", ds.Classes[9]);
        Assert.Equal(Pixels(4, 28, 28)[784 + 10] / 255f * 2, ds[1].Input.ToArray<float>()[10], 6);
    }

    [Fact]
    public void MnistItemsAreThreadSafe()
    {
        using var dir = new TempDir();
        WriteMnist(dir.Path, "train", 64);
        var ds = Mnist.Load(dir.Path);
        var sums = new double[ds.Count];
        Parallel.For(0, 4 * ds.Count, i => { var (x, _) = ds[i % ds.Count]; sums[i % ds.Count] = x.ToArray<float>().Sum(); });
        for (int i = 0; i < ds.Count; i++)
            Assert.Equal(Pixels(64, 28, 28).AsSpan(i * 784, 784).ToArray().Sum(b => b / 255f), sums[i], 3);
    }

    [Fact]
    public void MnistRejectsMismatchedCounts()
    {
        using var dir = new TempDir();
        WriteMnist(dir.Path, "train", 10, labelCount: 9);
        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(dir.Path));
        Assert.Equal("idx: train-images-idx3-ubyte.gz holds 10 images but train-labels-idx1-ubyte.gz holds 9 labels", e.Message);
    }

    [Fact]
    public void MnistRejectsLabelsOutOfRange()
    {
        using var dir = new TempDir();
        WriteMnist(dir.Path, "train", 3, labels: [1, 10, 2]);
        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));
        Assert.Equal("idx: train-labels-idx1-ubyte.gz: label 1 is 10, out of range for FashionMnist's 10 classes", e.Message);
    }

    [Fact]
    public void MnistReportsMissingFilesAndFolders()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(dir.Path));
        Assert.Contains(Path.Combine(dir.Path, "train-images-idx3-ubyte"), e.Message);
        WriteMnist(dir.Path, "train", 2);
        File.Delete(Path.Combine(dir.Path, "train-labels-idx1-ubyte.gz"));
        e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(dir.Path));
        Assert.Contains("labels file not found", e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => Mnist.Load(Path.Combine(dir.Path, "nope")));
    }
}
