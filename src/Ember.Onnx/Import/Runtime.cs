namespace Ember.Onnx.Import;

/// <summary>Small helpers the kernels share at run time (reading shape-like inputs, normalizing axes).</summary>
internal static class Runtime
{
    /// <summary>A present input; an absent one is an error naming it.</summary>
    public static Tensor Req(Tensor?[] inputs, int i, string op) =>
        (i < inputs.Length ? inputs[i] : null) ?? throw new ArgumentException($"{op}: input {i} is required");

    /// <summary>The values of an integer (or float) tensor as longs.</summary>
    public static long[] Longs(Tensor t) => t.DType.IsFloatingPoint() ? Array.ConvertAll(t.ToArray<double>(), v => (long)v) : t.ToArray<long>();

    /// <summary>A one-element tensor's value as a long.</summary>
    public static long Long(Tensor t, string op, string what)
    {
        if (t.Numel != 1) throw new ArgumentException($"{op}: {what} must have one element, got shape {t.Shape}");
        return Longs(t)[0];
    }

    /// <summary>A one-element tensor's value as a double.</summary>
    public static double Double(Tensor t, string op, string what)
    {
        if (t.Numel != 1) throw new ArgumentException($"{op}: {what} must have one element, got shape {t.Shape}");
        return t.ToArray<double>()[0];
    }

    /// <summary>Normalizes an axis in [-rank, rank) (or [-rank-1, rank] with <paramref name="extra"/>).</summary>
    public static int Axis(long axis, int rank, string op, int extra = 0)
    {
        int r = rank + extra;
        if (axis < -r || axis >= r) throw new ArgumentException($"{op}: axis {axis} is out of range for rank {rank}");
        return (int)(axis < 0 ? axis + r : axis);
    }

    /// <summary>Normalizes and checks a list of distinct axes.</summary>
    public static int[] Axes(long[] axes, int rank, string op, int extra = 0)
    {
        var r = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++) r[i] = Axis(axes[i], rank, op, extra);
        if (r.Distinct().Count() != r.Length) throw new ArgumentException($"{op}: axes [{string.Join(", ", axes)}] repeat an axis");
        return r;
    }

    /// <summary>Converts longs to ints, failing clearly on overflow.</summary>
    public static int ToInt(long v, string op, string what) =>
        v < int.MinValue || v > int.MaxValue ? throw new ArgumentException($"{op}: {what} {v} is out of range") : (int)v;

    /// <summary>The shape as a fresh int array.</summary>
    public static int[] Dims(this Tensor t) => t.Shape.ToArray();
}
