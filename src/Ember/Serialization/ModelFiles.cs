namespace Ember.Serialization;

/// <summary>Picks the format of a model file: PyTorch's zip format or safetensors.</summary>
internal static class ModelFiles
{
    /// <summary>Checks a path argument: null → <see cref="ArgumentNullException"/>, empty → <see cref="ArgumentException"/> naming the op.</summary>
    public static void CheckPath(string? path, string op)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) throw new ArgumentException($"{op}: the path is empty", nameof(path));
    }

    /// <summary>Whether a path names a PyTorch file by its extension (<c>.pt</c>, <c>.pth</c>), for writers.</summary>
    public static bool HasPyTorchExtension(string path) =>
        path.EndsWith(".pt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pth", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a file starts like a zip archive (a PyTorch file since 1.6), for readers: the content decides, not the name.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static bool IsZip(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("PK\x03\x04"u8);
    }

    /// <summary>The named tensors of a state-dict file of either format.</summary>
    /// <exception cref="ModelFormatException">The file is malformed or is not a flat name → tensor dictionary.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyDictionary<string, Tensor> ReadStateDict(string path) =>
        IsZip(path) ? PyTorchFile.LoadStateDict(path) : Safetensors.Load(path).Tensors;
}
