using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// A view with a new shape and the same elements, never copying (PyTorch's <c>x.view(...)</c>).
    /// One size may be -1 and is inferred.
    /// </summary>
    /// <param name="shape">The new sizes; their product must equal <see cref="Numel"/>.</param>
    /// <exception cref="ArgumentException">The shape does not fit the element count, or the strides of this
    /// tensor do not allow a view (call <see cref="Reshape(ReadOnlySpan{int})"/> or <see cref="Contiguous"/> first).</exception>
    public Tensor View(params ReadOnlySpan<int> shape)
    {
        var newShape = InferShape(shape.ToArray(), Numel, "view");
        var strides = ComputeViewStrides(ShapeArray, StridesArray, newShape)
            ?? throw new ArgumentException(
                $"view: size {Ember.Size.Format(newShape)} is not compatible with input tensor's size {Shape} and stride {Strides} " +
                "(at least one dimension spans across two contiguous subspaces); use Reshape(...) instead");
        var inputShape = ShapeArray;
        return MakeView("view", newShape, strides, Offset, () => new ViewBackward(inputShape));
    }

    /// <summary>
    /// The same elements with a new shape: a view when the strides allow, else a contiguous copy
    /// (PyTorch's <c>x.reshape(...)</c>). One size may be -1.
    /// </summary>
    /// <param name="shape">The new sizes; their product must equal <see cref="Numel"/>.</param>
    /// <exception cref="ArgumentException">The shape does not fit the element count.</exception>
    public Tensor Reshape(params ReadOnlySpan<int> shape)
    {
        var newShape = InferShape(shape.ToArray(), Numel, "reshape");
        return ComputeViewStrides(ShapeArray, StridesArray, newShape) is not null ? View(newShape) : Clone().View(newShape);
    }

    /// <summary>A view with the sizes in an array (see <see cref="View(ReadOnlySpan{int})"/>).</summary>
    /// <param name="shape">The new sizes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">The sizes do not fit (see <see cref="View(ReadOnlySpan{int})"/>).</exception>
    public Tensor View(int[] shape) => View((ReadOnlySpan<int>)(shape ?? throw new ArgumentNullException(nameof(shape), "view: the sizes must not be null")));

    /// <summary>The same elements with the sizes in an array (see <see cref="Reshape(ReadOnlySpan{int})"/>).</summary>
    /// <param name="shape">The new sizes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">The sizes do not fit the element count.</exception>
    public Tensor Reshape(int[] shape) => Reshape((ReadOnlySpan<int>)(shape ?? throw new ArgumentNullException(nameof(shape), "reshape: the sizes must not be null")));

    /// <summary>A view with the shape of <paramref name="other"/> (PyTorch's <c>x.view_as(other)</c>).</summary>
    /// <param name="other">The tensor whose shape to take.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape does not hold the input's number of elements.</exception>
    public Tensor ViewAs(Tensor other) => View(Torch.NotNull(other).ShapeArray);

    /// <summary>
    /// Flattens dimensions <paramref name="startDim"/>…<paramref name="endDim"/> into one (PyTorch's
    /// <c>torch.flatten</c>); a view when possible.
    /// </summary>
    /// <param name="startDim">The first dimension to flatten (default 0).</param>
    /// <param name="endDim">The last dimension to flatten (default -1).</param>
    /// <exception cref="ArgumentException">startDim comes after endDim.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range (for a 0-d tensor, outside [-1, 0]).</exception>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        int s = NormalizeDim(startDim, Dim, "flatten", nameof(startDim));
        int e = NormalizeDim(endDim, Dim, "flatten", nameof(endDim));
        if (Dim == 0) return Reshape(1);
        if (s > e) throw new ArgumentException($"flatten: start_dim ({startDim}) cannot come after end_dim ({endDim})");
        var shape = new int[Dim - (e - s)];
        for (int d = 0; d < s; d++) shape[d] = ShapeArray[d];
        long prod = 1;
        for (int d = s; d <= e; d++) prod *= ShapeArray[d];
        shape[s] = (int)prod;
        for (int d = e + 1; d < Dim; d++) shape[d - (e - s)] = ShapeArray[d];
        return Reshape(shape);
    }

    internal static int[] InferShape(int[] shape, int numel, string op)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var result = (int[])shape.Clone();
        int infer = -1;
        // Saturating: a long product of several large sizes wraps around (384773 · 429509837 · 111620 is 4 modulo 2^64),
        // and a wrapped product could match the element count.
        long known = 1;
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"{op}: only one dimension can be inferred (shape {Ember.Size.Format(shape)})");
                infer = i;
            }
            else if (result[i] < 0) throw new ArgumentException($"{op}: invalid shape dimension {result[i]} in {Ember.Size.Format(shape)}");
            else known = known > MaxNumel && result[i] != 0 ? known : known * result[i];
        }
        if (infer >= 0)
        {
            if (known == 0 || numel % known != 0)
                throw new ArgumentException($"{op}: shape {Ember.Size.Format(shape)} is invalid for input of size {numel}");
            result[infer] = (int)(numel / known);
        }
        else if (known != numel)
            throw new ArgumentException($"{op}: shape {Ember.Size.Format(shape)} is invalid for input of size {numel}");
        return result;
    }

    /// <summary>
    /// Strides that view (shape, strides) as newShape without copying, or null if impossible
    /// (PyTorch's computeStride: each run of dims that is contiguous in memory can be re-split).
    /// </summary>
    internal static int[]? ComputeViewStrides(int[] shape, int[] strides, int[] newShape)
    {
        var newStrides = new int[newShape.Length];
        if (shape.Length == 0)
        {
            Array.Fill(newStrides, 1);
            return newStrides;
        }
        int numel = NumelOf(shape);
        if (numel == 0)
        {
            return shape.AsSpan().SequenceEqual(newShape) ? (int[])strides.Clone() : ContiguousStrides(newShape);
        }
        int viewD = newShape.Length - 1;
        long chunkBaseStride = strides[^1];
        long tensorNumel = 1, viewNumel = 1;
        for (int tensorD = shape.Length - 1; tensorD >= 0; tensorD--)
        {
            tensorNumel *= shape[tensorD];
            if (tensorD == 0 || (shape[tensorD - 1] != 1 && strides[tensorD - 1] != tensorNumel * chunkBaseStride))
            {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1))
                {
                    newStrides[viewD] = (int)Math.Min(viewNumel * chunkBaseStride, int.MaxValue); // only a size-1 dim can pass int
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (tensorD > 0)
                {
                    chunkBaseStride = strides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }

    private sealed class ViewBackward(int[] inputShape) : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [grad.Reshape(inputShape)];
    }
}

public static partial class Torch
{
    /// <summary>The elements of <paramref name="input"/> with a new shape (see <see cref="Tensor.Reshape(ReadOnlySpan{int})"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="shape">The new sizes; one may be -1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape does not hold the input's number of elements.</exception>
    public static Tensor Reshape(Tensor input, params int[] shape) => NotNull(input).Reshape(shape);

    /// <summary>Flattens a range of dimensions (see <see cref="Tensor.Flatten"/>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="startDim">The first dimension to flatten (default 0).</param>
    /// <param name="endDim">The last dimension to flatten (default -1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Flatten(Tensor input, int startDim = 0, int endDim = -1) => NotNull(input).Flatten(startDim, endDim);
}
