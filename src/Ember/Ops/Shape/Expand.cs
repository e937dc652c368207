using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// A view that repeats dimensions of size 1 to a larger size without copying (stride 0), PyTorch's
    /// <c>x.expand(...)</c>. New leading dimensions may be added; -1 keeps a size.
    /// </summary>
    /// <param name="shape">The target sizes.</param>
    /// <exception cref="ArgumentException">A non-singleton dimension would change size, a size is negative (other than -1), or the
    /// view would have more than <see cref="MaxNumel"/> elements.</exception>
    public Tensor Expand(params ReadOnlySpan<int> shape)
    {
        if (shape.Length < Dim)
            throw new ArgumentException($"expand: the number of sizes provided ({shape.Length}) must be greater or equal to the number of dimensions in the tensor ({Dim})");
        var target = new int[shape.Length];
        var strides = new int[shape.Length];
        int lead = shape.Length - Dim;
        for (int i = 0; i < shape.Length; i++)
        {
            int want = shape[i];
            if (i < lead)
            {
                if (want < 0) throw new ArgumentException($"expand: the expanded size {want} is not allowed in a leading, non-existing dimension {i}");
                target[i] = want;
                strides[i] = 0;
                continue;
            }
            int have = ShapeArray[i - lead];
            if (want == -1) want = have;
            if (want < 0)
                throw new ArgumentException(
                    $"expand: the expanded size of the tensor ({want}) must be non-negative (or -1 to keep the size) at dimension {i}. Target sizes: {Ember.Size.Format(shape)}. Tensor sizes: {Shape}");
            if (have != want && have != 1)
                throw new ArgumentException(
                    $"expand: the expanded size of the tensor ({want}) must match the existing size ({have}) at non-singleton dimension {i}. Target sizes: {Ember.Size.Format(shape)}. Tensor sizes: {Shape}");
            target[i] = want;
            strides[i] = have == want ? StridesArray[i - lead] : 0;
        }
        // The engine un-broadcasts the gradient to this tensor's shape.
        return MakeView("expand", target, strides, Offset, () => new ExpandBackward());
    }

    /// <summary>Expands to the sizes in an array (see <see cref="Expand(ReadOnlySpan{int})"/>).</summary>
    /// <param name="shape">The target sizes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">The sizes do not fit (see <see cref="Expand(ReadOnlySpan{int})"/>).</exception>
    public Tensor Expand(int[] shape) => Expand((ReadOnlySpan<int>)(shape ?? throw new ArgumentNullException(nameof(shape), "expand: the sizes must not be null")));

    /// <summary>Expands to the shape of <paramref name="other"/> (PyTorch's <c>x.expand_as(other)</c>).</summary>
    /// <param name="other">The tensor whose shape to take.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The target shape does not fit the tensor's shape.</exception>
    public Tensor ExpandAs(Tensor other) => Expand(Torch.NotNull(other).ShapeArray);

    private sealed class ExpandBackward : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [grad];
    }
}

public static partial class Torch
{
    /// <summary>Expands <paramref name="input"/> to <paramref name="shape"/> by broadcasting (PyTorch's <c>torch.broadcast_to</c>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="shape">The target shape.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The target shape does not fit the tensor's shape.</exception>
    public static Tensor BroadcastTo(Tensor input, params int[] shape) => NotNull(input).Expand(shape);
}
