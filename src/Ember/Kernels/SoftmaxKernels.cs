using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;


/// <summary>
/// Softmax / log-softmax over one dimension of a tensor, viewed as [outer, n, inner]. float32 and float64 are
/// computed in their own precision; float16 and bfloat16 in float32, rounded back once.
/// </summary>
internal static class SoftmaxKernel
{
    /// <summary>softmax (or log-softmax) of <paramref name="x"/> along <paramref name="dim"/> as a new contiguous tensor of x's dtype (no autograd).</summary>
    /// <exception cref="NotSupportedException">x is not floating point.</exception>
    public static Tensor Forward(Tensor x, int dim, bool log, string op)
    {
        x = x.Detach();
        if (x.DType.IsReducedFloat()) return Forward(x.Cast(DType.Float32), dim, log, op).Cast(x.DType);
        var f = new RunFunc(x, dim, log);
        return FloatDispatch.Run<RunFunc, Tensor>(x.DType, op, ref f);
    }

    private readonly struct RunFunc(Tensor x, int dim, bool log) : IFloatFunc<Tensor>
    {
        public Tensor Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T> => Run<T>(x, dim, log);
    }

    private static Tensor Run<T>(Tensor x, int dim, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        x = x.Contiguous();
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        int outer = 1, n = 1, inner = 1;
        for (int d = 0; d < x.Dim; d++)
        {
            int s = x.ShapeArray[d];
            if (d < dim) outer *= s; else if (d == dim) n = s; else inner *= s;
        }
        var xs = x.Typed<T>().Array;
        var ys = y.Typed<T>().Array;
        int xo = x.Offset, block = n * inner;
        if (block > 0)
        {
            void Blocks(int s, int len)
            {
                var scratch = inner > 1 ? new T[3 * inner] : [];
                for (int o = s; o < s + len; o++)
                    RowOps.Softmax<T>(new ReadOnlySpan<T>(xs, xo + o * block, block), ys.AsSpan(o * block, block), n, inner, log, scratch);
            }
            RowParallel.Rows(outer, (long)outer * block, Blocks);
        }
        GC.KeepAlive(x);
        return y;
    }
}

/// <summary>The fused backward of softmax / log-softmax (used when no graph of the backward is being built).</summary>
internal static class SoftmaxBackwardKernel
{
    /// <summary>
    /// softmax: dx = y·(g − Σ g·y); log-softmax: dx = g − exp(y)·Σ g, the sums along <paramref name="dim"/>, as a new
    /// contiguous tensor of y's dtype. <paramref name="y"/> is the forward output; <paramref name="grad"/> has its shape.
    /// </summary>
    /// <exception cref="NotSupportedException">y is not floating point.</exception>
    public static Tensor Backward(Tensor y, Tensor grad, int dim, bool log, string op)
    {
        y = y.Detach();
        grad = grad.Detach();
        if (y.DType.IsReducedFloat())
            return Backward(y.Cast(DType.Float32), grad.Cast(DType.Float32), dim, log, op).Cast(y.DType);
        var f = new RunFunc(y, grad.Cast(y.DType), dim, log);
        return FloatDispatch.Run<RunFunc, Tensor>(y.DType, op, ref f);
    }

    private readonly struct RunFunc(Tensor y, Tensor grad, int dim, bool log) : IFloatFunc<Tensor>
    {
        public Tensor Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T> => Run<T>(y, grad, dim, log);
    }

    private static Tensor Run<T>(Tensor y, Tensor grad, int dim, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        y = y.Contiguous();
        var g = grad.Contiguous();
        var dx = Tensor.Empty(y.ShapeArray.ToArray(), y.DType);
        int outer = 1, n = 1, inner = 1;
        for (int d = 0; d < y.Dim; d++)
        {
            int s = y.ShapeArray[d];
            if (d < dim) outer *= s; else if (d == dim) n = s; else inner *= s;
        }
        var ya = y.Typed<T>().Array;
        var ga = g.Typed<T>().Array;
        var da = dx.Typed<T>().Array;
        int yo = y.Offset, go = g.Offset, block = n * inner;
        if (block > 0)
        {
            RowParallel.Rows(outer, (long)outer * block, (s, len) =>
            {
                var acc = inner > 1 ? new T[inner] : [];
                for (int o = s; o < s + len; o++)
                {
                    var yb = new ReadOnlySpan<T>(ya, yo + o * block, block);
                    var gb = new ReadOnlySpan<T>(ga, go + o * block, block);
                    var db = da.AsSpan(o * block, block);
                    if (inner == 1)
                    {
                        if (log)
                        {
                            T sum = TensorPrimitives.Sum(gb);
                            TensorPrimitives.Exp(yb, db);
                            TensorPrimitives.MultiplyAdd(db, -sum, gb, db);
                        }
                        else
                        {
                            T dot = TensorPrimitives.Dot(gb, yb);
                            TensorPrimitives.Subtract(gb, dot, db);
                            TensorPrimitives.Multiply(db, yb, db);
                        }
                        continue;
                    }
                    acc.AsSpan().Clear();
                    for (int r = 0; r < n; r++)
                    {
                        var gr = gb.Slice(r * inner, inner);
                        if (log) TensorPrimitives.Add(acc, gr, acc);
                        else TensorPrimitives.MultiplyAdd(gr, yb.Slice(r * inner, inner), acc, acc);
                    }
                    for (int r = 0; r < n; r++)
                    {
                        var gr = gb.Slice(r * inner, inner);
                        var yr = yb.Slice(r * inner, inner);
                        var dr = db.Slice(r * inner, inner);
                        if (log)
                        {
                            TensorPrimitives.Exp(yr, dr);
                            TensorPrimitives.Multiply(dr, acc, dr);
                            TensorPrimitives.Subtract(gr, dr, dr);
                        }
                        else
                        {
                            TensorPrimitives.Subtract(gr, acc, dr);
                            TensorPrimitives.Multiply(dr, yr, dr);
                        }
                    }
                }
            });
        }
        GC.KeepAlive(y);
        GC.KeepAlive(g);
        return dx;
    }
}
