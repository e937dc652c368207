using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>Elementwise logical AND with broadcasting; nonzero counts as true; the result is bool (PyTorch's <c>torch.logical_and</c>).</summary>
    /// <param name="input">The first operand (any dtype).</param>
    /// <param name="other">The second operand (any dtype).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="other"/> is null.</exception>
    public static Tensor LogicalAnd(Tensor input, Tensor other) =>
        Elementwise.Compare<AndPred, bool>(AsBool(input), AsBool(other), "logical_and");

    /// <summary>Elementwise logical OR with broadcasting; the result is bool (PyTorch's <c>torch.logical_or</c>).</summary>
    /// <param name="input">The first operand (any dtype).</param>
    /// <param name="other">The second operand (any dtype).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="other"/> is null.</exception>
    public static Tensor LogicalOr(Tensor input, Tensor other) =>
        Elementwise.Compare<OrPred, bool>(AsBool(input), AsBool(other), "logical_or");

    /// <summary>Elementwise logical XOR with broadcasting; the result is bool (PyTorch's <c>torch.logical_xor</c>).</summary>
    /// <param name="input">The first operand (any dtype).</param>
    /// <param name="other">The second operand (any dtype).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="other"/> is null.</exception>
    public static Tensor LogicalXor(Tensor input, Tensor other) =>
        Elementwise.Compare<XorPred, bool>(AsBool(input), AsBool(other), "logical_xor");

    /// <summary>Elementwise logical NOT: true where the element is zero/false (PyTorch's <c>torch.logical_not</c>).</summary>
    /// <param name="input">The operand (any dtype).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor LogicalNot(Tensor input) => Elementwise.Compare<XorPred, bool>(AsBool(input), Scalar(true), "logical_not");

    private static Tensor AsBool(Tensor t, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(t))] string? name = null) =>
        (t ?? throw new ArgumentNullException(name)).Cast(DType.Bool);
}

public partial class Tensor
{
    /// <summary>Elementwise logical AND (see <see cref="Torch.LogicalAnd"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor LogicalAnd(Tensor other) => Torch.LogicalAnd(this, other);

    /// <summary>Elementwise logical OR (see <see cref="Torch.LogicalOr"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor LogicalOr(Tensor other) => Torch.LogicalOr(this, other);

    /// <summary>Elementwise logical XOR (see <see cref="Torch.LogicalXor"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor LogicalXor(Tensor other) => Torch.LogicalXor(this, other);

    /// <summary>Elementwise logical NOT (see <see cref="Torch.LogicalNot"/>).</summary>
    public Tensor LogicalNot() => Torch.LogicalNot(this);

    /// <summary>Elementwise logical AND of two masks (PyTorch's <c>a &amp; b</c> on bool tensors).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator &(Tensor a, Tensor b) => Torch.LogicalAnd(a, b);

    /// <summary>Elementwise logical OR of two masks (PyTorch's <c>a | b</c> on bool tensors).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator |(Tensor a, Tensor b) => Torch.LogicalOr(a, b);

    /// <summary>Elementwise logical NOT of a mask (PyTorch's <c>~a</c> on bool tensors).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator !(Tensor a) => Torch.LogicalNot(a);
}
