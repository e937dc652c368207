using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>
/// Cross-entropy of logits [N, C] against class indices [N] in one pass per row (log-softmax and the pick of the target
/// fused: no [N, C] intermediate), and its input gradient softmax − one-hot, scaled. Rows whose target equals the ignore
/// index contribute nothing. float32 and float64; the row terms are those of the log-softmax kernel
/// (<see cref="RowOps.Softmax{T}"/>: max, cascade sum of exp(x − max)).
/// </summary>
internal static class CrossEntropyKernel
{
    /// <summary>
    /// The position of the first target (in order) outside [0, <paramref name="classes"/>) that is not
    /// <paramref name="ignoreIndex"/>, or −1; its value in <paramref name="value"/>.
    /// </summary>
    public static int FirstBadTarget(Tensor target, int classes, long ignoreIndex, out long value)
    {
        var t = target.Typed<long>().Array;
        int n = target.ShapeArray[0], stride = target.StridesArray[0], offset = target.Offset;
        value = 0;
        for (int i = 0; i < n; i++)
        {
            long v = t[offset + i * stride];
            if ((v < 0 || v >= classes) && v != ignoreIndex)
            {
                value = v;
                GC.KeepAlive(target);
                return i;
            }
        }
        GC.KeepAlive(target);
        return -1;
    }

    /// <summary>
    /// The loss over the rows not ignored of −log softmax(x[i])[t[i]]: their sum, or its mean when <paramref name="mean"/>,
    /// as a new 0-d tensor of x's dtype; and the number of those rows. <paramref name="x"/> is a contiguous float [N, C];
    /// the targets are valid (see <see cref="FirstBadTarget"/>).
    /// </summary>
    public static (Tensor Loss, int Count) Forward(Tensor x, Tensor target, long ignoreIndex, bool mean)
    {
        var f = new ForwardFunc(x, target, ignoreIndex, mean);
        var r = FloatDispatch.Run<ForwardFunc, (Tensor, int)>(x.DType, "cross_entropy", ref f);
        GC.KeepAlive(x);
        GC.KeepAlive(target);
        return r;
    }

    /// <summary>
    /// dx[i] = g/d·(softmax(x[i]) − onehot(t[i])) for the rows not ignored, 0 for the others, with g the value of the
    /// 0-d <paramref name="scale"/> (x's dtype) and d = <paramref name="divisor"/>; <paramref name="dx"/> is a contiguous
    /// tensor of x's shape and dtype, written whole.
    /// </summary>
    public static void Backward(Tensor x, Tensor target, long ignoreIndex, Tensor scale, int divisor, Tensor dx)
    {
        var f = new BackwardFunc(x, target, ignoreIndex, scale, divisor, dx);
        FloatDispatch.Run<BackwardFunc, bool>(x.DType, "cross_entropy", ref f);
        GC.KeepAlive(x);
        GC.KeepAlive(target);
        GC.KeepAlive(scale);
        GC.KeepAlive(dx);
    }

    private readonly struct ForwardFunc(Tensor x, Tensor target, long ignoreIndex, bool mean) : IFloatFunc<(Tensor, int)>
    {
        public (Tensor, int) Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            var (sum, count) = Forward<T>(x, target, ignoreIndex);
            T total = T.CreateTruncating(sum);
            var loss = Tensor.Empty([], x.DType);
            loss.Typed<T>().Array[0] = mean ? total / T.CreateTruncating(count) : total;
            return (loss, count);
        }
    }

    private readonly struct BackwardFunc(Tensor x, Tensor target, long ignoreIndex, Tensor scale, int divisor, Tensor dx) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            Backward<T>(x, target, ignoreIndex, scale.Typed<T>().Array[scale.Offset] / T.CreateTruncating(divisor), dx);
            return true;
        }
    }

    private static (double, int) Forward<T>(Tensor x, Tensor target, long ignoreIndex) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.ShapeArray[0], c = x.ShapeArray[1], xo = x.Offset;
        var xs = x.Typed<T>().Array;
        var t = target.Typed<long>().Array;
        int to = target.Offset, ts = target.StridesArray[0];
        var rows = ArrayPool<double>.Shared.Rent(n);
        try
        {
            RowParallel.Rows(n, (long)n * c, (s, len) =>
            {
                for (int i = s; i < s + len; i++)
                {
                    long ti = t[to + i * ts];
                    if (ti == ignoreIndex) { rows[i] = double.NaN; continue; }
                    var row = new ReadOnlySpan<T>(xs, xo + i * c, c);
                    T max = RowOps.Extreme<MaxExtreme<T>, T>(row);
                    T sum = CascadeSum.ChunkedRow<ExpDeviationTerm<T>, T>(row, max);
                    // −log p[t] = −((x[t] − max) − log Σ exp(x − max)), as the log-softmax kernel computes log p.
                    rows[i] = double.CreateTruncating(-((row[(int)ti] - max) - T.Log(sum)));
                }
            });
            double total = 0;
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                if (t[to + i * ts] == ignoreIndex) continue;
                total += rows[i];
                count++;
            }
            return (total, count);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rows);
        }
    }

    private static void Backward<T>(Tensor x, Tensor target, long ignoreIndex, T scale, Tensor dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.ShapeArray[0], c = x.ShapeArray[1], xo = x.Offset;
        var xs = x.Typed<T>().Array;
        var ds = dx.Typed<T>().Array;
        int dxo = dx.Offset;
        var t = target.Typed<long>().Array;
        int to = target.Offset, ts = target.StridesArray[0];
        RowParallel.Rows(n, 2L * n * c, (s, len) =>
        {
            for (int i = s; i < s + len; i++)
            {
                var d = ds.AsSpan(dxo + i * c, c);
                long ti = t[to + i * ts];
                if (ti == ignoreIndex)
                {
                    d.Clear();
                    continue;
                }
                var row = new ReadOnlySpan<T>(xs, xo + i * c, c);
                T max = RowOps.Extreme<MaxExtreme<T>, T>(row);
                T sum = CascadeSum.ChunkedRow<ExpDeviationTerm<T>, T>(row, max);
                TensorPrimitives.Subtract(row, max, d);
                TensorPrimitives.Exp(d, d);
                TensorPrimitives.Multiply(d, scale / sum, d);
                d[(int)ti] -= scale;
            }
        });
    }
}
