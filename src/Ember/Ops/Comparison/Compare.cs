using System.Numerics;
using Ember.Kernels;

namespace Ember;

internal readonly struct GtPred : INumericPredicate { public static bool Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => a > b; }
internal readonly struct LtPred : INumericPredicate { public static bool Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => a < b; }
internal readonly struct GePred : INumericPredicate { public static bool Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => a >= b; }
internal readonly struct LePred : INumericPredicate { public static bool Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => a <= b; }
// IEEE equality: NaN equals nothing, +0 equals -0.
internal readonly struct EqPred : INumericPredicate { public static bool Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => a == b; }
internal readonly struct NePred : INumericPredicate { public static bool Invoke<T>(T a, T b) where T : unmanaged, INumber<T> => a != b; }

/// <summary>Comparisons: the operands are compared in their promoted dtype (PyTorch's result_type); the result is bool.</summary>
internal static class Comparison
{
    public static Tensor Run<TPred>(Tensor a, Tensor b, string op) where TPred : INumericPredicate =>
        Dispatch.Compare<TPred>(a, b, TypePromotion.ResultType(a, b), op);
}

public static partial class Torch
{
    /// <summary>Elementwise <paramref name="input"/> &gt; <paramref name="other"/> with broadcasting, as bool (PyTorch's <c>torch.gt</c>).</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Gt(Tensor input, Tensor other) => Comparison.Run<GtPred>(input, other, "gt");

    /// <summary>Elementwise <paramref name="input"/> &lt; <paramref name="other"/> with broadcasting, as bool (PyTorch's <c>torch.lt</c>).</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Lt(Tensor input, Tensor other) => Comparison.Run<LtPred>(input, other, "lt");

    /// <summary>Elementwise <paramref name="input"/> ≥ <paramref name="other"/> with broadcasting, as bool (PyTorch's <c>torch.ge</c>).</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Ge(Tensor input, Tensor other) => Comparison.Run<GePred>(input, other, "ge");

    /// <summary>Elementwise <paramref name="input"/> ≤ <paramref name="other"/> with broadcasting, as bool (PyTorch's <c>torch.le</c>).</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Le(Tensor input, Tensor other) => Comparison.Run<LePred>(input, other, "le");

    /// <summary>Elementwise equality with broadcasting, as bool (PyTorch's <c>torch.eq</c>); NaN equals nothing.</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Eq(Tensor input, Tensor other) => Comparison.Run<EqPred>(input, other, "eq");

    /// <summary>Elementwise inequality with broadcasting, as bool (PyTorch's <c>torch.ne</c>).</summary>
    /// <param name="input">The first operand.</param>
    /// <param name="other">The second operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Ne(Tensor input, Tensor other) => Comparison.Run<NePred>(input, other, "ne");
}

public partial class Tensor
{
    /// <summary>Elementwise &gt; (see <see cref="Torch.Gt"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Gt(Tensor other) => Torch.Gt(this, other);

    /// <summary>Elementwise &gt; a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Gt(double other) => Torch.Gt(this, Wrap(other));

    /// <summary>Elementwise comparison with a C# integer (see <see cref="Torch.Gt"/>).</summary>
    /// <param name="other">The number.</param>
    public Tensor Gt(long other) => Torch.Gt(this, Wrap(other));

    /// <summary>Elementwise &lt; (see <see cref="Torch.Lt"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Lt(Tensor other) => Torch.Lt(this, other);

    /// <summary>Elementwise &lt; a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Lt(double other) => Torch.Lt(this, Wrap(other));

    /// <summary>Elementwise comparison with a C# integer (see <see cref="Torch.Lt"/>).</summary>
    /// <param name="other">The number.</param>
    public Tensor Lt(long other) => Torch.Lt(this, Wrap(other));

    /// <summary>Elementwise ≥ (see <see cref="Torch.Ge"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Ge(Tensor other) => Torch.Ge(this, other);

    /// <summary>Elementwise ≥ a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Ge(double other) => Torch.Ge(this, Wrap(other));

    /// <summary>Elementwise comparison with a C# integer (see <see cref="Torch.Ge"/>).</summary>
    /// <param name="other">The number.</param>
    public Tensor Ge(long other) => Torch.Ge(this, Wrap(other));

    /// <summary>Elementwise ≤ (see <see cref="Torch.Le"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Le(Tensor other) => Torch.Le(this, other);

    /// <summary>Elementwise ≤ a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Le(double other) => Torch.Le(this, Wrap(other));

    /// <summary>Elementwise comparison with a C# integer (see <see cref="Torch.Le"/>).</summary>
    /// <param name="other">The number.</param>
    public Tensor Le(long other) => Torch.Le(this, Wrap(other));

    /// <summary>Elementwise equality (see <see cref="Torch.Eq"/>). Also the <c>==</c> operator.</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Eq(Tensor other) => Torch.Eq(this, other);

    /// <summary>Elementwise equality with a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Eq(double other) => Torch.Eq(this, Wrap(other));

    /// <summary>Elementwise comparison with a C# integer (see <see cref="Torch.Eq"/>).</summary>
    /// <param name="other">The number.</param>
    public Tensor Eq(long other) => Torch.Eq(this, Wrap(other));

    /// <summary>Elementwise inequality (see <see cref="Torch.Ne"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public Tensor Ne(Tensor other) => Torch.Ne(this, other);

    /// <summary>Elementwise inequality with a scalar.</summary>
    /// <param name="other">The scalar.</param>
    public Tensor Ne(double other) => Torch.Ne(this, Wrap(other));

    /// <summary>Elementwise comparison with a C# integer (see <see cref="Torch.Ne"/>).</summary>
    /// <param name="other">The number.</param>
    public Tensor Ne(long other) => Torch.Ne(this, Wrap(other));

    /// <summary>Elementwise equality, as a bool tensor (PyTorch's <c>==</c>; use <c>ReferenceEquals</c> or <c>is null</c> for identity).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator ==(Tensor a, Tensor b) => Torch.Eq(a, b);

    /// <summary>Elementwise inequality, as a bool tensor (PyTorch's <c>!=</c>).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator !=(Tensor a, Tensor b) => Torch.Ne(a, b);

    /// <summary>Elementwise equality with a C# double, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator ==(Tensor a, double b) => Torch.Eq(a, Wrap(b));

    /// <summary>Elementwise inequality with a C# double, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator !=(Tensor a, double b) => Torch.Ne(a, Wrap(b));

    /// <summary>Elementwise equality with a C# integer, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator ==(Tensor a, long b) => Torch.Eq(a, Wrap(b));

    /// <summary>Elementwise inequality with a C# integer, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator !=(Tensor a, long b) => Torch.Ne(a, Wrap(b));

    /// <summary>Reference equality (tensors are compared elementwise with <c>==</c>, which returns a tensor).</summary>
    /// <param name="obj">The other object.</param>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>A hash of the tensor's identity, consistent with <see cref="Equals(object)"/>.</summary>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>Elementwise &gt;, as a bool tensor.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator >(Tensor a, Tensor b) => Torch.Gt(a, b);

    /// <summary>Elementwise &lt;, as a bool tensor.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator <(Tensor a, Tensor b) => Torch.Lt(a, b);

    /// <summary>Elementwise ≥, as a bool tensor.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator >=(Tensor a, Tensor b) => Torch.Ge(a, b);

    /// <summary>Elementwise ≤, as a bool tensor.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor operator <=(Tensor a, Tensor b) => Torch.Le(a, b);

    /// <summary>Elementwise &gt; a scalar, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator >(Tensor a, double b) => Torch.Gt(a, Wrap(b));

    /// <summary>Elementwise &lt; a scalar, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator <(Tensor a, double b) => Torch.Lt(a, Wrap(b));

    /// <summary>Elementwise ≥ a scalar, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator >=(Tensor a, double b) => Torch.Ge(a, Wrap(b));

    /// <summary>Elementwise ≤ a scalar, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator <=(Tensor a, double b) => Torch.Le(a, Wrap(b));

    /// <summary>Elementwise &gt; a C# integer, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator >(Tensor a, long b) => Torch.Gt(a, Wrap(b));

    /// <summary>Elementwise &lt; a C# integer, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator <(Tensor a, long b) => Torch.Lt(a, Wrap(b));

    /// <summary>Elementwise ≥ a C# integer, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator >=(Tensor a, long b) => Torch.Ge(a, Wrap(b));

    /// <summary>Elementwise ≤ a C# integer, as a bool tensor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor operator <=(Tensor a, long b) => Torch.Le(a, Wrap(b));
}
