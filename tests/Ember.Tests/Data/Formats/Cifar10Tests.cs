using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Tests.Data.Formats;

public class Cifar10Tests
{
    private static (byte[] Labels, byte[] Pixels) Batch(int n, int seed)
    {
        var labels = Enumerable.Range(0, n).Select(i => (byte)((i + seed) % 10)).ToArray();
        var pixels = new byte[n * 3072];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)((i * 7 + seed * 13) % 256);
        return (labels, pixels);
    }

    private static void WriteSplits(string dir, int perBatch = 3)
    {
        for (int b = 1; b <= 5; b++)
        {
            var (l, p) = Batch(perBatch, b);
            Cifar10Binary.Write(Path.Combine(dir, $"data_batch_{b}.bin"), l, p);
        }
        var (tl, tp) = Batch(2, 0);
        Cifar10Binary.Write(Path.Combine(dir, "test_batch.bin"), tl, tp);
    }

    [Fact]
    public void ReadsRecordsChannelMajor()
    {
        using var dir = new TempDir();
        // One hand-built record: label 7, red plane all 10, green 20, blue 30 except one marked pixel.
        var record = new byte[3073];
        record[0] = 7;
        for (int i = 0; i < 1024; i++) { record[1 + i] = 10; record[1025 + i] = 20; record[2049 + i] = 30; }
        record[1 + 32 * 2 + 5] = 255; // red at row 2, column 5
        File.WriteAllBytes(dir.File("test_batch.bin"), record);
        var ds = Cifar10.Load(dir.Path, train: false);
        Assert.Equal(1, ds.Count);
        var (x, y) = ds[0];
        Assert.Equal(new Size(3, 32, 32), x.Shape);
        Assert.Equal(7L, y.Item<long>());
        Assert.Equal("horse", ds.Classes[7]);
        Assert.Equal(1f, x[0, 2, 5].Item(), 6);
        Assert.Equal(10 / 255f, x[0, 0, 0].Item(), 6);
        Assert.Equal(20 / 255f, x[1, 31, 31].Item(), 6);
        Assert.Equal(30 / 255f, x[2, 2, 5].Item(), 6);
    }

    [Fact]
    public void TrainConcatenatesFiveBatchesInOrder()
    {
        using var dir = new TempDir();
        var nested = Path.Combine(dir.Path, "cifar-10-batches-bin");
        Directory.CreateDirectory(nested);
        WriteSplits(nested);
        var train = Cifar10.Load(dir.Path, transform: t => t - 0.5);
        Assert.Equal(15, train.Count);
        Assert.Equal(5, train.Files.Count);
        var expected = Enumerable.Range(1, 5).SelectMany(b => Batch(3, b).Labels).Select(l => (long)l).ToArray();
        Assert.Equal(expected, train.Targets.ToArray<long>());
        Assert.Equal(expected[4], train[4].Target.Item<long>());
        var (_, p2) = Batch(3, 2);
        Assert.Equal(p2[3072 + 100] / 255f - 0.5f, train[4].Input.ToArray<float>()[100], 6); // batch 2, record 1
        // torchvision's CIFAR10.data: uint8 [N, 32, 32, 3]; pixel 100 of channel 0 is row 3, column 4.
        Assert.Equal(new Size(15, 32, 32, 3), train.Data.Shape);
        Assert.Equal(DType.UInt8, train.Data.DType);
        Assert.Equal(p2[3072 + 100], train.Data[4, 3, 4, 0].Item<byte>());
        Assert.Equal(p2[3072 + 1024 + 100], train.Data[4, 3, 4, 1].Item<byte>());
        Assert.Equal(p2[3072..6144], train.Data.Permute(0, 3, 1, 2)[4].Contiguous().ToArray<byte>());
        var test = Cifar10.Load(dir.Path, train: false);
        Assert.Equal(2, test.Count);
    }

    [Fact]
    public void SamplesAreToTensorOfTheHwcData()
    {
        using var dir = new TempDir();
        WriteSplits(dir.Path);
        var test = Cifar10.Load(dir.Path, train: false);
        var toTensor = new Ember.Data.Transforms.ToTensor();
        // torchvision: CIFAR10.data[i] is a uint8 H × W × C array and ToTensor makes the sample [3, 32, 32] from it.
        for (int i = 0; i < test.Count; i++)
        {
            var x = toTensor.Forward(test.Data[i]);
            Assert.Equal(new Size(3, 32, 32), x.Shape);
            Assert.Equal(x.ToArray<float>(), test[i].Input.ToArray<float>());
        }
        var (_, p) = Batch(2, 0);
        Assert.Equal(p[3072..].Select(b => b / 255f).ToArray(), test[1].Input.ToArray<float>());
        Assert.Equal(DType.Int64, test.Targets.DType);
    }

    [Fact]
    public void RejectsLengthNotAMultipleOfTheRecord()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("test_batch.bin"), new byte[3073 * 2 - 1]);
        var e = Assert.Throws<InvalidDataException>(() => Cifar10.Load(dir.Path, train: false));
        Assert.StartsWith("cifar10: test_batch.bin: length 6145 bytes is not a positive multiple of the 3073-byte record", e.Message);
        File.WriteAllBytes(dir.File("test_batch.bin"), []);
        Assert.Throws<InvalidDataException>(() => Cifar10.Load(dir.Path, train: false));
    }

    [Fact]
    public void RejectsLabelsAboveNine()
    {
        using var dir = new TempDir();
        var bytes = new byte[3073 * 2];
        bytes[3073] = 10;
        File.WriteAllBytes(dir.File("test_batch.bin"), bytes);
        var e = Assert.Throws<InvalidDataException>(() => Cifar10.Load(dir.Path, train: false));
        Assert.StartsWith("cifar10: test_batch.bin: record 1 (byte offset 3073) has label 10, out of range for 10 classes", e.Message);
    }

    [Fact]
    public void MissingBatchNamesThePath()
    {
        using var dir = new TempDir();
        WriteSplits(dir.Path);
        File.Delete(dir.File("data_batch_4.bin"));
        var e = Assert.Throws<FileNotFoundException>(() => Cifar10.Load(dir.Path));
        Assert.Equal(dir.File("data_batch_4.bin"), e.FileName);
        Assert.Contains(dir.File("data_batch_4.bin"), e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => Cifar10.Load(dir.File("missing")));
    }

    [Fact]
    public void WriteChecksSizes()
    {
        using var dir = new TempDir();
        Assert.Throws<ArgumentException>(() => Cifar10Binary.Write(dir.File("x.bin"), [1, 2], new byte[3072]));
    }
}
