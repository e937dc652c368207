using Ember.Data.Formats;

namespace Ember.Data;

/// <summary>
/// CIFAR-10 (torchvision's <c>datasets.CIFAR10</c>) read from the binary batches
/// (<c>data_batch_1.bin</c> … <c>data_batch_5.bin</c> for training, <c>test_batch.bin</c> for test):
/// 50,000 training and 10,000 test 32 × 32 color images in 10 classes.
/// </summary>
/// <remarks>
/// The pixels are kept once as bytes; each sample builds its tensors on demand (thread-safe). A sample is
/// (Input [3, 32, 32] of the default float dtype (float32 unless changed) in [0, 1] — pixel / 255 as torchvision's
/// <c>ToTensor</c> makes it, then the transform — and Target int64 0-d). The raw images are <see cref="Data"/>,
/// uint8 [N, 32, 32, 3] as torchvision's <c>data</c>.
/// </remarks>
public sealed class Cifar10 : Dataset<(Tensor Input, Tensor Target)>
{
    /// <summary>The class names in label order (torchvision's <c>CIFAR10.classes</c>).</summary>
    public static IReadOnlyList<string> Cifar10Classes { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    private readonly byte[] _pixels;
    private readonly byte[] _labels;
    private readonly object _lock = new();
    private Tensor? _data;
    private Tensor? _targets;

    private Cifar10(string root, bool train, Func<Tensor, Tensor>? transform, byte[] pixels, byte[] labels, string[] files)
    {
        Root = root;
        Train = train;
        Transform = transform;
        _pixels = pixels;
        _labels = labels;
        Files = files;
    }

    /// <summary>Reads one split of CIFAR-10.</summary>
    /// <param name="root">The folder holding the <c>.bin</c> batches, or its parent holding <c>cifar-10-batches-bin</c>.</param>
    /// <param name="train">True (default) for the five training batches, false for <c>test_batch.bin</c>.</param>
    /// <param name="transform">Applied to each Input tensor (float32 [3, 32, 32] in [0, 1]); null (default) for none.</param>
    /// <returns>The data set; samples are (Input float32 [3, 32, 32], Target int64 0-d).</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="FileNotFoundException">A batch file is missing; the message names its expected path.</exception>
    /// <exception cref="InvalidDataException">A batch's length is not a multiple of 3,073 bytes or a label is above 9.</exception>
    public static Cifar10 Load(string root, bool train = true, Func<Tensor, Tensor>? transform = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Cifar10: data folder not found: {root}");
        string dir = root;
        string nested = Path.Combine(root, "cifar-10-batches-bin");
        if (!File.Exists(Path.Combine(root, "test_batch.bin")) && !File.Exists(Path.Combine(root, "data_batch_1.bin")) && Directory.Exists(nested))
            dir = nested;
        string[] names = train ? ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"] : ["test_batch.bin"];
        var files = new string[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            files[i] = Path.Combine(dir, names[i]);
            if (!File.Exists(files[i]))
                throw new FileNotFoundException($"Cifar10: batch file not found: {files[i]}", files[i]);
        }
        var parts = new (byte[] Labels, byte[] Pixels)[files.Length];
        long total = 0;
        for (int i = 0; i < files.Length; i++)
        {
            parts[i] = Cifar10Binary.Read(files[i]);
            total += parts[i].Labels.Length;
        }
        if (total * Cifar10Binary.ImageBytes > Array.MaxLength)
            throw new InvalidDataException($"Cifar10: {total} images are more than one data set can hold");
        var labels = new byte[total];
        var pixels = new byte[total * Cifar10Binary.ImageBytes];
        int at = 0;
        foreach (var (l, p) in parts)
        {
            l.CopyTo(labels, at);
            p.CopyTo(pixels, (long)at * Cifar10Binary.ImageBytes);
            at += l.Length;
        }
        return new Cifar10(dir, train, transform, pixels, labels, files);
    }

    /// <summary>The folder the batches were read from.</summary>
    public string Root { get; }

    /// <summary>The batch files that were read, in order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Whether this is the training split.</summary>
    public bool Train { get; }

    /// <summary>The transform applied to each Input tensor, or null.</summary>
    public Func<Tensor, Tensor>? Transform { get; }

    /// <summary>The class names; a Target is an index into them.</summary>
    public IReadOnlyList<string> Classes => Cifar10Classes;

    /// <inheritdoc/>
    public override int Count => _labels.Length;

    /// <summary>The raw pixels, N × 3,072 bytes in [N, 3, 32, 32] order.</summary>
    public ReadOnlyMemory<byte> Pixels => _pixels;

    /// <summary>The raw labels, N bytes.</summary>
    public ReadOnlyMemory<byte> Labels => _labels;

    /// <summary>
    /// All images as a uint8 tensor [N, 32, 32, 3] (height, width, channels: torchvision's <c>data</c>) of the raw values
    /// 0…255; <c>new ToTensor().Forward(Data[i])</c> is sample i's Input before the transform, and
    /// <c>Data.Permute(0, 3, 1, 2)</c> is the files' channel-first order. No transform is applied. Built on first use and cached.
    /// </summary>
    public Tensor Data
    {
        get
        {
            lock (_lock)
            {
                if (_data is null)
                {
                    _data = Torch.FromArray(_pixels, Count, 3, Cifar10Binary.ImageSide, Cifar10Binary.ImageSide).Permute(0, 2, 3, 1).Contiguous();
                }
                return _data;
            }
        }
    }

    /// <summary>All labels as an int64 tensor [N] (torchvision's <c>targets</c>). Built on first use and cached.</summary>
    public Tensor Targets
    {
        get
        {
            lock (_lock)
            {
                if (_targets is null)
                {
                    _targets = Torch.FromArray(_labels, DType.Int64);
                }
                return _targets;
            }
        }
    }

    /// <summary>
    /// Sample <paramref name="index"/>: Input [3, 32, 32] of the default float dtype (pixel / 255 as torchvision's
    /// <c>ToTensor</c>, then the transform) and Target int64 0-d.
    /// </summary>
    /// <param name="index">In [0, <see cref="Count"/>).</param>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    public override (Tensor Input, Tensor Target) this[int index]
    {
        get
        {
            CheckIndex(index);
            // The files store CHW, the output's order.
            var x = Kernels.ImageKernels.UnitInterval(_pixels.AsSpan(index * Cifar10Binary.ImageBytes, Cifar10Binary.ImageBytes),
                [3, Cifar10Binary.ImageSide, Cifar10Binary.ImageSide], Torch.GetDefaultDType(), "Cifar10");
            return (Transform is null ? x : Transform(x), Torch.Scalar((long)_labels[index]));
        }
    }
}
