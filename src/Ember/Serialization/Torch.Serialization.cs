using Ember.Optim;
using Ember.Serialization;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Saves an object to a file atomically (PyTorch's <c>torch.save</c>): in PyTorch's zip format, which
    /// <c>torch.load(path, weights_only=True)</c> reads, or — when the path ends in <c>.safetensors</c> — as safetensors,
    /// which holds only a name → tensor dictionary. Objects are what PyTorch's safe loader accepts: tensors, numbers,
    /// strings, bools, null, lists (<see cref="System.Collections.IList"/>), tuples (<c>object?[]</c>) and dictionaries
    /// (<see cref="System.Collections.IDictionary"/>, e.g. <c>model.StateDict()</c>); an <see cref="OptimizerState"/> is saved as
    /// PyTorch's optimizer state dict (<see cref="OptimizerState.ToDictionary"/>).
    /// </summary>
    /// <param name="obj">The object to save, e.g. <c>model.StateDict()</c> or a dictionary of several state dicts.</param>
    /// <param name="path">The file to write; replaced only once the new one is complete.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null, or a safetensors file is asked for a null object.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or <paramref name="obj"/> holds a value that
    /// cannot be saved (a module, a delegate…), or a safetensors file is asked for something other than named tensors.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static void Save(object? obj, string path)
    {
        ModelFiles.CheckPath(path, "save");
        if (obj is OptimizerState optimizerState) obj = optimizerState.ToDictionary();
        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            if (obj is not IEnumerable<KeyValuePair<string, Tensor>> tensors)
                throw new ArgumentException($"save: a .safetensors file holds named tensors (e.g. model.StateDict()), not {obj?.GetType().Name ?? "null"}", nameof(obj));
            Safetensors.Save(tensors, path);
            return;
        }
        PyTorchFile.Save(obj, path);
    }

    /// <summary>
    /// Loads an object saved by <see cref="Save"/> or by <c>torch.save</c> (PyTorch's <c>torch.load(path, weights_only=True)</c>:
    /// only tensors and plain containers are accepted, never code), or a safetensors file. The format is read from the
    /// file's first bytes. A PyTorch file gives dictionaries as <c>OrderedDictionary&lt;object, object?&gt;</c>, lists as
    /// <c>List&lt;object?&gt;</c>, tuples as <c>object?[]</c>, ints as <c>long</c>, floats as <c>double</c>; a safetensors
    /// file gives its tensors by name (a <c>IReadOnlyDictionary&lt;string, Tensor&gt;</c>). To load a state dict into a
    /// model, <c>model.Load(path)</c> does both steps.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The saved object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The file is malformed, or holds something a weights-only load refuses
    /// (the message names it).</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static object? Load(string path)
    {
        ModelFiles.CheckPath(path, "load");
        return ModelFiles.IsZip(path) ? PyTorchFile.Load(path) : Safetensors.Load(path).Tensors;
    }
}
