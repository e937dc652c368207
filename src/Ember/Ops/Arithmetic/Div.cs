using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Elementwise true division with broadcasting (PyTorch's <c>torch.div</c>): integer operands give a
    /// float32 result.
    /// </summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor; broadcasts with <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor Div(Tensor input, Tensor other)
    {
        var dt = Arithmetic.Promote(ref input, ref other, "div", floatResult: true);
        var y = Arithmetic.Run<DivOp<float>, DivOp<double>, DivOp<long>>(input, other, dt, "div");
        if (Graph.NeedsGrad(input, other))
            Graph.Record(y, new DivBackward(other, other.RequiresGrad ? y : null), input, other);
        return y;
    }

    /// <summary>Divides every element by a scalar.</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The scalar divisor.</param>
    public static Tensor Div(Tensor input, double other) => Div(input, Arithmetic.ScalarFor(input, other));

    /// <summary>Divides a scalar by every element.</summary>
    /// <param name="input">The scalar dividend.</param>
    /// <param name="other">The tensor of divisors.</param>
    public static Tensor Div(double input, Tensor other) => Div(Arithmetic.ScalarFor(other, input), other);

    private sealed class DivBackward : Node
    {
        private SavedTensor _b, _y;

        public DivBackward(Tensor b, Tensor? y)
        {
            _b = new SavedTensor(b);
            if (y != null) _y = new SavedTensor(y);
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
    public Tensor Div(Tensor other) => Torch.Div(this, other);

    /// <summary>Divides by a scalar.</summary>
    /// <param name="other">The scalar divisor.</param>
    public Tensor Div(double other) => Torch.Div(this, other);

    /// <summary>In-place division (PyTorch's <c>x.div_(other)</c>); returns this tensor. This tensor must be floating point.</summary>
    /// <param name="other">The divisor; must broadcast to this tensor's shape.</param>
    public Tensor Div_(Tensor other)
    {
        if (!DType.IsFloatingPoint())
            throw new ArgumentException($"div_: result type torch.float32 can't be cast to the desired output type {DType.TorchName()}");
        return InPlace(other, "div_", static (a, b) => Torch.Div(a, b), Arithmetic.RunInto<DivOp<float>, DivOp<double>, DivOp<long>>);
    }

    /// <summary>In-place division by a scalar; returns this tensor.</summary>
    /// <param name="other">The scalar divisor.</param>
    public Tensor Div_(double other) => Div_(Arithmetic.ScalarFor(this, other));

    /// <summary>Elementwise true division with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Torch.Div(a, b);

    /// <summary>Divides every element by a scalar.</summary>
    public static Tensor operator /(Tensor a, double b) => Torch.Div(a, b);

    /// <summary>Divides a scalar by every element.</summary>
    public static Tensor operator /(double a, Tensor b) => Torch.Div(a, b);
}
