namespace Ember.Autograd;

/// <summary>
/// PyTorch's inference mode on the current thread: like <see cref="Torch.NoGrad"/>, and the tensors made inside it are
/// <em>inference tensors</em> (<see cref="Tensor.IsInference"/>), which never take part in autograd later: outside inference
/// mode they cannot be saved for backward, updated in place, or made to require grad (clone one to get a normal tensor).
/// Enter it with <see cref="Torch.InferenceMode(bool)"/>.
/// </summary>
public static class InferenceMode
{
    [ThreadStatic] private static bool _enabled;

    /// <summary>Whether inference mode is on for this thread (PyTorch's <c>torch.is_inference_mode_enabled()</c>).</summary>
    public static bool IsEnabled
    {
        get => _enabled;
        internal set => _enabled = value;
    }

    /// <summary>Raises PyTorch's error for an in-place write to an inference tensor outside inference mode.</summary>
    internal static void CheckWrite(Tensor self, string op)
    {
        if (self.Storage.IsInference && !_enabled)
            throw new InvalidOperationException(
                $"{op}: inplace update to inference tensor outside InferenceMode is not allowed; you can make a clone to get a normal tensor before doing inplace update");
    }

    /// <summary>Raises PyTorch's error for saving an inference tensor for backward outside inference mode.</summary>
    internal static void CheckSave(Tensor tensor)
    {
        if (tensor.Storage.IsInference && !_enabled)
            throw new InvalidOperationException(
                "inference tensors cannot be saved for backward; to work around you can make a clone to get a normal tensor and use it in autograd");
    }
}

/// <summary>A scope that sets inference mode (and, while it is on, turns grad mode off); disposing it restores both.</summary>
public readonly struct InferenceModeScope : IDisposable
{
    private readonly bool _previousInference, _previousGrad;

    internal InferenceModeScope(bool enabled)
    {
        _previousInference = InferenceMode.IsEnabled;
        _previousGrad = GradMode.IsEnabled;
        InferenceMode.IsEnabled = enabled;
        if (enabled) GradMode.IsEnabled = false;
    }

    /// <summary>Restores the inference and grad modes that were in force when the scope began.</summary>
    public void Dispose()
    {
        InferenceMode.IsEnabled = _previousInference;
        GradMode.IsEnabled = _previousGrad;
    }
}
