using Ember.Serialization;

namespace Ember.NN;

public abstract partial class Module
{
    /// <summary>
    /// Writes the module's state dict (parameters and persistent buffers, PyTorch's key names) to a safetensors file,
    /// atomically: a crash mid-write leaves the previous file intact.
    /// </summary>
    /// <param name="path">The file to write (conventionally <c>*.safetensors</c>).</param>
    /// <param name="metadata">Free-form string metadata stored in the file (default none).</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        Safetensors.Save(StateDict(), path, metadata);

    /// <summary>
    /// Loads a safetensors file written by <see cref="Save"/> (or by PyTorch's <c>safetensors.torch.save_file</c> of a
    /// state dict) into the module's parameters and buffers, like <see cref="LoadStateDict"/>. A tensor whose dtype
    /// differs from the module's is an error naming the key, unless <paramref name="convertDTypes"/> asks to convert it
    /// (e.g. a float16 or bfloat16 file into a float32 model).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="strict">Require the keys to match exactly (default true).</param>
    /// <param name="convertDTypes">Convert tensors of another dtype to the module's (default false: raise).</param>
    /// <returns>The keys the module expected but the file lacks, and the keys of the file the module does not have.</returns>
    /// <exception cref="ArgumentException">A key's shape or dtype differs from the module's, (strict) keys are missing or
    /// unexpected, or the path is empty.</exception>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFormatException">The file is not a valid safetensors file.</exception>
    public LoadResult Load(string path, bool strict = true, bool convertDTypes = false)
    {
        var tensors = Safetensors.Load(path).Tensors;
        if (!convertDTypes)
        {
            var own = StateDict();
            var wrong = tensors.Where(kv => own.TryGetValue(kv.Key, out var t) && t.DType != kv.Value.DType)
                .Select(kv => $"{kv.Key}: the file holds {kv.Value.DType}, the model {own[kv.Key].DType}").ToList();
            if (wrong.Count > 0)
                throw new ArgumentException($"load: dtype mismatch for {string.Join("; ", wrong)} (pass convertDTypes: true to convert)", nameof(path));
        }
        return LoadStateDict(tensors, strict);
    }
}
