namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Elementwise division rounded toward −∞ (PyTorch's <c>torch.floor_divide</c>, Python's <c>//</c>):
    /// <c>Div(input, other, "floor")</c>. Integer operands give an integer result; an integer division by zero raises.
    /// </summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor; broadcasts with <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="DivideByZeroException">Integer operands and a zero divisor (PyTorch's ZeroDivisionError).</exception>
    /// <exception cref="NotSupportedException">Both operands are bool.</exception>
    public static Tensor FloorDivide(Tensor input, Tensor other) => Div(input, other, "floor");

    /// <summary>Floor division by a C# double (an integer tensor gives the default float dtype).</summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor FloorDivide(Tensor input, double other) => Div(input, Tensor.Wrap(other), "floor");

    /// <summary>Floor division by a C# integer (an integer tensor keeps its dtype).</summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DivideByZeroException">Integer division by zero (PyTorch's ZeroDivisionError).</exception>
    public static Tensor FloorDivide(Tensor input, long other) => Div(input, Tensor.Wrap(other), "floor");
}

public partial class Tensor
{
    /// <summary>Floor division (see <see cref="Torch.FloorDivide(Tensor, Tensor)"/>).</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="DivideByZeroException">Integer division by zero (PyTorch's ZeroDivisionError).</exception>
    public Tensor FloorDivide(Tensor other) => Torch.FloorDivide(this, other);

    /// <summary>Floor division by a C# double.</summary>
    /// <param name="other">The divisor.</param>
    public Tensor FloorDivide(double other) => Torch.FloorDivide(this, other);

    /// <summary>Floor division by a C# integer.</summary>
    /// <param name="other">The divisor.</param>
    public Tensor FloorDivide(long other) => Torch.FloorDivide(this, other);

    /// <summary>In-place floor division (PyTorch's <c>x.floor_divide_(other)</c>); returns this tensor.</summary>
    /// <param name="other">The divisor; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">The result dtype cannot be stored here, or the shapes do not broadcast to this shape.</exception>
    /// <exception cref="DivideByZeroException">Integer operands and a zero divisor.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor FloorDivide_(Tensor other) => Div_(other, "floor");

    /// <summary>In-place floor division by a C# double; returns this tensor.</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor FloorDivide_(double other) => Div_(Wrap(other), "floor");

    /// <summary>In-place floor division by a C# integer; returns this tensor.</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="DivideByZeroException">Integer division by zero (PyTorch's ZeroDivisionError).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor FloorDivide_(long other) => Div_(Wrap(other), "floor");
}
