using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Tests.Data.Formats;

/// <summary>
/// Every data-format writer (PNG, PNM, IDX plain and gzip, CIFAR-10 batches) replaces its file atomically: the bytes go to
/// a temporary file that is renamed over the target, so a reader that had the old file open still reads the old bytes
/// whole (a writer that truncated the file in place would cut them), the new file reads back, and no temporary file is
/// left behind. (Rename over an open file is POSIX behaviour; Windows refuses it, so the test runs elsewhere only.)
/// </summary>
public class AtomicWritersTests
{
    private static Image Picture(int h, int w, int channels, int seed) =>
        new(Enumerable.Range(0, h * w * channels).Select(i => (byte)(i * 37 + seed)).ToArray(), h, w, channels);

    public static TheoryData<string> Writers => new() { "png", "pnm", "idx", "idx.gz", "cifar" };

    [Theory]
    [MemberData(nameof(Writers))]
    public void ReplacesTheFileWholeAndLeavesNoTemporaryFile(string format)
    {
        if (OperatingSystem.IsWindows()) return;
        string dir = Path.Combine(Path.GetTempPath(), "ember-atomic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "data." + format);
            Write(format, path, version: 1);
            byte[] first = File.ReadAllBytes(path);
            using (var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                Write(format, path, version: 2);
                var seen = new MemoryStream();
                reader.CopyTo(seen);
                Assert.Equal(first, seen.ToArray());
            }
            Assert.NotEqual(first, File.ReadAllBytes(path));
            Check(format, path, version: 2);
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Write(string format, string path, int version)
    {
        int n = 3 + version;
        switch (format)
        {
            case "png": Png.Write(path, Picture(5 + version, 7, 3, version)); break;
            case "pnm": Pnm.Write(path, Picture(5 + version, 7, 1, version)); break;
            case "idx": Idx.Write(path, Picture(n, 4, 3, version).Pixels, [n, 4, 3]); break;
            case "idx.gz": Idx.Write(path, Picture(n, 4, 3, version).Pixels, [n, 4, 3], gzip: true); break;
            default: Cifar10Binary.Write(path, Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray(), Picture(n, 32, 96, version).Pixels); break;
        }
    }

    private static void Check(string format, string path, int version)
    {
        int n = 3 + version;
        switch (format)
        {
            case "png": Assert.Equal(Picture(5 + version, 7, 3, version).Pixels, Png.Read(path).Pixels); break;
            case "pnm": Assert.Equal(Picture(5 + version, 7, 1, version).Pixels, Pnm.Read(path).Pixels); break;
            case "idx" or "idx.gz":
                var array = Idx.Read(path);
                Assert.Equal([n, 4, 3], array.Shape.ToArray());
                Assert.Equal(Picture(n, 4, 3, version).Pixels, array.Data);
                break;
            default:
                var (labels, pixels) = Cifar10Binary.Read(path);
                Assert.Equal(n, labels.Length);
                Assert.Equal(Picture(n, 32, 96, version).Pixels, pixels);
                break;
        }
    }
}
