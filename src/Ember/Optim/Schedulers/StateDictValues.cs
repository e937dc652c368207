using System.Collections;

namespace Ember.Optim.Schedulers;

/// <summary>
/// Reads the values of a scheduler's state dict (PyTorch's <c>scheduler.state_dict()</c> layout): numbers may arrive as
/// any .NET integer or floating type (e.g. <c>long</c> and <c>double</c> from a file written by PyTorch), lists as any
/// enumerable. A missing key or a value of the wrong kind is an <see cref="ArgumentException"/> naming the key.
/// </summary>
internal static class StateDictValues
{
    public static bool Has(IReadOnlyDictionary<string, object?> state, string key) => state.ContainsKey(key);

    public static object? Get(IReadOnlyDictionary<string, object?> state, string key) =>
        state.TryGetValue(key, out var v) ? v
            : throw new ArgumentException($"load_state_dict: the scheduler state has no '{key}'", nameof(state));

    public static int Int(IReadOnlyDictionary<string, object?> state, string key) => Get(state, key) switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
        var v => throw Bad(key, "an integer", v),
    };

    public static double Double(IReadOnlyDictionary<string, object?> state, string key) => ToDouble(key, Get(state, key));

    /// <summary>The value of <paramref name="key"/>, or <paramref name="absent"/> when the state does not hold it (settings
    /// a state dict may leave out keep their current values).</summary>
    public static int Int(IReadOnlyDictionary<string, object?> state, string key, int absent) => Has(state, key) ? Int(state, key) : absent;

    /// <inheritdoc cref="Int(IReadOnlyDictionary{string, object?}, string, int)"/>
    public static double Double(IReadOnlyDictionary<string, object?> state, string key, double absent) => Has(state, key) ? Double(state, key) : absent;

    /// <inheritdoc cref="Int(IReadOnlyDictionary{string, object?}, string, int)"/>
    public static bool Bool(IReadOnlyDictionary<string, object?> state, string key, bool absent) => Has(state, key) ? Bool(state, key) : absent;

    public static bool Bool(IReadOnlyDictionary<string, object?> state, string key) =>
        Get(state, key) is bool b ? b : throw Bad(key, "a bool", Get(state, key));

    public static string String(IReadOnlyDictionary<string, object?> state, string key) =>
        Get(state, key) is string s ? s : throw Bad(key, "a string", Get(state, key));

    /// <summary>A list of numbers of the given length (one per parameter group).</summary>
    public static double[] Doubles(IReadOnlyDictionary<string, object?> state, string key, int count)
    {
        if (Get(state, key) is not IEnumerable list || list is string) throw Bad(key, "a list of numbers", Get(state, key));
        var values = new List<double>();
        foreach (var o in list) values.Add(ToDouble(key, o));
        if (values.Count != count)
            throw new ArgumentException($"load_state_dict: '{key}' has {values.Count} values but the optimizer has {count} parameter groups", nameof(state));
        return values.ToArray();
    }

    private static double ToDouble(string key, object? v) => v switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        _ => throw Bad(key, "a number", v),
    };

    private static ArgumentException Bad(string key, string expected, object? v) =>
        new($"load_state_dict: '{key}' should be {expected}, got {(v is null ? "None" : v.GetType().Name + " " + v)}", "state");
}
