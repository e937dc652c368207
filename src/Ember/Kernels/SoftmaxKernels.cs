using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;


/// <summary>Softmax / log-softmax over one dimension of a tensor, viewed as [outer, n, inner].</summary>
internal static class SoftmaxKernel
{
    /// <summary>Softmax of a floating-point tensor of any float dtype; float16 and bfloat16 are computed in float32.</summary>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor Run(Tensor x, int dim, bool log) => x.DType switch
    {
        DType.Float32 => Run<float>(x, dim, log),
        DType.Float64 => Run<double>(x, dim, log),
        DType.Float16 or DType.BFloat16 => Run<float>(x.Cast(DType.Float32), dim, log).Cast(x.DType),
        _ => throw Dispatch.Unsupported(log ? "log_softmax" : "softmax", x.DType),
    };

    public static Tensor Run<T>(Tensor x, int dim, bool log) where T : unmanaged, IFloatingPointIeee754<T>
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
    /// softmax: dx = y·(g − Σ g·y); log-softmax: dx = g − exp(y)·Σ g, the sums along <paramref name="dim"/>.
    /// <paramref name="y"/> is the (contiguous) forward output; <paramref name="grad"/> has its shape and dtype.
    /// </summary>
    public static Tensor Run<T>(Tensor y, Tensor grad, int dim, bool log) where T : unmanaged, IFloatingPointIeee754<T>
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
