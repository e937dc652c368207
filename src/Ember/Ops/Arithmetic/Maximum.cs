using System.Numerics;
using System.Numerics.Tensors;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

/// <summary>
/// Elementwise maximum; a NaN in either operand gives NaN. Of −0 and +0 the second operand is returned, as
/// PyTorch's vectorized kernel does, in every layout.
/// </summary>
internal readonly struct MaximumOp : INumericBinaryOp
{
    public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => MaxSelect<T>.Invoke(a, b);
    public static void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => SelectKernel.Run<MaxSelect<T>, T>(a, b, d);
    public static void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => SelectKernel.Run<MaxSelect<T>, T>(a, b, d);
    public static void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => SelectKernel.Run<MaxSelect<T>, T>(a, b, d);
}

/// <summary>Elementwise minimum; a NaN in either operand gives NaN; of −0 and +0 the second operand (see <see cref="MaximumOp"/>).</summary>
internal readonly struct MinimumOp : INumericBinaryOp
{
    public static T Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => MinSelect<T>.Invoke(a, b);
    public static void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => SelectKernel.Run<MinSelect<T>, T>(a, b, d);
    public static void Invoke<T>(ReadOnlySpan<T> a, T b, Span<T> d) where T : unmanaged, INumber<T> => SelectKernel.Run<MinSelect<T>, T>(a, b, d);
    public static void Invoke<T>(T a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, INumber<T> => SelectKernel.Run<MinSelect<T>, T>(a, b, d);
}

public static partial class Torch
{
    /// <summary>
    /// The elementwise maximum of two tensors with broadcasting and type promotion (PyTorch's
    /// <c>torch.maximum</c>). NaN in either operand gives NaN; of −0 and +0 the result is <paramref name="other"/>'s
    /// (as PyTorch's vectorized kernel gives); two bool tensors give bool (logical or).
    /// </summary>
    /// <remarks>Gradient: to the larger operand; split half and half on ties, as in PyTorch.</remarks>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand; broadcasts with <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor Maximum(Tensor input, Tensor other) => Extremum(input, other, max: true);

    /// <summary>
    /// The elementwise minimum of two tensors with broadcasting and type promotion (PyTorch's
    /// <c>torch.minimum</c>). NaN in either operand gives NaN; of −0 and +0 the result is <paramref name="other"/>'s;
    /// two bool tensors give bool (logical and).
    /// </summary>
    /// <remarks>Gradient: to the smaller operand; split half and half on ties, as in PyTorch.</remarks>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand; broadcasts with <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor Minimum(Tensor input, Tensor other) => Extremum(input, other, max: false);

    private static Tensor Extremum(Tensor input, Tensor other, bool max)
    {
        string op = max ? "maximum" : "minimum";
        var dt = Arithmetic.ResultType(input, other);
        if (dt == DType.Bool)
            return max ? Arithmetic.Logical<OrPred>(input, other, op) : Arithmetic.Logical<AndPred>(input, other, op);
        Arithmetic.ConvertOperands(ref input, ref other, dt);
        var y = max ? Dispatch.NumericBinary<MaximumOp>(input, other, dt, op) : Dispatch.NumericBinary<MinimumOp>(input, other, dt, op);
        if (Graph.NeedsGrad(input, other))
            Graph.Record(y, max ? new MaximumBackward(input, other) : new MinimumBackward(input, other), input, other);
        return y;
    }

    /// <summary>
    /// The gradients of maximum (or, with the operands' roles swapped, minimum): the winner gets the
    /// gradient, ties split it, and NaN comparisons (which are all false) send it to both.
    /// </summary>
    private static (Tensor?, Tensor?) ExtremumGrads(Tensor grad, Tensor a, Tensor b, bool needA, bool needB, bool max)
    {
        var dt = grad.DType;
        // where(a == b, grad / 2, grad): the same arithmetic as PyTorch's grad / 2 on ties.
        var shared = grad * (1.0 - a.Eq(b).To(dt) * 0.5);
        Tensor? ga = null, gb = null;
        if (needA) ga = Torch.Where(max ? a < b : a > b, 0.0, shared);
        if (needB) gb = Torch.Where(max ? a > b : a < b, 0.0, shared);
        return (ga, gb);
    }

    private sealed class MaximumBackward(Tensor a, Tensor b) : Node
    {
        private SavedTensor _a = new(a), _b = new(b);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var (ga, gb) = ExtremumGrads(grad, Unpack(_a), Unpack(_b), NeedsGrad(0), NeedsGrad(1), max: true);
            return [ga, gb];
        }

        protected override void ReleaseSaved() => (_a, _b) = (default, default);
    }

    private sealed class MinimumBackward(Tensor a, Tensor b) : Node
    {
        private SavedTensor _a = new(a), _b = new(b);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var (ga, gb) = ExtremumGrads(grad, Unpack(_a), Unpack(_b), NeedsGrad(0), NeedsGrad(1), max: false);
            return [ga, gb];
        }

        protected override void ReleaseSaved() => (_a, _b) = (default, default);
    }
}

public partial class Tensor
{
    /// <summary>The elementwise maximum with broadcasting (see <see cref="Torch.Maximum"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Maximum(Tensor other) => Torch.Maximum(this, other);

    /// <summary>The elementwise minimum with broadcasting (see <see cref="Torch.Minimum"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Minimum(Tensor other) => Torch.Minimum(this, other);
}
