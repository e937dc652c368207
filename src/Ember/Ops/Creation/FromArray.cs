namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// A tensor holding a copy of <paramref name="data"/>, an array of any rank of float, double, long, int, byte,
    /// bool, Half or BFloat16 (PyTorch's <c>torch.tensor(data)</c>): <c>FromArray(new float[,] {{1, 2}, {3, 4}})</c>.
    /// float → float32, double → float64, long and int → int64 (PyTorch's integer default, which labels and
    /// indices need), byte → uint8, bool → bool, Half → float16, BFloat16 → bfloat16, unless
    /// <paramref name="dtype"/> says otherwise (e.g. <see cref="DType.Int32"/>).
    /// </summary>
    /// <param name="data">The values; a rectangular array of rank 1 or more.</param>
    /// <param name="dtype">Converts to this element type when given.</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false).</param>
    /// <exception cref="ArgumentException">The element type is not supported.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    /// <exception cref="InvalidOperationException">Gradients are asked of a tensor that is not floating point.</exception>
    public static Tensor FromArray(Array data, DType? dtype = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        var shape = new int[data.Rank];
        for (int d = 0; d < data.Rank; d++) shape[d] = data.GetLength(d);
        var elementType = data.GetType().GetElementType()!;
        Tensor t = elementType switch
        {
            _ when elementType == typeof(float) => Copy<float>(data, shape),
            _ when elementType == typeof(double) => Copy<double>(data, shape),
            _ when elementType == typeof(long) => Copy<long>(data, shape),
            _ when elementType == typeof(bool) => Copy<bool>(data, shape),
            _ when elementType == typeof(byte) => Copy<byte>(data, shape),
            _ when elementType == typeof(Half) => Copy<Half>(data, shape),
            _ when elementType == typeof(BFloat16) => Copy<BFloat16>(data, shape),
            _ when elementType == typeof(int) => FromInts(data, shape),
            _ => throw new ArgumentException($"tensor: cannot create a tensor from an array of {elementType.Name}; use float, double, long, int, byte, bool, Half or BFloat16", nameof(data)),
        };
        if (dtype is DType target) t = t.Cast(target.CheckDefined("tensor"));
        return requiresGrad ? t.RequiresGrad_() : t;
    }

    /// <summary>
    /// A tensor of the given shape holding a copy of the flat row-major <paramref name="data"/>; with no
    /// shape, a 1-D tensor of <c>data.Length</c> elements.
    /// </summary>
    /// <param name="data">The values in row-major order.</param>
    /// <param name="shape">The shape (default [data.Length]); its element count must equal the data's length.</param>
    /// <exception cref="ArgumentException">The shape does not hold exactly <c>data.Length</c> elements.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="shape"/> is null.</exception>
    public static Tensor FromArray<T>(T[] data, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (typeof(T) == typeof(int)) return FromArray((int[])(object)data, shape);
        if (!DTypeExtensions.IsElementType<T>())
            throw new ArgumentException($"tensor: cannot create a tensor from an array of {typeof(T).Name}; use float, double, long, int, byte, bool, Half or BFloat16", nameof(data));
        if (shape.Length == 0) shape = [data.Length];
        CheckShape(shape, "tensor");
        if (Tensor.NumelOf(shape) != data.Length)
            throw new ArgumentException($"tensor: shape {Ember.Size.Format(shape)} is invalid for input of size {data.Length}", nameof(shape));
        var t = Tensor.Empty((int[])shape.Clone(), DTypeExtensions.Of<T>());
        data.AsSpan().CopyTo(t.ContiguousSpan<T>());
        return t;
    }

    /// <summary>
    /// An int64 tensor of the given shape holding the flat row-major <paramref name="data"/>; with no
    /// shape, a 1-D tensor of <c>data.Length</c> elements (PyTorch's <c>torch.tensor</c> of Python ints).
    /// </summary>
    /// <param name="data">The values in row-major order.</param>
    /// <param name="shape">The shape (default [data.Length]); its element count must equal the data's length.</param>
    /// <exception cref="ArgumentException">The shape does not hold exactly <c>data.Length</c> elements.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="shape"/> is null.</exception>
    public static Tensor FromArray(int[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        return FromArray(Array.ConvertAll(data, v => (long)v), shape);
    }

    private static Tensor Copy<T>(Array data, int[] shape) where T : unmanaged
    {
        var t = Tensor.Empty(shape, DTypeExtensions.Of<T>());
        if (data.Length > 0)
            System.Runtime.InteropServices.MemoryMarshal
                .CreateReadOnlySpan(ref System.Runtime.CompilerServices.Unsafe.As<byte, T>(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(data)), data.Length)
                .CopyTo(t.ContiguousSpan<T>());
        return t;
    }

    private static Tensor FromInts(Array data, int[] shape)
    {
        var t = Tensor.Empty(shape, DType.Int64);
        var dst = t.ContiguousSpan<long>();
        int i = 0;
        foreach (int v in data) dst[i++] = v;
        return t;
    }
}
