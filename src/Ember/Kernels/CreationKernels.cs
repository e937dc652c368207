namespace Ember.Kernels;

/// <summary>
/// Writes the contents of new tensors: constants, ranges, random samples and diagonals, for every dtype
/// (values are computed in double and converted with <see cref="Convert"/>, PyTorch's semantics).
/// </summary>
internal static class CreationKernels
{
    /// <summary>Fills every element of <paramref name="t"/> (any layout) with <paramref name="value"/> converted to its dtype.</summary>
    public static void Fill(Tensor t, double value)
    {
        var f = new FillDouble(t, value);
        Dispatch.Any<FillDouble, bool>(t.DType, ref f);
    }

    /// <summary>Fills every element of <paramref name="t"/> with the integer <paramref name="value"/> (exact for int64).</summary>
    public static void Fill(Tensor t, long value)
    {
        var f = new FillLong(t, value);
        Dispatch.Any<FillLong, bool>(t.DType, ref f);
    }

    private readonly struct FillDouble(Tensor t, double value) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            Elementwise.Fill(t, Convert.FromDouble<T>(value));
            return true;
        }
    }

    private readonly struct FillLong(Tensor t, long value) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            Elementwise.Fill(t, Convert.FromLong<T>(value));
            return true;
        }
    }

    /// <summary>t[i] = f(i) for a contiguous <paramref name="t"/>, the value computed in double.</summary>
    public static void Generate(Tensor t, Func<int, double> f)
    {
        var g = new GenerateDouble(t, f);
        Dispatch.Any<GenerateDouble, bool>(t.DType, ref g);
    }

    private readonly struct GenerateDouble(Tensor t, Func<int, double> f) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            var s = t.ContiguousSpan<T>();
            for (int i = 0; i < s.Length; i++) s[i] = Convert.FromDouble<T>(f(i));
            GC.KeepAlive(t);
            return true;
        }
    }

    /// <summary>t[i] = start + i·step for a contiguous int64 tensor.</summary>
    public static void LongRange(Tensor t, long start, long step)
    {
        var s = t.ContiguousSpan<long>();
        for (int i = 0; i < s.Length; i++) s[i] = start + i * step;
        GC.KeepAlive(t);
    }

    /// <summary>Samples U[0, 1) into a contiguous float tensor (float64 draws 53 bits, the others 24).</summary>
    public static void Uniform(Tensor t, Generator g)
    {
        if (t.DType == DType.Float64)
            foreach (ref var v in t.ContiguousSpan<double>()) v = g.NextDouble();
        else if (t.DType == DType.Float32)
            foreach (ref var v in t.ContiguousSpan<float>()) v = g.NextSingle();
        else if (t.DType.IsReducedFloat())
            Generate(t, _ => g.NextSingle());
        else throw Dispatch.Unsupported("uniform_", t.DType);
        GC.KeepAlive(t);
    }

    /// <summary>Samples N(0, 1) into a contiguous float tensor.</summary>
    public static void Normal(Tensor t, Generator g)
    {
        if (t.DType == DType.Float64)
            foreach (ref var v in t.ContiguousSpan<double>()) v = g.NextNormal();
        else if (t.DType == DType.Float32)
            foreach (ref var v in t.ContiguousSpan<float>()) v = (float)g.NextNormal();
        else if (t.DType.IsReducedFloat())
            Generate(t, _ => g.NextNormal());
        else throw Dispatch.Unsupported("normal_", t.DType);
        GC.KeepAlive(t);
    }

    /// <summary>Samples integers uniformly from [low, high) into a contiguous int64 tensor.</summary>
    public static void RandomIntegers(Tensor t, long low, long high, Generator g)
    {
        foreach (ref var v in t.ContiguousSpan<long>()) v = g.NextInt64(low, high);
        GC.KeepAlive(t);
    }

    /// <summary>Shuffles a contiguous int64 tensor in place (Fisher–Yates, from the last element down).</summary>
    public static void Shuffle(Tensor t, Generator g)
    {
        var s = t.ContiguousSpan<long>();
        for (int i = s.Length - 1; i > 0; i--)
        {
            int j = (int)g.NextInt64(0, i + 1);
            (s[i], s[j]) = (s[j], s[i]);
        }
        GC.KeepAlive(t);
    }
}
