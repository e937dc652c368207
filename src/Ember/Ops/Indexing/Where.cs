using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Elementwise choice: <paramref name="input"/> where <paramref name="condition"/> is true, else
    /// <paramref name="other"/> (PyTorch's <c>torch.where(condition, input, other)</c>). All three broadcast
    /// together; the result has the promoted dtype of <paramref name="input"/> and <paramref name="other"/>.
    /// Differentiable with respect to both values.
    /// </summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="input">The values where the condition holds.</param>
    /// <param name="other">The values elsewhere.</param>
    /// <exception cref="ArgumentException">The condition is not bool, or the shapes do not broadcast.</exception>
    public static Tensor Where(Tensor condition, Tensor input, Tensor other)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(other);
        if (condition.DType != DType.Bool)
            throw new ArgumentException($"where: expected condition to be a boolean tensor, but got a tensor with dtype {condition.DType.TorchName()} (shape {condition.Shape})", nameof(condition));
        var shape = Broadcasting.Shape(Broadcasting.Shape(condition.ShapeArray, input.ShapeArray, "where"), other.ShapeArray, "where");
        var dt = TypePromotion.ResultType(input, other);
        input = input.IsWrappedNumber ? Arithmetic.CheckedScalar(input, dt, "where") : input.To(dt);
        other = other.IsWrappedNumber ? Arithmetic.CheckedScalar(other, dt, "where") : other.To(dt);
        var y = Tensor.Empty(shape, dt);
        IndexKernels.Where(shape, condition, Broadcasting.Strides(condition.ShapeArray, condition.StridesArray, shape),
            input, Broadcasting.Strides(input.ShapeArray, input.StridesArray, shape),
            other, Broadcasting.Strides(other.ShapeArray, other.StridesArray, shape), y);
        if (Graph.NeedsGrad(input, other)) Graph.Record(y, new WhereBackward(condition), input, other);
        return y;
    }

    /// <summary>
    /// <paramref name="input"/> where <paramref name="condition"/> is true, else the C# double <paramref name="other"/>
    /// (a double never widens a float tensor; with an integer tensor it gives the default float dtype).
    /// </summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="input">The values where the condition holds.</param>
    /// <param name="other">The value elsewhere.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the result dtype.</exception>
    /// <exception cref="ArgumentException">The condition is not a bool tensor, or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Where(Tensor condition, Tensor input, double other) => Where(condition, input, Tensor.Wrap(other));

    /// <summary><paramref name="input"/> where <paramref name="condition"/> is true, else the C# integer <paramref name="other"/> (an integer tensor keeps its dtype).</summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="input">The values where the condition holds.</param>
    /// <param name="other">The value elsewhere.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the result dtype (e.g. 300 for uint8).</exception>
    /// <exception cref="ArgumentException">The condition is not a bool tensor, or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Where(Tensor condition, Tensor input, long other) => Where(condition, input, Tensor.Wrap(other));

    /// <summary>The C# double <paramref name="input"/> where <paramref name="condition"/> is true, else <paramref name="other"/>.</summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="input">The value where the condition holds.</param>
    /// <param name="other">The values elsewhere.</param>
    /// <exception cref="ArgumentException">The condition is not a bool tensor, or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public static Tensor Where(Tensor condition, double input, Tensor other) => Where(condition, Tensor.Wrap(input), other);

    /// <summary>The C# integer <paramref name="input"/> where <paramref name="condition"/> is true, else <paramref name="other"/>.</summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="input">The value where the condition holds.</param>
    /// <param name="other">The values elsewhere.</param>
    /// <exception cref="ArgumentException">The condition is not a bool tensor, or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public static Tensor Where(Tensor condition, long input, Tensor other) => Where(condition, Tensor.Wrap(input), other);

    /// <summary>One of two C# doubles per element of <paramref name="condition"/>, in the default float dtype.</summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="input">The value where the condition holds.</param>
    /// <param name="other">The value elsewhere.</param>
    /// <exception cref="ArgumentException">The condition is not a bool tensor, or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public static Tensor Where(Tensor condition, double input, double other) => Where(condition, Tensor.Wrap(input), Tensor.Wrap(other));

    /// <summary>One of two C# integers per element of <paramref name="condition"/>, as int64.</summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="input">The value where the condition holds.</param>
    /// <param name="other">The value elsewhere.</param>
    /// <exception cref="ArgumentException">The condition is not a bool tensor, or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Where(Tensor condition, long input, long other) => Where(condition, Tensor.Wrap(input), Tensor.Wrap(other));

    private sealed class WhereBackward(Tensor condition) : Node
    {
        private SavedTensor _condition = new(condition);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var c = Unpack(_condition);
            return
            [
                NeedsGrad(0) ? Where(c, grad, 0.0) : null,
                NeedsGrad(1) ? Where(c, 0.0, grad) : null,
            ];
        }

        protected override void ReleaseSaved() => _condition = default;
    }
}

public partial class Tensor
{
    /// <summary>
    /// This tensor where <paramref name="condition"/> is true, else <paramref name="other"/> (PyTorch's
    /// <c>x.where(condition, other)</c>; see <see cref="Torch.Where(Tensor, Tensor, Tensor)"/>).
    /// </summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="other">The values elsewhere.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor Where(Tensor condition, Tensor other) => Torch.Where(condition, this, other);

    /// <summary>This tensor where <paramref name="condition"/> is true, else the scalar <paramref name="other"/>.</summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="other">The value elsewhere.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public Tensor Where(Tensor condition, double other) => Torch.Where(condition, this, other);

    /// <summary>This tensor where <paramref name="condition"/> holds, else the C# integer <paramref name="other"/>.</summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="other">The value elsewhere.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor Where(Tensor condition, long other) => Torch.Where(condition, this, other);
}
