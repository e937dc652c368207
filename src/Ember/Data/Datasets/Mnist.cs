using Ember.Data.Formats;

namespace Ember.Data;

/// <summary>
/// The MNIST handwritten digits (torchvision's <c>datasets.MNIST</c>) read from the four IDX files
/// <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>,
/// <c>t10k-labels-idx1-ubyte</c> (each plain or <c>.gz</c>). Also the base of <see cref="FashionMnist"/>,
/// which has the same layout.
/// </summary>
/// <remarks>
/// The decoded pixels are kept once as bytes (N × 28 × 28); each sample builds its tensors on demand, so
/// reading items from several threads at once is safe. A sample is <c>(Input, Target)</c>: Input the image as
/// torchvision's <c>ToTensor</c> makes it — [1, 28, 28] of the default float dtype (float32 unless changed) with values
/// pixel / 255 in [0, 1] — passed through the transform if one was given; Target an int64 0-d tensor holding the class
/// index. The raw images are <see cref="Data"/> (uint8 [N, 28, 28], torchvision's <c>data</c>); a torchvision pipeline
/// that starts with <c>ToTensor</c> works unchanged, since <see cref="Transforms.ToTensor"/> passes a float image through.
/// </remarks>
public class Mnist : Dataset<(Tensor Input, Tensor Target)>
{
    /// <summary>MNIST's class names, "0 - zero" to "9 - nine" (torchvision's <c>MNIST.classes</c>).</summary>
    public static IReadOnlyList<string> MnistClasses { get; } =
        ["0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine"];

    private readonly byte[] _pixels;
    private readonly byte[] _labels;
    private readonly int _imageSize;
    private readonly string _op;
    private readonly object _lock = new();
    private Tensor? _data;
    private Tensor? _targets;

    /// <summary>Reads one split of an MNIST-layout data set from <paramref name="root"/> and checks it.</summary>
    /// <param name="root">The folder holding the IDX files (or their <c>&lt;Name&gt;/raw</c> sub-folder, torchvision's layout).</param>
    /// <param name="train">True for the training split (<c>train-*</c>), false for the test split (<c>t10k-*</c>).</param>
    /// <param name="transform">Applied to each Input tensor after the conversion to [0, 1] (float [1, 28, 28]); null for none.</param>
    /// <param name="classes">The class names; every label must be a valid index into them.</param>
    /// <param name="folderName">torchvision's folder name for the set (<c>MNIST</c>, <c>FashionMNIST</c>), also searched under <paramref name="root"/>.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="FileNotFoundException">An image or label file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, the counts of images and labels differ, or a label is out of range.</exception>
    protected Mnist(string root, bool train, Func<Tensor, Tensor>? transform, IReadOnlyList<string> classes, string folderName)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(classes);
        string op = _op = GetType().Name;
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"{op}: data folder not found: {root}");
        string prefix = train ? "train" : "t10k";
        string imagesPath = Find(root, folderName, prefix, "images", 3, op);
        string labelsPath = Find(root, folderName, prefix, "labels", 1, op);
        var images = Idx.ReadImages(imagesPath);
        var labels = Idx.ReadLabels(labelsPath);
        if (images.Shape[0] != labels.Shape[0])
            throw new InvalidDataException($"idx: {Path.GetFileName(imagesPath)} holds {images.Shape[0]} images but {Path.GetFileName(labelsPath)} holds {labels.Shape[0]} labels");
        var labelBytes = labels.Data;
        for (int i = 0; i < labelBytes.Length; i++)
            if (labelBytes[i] >= classes.Count)
                throw new InvalidDataException($"idx: {Path.GetFileName(labelsPath)}: label {i} is {labelBytes[i]}, out of range for {op}'s {classes.Count} classes");
        _pixels = images.Data;
        _labels = labelBytes;
        Rows = images.Shape[1];
        Cols = images.Shape[2];
        _imageSize = Rows * Cols;
        Root = root;
        Train = train;
        Transform = transform;
        Classes = classes;
        ImagesPath = imagesPath;
        LabelsPath = labelsPath;
    }

    /// <summary>Reads one split of MNIST.</summary>
    /// <param name="root">The folder holding the IDX files (plain or <c>.gz</c>), or torchvision's root with them under <c>MNIST/raw</c>.</param>
    /// <param name="train">True (default) for the 60,000 training images, false for the 10,000 test images.</param>
    /// <param name="transform">Applied to each Input tensor (float32 [1, 28, 28] in [0, 1]); null (default) for none.</param>
    /// <returns>The data set; samples are (Input float32 [1, 28, 28], Target int64 0-d); <see cref="Data"/> is uint8 [N, 28, 28].</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="FileNotFoundException">An image or label file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, the counts of images and labels differ, or a label is above 9.</exception>
    public static Mnist Load(string root, bool train = true, Func<Tensor, Tensor>? transform = null) =>
        new(root, train, transform, MnistClasses, "MNIST");

    /// <summary>The folder the files were read from.</summary>
    public string Root { get; }

    /// <summary>Whether this is the training split.</summary>
    public bool Train { get; }

    /// <summary>The transform applied to each Input tensor, or null.</summary>
    public Func<Tensor, Tensor>? Transform { get; }

    /// <summary>The class names; a Target is an index into them (torchvision's <c>classes</c>).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The image file that was read.</summary>
    public string ImagesPath { get; }

    /// <summary>The label file that was read.</summary>
    public string LabelsPath { get; }

    /// <summary>Image height (28).</summary>
    public int Rows { get; }

    /// <summary>Image width (28).</summary>
    public int Cols { get; }

    /// <inheritdoc/>
    public override int Count => _labels.Length;

    /// <summary>The raw pixels, N·Rows·Cols bytes (image-major, then row-major), as the file stores them.</summary>
    public ReadOnlyMemory<byte> Pixels => _pixels;

    /// <summary>The raw labels, N bytes.</summary>
    public ReadOnlyMemory<byte> Labels => _labels;

    /// <summary>
    /// All images as one uint8 tensor [N, Rows, Cols] of the raw pixel values 0…255 (torchvision's <c>data</c>).
    /// No transform is applied; <c>new ToTensor().Forward(Data[i])</c> is sample i's Input before the transform.
    /// Built on first use (N·Rows·Cols bytes: 47 MB for 60,000 images) and cached.
    /// </summary>
    public Tensor Data
    {
        get
        {
            lock (_lock)
            {
                if (_data is null)
                {
                    _data = Torch.FromArray(_pixels, Count, Rows, Cols);
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
    /// Sample <paramref name="index"/>: Input [1, Rows, Cols] of the default float dtype (pixel / 255 as torchvision's
    /// <c>ToTensor</c>, then the transform) and Target int64 0-d.
    /// </summary>
    /// <param name="index">In [0, <see cref="Count"/>).</param>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    public override (Tensor Input, Tensor Target) this[int index]
    {
        get
        {
            CheckIndex(index);
            var x = Kernels.ImageKernels.UnitInterval(_pixels.AsSpan(index * _imageSize, _imageSize), [1, Rows, Cols], Torch.GetDefaultDType(), _op);
            var input = Transform is null ? x : Transform(x);
            return (input, Torch.Scalar((long)_labels[index]));
        }
    }

    private static string Find(string root, string folderName, string prefix, string kind, int rank, string op)
    {
        string[] dirs = [root, Path.Combine(root, folderName, "raw"), Path.Combine(root, "raw")];
        string[] names = [$"{prefix}-{kind}-idx{rank}-ubyte", $"{prefix}-{kind}-idx{rank}-ubyte.gz", $"{prefix}-{kind}.idx{rank}-ubyte", $"{prefix}-{kind}.idx{rank}-ubyte.gz"];
        foreach (var dir in dirs)
            foreach (var name in names)
            {
                string p = Path.Combine(dir, name);
                if (File.Exists(p)) return p;
            }
        string expected = Path.Combine(root, names[0]);
        throw new FileNotFoundException($"{op}: {kind} file not found: expected {expected} or {names[1]} (in {root} or {Path.Combine(root, folderName, "raw")})", expected);
    }
}
