namespace Ember;

/// <summary>NumPy/PyTorch broadcasting rules: shapes are aligned at the right; sizes match or one is 1.</summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of two shapes.</summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast, or the broadcast shape has more than
    /// <see cref="Tensor.MaxNumel"/> elements ([65536, 1] with [1, 65536]), naming <paramref name="op"/>.</exception>
    public static int[] Shape(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        if (a.SequenceEqual(b)) return a.ToArray();
        int n = Math.Max(a.Length, b.Length);
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            int da = i < n - a.Length ? 1 : a[i - (n - a.Length)];
            int db = i < n - b.Length ? 1 : b[i - (n - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(
                    $"{op}: the size of tensor a ({da}) must match the size of tensor b ({db}) at non-singleton dimension {i} " +
                    $"(shapes {Ember.Size.Format(a)} and {Ember.Size.Format(b)})");
            result[i] = da == 1 ? db : da;
        }
        Tensor.NumelOf(result, op);
        return result;
    }

    /// <summary>The broadcast shape of two shapes, or false when they do not broadcast.</summary>
    public static bool TryShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b, out int[] shape)
    {
        int n = Math.Max(a.Length, b.Length);
        shape = new int[n];
        for (int i = 0; i < n; i++)
        {
            int da = i < n - a.Length ? 1 : a[i - (n - a.Length)];
            int db = i < n - b.Length ? 1 : b[i - (n - b.Length)];
            if (da != db && da != 1 && db != 1) return false;
            shape[i] = da == 1 ? db : da;
        }
        return true;
    }

    /// <summary>Whether <paramref name="from"/> can be expanded to <paramref name="to"/>.</summary>
    public static bool CanBroadcastTo(ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        if (from.Length > to.Length) return false;
        int lead = to.Length - from.Length;
        for (int i = 0; i < from.Length; i++)
            if (from[i] != 1 && from[i] != to[lead + i]) return false;
        return true;
    }

    /// <summary>
    /// The strides that view a tensor of shape <paramref name="shape"/> and strides
    /// <paramref name="strides"/> as shape <paramref name="to"/> (0 along broadcast dimensions).
    /// </summary>
    public static int[] Strides(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, ReadOnlySpan<int> to)
    {
        var result = new int[to.Length];
        int lead = to.Length - shape.Length;
        for (int i = 0; i < shape.Length; i++)
            result[lead + i] = shape[i] == 1 && to[lead + i] != 1 ? 0 : strides[i];
        return result;
    }
}
