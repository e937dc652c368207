using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The elementwise remainder of truncated division, C's <c>fmod</c> (PyTorch's <c>torch.fmod</c>): the result has
    /// the sign of the dividend (fmod(−5, 3) = −2). Broadcasting and type promotion as in <see cref="Add(Tensor, Tensor, double)"/>.
    /// A float division by zero gives NaN; an integer one raises.
    /// </summary>
    /// <remarks>Gradients: input gets the gradient; other gets −grad·trunc(input/other).</remarks>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor; broadcasts with <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="DivideByZeroException">Integer operands and a zero divisor (PyTorch's ZeroDivisionError).</exception>
    /// <exception cref="NotSupportedException">Both operands are bool.</exception>
    public static Tensor Fmod(Tensor input, Tensor other)
    {
        var y = RoundingDivision.Run<FmodOp>(ref input, ref other, "fmod");
        if (Graph.NeedsGrad(input, other)) Graph.Record(y, new FmodBackward(input, other, remainder: false), input, other);
        return y;
    }

    /// <summary>fmod by a C# double (an integer tensor gives the default float dtype).</summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Fmod(Tensor input, double other) => Fmod(input, Tensor.Wrap(other));

    /// <summary>fmod by a C# integer (an integer tensor keeps its dtype).</summary>
    /// <param name="input">The dividend.</param>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DivideByZeroException">Integer division by zero (PyTorch's ZeroDivisionError).</exception>
    public static Tensor Fmod(Tensor input, long other) => Fmod(input, Tensor.Wrap(other));

    /// <summary>Backward of fmod and remainder: −grad·q for the divisor, q the rounded quotient.</summary>
    private sealed class FmodBackward : Node
    {
        private SavedTensor _a, _b;
        private readonly bool _remainder;

        public FmodBackward(Tensor a, Tensor b, bool remainder)
        {
            _remainder = remainder;
            if (b.RequiresGrad)
            {
                _a = new SavedTensor(a);
                _b = new SavedTensor(b);
            }
        }

        public override string Name => _remainder ? "RemainderBackward0" : "FmodBackward0";

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            Tensor? gb = null;
            if (NeedsGrad(1))
            {
                Tensor q;
                using (NoGrad()) q = Div(Unpack(_a), Unpack(_b), _remainder ? "floor" : "trunc");
                gb = -grad * q;
            }
            return [NeedsGrad(0) ? grad : null, gb];
        }

        protected override void ReleaseSaved() => (_a, _b) = (default, default);
    }

    /// <summary>Records remainder's backward (shared with fmod).</summary>
    internal static Node RemainderBackward(Tensor a, Tensor b) => new FmodBackward(a, b, remainder: true);
}

public partial class Tensor
{
    /// <summary>The remainder of truncated division (see <see cref="Torch.Fmod(Tensor, Tensor)"/>).</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="DivideByZeroException">Integer division by zero (PyTorch's ZeroDivisionError).</exception>
    public Tensor Fmod(Tensor other) => Torch.Fmod(this, other);

    /// <summary>fmod by a C# double.</summary>
    /// <param name="other">The divisor.</param>
    public Tensor Fmod(double other) => Torch.Fmod(this, other);

    /// <summary>fmod by a C# integer.</summary>
    /// <param name="other">The divisor.</param>
    public Tensor Fmod(long other) => Torch.Fmod(this, other);

    /// <summary>In-place fmod (PyTorch's <c>x.fmod_(other)</c>); returns this tensor.</summary>
    /// <param name="other">The divisor; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">The result dtype cannot be stored here, or the shapes do not broadcast to this shape.</exception>
    /// <exception cref="DivideByZeroException">Integer operands and a zero divisor.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Fmod_(Tensor other) => RoundingDivision.RunInPlace<FmodOp>(this, other, "fmod_", static (a, b) => Torch.Fmod(a, b));

    /// <summary>In-place fmod by a C# double; returns this tensor.</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Fmod_(double other) => Fmod_(Wrap(other));

    /// <summary>In-place fmod by a C# integer; returns this tensor.</summary>
    /// <param name="other">The divisor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Fmod_(long other) => Fmod_(Wrap(other));
}
