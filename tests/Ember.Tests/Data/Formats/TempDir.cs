namespace Ember.Tests.Data.Formats;

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ember-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A fact that is skipped, with a message saying why, when the Fashion-MNIST files are not installed.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!System.IO.File.Exists(System.IO.Path.Combine(Ember.Data.FashionMnist.DefaultRoot, "train-images-idx3-ubyte.gz")))
            Skip = $"Fashion-MNIST is not installed at {Ember.Data.FashionMnist.DefaultRoot} (apt-get install dataset-fashion-mnist)";
    }
}

/// <summary>A fact that is skipped, with a clear message, when a file it reads is not installed.</summary>
public sealed class RequiresFileFactAttribute : FactAttribute
{
    public RequiresFileFactAttribute(string path, string package)
    {
        if (!System.IO.File.Exists(path)) Skip = $"{path} is not installed (apt-get install {package})";
    }
}
