using Ember.Serialization;

namespace Ember.NN;

public abstract partial class Module
{
    /// <summary>
    /// Writes the module's state dict (parameters and persistent buffers, PyTorch's key names) atomically — a crash
    /// mid-write leaves the previous file intact — as a PyTorch file when the path ends in <c>.pt</c> or <c>.pth</c>
    /// (what <c>torch.save(model.state_dict(), path)</c> writes; <c>torch.load</c> reads it), else as safetensors.
    /// </summary>
    /// <param name="path">The file to write (<c>*.safetensors</c>, or <c>*.pt</c>/<c>*.pth</c> for PyTorch's format).</param>
    /// <param name="metadata">Free-form string metadata stored in a safetensors file (default none; PyTorch files have none).</param>
    /// <exception cref="ArgumentException">The path is empty, or metadata is given for a PyTorch file.</exception>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ModelFiles.CheckPath(path, "save");
        if (!ModelFiles.HasPyTorchExtension(path))
        {
            Safetensors.Save(StateDict(), path, metadata);
            return;
        }
        if (metadata is not null) throw new ArgumentException("save: PyTorch files (.pt, .pth) hold no metadata; save as .safetensors to keep it", nameof(metadata));
        PyTorchFile.Save(StateDict(), path);
    }

    /// <summary>
    /// Loads a state-dict file written by <see cref="Save"/>, by <c>torch.save(model.state_dict(), path)</c> or by
    /// <c>safetensors.torch.save_file</c> (the format is read from the file's first bytes, not its name) into the
    /// module's parameters and buffers, like <see cref="LoadStateDict"/>. A tensor whose dtype
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
    /// <exception cref="ModelFormatException">The file is not a valid safetensors or PyTorch state-dict file.</exception>
    public LoadResult Load(string path, bool strict = true, bool convertDTypes = false)
    {
        ModelFiles.CheckPath(path, "load");
        var tensors = ModelFiles.ReadStateDict(path);
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
