namespace Ember.Plots;

/// <summary>Argument checks whose messages name the operation, the argument and the allowed range.</summary>
internal static class Check
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is outside [<paramref name="min"/>, <paramref name="max"/>].</exception>
    public static void InRange(int value, int min, int max, string op, string name)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, max == int.MaxValue
                ? $"{op}: {name} must be at least {min}, got {value}"
                : $"{op}: {name} must be in [{min}, {max}], got {value}");
    }
}
