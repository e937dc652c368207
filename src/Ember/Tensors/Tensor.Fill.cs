using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// Sets every element to <paramref name="value"/> in place, whatever the layout (views, transposed
    /// and expanded tensors write through to their storage), and returns this tensor (PyTorch's
    /// <c>x.fill_(value)</c>). The value is converted to the dtype: truncated toward zero for int64,
    /// nonzero → true for bool.
    /// </summary>
    /// <remarks>
    /// Optimizers call this under <see cref="Torch.NoGrad"/>, where it works on any tensor. With grad
    /// mode on, a leaf that requires grad (or a view of a tensor that requires grad) is rejected; a
    /// non-leaf keeps requiring grad, but no gradient flows to its former value (PyTorch's <c>FillBackward</c>).
    /// </remarks>
    /// <param name="value">The fill value.</param>
    /// <exception cref="InvalidOperationException">Grad mode is on and this is a leaf that requires grad, or a view of a tensor that requires grad.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the dtype (NaN into an integer tensor, 1e300 into float32).</exception>
    public Tensor Fill_(double value)
    {
        Kernels.Convert.CheckFits(value, DType, "fill_");
        return FillInPlace(t => Kernels.CreationKernels.Fill(t, value), "fill_", "FillBackward2");
    }

    /// <summary>Sets every element to the C# integer <paramref name="value"/> in place (exact for int64); see <see cref="Fill_(double)"/>.</summary>
    /// <param name="value">The fill value.</param>
    /// <exception cref="InvalidOperationException">Grad mode is on and this is a leaf that requires grad, or a view of a tensor that requires grad.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the dtype.</exception>
    public Tensor Fill_(long value)
    {
        Kernels.Convert.CheckFits(value, DType, "fill_");
        return FillInPlace(t => Kernels.CreationKernels.Fill(t, value), "fill_", "FillBackward2");
    }

    /// <summary>
    /// Sets every element to zero in place and returns this tensor (PyTorch's <c>x.zero_()</c>); see
    /// <see cref="Fill_(double)"/> for layouts and autograd.
    /// </summary>
    /// <exception cref="InvalidOperationException">Grad mode is on and this is a leaf that requires grad, or a view of a tensor that requires grad.</exception>
    public Tensor Zero_() => FillInPlace(static t => Kernels.CreationKernels.Fill(t, 0L), "zero_", "ZeroBackward0");

    // An expanded destination is fine here (every element gets the same value), as in PyTorch.
    private Tensor FillInPlace(Action<Tensor> fill, string op, string nodeName)
    {
        Graph.CheckInPlace(this, op);
        if (GradMode.IsEnabled && ViewBase is not null && RequiresGrad)
        {
            // A view: the filled region of the base gets no gradient (recorded on the base, PyTorch's CopySlices).
            var filled = Torch.EmptyLike(this);
            fill(filled);
            return CommitInPlace(filled);
        }
        fill(this);
        Storage.BumpVersion();
        // A non-leaf's new value no longer depends on its history: its gradient there is zero.
        if (GradMode.IsEnabled && GradFn is not null) Graph.Record(this, new FillBackward(nodeName), this);
        return this;
    }

    private sealed class FillBackward(string name) : Node
    {
        public override string Name => name;

        protected internal override Tensor?[] Backward(Tensor grad) => [Torch.ZerosLike(grad)];
    }
}
