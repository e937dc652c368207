using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Elementwise <paramref name="input"/> − <paramref name="alpha"/> × <paramref name="other"/> with
    /// broadcasting and type promotion (PyTorch's <c>torch.sub</c>). Bool operands are rejected, as in PyTorch.
    /// </summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand; broadcasts with <paramref name="input"/>.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1); integral for integer results.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast, an operand is bool, or <paramref name="alpha"/> does not fit.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="other"/> is null.</exception>
    public static Tensor Sub(Tensor input, Tensor other, double alpha = 1)
    {
        RejectBool(input, other, "sub");
        var dt = Arithmetic.ResultType(input, other);
        if (alpha != 1)
        {
            Arithmetic.CheckAlpha(alpha, dt, "sub");
            other = Arithmetic.ScaleByAlpha(other, alpha, dt);
        }
        Arithmetic.ConvertOperands(ref input, ref other, dt);
        var y = Dispatch.NumericBinary<SubOp>(input, other, dt, "sub");
        if (Graph.NeedsGrad(input, other)) Graph.Record(y, new SubBackward(), input, other);
        return y;
    }

    /// <summary>Subtracts a C# double (an integer tensor gives the default float dtype).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Sub(Tensor input, double other) => Sub(input, Tensor.Wrap(other));

    /// <summary>Subtracts a C# integer (an integer tensor keeps its dtype).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Sub(Tensor input, long other) => Sub(input, Tensor.Wrap(other));

    /// <summary>Subtracts every element from a C# double.</summary>
    /// <param name="input">The number.</param>
    /// <param name="other">The tensor.</param>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Sub(double input, Tensor other) => Sub(Tensor.Wrap(input), other);

    /// <summary>Subtracts every element from a C# integer.</summary>
    /// <param name="input">The number.</param>
    /// <param name="other">The tensor.</param>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Sub(long input, Tensor other) => Sub(Tensor.Wrap(input), other);

    internal static void RejectBool(Tensor input, Tensor other, string op)
    {
        NotNull(input);
        NotNull(other);
        if (input.DType == DType.Bool && other.DType == DType.Bool)
            throw new ArgumentException($"{op}: Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or LogicalXor() operator instead.");
        if (input.DType == DType.Bool || other.DType == DType.Bool)
            throw new ArgumentException(
                $"{op}: Subtraction, the `-` operator, with a bool tensor is not supported (got {input.DType.TorchName()} {input.Shape} and {other.DType.TorchName()} {other.Shape}). If you are trying to invert a mask, use the `!` or LogicalNot() operator instead.");
    }

    private sealed class SubBackward : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [grad, NeedsGrad(1) ? -grad : null];
    }
}

public partial class Tensor
{
    /// <summary>Elementwise difference with broadcasting (see <see cref="Torch.Sub(Tensor, Tensor, double)"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor Sub(Tensor other, double alpha = 1) => Torch.Sub(this, other, alpha);

    /// <summary>Subtracts a C# double.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    public Tensor Sub(double other) => Torch.Sub(this, other);

    /// <summary>Subtracts a C# integer.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    public Tensor Sub(long other) => Torch.Sub(this, other);

    /// <summary>In-place <c>this -= alpha × other</c> (PyTorch's <c>x.sub_(other)</c>); returns this tensor.</summary>
    /// <param name="other">The other operand; must broadcast to this tensor's shape.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this shape, an operand is bool, the result
    /// dtype cannot be stored in this dtype, or the operands overlap in memory.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Sub_(Tensor other, double alpha = 1)
    {
        Torch.RejectBool(this, other, "sub_");
        var dt = Arithmetic.ResultType(this, other);
        Arithmetic.CheckInPlaceResult(this, dt, "sub_");
        if (alpha != 1)
        {
            Arithmetic.CheckAlpha(alpha, dt, "sub_");
            other = Arithmetic.ScaleByAlpha(other, alpha, dt);
        }
        return InPlace(other, dt, "sub_", static (a, b) => Torch.Sub(a, b),
            static (a, b, y, dt) => Dispatch.NumericBinaryInto<SubOp>(a, b, y, dt, "sub_"));
    }

    /// <summary>In-place subtraction of a C# double; returns this tensor.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Sub_(double other) => Sub_(Wrap(other));

    /// <summary>In-place subtraction of a C# integer; returns this tensor.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Sub_(long other) => Sub_(Wrap(other));

    /// <summary>Elementwise difference with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator -(Tensor a, Tensor b) => Torch.Sub(a, b);

    /// <summary>Subtracts a C# double from every element.</summary>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator -(Tensor a, double b) => Torch.Sub(a, b);

    /// <summary>Subtracts every element from a C# double.</summary>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator -(double a, Tensor b) => Torch.Sub(a, b);

    /// <summary>Subtracts a C# integer from every element.</summary>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator -(Tensor a, long b) => Torch.Sub(a, b);

    /// <summary>Subtracts every element from a C# integer.</summary>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator -(long a, Tensor b) => Torch.Sub(a, b);

    /// <summary>In-place <c>this -= other</c> (C# 14 compound assignment; PyTorch's <c>w -= lr * g</c>, which is <c>sub_</c>).</summary>
    /// <param name="other">The other operand; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator -=(Tensor other) => Sub_(other);

    /// <summary>In-place <c>this -= number</c>.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator -=(double other) => Sub_(other);

    /// <summary>In-place <c>this -= number</c>.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">An operand is bool: PyTorch refuses to subtract bool tensors (use LogicalXor), or the shapes do not broadcast.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator -=(long other) => Sub_(other);
}
