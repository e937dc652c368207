namespace Ember.Data.Formats;

/// <summary>
/// The binary version of CIFAR-10 (<c>cifar-10-batches-bin/data_batch_1.bin</c> … <c>data_batch_5.bin</c>,
/// <c>test_batch.bin</c>): a file is a sequence of 3,073-byte records, each one label byte (0–9) followed
/// by a 32 × 32 color image stored channel-major: 1,024 red, 1,024 green, then 1,024 blue bytes, each
/// channel row-major.
/// </summary>
public static class Cifar10Binary
{
    /// <summary>Image height and width (32).</summary>
    public const int ImageSide = 32;

    /// <summary>Bytes of pixels in one record (3 × 32 × 32 = 3,072).</summary>
    public const int ImageBytes = 3 * ImageSide * ImageSide;

    /// <summary>Bytes in one record: the label then the pixels (3,073).</summary>
    public const int RecordBytes = 1 + ImageBytes;

    /// <summary>Reads one batch file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="numClasses">Labels must be below this (default 10); 1 to 256.</param>
    /// <returns>The labels [N] and the pixels, N × 3,072 bytes in the file's [N, 3, 32, 32] order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numClasses"/> is not in [1, 256].</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file's length is not a positive multiple of 3,073 bytes (a truncated file), or a label is out of range.</exception>
    public static (byte[] Labels, byte[] Pixels) Read(string path, int numClasses = 10)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (numClasses is < 1 or > 256)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, $"cifar10: numClasses must be 1 to 256 (a label is one byte), got {numClasses}");
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"cifar10: batch file not found: {path}", path);
        string name = info.Name;
        long length = info.Length;
        if (length == 0 || length % RecordBytes != 0)
            throw new InvalidDataException($"cifar10: {name}: length {length} bytes is not a positive multiple of the {RecordBytes}-byte record (1 label byte + {ImageBytes} pixel bytes); the file is truncated or not a CIFAR-10 binary batch");
        if (length > Array.MaxLength)
            throw new InvalidDataException($"cifar10: {name}: {length} bytes is more than one batch file can hold");
        var raw = File.ReadAllBytes(path);
        if (raw.Length != length)
            throw new InvalidDataException($"cifar10: {name}: the file changed while it was read ({length} → {raw.Length} bytes)");
        int n = raw.Length / RecordBytes;
        var labels = new byte[n];
        var pixels = new byte[n * ImageBytes];
        for (int i = 0; i < n; i++)
        {
            byte label = raw[i * RecordBytes];
            if (label >= numClasses)
                throw new InvalidDataException($"cifar10: {name}: record {i} (byte offset {(long)i * RecordBytes}) has label {label}, out of range for {numClasses} classes; the file is corrupt or not a CIFAR-10 batch");
            labels[i] = label;
            raw.AsSpan(i * RecordBytes + 1, ImageBytes).CopyTo(pixels.AsSpan(i * ImageBytes));
        }
        return (labels, pixels);
    }

    /// <summary>Writes a batch file in the same format (to make test fixtures or subsets).</summary>
    /// <param name="path">The file to create or overwrite (atomically: written beside it, then renamed over it).</param>
    /// <param name="labels">The labels, N bytes.</param>
    /// <param name="pixels">The images, N × 3,072 bytes in [N, 3, 32, 32] order.</param>
    /// <exception cref="ArgumentException">The pixel count is not 3,072 times the label count.</exception>
    public static void Write(string path, byte[] labels, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)labels.Length * ImageBytes != pixels.Length)
            throw new ArgumentException($"cifar10: {labels.Length} labels need {(long)labels.Length * ImageBytes} pixel bytes, got {pixels.Length}", nameof(pixels));
        Serialization.AtomicFile.Write(path, file =>
        {
            for (int i = 0; i < labels.Length; i++)
            {
                file.WriteByte(labels[i]);
                file.Write(pixels, i * ImageBytes, ImageBytes);
            }
        });
    }
}
