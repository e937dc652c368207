using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// A copy of <paramref name="input"/> with <paramref name="value"/> wherever <paramref name="mask"/> is true
    /// (PyTorch's <c>torch.masked_fill</c>). The mask broadcasts with the input; the result has the
    /// broadcast shape. Differentiable: the gradient has the filled positions zeroed.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="mask">A bool tensor broadcastable with <paramref name="input"/>.</param>
    /// <param name="value">The fill value, converted to the input's dtype.</param>
    /// <exception cref="ArgumentException">The mask is not bool, or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the input's dtype (NaN into an integer tensor).</exception>
    public static Tensor MaskedFill(Tensor input, Tensor mask, double value) => MaskedFillScalar(input, mask, Tensor.Wrap(value));

    /// <summary>A copy of <paramref name="input"/> with the C# integer <paramref name="value"/> wherever <paramref name="mask"/> is true.</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="mask">A bool tensor broadcastable with <paramref name="input"/>.</param>
    /// <param name="value">The fill value, converted to the input's dtype.</param>
    /// <exception cref="ArgumentException">The mask is not bool, or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the input's dtype.</exception>
    public static Tensor MaskedFill(Tensor input, Tensor mask, long value) => MaskedFillScalar(input, mask, Tensor.Wrap(value));

    private static Tensor MaskedFillScalar(Tensor input, Tensor mask, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(input);
        IndexingHelpers.CheckMaskDType(mask, "masked_fill");
        value = Arithmetic.CheckedScalar(value, input.DType, "masked_fill");
        var shape = Broadcasting.Shape(input.ShapeArray, mask.ShapeArray, "masked_fill");
        var y = Tensor.Empty(shape, input.DType);
        Elementwise.CopyInto(input, y);
        IndexKernels.MaskedFill(y, mask, Broadcasting.Strides(mask.ShapeArray, mask.StridesArray, shape), value);
        GC.KeepAlive(mask);
        if (Graph.NeedsGrad(input)) Graph.Record(y, new MaskedFillBackward(mask), input);
        return y;
    }

    /// <summary>
    /// A copy of <paramref name="input"/> with the 0-d <paramref name="value"/> wherever <paramref name="mask"/> is
    /// true (PyTorch's <c>masked_fill(mask, tensor)</c>); differentiable with respect to both.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="mask">A bool tensor broadcastable with <paramref name="input"/>.</param>
    /// <param name="value">A 0-d tensor, converted to the input's dtype.</param>
    /// <exception cref="ArgumentException">The mask is not bool, the value is not 0-d, or the shapes do not broadcast.</exception>
    public static Tensor MaskedFill(Tensor input, Tensor mask, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(value);
        IndexingHelpers.CheckMaskDType(mask, "masked_fill");
        if (value.Dim != 0)
            throw new ArgumentException($"masked_fill: only supports a 0-dimensional value tensor, but got tensor with {value.Dim} dimension(s) (shape {value.Shape})", nameof(value));
        Broadcasting.Shape(input.ShapeArray, mask.ShapeArray, "masked_fill");
        return Where(mask, value.To(input.DType), input);
    }

    private sealed class MaskedFillBackward(Tensor mask) : Node
    {
        private SavedTensor _mask = new(mask);

        protected internal override Tensor?[] Backward(Tensor grad) => [grad.MaskedFill(Unpack(_mask), 0L)];

        protected override void ReleaseSaved() => _mask = default;
    }

    internal static void CheckMaskFits(Tensor self, Tensor mask, string op)
    {
        if (!Broadcasting.CanBroadcastTo(mask.ShapeArray, self.ShapeArray))
            throw new ArgumentException($"{op}: mask of shape {mask.Shape} cannot be broadcast to self of shape {self.Shape}", nameof(mask));
    }
}

public partial class Tensor
{
    /// <summary>Fills the positions where <paramref name="mask"/> is true, in a copy (see <see cref="Torch.MaskedFill(Tensor, Tensor, double)"/>).</summary>
    /// <param name="mask">A bool tensor broadcastable with this tensor.</param>
    /// <param name="value">The fill value.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public Tensor MaskedFill(Tensor mask, double value) => Torch.MaskedFill(this, mask, value);

    /// <summary>Fills the positions where <paramref name="mask"/> is true with a C# integer, in a copy.</summary>
    /// <param name="mask">A bool tensor broadcastable with this tensor.</param>
    /// <param name="value">The fill value.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor MaskedFill(Tensor mask, long value) => Torch.MaskedFill(this, mask, value);

    /// <summary>Fills the positions where <paramref name="mask"/> is true with a 0-d tensor, in a copy.</summary>
    /// <param name="mask">A bool tensor broadcastable with this tensor.</param>
    /// <param name="value">A 0-d tensor.</param>
    /// <exception cref="ArgumentException">The value tensor is not 0-d.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor MaskedFill(Tensor mask, Tensor value) => Torch.MaskedFill(this, mask, value);

    /// <summary>
    /// In-place masked fill (PyTorch's <c>x.masked_fill_(mask, value)</c>); returns this tensor. The mask must
    /// broadcast to this tensor's shape. Follows the in-place rules (bumps the version).
    /// </summary>
    /// <param name="mask">A bool tensor broadcastable to this tensor's shape.</param>
    /// <param name="value">The fill value.</param>
    /// <exception cref="ArgumentException">The mask is not bool or does not broadcast to this shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit this tensor's dtype.</exception>
    /// <exception cref="InvalidOperationException">The write would bypass autograd, or this tensor overlaps itself.</exception>
    public Tensor MaskedFill_(Tensor mask, double value) => MaskedFillScalar_(mask, Wrap(value));

    /// <summary>In-place masked fill with a C# integer; returns this tensor.</summary>
    /// <param name="mask">A bool tensor broadcastable to this tensor's shape.</param>
    /// <param name="value">The fill value.</param>
    /// <exception cref="ArgumentException">The mask is not bool or does not broadcast to this shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit this tensor's dtype.</exception>
    /// <exception cref="InvalidOperationException">The write would bypass autograd, or this tensor overlaps itself.</exception>
    public Tensor MaskedFill_(Tensor mask, long value) => MaskedFillScalar_(mask, Wrap(value));

    private Tensor MaskedFillScalar_(Tensor mask, Tensor value)
    {
        IndexingHelpers.CheckMaskDType(mask, "masked_fill_");
        Torch.CheckMaskFits(this, mask, "masked_fill_");
        value = Arithmetic.CheckedScalar(value, DType, "masked_fill_");
        return IndexInPlace("masked_fill_", null, t => Torch.MaskedFill(t, mask, value),
            t => IndexKernels.MaskedFill(t, mask, Broadcasting.Strides(mask.ShapeArray, mask.StridesArray, t.ShapeArray), value));
    }

    /// <summary>In-place masked fill with a 0-d tensor value; returns this tensor.</summary>
    /// <param name="mask">A bool tensor broadcastable to this tensor's shape.</param>
    /// <param name="value">A 0-d tensor.</param>
    /// <exception cref="ArgumentException">The mask is not bool or does not fit, or the value is not 0-d.</exception>
    /// <exception cref="InvalidOperationException">The write would bypass autograd.</exception>
    public Tensor MaskedFill_(Tensor mask, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        IndexingHelpers.CheckMaskDType(mask, "masked_fill_");
        Torch.CheckMaskFits(this, mask, "masked_fill_");
        if (value.Dim != 0)
            throw new ArgumentException($"masked_fill_: only supports a 0-dimensional value tensor, but got tensor with {value.Dim} dimension(s) (shape {value.Shape})", nameof(value));
        return IndexInPlace("masked_fill_", value, t => Torch.MaskedFill(t, mask, value),
            t => IndexKernels.MaskedFill(t, mask, Broadcasting.Strides(mask.ShapeArray, mask.StridesArray, t.ShapeArray), value));
    }
}
