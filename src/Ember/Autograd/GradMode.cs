namespace Ember.Autograd;

/// <summary>
/// Whether operations are recorded for autograd on the current thread (PyTorch's grad mode).
/// Use <see cref="Torch.NoGrad"/> to disable recording for a scope.
/// </summary>
public static class GradMode
{
    [ThreadStatic] private static bool _disabled;

    /// <summary>True when operations on tensors that require grad are recorded (the default).</summary>
    public static bool IsEnabled
    {
        get => !_disabled;
        set => _disabled = !value;
    }
}

/// <summary>A scope that sets grad mode and restores the previous mode when disposed.</summary>
public readonly struct GradModeScope : IDisposable
{
    private readonly bool _previous;

    internal GradModeScope(bool enabled)
    {
        _previous = GradMode.IsEnabled;
        GradMode.IsEnabled = enabled;
    }

    /// <summary>Restores the grad mode that was in force when the scope began.</summary>
    public void Dispose() => GradMode.IsEnabled = _previous;
}
