namespace Ember.Kernels;

/// <summary>An elementwise function with parameters (an instance struct, unlike the static <see cref="IUnaryOp{T}"/>).</summary>
internal interface IMap<TIn, TOut> where TIn : unmanaged where TOut : unmanaged
{
    TOut Invoke(TIn x);
}

/// <summary>An elementwise function of three operands with parameters.</summary>
internal interface IMap3<T> where T : unmanaged
{
    T Invoke(T a, T b, T c);
}

/// <summary>
/// Drivers for parameterized elementwise functions (<see cref="IMap{TIn, TOut}"/>, <see cref="IMap3{T}"/>):
/// strided inputs, a new contiguous output written in row-major order. For the ops that are not hot enough
/// to deserve a vectorized static op (round with decimals, nan_to_num, lerp, the float classes).
/// </summary>
internal static class Map
{
    /// <summary>y[i] = f(x[i]) into a new contiguous tensor of dtype <typeparamref name="TOut"/>; x has dtype <typeparamref name="TIn"/>.</summary>
    public static Tensor Unary<TIn, TOut, TF>(Tensor x, TF f) where TIn : unmanaged where TOut : unmanaged where TF : struct, IMap<TIn, TOut>
    {
        var y = Tensor.Empty(x.ShapeArray.ToArray(), DTypeExtensions.Of<TOut>());
        var body = new UnaryRows<TIn, TOut, TF>(x.Typed<TIn>().Array, y.Typed<TOut>().Array, f);
        StridedDriver.Run(ref body, y.ShapeArray, y.StridesArray, 0, x.StridesArray, x.Offset, default, 0);
        GC.KeepAlive(x);
        return y;
    }

    private struct UnaryRows<TIn, TOut, TF>(TIn[] x, TOut[] y, TF f) : IRowBody
        where TIn : unmanaged where TOut : unmanaged where TF : struct, IMap<TIn, TOut>
    {
        private TF _f = f;

        public void Row(int oy, int ox, int _, int length, int sy, int sx, int __)
        {
            for (int i = 0; i < length; i++, oy += sy, ox += sx) y[oy] = _f.Invoke(x[ox]);
        }
    }

    /// <summary>
    /// y = f(a, b, c) with broadcasting into a new contiguous tensor; all three operands have dtype
    /// <typeparamref name="T"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast (the message names <paramref name="op"/>).</exception>
    public static Tensor Ternary<T, TF>(Tensor a, Tensor b, Tensor c, TF f, string op) where T : unmanaged where TF : struct, IMap3<T>
    {
        var shape = Broadcasting.Shape(Broadcasting.Shape(a.ShapeArray, b.ShapeArray, op), c.ShapeArray, op);
        var y = Tensor.Empty(shape, DTypeExtensions.Of<T>());
        var body = new TernaryRows<T, TF>(a.Typed<T>().Array, b.Typed<T>().Array, c.Typed<T>().Array, y.Typed<T>().Array, f);
        StridedDriver.Run(ref body, shape, Broadcasting.Strides(a.ShapeArray, a.StridesArray, shape), a.Offset,
            Broadcasting.Strides(b.ShapeArray, b.StridesArray, shape), b.Offset,
            Broadcasting.Strides(c.ShapeArray, c.StridesArray, shape), c.Offset);
        GC.KeepAlive(a); GC.KeepAlive(b); GC.KeepAlive(c);
        return y;
    }

    private struct TernaryRows<T, TF>(T[] a, T[] b, T[] c, T[] y, TF f) : IRowBody where T : unmanaged where TF : struct, IMap3<T>
    {
        private TF _f = f;
        private int _next;

        // The driver visits elements in row-major order, so the contiguous output is written sequentially.
        public void Row(int oa, int ob, int oc, int length, int sa, int sb, int sc)
        {
            int o = _next;
            for (int k = 0; k < length; k++, oa += sa, ob += sb, oc += sc) y[o++] = _f.Invoke(a[oa], b[ob], c[oc]);
            _next = o;
        }
    }

    /// <summary>Whether any element of a bool tensor is true.</summary>
    public static bool AnyTrue(Tensor mask)
    {
        var c = mask.Contiguous();
        bool r = c.ContiguousSpan<bool>().Contains(true);
        GC.KeepAlive(c);
        return r;
    }

    /// <summary>Whether every element of a bool tensor is true (true for an empty tensor).</summary>
    public static bool AllTrue(Tensor mask)
    {
        var c = mask.Contiguous();
        bool r = !c.ContiguousSpan<bool>().Contains(false);
        GC.KeepAlive(c);
        return r;
    }
}
