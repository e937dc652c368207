using System.Numerics;

namespace Ember.Serialization.Pickle;

/// <summary>
/// Python's equality for the dictionary keys a pickle can hold: strings by value, numbers by value across types
/// (<c>1 == 1.0 == True</c>, as Python hashes them alike), tuples element by element, <c>None</c>.
/// </summary>
internal sealed class PickleKeyComparer : IEqualityComparer<object>
{
    public static readonly PickleKeyComparer Instance = new();

    /// <summary>Whether Python could use <paramref name="key"/> as a dict key built from these pickle values.</summary>
    /// <remarks>Tuples nested deeper than <see cref="MaxTupleDepth"/> are refused (a hostile pickle could nest them
    /// as deep as it is long; comparing them must not exhaust the call stack).</remarks>
    public static bool IsHashable(object? key, int depth = 0) => key switch
    {
        null or string or long or bool or double or BigInteger => true,
        object?[] tuple => depth < MaxTupleDepth && Array.TrueForAll(tuple, e => IsHashable(e, depth + 1)),
        _ => false,
    };

    /// <summary>The deepest nesting of tuples accepted in a key.</summary>
    public const int MaxTupleDepth = 32;

    private static object? Normalize(object? x) => x switch
    {
        bool b => b ? 1L : 0L,
        double d when d == Math.Floor(d) && d >= -9.2e18 && d <= 9.2e18 => (long)d,
        BigInteger i when i >= long.MinValue && i <= long.MaxValue => (long)i,
        _ => x,
    };

    public new bool Equals(object? x, object? y)
    {
        x = Normalize(x);
        y = Normalize(y);
        if (x is object?[] a && y is object?[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
                if (!Equals(a[i], b[i])) return false;
            return true;
        }
        return object.Equals(x, y);
    }

    public int GetHashCode(object obj)
    {
        var n = Normalize(obj);
        if (n is object?[] t)
        {
            var h = new HashCode();
            foreach (var e in t) h.Add(e is null ? 0 : GetHashCode(e));
            return h.ToHashCode();
        }
        return n?.GetHashCode() ?? 0;
    }
}
