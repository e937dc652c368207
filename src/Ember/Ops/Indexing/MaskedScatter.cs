using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// A copy of <paramref name="input"/> whose positions where <paramref name="mask"/> is true receive
    /// consecutive elements of <paramref name="source"/> in row-major order (PyTorch's <c>torch.masked_scatter</c>;
    /// the inverse of <see cref="MaskedSelect"/>). Input and mask broadcast together. Differentiable with
    /// respect to both tensors.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="mask">A bool tensor broadcastable with <paramref name="input"/>.</param>
    /// <param name="source">The values, of the input's dtype, with at least as many elements as true mask entries.</param>
    /// <exception cref="ArgumentException">The mask is not bool, the dtypes differ, the shapes do not broadcast, or the source is too small.</exception>
    public static Tensor MaskedScatter(Tensor input, Tensor mask, Tensor source)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(source);
        IndexingHelpers.CheckMaskDType(mask, "masked_scatter");
        CheckMaskedScatterSource(input, source, "masked_scatter");
        var shape = Broadcasting.Shape(input.ShapeArray, mask.ShapeArray, "masked_scatter");
        var y = Tensor.Empty(shape, input.DType);
        Elementwise.CopyInto(input, y);
        MaskedScatterInto(y, mask, source, "masked_scatter");
        if (Graph.NeedsGrad(input, source)) Graph.Record(y, new MaskedScatterBackward(mask, source.ShapeArray), input, source);
        return y;
    }

    private static void CheckMaskedScatterSource(Tensor self, Tensor source, string op)
    {
        if (source.DType != self.DType)
            throw new ArgumentException($"{op}: expected self and source to have same dtypes but got {self.DType.TorchName()} and {source.DType.TorchName()}", nameof(source));
    }

    internal static void MaskedScatterInto(Tensor self, Tensor mask, Tensor source, string op)
    {
        var maskStrides = Broadcasting.Strides(mask.ShapeArray, mask.StridesArray, self.ShapeArray);
        int k = IndexKernels.CountTrue(self.ShapeArray, mask, maskStrides);
        if (source.Numel < k)
            throw new ArgumentException($"{op}: number of elements in source ({source.Numel}, shape {source.Shape}) < number of ones in mask ({k}, mask shape {mask.Shape})", nameof(source));
        var flat = source;
        if (!source.IsContiguous)
        {
            flat = Tensor.Empty(source.ShapeArray.ToArray(), source.DType);
            Elementwise.CopyInto(source, flat);
        }
        IndexKernels.MaskedScatter(self, mask, maskStrides, flat);
        GC.KeepAlive(source);
    }

    private sealed class MaskedScatterBackward(Tensor mask, int[] sourceShape) : Node
    {
        private SavedTensor _mask = new(mask);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var m = Unpack(_mask);
            Tensor? gs = null;
            if (NeedsGrad(1))
            {
                gs = grad.MaskedSelect(m);
                int n = Tensor.NumelOf(sourceShape);
                if (gs.Numel < n) gs = Cat([gs, Zeros(new Size(n - gs.Numel), grad.DType)]);
                gs = gs.Reshape(sourceShape);
            }
            return [NeedsGrad(0) ? grad.MaskedFill(m, 0.0) : null, gs];
        }

        protected override void ReleaseSaved() => _mask = default;
    }
}

public partial class Tensor
{
    /// <summary>Writes consecutive source elements where <paramref name="mask"/> is true, in a copy (see <see cref="Torch.MaskedScatter"/>).</summary>
    /// <param name="mask">A bool tensor broadcastable with this tensor.</param>
    /// <param name="source">The values, with at least as many elements as true mask entries.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor MaskedScatter(Tensor mask, Tensor source) => Torch.MaskedScatter(this, mask, source);

    /// <summary>
    /// In-place <see cref="MaskedScatter"/> (PyTorch's <c>x.masked_scatter_(mask, source)</c>); returns this tensor.
    /// The mask must broadcast to this tensor's shape. Follows the in-place rules (bumps the version).
    /// </summary>
    /// <param name="mask">A bool tensor broadcastable to this tensor's shape.</param>
    /// <param name="source">The values, with at least as many elements as true mask entries.</param>
    /// <exception cref="InvalidOperationException">The write would bypass autograd.</exception>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor MaskedScatter_(Tensor mask, Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        IndexingHelpers.CheckMaskDType(mask, "masked_scatter_");
        Torch.CheckMaskFits(this, mask, "masked_scatter_");
        if (source.DType != DType)
            throw new ArgumentException($"masked_scatter_: expected self and source to have same dtypes but got {DType.TorchName()} and {source.DType.TorchName()}", nameof(source));
        // The source is read in order while the destination is written: a source that shares memory with it is
        // copied first (PyTorch reads it in place, which can give a wrong result).
        if (MemoryOverlap.Overlap(this, source) != MemoryOverlap.Status.None) source = source.Detach().Clone();
        return IndexInPlace("masked_scatter_", source, t => Torch.MaskedScatter(t, mask, source),
            t => Torch.MaskedScatterInto(t, mask, source, "masked_scatter_"));
    }
}
