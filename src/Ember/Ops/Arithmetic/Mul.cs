using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Elementwise product with broadcasting and type promotion (PyTorch's <c>torch.mul</c>). On two bools it
    /// is logical and.
    /// </summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand; broadcasts with <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor Mul(Tensor input, Tensor other)
    {
        var dt = Arithmetic.ResultType(input, other);
        if (dt == DType.Bool) return Arithmetic.Logical<AndPred>(input, other, "mul");
        Arithmetic.ConvertOperands(ref input, ref other, dt);
        var y = Dispatch.NumericBinary<MulOp>(input, other, dt, "mul");
        if (Graph.NeedsGrad(input, other))
            Graph.Record(y, new MulBackward(other.RequiresGrad ? input : null, input.RequiresGrad ? other : null), input, other);
        return y;
    }

    /// <summary>Multiplies every element by a C# double (an integer tensor gives the default float dtype).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Mul(Tensor input, double other) => Mul(input, Tensor.Wrap(other));

    /// <summary>Multiplies every element by a C# integer (an integer tensor keeps its dtype).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Mul(Tensor input, long other) => Mul(input, Tensor.Wrap(other));

    private sealed class MulBackward : Node
    {
        private SavedTensor _a, _b;

        // Each operand is saved only when the other one needs a gradient.
        public MulBackward(Tensor? a, Tensor? b)
        {
            if (a is not null) _a = new SavedTensor(a);
            if (b is not null) _b = new SavedTensor(b);
        }

        protected internal override Tensor?[] Backward(Tensor grad) =>
        [
            NeedsGrad(0) ? grad * Unpack(_b) : null,
            NeedsGrad(1) ? grad * Unpack(_a) : null,
        ];

        protected override void ReleaseSaved() => (_a, _b) = (default, default);
    }
}

public partial class Tensor
{
    /// <summary>Elementwise product with broadcasting (see <see cref="Torch.Mul(Tensor, Tensor)"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Mul(Tensor other) => Torch.Mul(this, other);

    /// <summary>Multiplies by a C# double.</summary>
    /// <param name="other">The number.</param>
    public Tensor Mul(double other) => Torch.Mul(this, other);

    /// <summary>Multiplies by a C# integer.</summary>
    /// <param name="other">The number.</param>
    public Tensor Mul(long other) => Torch.Mul(this, other);

    /// <summary>In-place elementwise product (PyTorch's <c>x.mul_(other)</c>); returns this tensor.</summary>
    /// <param name="other">The other operand; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this shape, the result dtype cannot be
    /// stored in this dtype, or the operands overlap in memory.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Mul_(Tensor other)
    {
        var dt = Arithmetic.ResultType(this, other);
        Arithmetic.CheckInPlaceResult(this, dt, "mul_");
        return InPlace(other, dt, "mul_", static (a, b) => Torch.Mul(a, b),
            static (a, b, y, dt) => Dispatch.NumericBinaryInto<MulOp>(a, b, y, dt, "mul_"));
    }

    /// <summary>In-place multiplication by a C# double; returns this tensor.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Mul_(double other) => Mul_(Wrap(other));

    /// <summary>In-place multiplication by a C# integer; returns this tensor.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Mul_(long other) => Mul_(Wrap(other));

    /// <summary>Elementwise product with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator *(Tensor a, Tensor b) => Torch.Mul(a, b);

    /// <summary>Multiplies every element by a C# double.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator *(Tensor a, double b) => Torch.Mul(a, b);

    /// <summary>Multiplies every element by a C# double.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator *(double a, Tensor b) => Torch.Mul(b, a);

    /// <summary>Multiplies every element by a C# integer.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator *(Tensor a, long b) => Torch.Mul(a, b);

    /// <summary>Multiplies every element by a C# integer.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator *(long a, Tensor b) => Torch.Mul(b, a);

    /// <summary>In-place <c>this *= other</c> (C# 14 compound assignment; PyTorch's <c>mul_</c>).</summary>
    /// <param name="other">The other operand; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator *=(Tensor other) => Mul_(other);

    /// <summary>In-place <c>this *= number</c>.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator *=(double other) => Mul_(other);

    /// <summary>In-place <c>this *= number</c>.</summary>
    /// <param name="other">The number.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public void operator *=(long other) => Mul_(other);
}
