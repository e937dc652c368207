using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The elementwise remainder of floor division, Python's <c>%</c> (PyTorch's <c>torch.remainder</c>): the result
    /// has the sign of the divisor (remainder(−5, 3) = 1, remainder(5, −3) = −1). Broadcasting and type promotion as
    /// in <see cref="Add(Tensor, Tensor, double)"/>. A float division by zero gives NaN; an integer one raises.
    /// </summary>
    /// <remarks>Gradients: input gets the gradient; other gets −grad·floor(input/other).</remarks>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor; broadcasts with <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="DivideByZeroException">Integer operands and a zero divisor (PyTorch's ZeroDivisionError).</exception>
    /// <exception cref="NotSupportedException">Both operands are bool.</exception>
    public static Tensor Remainder(Tensor input, Tensor other)
    {
        var y = RoundingDivision.Run<RemainderOp>(ref input, ref other, "remainder");
        if (Graph.NeedsGrad(input, other)) Graph.Record(y, RemainderBackward(input, other), input, other);
        return y;
    }

    /// <summary>remainder by a C# double (an integer tensor gives the default float dtype).</summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Remainder(Tensor input, double other) => Remainder(input, Tensor.Wrap(other));

    /// <summary>remainder by a C# integer (an integer tensor keeps its dtype).</summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Remainder(Tensor input, long other) => Remainder(input, Tensor.Wrap(other));

    /// <summary>remainder of a C# double by every element.</summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The tensor of divisors.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Remainder(double input, Tensor other) => Remainder(Tensor.Wrap(input), other);

    /// <summary>remainder of a C# integer by every element.</summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The tensor of divisors.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DivideByZeroException">Integer division by zero (PyTorch's ZeroDivisionError).</exception>
    public static Tensor Remainder(long input, Tensor other) => Remainder(Tensor.Wrap(input), other);
}

public partial class Tensor
{
    /// <summary>The remainder of floor division (see <see cref="Torch.Remainder(Tensor, Tensor)"/>).</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Remainder(Tensor other) => Torch.Remainder(this, other);

    /// <summary>remainder by a C# double.</summary>
    /// <param name="other">The divisor.</param>
    public Tensor Remainder(double other) => Torch.Remainder(this, other);

    /// <summary>remainder by a C# integer.</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="DivideByZeroException">Integer division by zero (PyTorch's ZeroDivisionError).</exception>
    public Tensor Remainder(long other) => Torch.Remainder(this, other);

    /// <summary>In-place remainder (PyTorch's <c>x.remainder_(other)</c>); returns this tensor.</summary>
    /// <param name="other">The divisor; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">The result dtype cannot be stored here, or the shapes do not broadcast to this shape.</exception>
    /// <exception cref="DivideByZeroException">Integer operands and a zero divisor.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Remainder_(Tensor other) => RoundingDivision.RunInPlace<RemainderOp>(this, other, "remainder_", static (a, b) => Torch.Remainder(a, b));

    /// <summary>In-place remainder by a C# double; returns this tensor.</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Remainder_(double other) => Remainder_(Wrap(other));

    /// <summary>In-place remainder by a C# integer; returns this tensor.</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="DivideByZeroException">Integer division by zero (PyTorch's ZeroDivisionError).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Remainder_(long other) => Remainder_(Wrap(other));
}
