using System.Numerics;
using Ember.Kernels;

namespace Ember;

internal readonly struct GtPred<T> : IPredicate<T> where T : unmanaged, INumber<T> { public static bool Invoke(T a, T b) => a > b; }
internal readonly struct LtPred<T> : IPredicate<T> where T : unmanaged, INumber<T> { public static bool Invoke(T a, T b) => a < b; }
internal readonly struct GePred<T> : IPredicate<T> where T : unmanaged, INumber<T> { public static bool Invoke(T a, T b) => a >= b; }
internal readonly struct LePred<T> : IPredicate<T> where T : unmanaged, INumber<T> { public static bool Invoke(T a, T b) => a <= b; }
internal readonly struct EqPred<T> : IPredicate<T> where T : unmanaged, IEquatable<T> { public static bool Invoke(T a, T b) => a.Equals(b) && !(a is double d && double.IsNaN(d)) && !(a is float f && float.IsNaN(f)); }
internal readonly struct NePred<T> : IPredicate<T> where T : unmanaged, IEquatable<T> { public static bool Invoke(T a, T b) => !EqPred<T>.Invoke(a, b); }

/// <summary>Dtype dispatch for comparisons: operands are promoted to a common dtype; the result is bool.</summary>
internal static class Comparison
{
    public static Tensor Ordered<TF, TD, TL>(Tensor a, Tensor b, string op)
        where TF : IPredicate<float> where TD : IPredicate<double> where TL : IPredicate<long>
    {
        var dt = DTypeExtensions.Promote(a.DType, b.DType);
        if (dt == DType.Bool) dt = DType.Int64;
        a = a.Detach().To(dt);
        b = b.Detach().To(dt);
        return dt switch
        {
            DType.Float32 => Elementwise.Compare<TF, float>(a, b, op),
            DType.Float64 => Elementwise.Compare<TD, double>(a, b, op),
            _ => Elementwise.Compare<TL, long>(a, b, op),
        };
    }
}

public static partial class Torch
{
    /// <summary>Elementwise <paramref name="input"/> &gt; <paramref name="other"/> with broadcasting, as bool (PyTorch's <c>torch.gt</c>).</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    public static Tensor Gt(Tensor input, Tensor other) => Comparison.Ordered<GtPred<float>, GtPred<double>, GtPred<long>>(input, other, "gt");

    /// <summary>Elementwise <paramref name="input"/> &lt; <paramref name="other"/> with broadcasting, as bool (PyTorch's <c>torch.lt</c>).</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    public static Tensor Lt(Tensor input, Tensor other) => Comparison.Ordered<LtPred<float>, LtPred<double>, LtPred<long>>(input, other, "lt");

    /// <summary>Elementwise <paramref name="input"/> ≥ <paramref name="other"/> with broadcasting, as bool (PyTorch's <c>torch.ge</c>).</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    public static Tensor Ge(Tensor input, Tensor other) => Comparison.Ordered<GePred<float>, GePred<double>, GePred<long>>(input, other, "ge");

    /// <summary>Elementwise <paramref name="input"/> ≤ <paramref name="other"/> with broadcasting, as bool (PyTorch's <c>torch.le</c>).</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    public static Tensor Le(Tensor input, Tensor other) => Comparison.Ordered<LePred<float>, LePred<double>, LePred<long>>(input, other, "le");

    /// <summary>Elementwise equality with broadcasting, as bool (PyTorch's <c>torch.eq</c>); NaN equals nothing.</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    public static Tensor Eq(Tensor input, Tensor other) => Comparison.Ordered<EqPred<float>, EqPred<double>, EqPred<long>>(input, other, "eq");

    /// <summary>Elementwise inequality with broadcasting, as bool (PyTorch's <c>torch.ne</c>).</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    public static Tensor Ne(Tensor input, Tensor other) => Comparison.Ordered<NePred<float>, NePred<double>, NePred<long>>(input, other, "ne");
}

public partial class Tensor
{
    /// <summary>Elementwise &gt; (see <see cref="Torch.Gt"/>).</summary>
    /// <param name="other">The other operand.</param>
    public Tensor Gt(Tensor other) => Torch.Gt(this, other);

    /// <summary>Elementwise &gt; a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Gt(double other) => Torch.Gt(this, Arithmetic.ScalarFor(this, other));

    /// <summary>Elementwise &lt; (see <see cref="Torch.Lt"/>).</summary>
    /// <param name="other">The other operand.</param>
    public Tensor Lt(Tensor other) => Torch.Lt(this, other);

    /// <summary>Elementwise &lt; a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Lt(double other) => Torch.Lt(this, Arithmetic.ScalarFor(this, other));

    /// <summary>Elementwise ≥ (see <see cref="Torch.Ge"/>).</summary>
    /// <param name="other">The other operand.</param>
    public Tensor Ge(Tensor other) => Torch.Ge(this, other);

    /// <summary>Elementwise ≥ a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Ge(double other) => Torch.Ge(this, Arithmetic.ScalarFor(this, other));

    /// <summary>Elementwise ≤ (see <see cref="Torch.Le"/>).</summary>
    /// <param name="other">The other operand.</param>
    public Tensor Le(Tensor other) => Torch.Le(this, other);

    /// <summary>Elementwise ≤ a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Le(double other) => Torch.Le(this, Arithmetic.ScalarFor(this, other));

    /// <summary>Elementwise equality (see <see cref="Torch.Eq"/>). C#'s <c>==</c> keeps reference equality; use this.</summary>
    /// <param name="other">The other operand.</param>
    public Tensor Eq(Tensor other) => Torch.Eq(this, other);

    /// <summary>Elementwise equality with a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Eq(double other) => Torch.Eq(this, Arithmetic.ScalarFor(this, other));

    /// <summary>Elementwise inequality (see <see cref="Torch.Ne"/>).</summary>
    /// <param name="other">The other operand.</param>
    public Tensor Ne(Tensor other) => Torch.Ne(this, other);

    /// <summary>Elementwise inequality with a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Ne(double other) => Torch.Ne(this, Arithmetic.ScalarFor(this, other));

    /// <summary>Elementwise &gt;, as a bool tensor.</summary>
    public static Tensor operator >(Tensor a, Tensor b) => Torch.Gt(a, b);

    /// <summary>Elementwise &lt;, as a bool tensor.</summary>
    public static Tensor operator <(Tensor a, Tensor b) => Torch.Lt(a, b);

    /// <summary>Elementwise ≥, as a bool tensor.</summary>
    public static Tensor operator >=(Tensor a, Tensor b) => Torch.Ge(a, b);

    /// <summary>Elementwise ≤, as a bool tensor.</summary>
    public static Tensor operator <=(Tensor a, Tensor b) => Torch.Le(a, b);

    /// <summary>Elementwise &gt; a scalar, as a bool tensor.</summary>
    public static Tensor operator >(Tensor a, double b) => a.Gt(b);

    /// <summary>Elementwise &lt; a scalar, as a bool tensor.</summary>
    public static Tensor operator <(Tensor a, double b) => a.Lt(b);

    /// <summary>Elementwise ≥ a scalar, as a bool tensor.</summary>
    public static Tensor operator >=(Tensor a, double b) => a.Ge(b);

    /// <summary>Elementwise ≤ a scalar, as a bool tensor.</summary>
    public static Tensor operator <=(Tensor a, double b) => a.Le(b);
}
