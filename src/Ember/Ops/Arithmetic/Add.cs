using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Elementwise <paramref name="input"/> + <paramref name="alpha"/> × <paramref name="other"/> with
    /// broadcasting and type promotion (PyTorch's <c>torch.add</c>).
    /// </summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand; broadcasts with <paramref name="input"/>.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or both operands are bool.</exception>
    public static Tensor Add(Tensor input, Tensor other, double alpha = 1)
    {
        if (alpha != 1) other = Mul(other, alpha);
        var dt = Arithmetic.Promote(ref input, ref other, "add");
        var y = Arithmetic.Run<AddOp<float>, AddOp<double>, AddOp<long>>(input, other, dt, "add");
        if (Graph.NeedsGrad(input, other)) Graph.Record(y, new AddBackward(), input, other);
        return y;
    }

    /// <summary>Elementwise <paramref name="input"/> + <paramref name="other"/> for a scalar.</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="other">The scalar.</param>
    public static Tensor Add(Tensor input, double other) => Add(input, Arithmetic.ScalarFor(input, other));

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
    public Tensor Add(Tensor other, double alpha = 1) => Torch.Add(this, other, alpha);

    /// <summary>Adds a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Add(double other) => Torch.Add(this, other);

    /// <summary>In-place <c>this += alpha × other</c> (PyTorch's <c>x.add_(other)</c>); returns this tensor.</summary>
    /// <param name="other">The other operand; must broadcast to this tensor's shape.</param>
    /// <param name="alpha">The multiplier of <paramref name="other"/> (default 1).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this shape, or the result dtype would be wider.</exception>
    public Tensor Add_(Tensor other, double alpha = 1)
    {
        if (alpha != 1) other = other * alpha;
        return InPlace(other, "add_", static (a, b) => Torch.Add(a, b),
            Arithmetic.RunInto<AddOp<float>, AddOp<double>, AddOp<long>>);
    }

    /// <summary>In-place addition of a scalar; returns this tensor.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Add_(double other) => Add_(Arithmetic.ScalarFor(this, other));

    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Torch.Add(a, b);

    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor operator +(Tensor a, double b) => Torch.Add(a, b);

    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor operator +(double a, Tensor b) => Torch.Add(b, a);
}
