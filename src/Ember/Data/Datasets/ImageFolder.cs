using Ember.Data.Formats;
using Ember.Data.Transforms;

namespace Ember.Data;

/// <summary>
/// A classification data set laid out as one sub-folder per class (torchvision's <c>datasets.ImageFolder</c>):
/// <c>root/cat/001.png</c>, <c>root/dog/xyz.ppm</c>, …. Classes are the sub-folder names sorted
/// ordinally (torchvision's <c>find_classes</c>); samples are the files with an accepted extension found
/// recursively in each class folder, sorted by path within a class, classes in order.
/// </summary>
/// <remarks>
/// Images are read when an item is requested (nothing is cached), so reading items from several threads
/// is safe. A sample is (Input float32 [C, H, W] in [0, 1] — the decoded image as torchvision's
/// <c>ToTensor</c> makes it, then the transform — and Target int64 0-d, the class index).
/// </remarks>
public sealed class ImageFolder : Dataset<(Tensor Input, Tensor Target)>
{
    /// <summary>The extensions accepted by default: <c>.png</c>, <c>.pgm</c>, <c>.ppm</c>.</summary>
    public static IReadOnlyList<string> DefaultExtensions { get; } = [".png", ".pgm", ".ppm"];

    private static readonly ToTensor ImageToTensor = new();
    private readonly (string Path, int ClassIndex)[] _samples;

    /// <summary>Scans <paramref name="root"/> for class folders and their images.</summary>
    /// <param name="root">The folder holding one sub-folder per class.</param>
    /// <param name="transform">Applied to each Input tensor (float32 [C, H, W] in [0, 1]); null (default) for none.</param>
    /// <param name="extensions">The accepted file extensions, compared case-insensitively (default <see cref="DefaultExtensions"/>).</param>
    /// <param name="channels">Converts every image to 1, 3 or 4 channels (see <see cref="ImageFile.Convert"/>) so that a
    /// folder mixing gray and color files batches together; null (default) keeps each file's own channels
    /// (torchvision's default loader always converts to RGB: pass 3 for that).</param>
    /// <param name="loader">Reads one file (default <see cref="ImageFile.Read"/>).</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="FileNotFoundException">There is no class folder, or a class folder holds no file with an accepted extension.</exception>
    /// <exception cref="ArgumentException"><paramref name="channels"/> is not 1, 3 or 4, or <paramref name="extensions"/> is empty.</exception>
    public ImageFolder(string root, Func<Tensor, Tensor>? transform = null, IEnumerable<string>? extensions = null,
        int? channels = null, Func<string, Image>? loader = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (channels is int ch && ch is not (1 or 3 or 4))
            throw new ArgumentException($"ImageFolder: channels must be 1, 3 or 4, got {ch}", nameof(channels));
        var exts = (extensions ?? DefaultExtensions).Select(e => e.StartsWith('.') ? e.ToLowerInvariant() : "." + e.ToLowerInvariant()).ToArray();
        if (exts.Length == 0) throw new ArgumentException("ImageFolder: extensions is empty", nameof(extensions));
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"ImageFolder: folder not found: {root}");

        var (classes, classToIdx) = FindClasses(root);
        var samples = new List<(string, int)>();
        var empty = new List<string>();
        for (int k = 0; k < classes.Count; k++)
        {
            int before = samples.Count;
            Walk(Path.Combine(root, classes[k]), exts, k, samples);
            if (samples.Count == before) empty.Add(classes[k]);
        }
        if (empty.Count > 0)
            throw new FileNotFoundException($"ImageFolder: found no valid file for the classes {string.Join(", ", empty)} in {root}. Supported extensions are: {string.Join(", ", exts)}");
        Root = root;
        Transform = transform;
        Extensions = exts;
        Channels = channels;
        Loader = loader ?? ImageFile.Read;
        Classes = classes;
        ClassToIdx = classToIdx;
        _samples = samples.ToArray();
        Targets = _samples.Select(s => s.ClassIndex).ToArray();
    }

    /// <summary>
    /// The class folders of <paramref name="directory"/>, sorted ordinally, and the map from name to index
    /// (torchvision's <c>find_classes</c>).
    /// </summary>
    /// <param name="directory">The root folder.</param>
    /// <returns>The sorted class names and their indices.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder has no sub-folder.</exception>
    public static (IReadOnlyList<string> Classes, IReadOnlyDictionary<string, int> ClassToIdx) FindClasses(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"ImageFolder: folder not found: {directory}");
        var classes = Directory.GetDirectories(directory).Select(Path.GetFileName).Select(n => n!).ToList();
        classes.Sort(StringComparer.Ordinal);
        if (classes.Count == 0) throw new FileNotFoundException($"ImageFolder: couldn't find any class folder in {directory}");
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Count; i++) map[classes[i]] = i;
        return (classes, map);
    }

    /// <summary>The root folder.</summary>
    public string Root { get; }

    /// <summary>The class names, sorted (torchvision's <c>classes</c>).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Class name → index (torchvision's <c>class_to_idx</c>).</summary>
    public IReadOnlyDictionary<string, int> ClassToIdx { get; }

    /// <summary>Every sample's file path and class index, in item order (torchvision's <c>samples</c>).</summary>
    public IReadOnlyList<(string Path, int ClassIndex)> Samples => _samples;

    /// <summary>Every sample's class index, in item order (torchvision's <c>targets</c>).</summary>
    public IReadOnlyList<int> Targets { get; }

    /// <summary>The accepted extensions (lower case, with the dot).</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The channel count every image is converted to, or null to keep each file's own.</summary>
    public int? Channels { get; }

    /// <summary>The transform applied to each Input tensor, or null.</summary>
    public Func<Tensor, Tensor>? Transform { get; }

    /// <summary>The function that reads one file.</summary>
    public Func<string, Image> Loader { get; }

    /// <inheritdoc/>
    public override int Count => _samples.Length;

    /// <summary>Reads sample <paramref name="index"/>: Input float32 [C, H, W] in [0, 1] (then the transform) and Target int64 0-d.</summary>
    /// <param name="index">In [0, <see cref="Count"/>).</param>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    /// <exception cref="FileNotFoundException">The file was removed after the folder was scanned.</exception>
    /// <exception cref="InvalidDataException">The file is malformed or truncated, or it declares more than
    /// <see cref="ImageFile.MaxImagePixels"/> pixels (the message names the file).</exception>
    /// <exception cref="NotSupportedException">The file uses a feature the decoder does not support (e.g. a 16-bit PGM).</exception>
    public override (Tensor Input, Tensor Target) this[int index]
    {
        get
        {
            CheckIndex(index);
            var (path, classIndex) = _samples[index];
            var image = Loader(path);
            if (Channels is int c) image = ImageFile.Convert(image, c);
            var x = ImageToTensor.Forward(image);
            return (Transform is null ? x : Transform(x), Torch.Scalar((long)classIndex));
        }
    }

    // torchvision's make_dataset: the folders of sorted(os.walk(...)) (ordered by full path), each one's files sorted,
    // the extension compared in lower case.
    private static void Walk(string dir, string[] exts, int classIndex, List<(string, int)> samples)
    {
        var dirs = new List<string> { dir };
        dirs.AddRange(Directory.GetDirectories(dir, "*", SearchOption.AllDirectories));
        dirs.Sort(StringComparer.Ordinal);
        foreach (var d in dirs)
        {
            var files = Directory.GetFiles(d);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var f in files)
                if (exts.Contains(Path.GetExtension(f).ToLowerInvariant())) samples.Add((f, classIndex));
        }
    }
}
