using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Concatenates tensors along an existing dimension (PyTorch's <c>torch.cat</c>). Shapes must match
    /// except in <paramref name="dim"/>; the result has the promoted dtype of all inputs. As in PyTorch,
    /// 1-D tensors of shape [0] are skipped whatever their shape. Differentiable: each input receives
    /// its slice of the gradient.
    /// </summary>
    /// <param name="tensors">The tensors, at least one; none may be 0-d.</param>
    /// <param name="dim">The dimension to concatenate along (default 0; negative counts from the end).</param>
    /// <returns>A new contiguous tensor whose size along <paramref name="dim"/> is the sum of the inputs' sizes.</returns>
    /// <exception cref="ArgumentException">The list is empty, a tensor is 0-d, the shapes do not match except in <paramref name="dim"/>,
    /// or the result would have more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or one of its tensors is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Cat(Tensor[] tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0) throw new ArgumentException("cat: expected a non-empty list of tensors", nameof(tensors));
        var dt = tensors[0]?.DType ?? DType.Float32;
        int reference = -1;
        for (int i = 0; i < tensors.Length; i++)
        {
            var t = tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"cat: tensor number {i} in the list is null");
            if (t.Dim == 0)
                throw new ArgumentException($"cat: zero-dimensional tensor (at position {i}) cannot be concatenated", nameof(tensors));
            dt = DTypeExtensions.Promote(dt, t.DType);
            if (reference < 0 && !IsSkippedInCat(t)) reference = i;
        }

        int[] shape;
        int d;
        if (reference < 0)
        {
            // Every input is a legacy empty [0] tensor: the result is one too.
            d = Tensor.NormalizeDim(dim, 1, "cat");
            shape = [0];
        }
        else
        {
            var refTensor = tensors[reference];
            int nd = refTensor.Dim;
            d = Tensor.NormalizeDim(dim, nd, "cat");
            long total = 0;
            for (int i = 0; i < tensors.Length; i++)
            {
                var t = tensors[i];
                if (IsSkippedInCat(t)) continue;
                if (t.Dim != nd)
                    throw new ArgumentException(
                        $"cat: tensors must have the same number of dimensions: got {nd} for tensor number {reference} (shape {refTensor.Shape}) " +
                        $"and {t.Dim} for tensor number {i} (shape {t.Shape})", nameof(tensors));
                for (int k = 0; k < nd; k++)
                    if (k != d && t.ShapeArray[k] != refTensor.ShapeArray[k])
                        throw new ArgumentException(
                            $"cat: sizes of tensors must match except in dimension {d}. Expected size {refTensor.ShapeArray[k]} but got size " +
                            $"{t.ShapeArray[k]} for tensor number {i} in the list (shapes {refTensor.Shape} and {t.Shape})", nameof(tensors));
                total += t.ShapeArray[d];
            }
            if (total > int.MaxValue)
                throw new ArgumentException($"cat: the result would have {total} entries along dimension {d}, more than the {int.MaxValue} a dimension can hold", nameof(tensors));
            shape = (int[])refTensor.ShapeArray.Clone();
            shape[d] = (int)total;
        }

        var y = Tensor.Empty(shape, dt, op: "cat");
        var starts = new int[tensors.Length];
        var lengths = new int[tensors.Length];
        int offset = 0;
        for (int i = 0; i < tensors.Length; i++)
        {
            var t = tensors[i];
            if (reference < 0 || IsSkippedInCat(t))
            {
                starts[i] = -1;
                continue;
            }
            int len = t.ShapeArray[d];
            starts[i] = offset;
            lengths[i] = len;
            if (len > 0) Elementwise.CopyInto(t, y.Narrow(d, offset, len));
            offset += len;
        }
        if (Graph.NeedsGrad(tensors)) Graph.Record(y, new CatBackward(d, starts, lengths), tensors);
        return y;
    }

    /// <summary>Concatenates a sequence of tensors (see <see cref="Cat(Tensor[], int)"/>).</summary>
    /// <param name="tensors">The tensors, at least one.</param>
    /// <param name="dim">The dimension to concatenate along (default 0).</param>
    /// <exception cref="ArgumentException">The sequence of tensors is empty, or their dtypes or shapes do not fit together.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Cat(IEnumerable<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        return Cat(tensors.ToArray(), dim);
    }

    // PyTorch's legacy rule: a 1-D tensor with no elements takes part in cat whatever the other shapes are.
    private static bool IsSkippedInCat(Tensor t) => t.Dim == 1 && t.ShapeArray[0] == 0;

    private sealed class CatBackward(int dim, int[] starts, int[] lengths) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var result = new Tensor?[starts.Length];
            for (int i = 0; i < starts.Length; i++)
            {
                if (!NeedsGrad(i)) continue;
                result[i] = starts[i] < 0 ? Zeros(new Size(0), grad.DType) : grad.Narrow(dim, starts[i], lengths[i]);
            }
            return result;
        }
    }
}
