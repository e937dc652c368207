using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Elementwise true division with broadcasting (PyTorch's <c>torch.div</c>): integer and bool operands
    /// give the default float dtype.
    /// </summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor; broadcasts with <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor Div(Tensor input, Tensor other)
    {
        var dt = Arithmetic.ResultType(input, other, floatResult: true);
        Arithmetic.ConvertOperands(ref input, ref other, dt);
        var y = Dispatch.FloatBinary<DivOp>(input, other, dt, "div");
        if (Graph.NeedsGrad(input, other))
            Graph.Record(y, new DivBackward(other, other.RequiresGrad ? y : null), input, other);
        return y;
    }

    /// <summary>Divides every element by a C# double.</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Div(Tensor input, double other) => Div(input, Tensor.Wrap(other));

    /// <summary>Divides every element by a C# integer (true division: an integer tensor gives the default float dtype).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Div(Tensor input, long other) => Div(input, Tensor.Wrap(other));

    /// <summary>
    /// Divides a C# double by every element, as PyTorch's <c>2.5 / x</c> (<c>Tensor.__rtruediv__</c>): the reciprocal
    /// of each element times the number, rounded twice exactly as PyTorch does.
    /// </summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The tensor of divisors.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Div(double input, Tensor other) => Mul(Div(Tensor.Wrap(1L), other), input);

    /// <summary>Divides a C# integer by every element (true division), as PyTorch's <c>2 / x</c>: the reciprocal of each element times the number.</summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The tensor of divisors.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Div(long input, Tensor other) => Mul(Div(Tensor.Wrap(1L), other), input);

    private sealed class DivBackward : Node
    {
        private SavedTensor _b, _y;

        public DivBackward(Tensor b, Tensor? y)
        {
            _b = new SavedTensor(b);
            if (y is not null) _y = new SavedTensor(y);
        }

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var b = Unpack(_b);
            var ga = grad / b;
            // d(a/b)/db = -a/b² = -y/b
            return [NeedsGrad(0) ? ga : null, NeedsGrad(1) ? -ga * Unpack(_y) : null];
        }

        protected override void ReleaseSaved() => (_b, _y) = (default, default);
    }
}

public partial class Tensor
{
    /// <summary>Elementwise true division with broadcasting (see <see cref="Torch.Div(Tensor, Tensor)"/>).</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Div(Tensor other) => Torch.Div(this, other);

    /// <summary>Divides by a C# double.</summary>
    /// <param name="other">The divisor.</param>
    public Tensor Div(double other) => Torch.Div(this, other);

    /// <summary>Divides by a C# integer (true division).</summary>
    /// <param name="other">The divisor.</param>
    public Tensor Div(long other) => Torch.Div(this, other);

    /// <summary>In-place true division (PyTorch's <c>x.div_(other)</c>); returns this tensor.</summary>
    /// <param name="other">The divisor; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">This tensor is not floating point (the float result cannot be stored),
    /// the shapes do not broadcast to this shape, or the operands overlap in memory.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Div_(Tensor other)
    {
        var dt = Arithmetic.ResultType(this, other, floatResult: true);
        Arithmetic.CheckInPlaceResult(this, dt, "div_");
        return InPlace(other, dt, "div_", static (a, b) => Torch.Div(a, b),
            static (a, b, y, dt) => Dispatch.FloatBinaryInto<DivOp>(a, b, y, dt, "div_"));
    }

    /// <summary>In-place division by a C# double; returns this tensor.</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Div_(double other) => Div_(Wrap(other));

    /// <summary>In-place division by a C# integer; returns this tensor.</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Div_(long other) => Div_(Wrap(other));

    /// <summary>Elementwise true division with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator /(Tensor a, Tensor b) => Torch.Div(a, b);

    /// <summary>Divides every element by a C# double.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator /(Tensor a, double b) => Torch.Div(a, b);

    /// <summary>Divides a C# double by every element.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator /(double a, Tensor b) => Torch.Div(a, b);

    /// <summary>Divides every element by a C# integer (true division).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator /(Tensor a, long b) => Torch.Div(a, b);

    /// <summary>Divides a C# integer by every element (true division).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator /(long a, Tensor b) => Torch.Div(a, b);

    /// <summary>In-place <c>this /= other</c> (C# 14 compound assignment; PyTorch's <c>div_</c>).</summary>
    /// <param name="other">The divisor; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator /=(Tensor other) => Div_(other);

    /// <summary>In-place <c>this /= number</c>.</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator /=(double other) => Div_(other);

    /// <summary>In-place <c>this /= number</c>.</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator /=(long other) => Div_(other);
}
