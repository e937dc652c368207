using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Elementwise <paramref name="input"/> + <paramref name="alpha"/> × <paramref name="other"/> with
    /// broadcasting and PyTorch's type promotion (<c>torch.add</c>). On two bools it is logical or.
    /// </summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand; broadcasts with <paramref name="input"/>.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1); integral for integer results.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or <paramref name="alpha"/> does not fit the result dtype.</exception>
    public static Tensor Add(Tensor input, Tensor other, double alpha = 1)
    {
        var dt = Arithmetic.ResultType(input, other);
        if (alpha != 1)
        {
            Arithmetic.CheckAlpha(alpha, dt, "add");
            if (dt != DType.Bool) other = Arithmetic.ScaleByAlpha(other, alpha, dt);
            else if (alpha == 0) other = ZerosLike(other, DType.Bool);
        }
        if (dt == DType.Bool) return Arithmetic.Logical<OrPred>(input, other, "add");
        Arithmetic.ConvertOperands(ref input, ref other, dt);
        var y = Dispatch.NumericBinary<AddOp>(input, other, dt, "add");
        if (Graph.NeedsGrad(input, other)) Graph.Record(y, new AddBackward(), input, other);
        return y;
    }

    /// <summary>Adds a C# double: an integer or bool tensor gives the default float dtype (PyTorch's <c>x + 2.5</c>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The number.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Add(Tensor input, double other, double alpha = 1) => Add(input, Tensor.Wrap(other), alpha);

    /// <summary>Adds a C# integer: an integer tensor keeps its dtype, a bool tensor gives int64 (PyTorch's <c>x + 2</c>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The number.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1).</param>
    /// <exception cref="ArgumentException">Alpha is fractional (or not finite) for integer tensors, or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Add(Tensor input, long other, double alpha = 1) => Add(input, Tensor.Wrap(other), alpha);

    private sealed class AddBackward : Node
    {
        // The engine un-broadcasts each gradient to its input's shape.
        protected internal override Tensor?[] Backward(Tensor grad) => [grad, grad];
    }
}

public partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting (see <see cref="Torch.Add(Tensor, Tensor, double)"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor Add(Tensor other, double alpha = 1) => Torch.Add(this, other, alpha);

    /// <summary>Adds a C# double (see <see cref="Torch.Add(Tensor, double, double)"/>).</summary>
    /// <param name="other">The number.</param>
    public Tensor Add(double other) => Torch.Add(this, other);

    /// <summary>Adds a C# integer (see <see cref="Torch.Add(Tensor, long, double)"/>).</summary>
    /// <param name="other">The number.</param>
    public Tensor Add(long other) => Torch.Add(this, other);

    /// <summary>In-place <c>this += alpha × other</c> (PyTorch's <c>x.add_(other)</c>); returns this tensor.</summary>
    /// <param name="other">The other operand; must broadcast to this tensor's shape.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this shape, the result dtype cannot be
    /// stored in this dtype (a float result in an integer tensor), or the operands overlap in memory.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Add_(Tensor other, double alpha = 1)
    {
        var dt = Arithmetic.ResultType(this, other);
        Arithmetic.CheckInPlaceResult(this, dt, "add_");
        if (alpha != 1)
        {
            Arithmetic.CheckAlpha(alpha, dt, "add_");
            if (dt != DType.Bool) other = Arithmetic.ScaleByAlpha(other, alpha, dt);
            else if (alpha == 0) other = Torch.ZerosLike(other, DType.Bool);
        }
        return InPlace(other, dt, "add_", static (a, b) => Torch.Add(a, b),
            static (a, b, y, dt) => Dispatch.NumericBinaryInto<AddOp>(a, b, y, dt, "add_"));
    }

    /// <summary>In-place addition of a C# double; returns this tensor.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Add_(double other) => Add_(Wrap(other));

    /// <summary>In-place addition of a C# integer; returns this tensor.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Add_(long other) => Add_(Wrap(other));

    /// <summary>Elementwise sum with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator +(Tensor a, Tensor b) => Torch.Add(a, b);

    /// <summary>Adds a C# double to every element.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator +(Tensor a, double b) => Torch.Add(a, b);

    /// <summary>Adds a C# double to every element.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator +(double a, Tensor b) => Torch.Add(b, a);

    /// <summary>Adds a C# integer to every element.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator +(Tensor a, long b) => Torch.Add(a, b);

    /// <summary>Adds a C# integer to every element.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator +(long a, Tensor b) => Torch.Add(b, a);

    /// <summary>In-place <c>this += other</c> (C# 14 compound assignment; PyTorch's <c>x += y</c>, which is <c>add_</c>).</summary>
    /// <param name="other">The other operand; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator +=(Tensor other) => Add_(other);

    /// <summary>In-place <c>this += number</c>.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator +=(double other) => Add_(other);

    /// <summary>In-place <c>this += number</c>.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator +=(long other) => Add_(other);
}
