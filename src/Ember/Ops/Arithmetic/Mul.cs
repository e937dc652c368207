using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>Elementwise product with broadcasting and type promotion (PyTorch's <c>torch.mul</c>).</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand; broadcasts with <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or both operands are bool.</exception>
    public static Tensor Mul(Tensor input, Tensor other)
    {
        var dt = Arithmetic.Promote(ref input, ref other, "mul");
        var y = Arithmetic.Run<MulOp<float>, MulOp<double>, MulOp<long>>(input, other, dt, "mul");
        if (Graph.NeedsGrad(input, other))
            Graph.Record(y, new MulBackward(other.RequiresGrad ? input : null, input.RequiresGrad ? other : null), input, other);
        return y;
    }

    /// <summary>Multiplies every element by a scalar.</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The scalar.</param>
    public static Tensor Mul(Tensor input, double other) => Mul(input, Arithmetic.ScalarFor(input, other));

    private sealed class MulBackward : Node
    {
        private SavedTensor _a, _b;

        // Each operand is saved only when the other one needs a gradient.
        public MulBackward(Tensor? a, Tensor? b)
        {
            if (a != null) _a = new SavedTensor(a);
            if (b != null) _b = new SavedTensor(b);
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
    public Tensor Mul(Tensor other) => Torch.Mul(this, other);

    /// <summary>Multiplies by a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Mul(double other) => Torch.Mul(this, other);

    /// <summary>In-place elementwise product (PyTorch's <c>x.mul_(other)</c>); returns this tensor.</summary>
    /// <param name="other">The other operand; must broadcast to this tensor's shape.</param>
    public Tensor Mul_(Tensor other) => InPlace(other, "mul_", static (a, b) => Torch.Mul(a, b),
        Arithmetic.RunInto<MulOp<float>, MulOp<double>, MulOp<long>>);

    /// <summary>In-place multiplication by a scalar; returns this tensor.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Mul_(double other) => Mul_(Arithmetic.ScalarFor(this, other));

    /// <summary>Elementwise product with broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Torch.Mul(a, b);

    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor operator *(Tensor a, double b) => Torch.Mul(a, b);

    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor operator *(double a, Tensor b) => Torch.Mul(b, a);
}
