using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// Makes a view sharing this tensor's storage. When grad is recorded, <paramref name="backward"/>
    /// becomes the view's grad_fn with this tensor as its input. If the base is later modified in place with
    /// autograd, the view's grad_fn is re-derived from the base's new history when next used (<see cref="GradFn"/>).
    /// </summary>
    /// <param name="op">The view op, named in the error for a view with too many elements.</param>
    /// <param name="shape">The view's sizes.</param>
    /// <param name="strides">The view's strides.</param>
    /// <param name="offset">The view's storage offset.</param>
    /// <param name="backward">Makes the backward node when grad is recorded.</param>
    /// <exception cref="ArgumentException">The view would have more than <see cref="MaxNumel"/> elements (an expand).</exception>
    /// <exception cref="InvalidOperationException">The view would reach outside the storage: a bug in the view op's size
    /// arithmetic, caught here rather than read out of bounds by a kernel.</exception>
    internal Tensor MakeView(string op, int[] shape, int[] strides, int offset, Func<Node> backward)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        CheckView(op, shape, strides, offset, Storage.Length);
        var v = new Tensor(Storage, shape, strides, offset) { ViewBase = ViewBase ?? this };
        if (Graph.NeedsGrad(this))
        {
            Graph.Record(v, backward(), this);
        }
        return v;
    }

    /// <summary>
    /// Checks, in 64 bits, that a view has at most <see cref="MaxNumel"/> elements and that every element it addresses
    /// lies in a storage of <paramref name="storageLength"/> elements. An empty view addresses nothing.
    /// </summary>
    /// <exception cref="ArgumentException">Too many elements.</exception>
    /// <exception cref="InvalidOperationException">An element outside the storage.</exception>
    internal static void CheckView(string op, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, int offset, int storageLength)
    {
        if (NumelOf(shape, op) == 0) return;
        long lo = offset, hi = offset;
        for (int d = 0; d < shape.Length; d++)
        {
            long extent = (long)(shape[d] - 1) * strides[d];
            if (extent < 0) lo += extent;
            else hi += extent;
        }
        if (lo < 0 || hi >= storageLength)
            throw new InvalidOperationException(
                $"{op}: internal error: a view of shape {Ember.Size.Format(shape)}, strides {Ember.Size.Format(strides)} and offset {offset} " +
                $"reaches elements [{lo}, {hi}] outside its storage of {storageLength} elements");
    }
}
