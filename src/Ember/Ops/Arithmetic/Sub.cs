using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Elementwise <paramref name="input"/> − <paramref name="alpha"/> × <paramref name="other"/> with
    /// broadcasting (PyTorch's <c>torch.sub</c>).
    /// </summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand; broadcasts with <paramref name="input"/>.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or an operand is bool.</exception>
    public static Tensor Sub(Tensor input, Tensor other, double alpha = 1)
    {
        RejectBool(input, other, "sub");
        if (alpha != 1) other = Mul(other, alpha);
        var dt = Arithmetic.Promote(ref input, ref other, "sub");
        var y = Arithmetic.Run<SubOp<float>, SubOp<double>, SubOp<long>>(input, other, dt, "sub");
        if (Graph.NeedsGrad(input, other)) Graph.Record(y, new SubBackward(), input, other);
        return y;
    }

    /// <summary>Elementwise <paramref name="input"/> − <paramref name="other"/> for a scalar.</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The scalar.</param>
    public static Tensor Sub(Tensor input, double other) => Sub(input, Arithmetic.ScalarFor(input, other));

    /// <summary>Elementwise <paramref name="input"/> − <paramref name="other"/> for a scalar minuend (PyTorch's <c>torch.rsub</c>).</summary>
    /// <param name="input">The scalar.</param>
    /// <param name="other">The tensor.</param>
    public static Tensor Sub(double input, Tensor other) => Sub(Arithmetic.ScalarFor(other, input), other);

    /// <summary>PyTorch refuses subtraction with a bool operand (<c>1 - mask</c> is usually meant as a logical not).</summary>
    internal static void RejectBool(Tensor input, Tensor other, string op)
    {
        if (input.DType == DType.Bool || other.DType == DType.Bool)
            throw new ArgumentException(
                $"{op}: subtraction with a bool tensor is not supported (got {input.DType.TorchName()} {input.Shape} and {other.DType.TorchName()} {other.Shape}); convert with To(DType.Int64) or To(DType.Float32) first");
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
    public Tensor Sub(Tensor other, double alpha = 1) => Torch.Sub(this, other, alpha);

    /// <summary>Subtracts a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Sub(double other) => Torch.Sub(this, other);

    /// <summary>In-place <c>this -= alpha × other</c> (PyTorch's <c>x.sub_(other)</c>); returns this tensor.</summary>
    /// <param name="other">The other operand; must broadcast to this tensor's shape.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1).</param>
    public Tensor Sub_(Tensor other, double alpha = 1)
    {
        Torch.RejectBool(this, other, "sub_");
        if (alpha != 1) other = other * alpha;
        return InPlace(other, "sub_", static (a, b) => Torch.Sub(a, b),
            Arithmetic.RunInto<SubOp<float>, SubOp<double>, SubOp<long>>);
    }

    /// <summary>In-place subtraction of a scalar; returns this tensor.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Sub_(double other) => Sub_(Arithmetic.ScalarFor(this, other));

    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Torch.Sub(a, b);

    /// <summary>Subtracts a scalar from every element.</summary>
    public static Tensor operator -(Tensor a, double b) => Torch.Sub(a, b);

    /// <summary>Subtracts every element from a scalar.</summary>
    public static Tensor operator -(double a, Tensor b) => Torch.Sub(a, b);
}
