namespace Ember;

/// <summary>
/// Removes the hook it was returned for (PyTorch's <c>torch.utils.hooks.RemovableHandle</c>): call
/// <see cref="Remove"/>, or dispose it (<c>using var h = x.RegisterHook(...)</c> removes the hook at the end of the scope).
/// Removing twice does nothing.
/// </summary>
public sealed class RemovableHandle : IDisposable
{
    private Action? _remove;

    internal RemovableHandle(Action remove) => _remove = remove;

    /// <summary>Removes the hook; later calls do nothing. A backward pass or module call already under way may still run it.</summary>
    public void Remove() => Interlocked.Exchange(ref _remove, null)?.Invoke();

    /// <summary>Same as <see cref="Remove"/>.</summary>
    public void Dispose() => Remove();
}
