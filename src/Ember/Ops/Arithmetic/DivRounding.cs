using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Elementwise division with a rounding mode (PyTorch's <c>torch.div(input, other, rounding_mode=...)</c>):
    /// null is true division (see <see cref="Div(Tensor, Tensor)"/>); <c>"trunc"</c> rounds toward zero (C's integer
    /// division) and <c>"floor"</c> toward −∞ (Python's <c>//</c>). With a rounding mode integer operands keep an
    /// integer result (no float promotion), a float division by zero gives ±∞ or NaN, and an integer one raises.
    /// The rounded quotient has a zero gradient.
    /// </summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor; broadcasts with <paramref name="input"/>.</param>
    /// <param name="roundingMode">null, <c>"trunc"</c> or <c>"floor"</c>.</param>
    /// <exception cref="ArgumentException">An unknown rounding mode, or the shapes do not broadcast.</exception>
    /// <exception cref="DivideByZeroException">Integer operands and a zero divisor (PyTorch's ZeroDivisionError).</exception>
    /// <exception cref="NotSupportedException">Both operands are bool (with a rounding mode).</exception>
    public static Tensor Div(Tensor input, Tensor other, string? roundingMode)
    {
        IntegerDivision.CheckRoundingMode(roundingMode, "div");
        if (roundingMode is null) return Div(input, other);
        var y = roundingMode == "floor"
            ? RoundingDivision.Run<FloorDivOp>(ref input, ref other, "div")
            : RoundingDivision.Run<TruncDivOp>(ref input, ref other, "div");
        if (Graph.NeedsGrad(input, other)) Graph.Record(y, new RoundedDivBackward(), input, other);
        return y;
    }

    /// <summary>Division by a C# double with a rounding mode (see <see cref="Div(Tensor, Tensor, string)"/>).</summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">null, <c>"trunc"</c> or <c>"floor"</c>.</param>
    /// <exception cref="ArgumentException">The rounding mode is not null, "trunc" or "floor".</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Div(Tensor input, double other, string? roundingMode) => Div(input, Tensor.Wrap(other), roundingMode);

    /// <summary>Division by a C# integer with a rounding mode (an integer tensor keeps its dtype with "trunc"/"floor").</summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">null, <c>"trunc"</c> or <c>"floor"</c>.</param>
    /// <exception cref="ArgumentException">The rounding mode is not null, "trunc" or "floor".</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Div(Tensor input, long other, string? roundingMode) => Div(input, Tensor.Wrap(other), roundingMode);

    /// <summary>The rounded quotient is piecewise constant: zero gradients (PyTorch's).</summary>
    private sealed class RoundedDivBackward : Node
    {
        public override string Name => "DivBackward2";

        protected internal override Tensor?[] Backward(Tensor grad) =>
            [NeedsGrad(0) ? ZerosLike(grad) : null, NeedsGrad(1) ? ZerosLike(grad) : null];
    }
}

public partial class Tensor
{
    /// <summary>Division with a rounding mode (see <see cref="Torch.Div(Tensor, Tensor, string)"/>).</summary>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">null, <c>"trunc"</c> or <c>"floor"</c>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor Div(Tensor other, string? roundingMode) => Torch.Div(this, other, roundingMode);

    /// <summary>Division by a C# double with a rounding mode.</summary>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">null, <c>"trunc"</c> or <c>"floor"</c>.</param>
    /// <exception cref="ArgumentException">The rounding mode is not null, "trunc" or "floor".</exception>
    public Tensor Div(double other, string? roundingMode) => Torch.Div(this, other, roundingMode);

    /// <summary>Division by a C# integer with a rounding mode.</summary>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">null, <c>"trunc"</c> or <c>"floor"</c>.</param>
    /// <exception cref="ArgumentException">The rounding mode is not null, "trunc" or "floor".</exception>
    public Tensor Div(long other, string? roundingMode) => Torch.Div(this, other, roundingMode);

    /// <summary>In-place division with a rounding mode (PyTorch's <c>x.div_(other, rounding_mode=...)</c>); returns this tensor.</summary>
    /// <param name="other">The divisor; must broadcast to this tensor's shape.</param>
    /// <param name="roundingMode">null (true division: needs a float tensor), <c>"trunc"</c> or <c>"floor"</c>.</param>
    /// <exception cref="ArgumentException">An unknown rounding mode, the result dtype cannot be stored here, or the
    /// shapes do not broadcast to this shape.</exception>
    /// <exception cref="DivideByZeroException">Integer operands and a zero divisor.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Div_(Tensor other, string? roundingMode)
    {
        IntegerDivision.CheckRoundingMode(roundingMode, "div_");
        return roundingMode switch
        {
            null => Div_(other),
            "floor" => RoundingDivision.RunInPlace<FloorDivOp>(this, other, "div_", static (a, b) => Torch.Div(a, b, "floor")),
            _ => RoundingDivision.RunInPlace<TruncDivOp>(this, other, "div_", static (a, b) => Torch.Div(a, b, "trunc")),
        };
    }

    /// <summary>In-place division by a C# double with a rounding mode; returns this tensor.</summary>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">null, <c>"trunc"</c> or <c>"floor"</c>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Div_(double other, string? roundingMode) => Div_(Wrap(other), roundingMode);

    /// <summary>In-place division by a C# integer with a rounding mode; returns this tensor.</summary>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">null, <c>"trunc"</c> or <c>"floor"</c>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Div_(long other, string? roundingMode) => Div_(Wrap(other), roundingMode);
}
