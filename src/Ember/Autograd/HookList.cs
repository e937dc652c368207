namespace Ember.Autograd;

/// <summary>
/// An ordered list of hooks that readers take as a snapshot array without locking (copy on write), so a hook
/// can be added or removed from any thread, even by a hook that is running.
/// </summary>
/// <typeparam name="T">The hook (a delegate, or a small record holding one).</typeparam>
internal sealed class HookList<T>
{
    private readonly Lock _lock = new();
    private (object Key, T Hook)[] _items = [];

    /// <summary>The hooks in registration order at this moment (the array is never modified afterwards).</summary>
    public (object Key, T Hook)[] Snapshot => Volatile.Read(ref _items);

    /// <summary>Appends <paramref name="hook"/> and returns the handle that removes exactly this registration.</summary>
    public RemovableHandle Add(T hook)
    {
        var key = new object();
        lock (_lock) Volatile.Write(ref _items, [.. _items, (key, hook)]);
        return new RemovableHandle(() => Remove(key));
    }

    private void Remove(object key)
    {
        lock (_lock)
        {
            int i = Array.FindIndex(_items, e => ReferenceEquals(e.Key, key));
            if (i < 0) return;
            var next = new (object, T)[_items.Length - 1];
            Array.Copy(_items, next, i);
            Array.Copy(_items, i + 1, next, i, next.Length - i);
            Volatile.Write(ref _items, next);
        }
    }
}
