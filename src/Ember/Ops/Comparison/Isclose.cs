using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Whether each pair of elements is close (PyTorch's <c>torch.isclose</c>): |input − other| ≤ atol + rtol·|other|,
    /// or equal (so equal infinities are close). NaN is close to NaN only with <paramref name="equalNan"/>. Integer and
    /// bool tensors are compared in the default float dtype (bools with zero tolerances compare for equality).
    /// Broadcasts; not differentiable.
    /// </summary>
    /// <param name="input">The first tensor.</param>
    /// <param name="other">The second tensor, of the same dtype.</param>
    /// <param name="rtol">The relative tolerance (default 1e-5); non-negative.</param>
    /// <param name="atol">The absolute tolerance (default 1e-8); non-negative.</param>
    /// <param name="equalNan">Whether two NaNs are close (default false).</param>
    /// <returns>A bool tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentException">The dtypes differ, a tolerance is negative, or the shapes do not broadcast.</exception>
    public static Tensor Isclose(Tensor input, Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(other);
        return Closeness.Isclose(input, other, rtol, atol, equalNan, "isclose");
    }
}

/// <summary>The closeness test shared by isclose and allclose.</summary>
internal static class Closeness
{
    public static Tensor Isclose(Tensor input, Tensor other, double rtol, double atol, bool equalNan, string op)
    {
        if (input.DType != other.DType)
            throw new ArgumentException($"{op}: {input.DType.ScalarTypeName()} did not match {other.DType.ScalarTypeName()} (input {input.Describe()}, other {other.Describe()})", nameof(other));
        if (!(rtol >= 0)) throw new ArgumentException($"{op}: rtol must be greater than or equal to zero, but got {rtol}", nameof(rtol));
        if (!(atol >= 0)) throw new ArgumentException($"{op}: atol must be greater than or equal to zero, but got {atol}", nameof(atol));
        Broadcasting.Shape(input.ShapeArray, other.ShapeArray, op); // the shape error names this op, not the eq inside
        using var _ = Torch.NoGrad();
        var a = input.Detach();
        var b = other.Detach();
        var close = Torch.Eq(a, b);
        if (equalNan && a.DType.IsFloatingPoint()) close = Torch.LogicalOr(close, Torch.LogicalAnd(Torch.IsNan(a), Torch.IsNan(b)));
        if (rtol == 0 && atol == 0) return close;
        // The error in a float dtype: float32 for 16-bit floats, the default float dtype for integers and bools
        // (the difference of two uint8 values would wrap).
        var dt = a.DType switch
        {
            DType.Float32 or DType.Float64 => a.DType,
            DType.Float16 or DType.BFloat16 => DType.Float32,
            DType.Int64 or DType.Int32 or DType.UInt8 or DType.Bool => TypePromotion.DefaultDType,
            _ => throw Dispatch.Unsupported(op, a.DType),
        };
        if (dt.IsReducedFloat()) dt = DType.Float32;
        a = a.Cast(dt);
        b = b.Cast(dt);
        var allowed = Torch.Abs(b * rtol) + atol;
        var actual = Torch.Abs(a - b);
        return Torch.LogicalOr(close, Torch.LogicalAnd(Torch.IsFinite(actual), Torch.Le(actual, allowed)));
    }
}

public partial class Tensor
{
    /// <summary>Whether each element is close to <paramref name="other"/>'s (see <see cref="Torch.Isclose"/>).</summary>
    /// <param name="other">The other tensor, of the same dtype.</param>
    /// <param name="rtol">The relative tolerance (default 1e-5).</param>
    /// <param name="atol">The absolute tolerance (default 1e-8).</param>
    /// <param name="equalNan">Whether two NaNs are close (default false).</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor Isclose(Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false) =>
        Torch.Isclose(this, other, rtol, atol, equalNan);
}
