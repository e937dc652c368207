using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

/// <summary>
/// max(x, bound) as C++'s <c>std::max(x, bound)</c> = <c>x &lt; bound ? bound : x</c>: a NaN element
/// stays NaN and a NaN bound is ignored, as in PyTorch's clamp with scalar bounds.
/// </summary>
internal readonly struct ClampMinOp : INumericBinaryOp
{
    public static T Invoke<T>(T x, T bound) where T : unmanaged, INumber<T> => x < bound ? bound : x;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> bound, Span<T> d) where T : unmanaged, INumber<T> => ClampSelect.Run(x, bound, d, lower: true);
    public static void Invoke<T>(ReadOnlySpan<T> x, T bound, Span<T> d) where T : unmanaged, INumber<T> => ClampSelect.Run(x, bound, d, lower: true);
    public static void Invoke<T>(T x, ReadOnlySpan<T> bound, Span<T> d) where T : unmanaged, INumber<T> => ClampSelect.Run(x, bound, d, lower: true);
}

/// <summary>min(x, bound) as <c>x &gt; bound ? bound : x</c> (NaN elements stay NaN, NaN bounds are ignored).</summary>
internal readonly struct ClampMaxOp : INumericBinaryOp
{
    public static T Invoke<T>(T x, T bound) where T : unmanaged, INumber<T> => x > bound ? bound : x;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> bound, Span<T> d) where T : unmanaged, INumber<T> => ClampSelect.Run(x, bound, d, lower: false);
    public static void Invoke<T>(ReadOnlySpan<T> x, T bound, Span<T> d) where T : unmanaged, INumber<T> => ClampSelect.Run(x, bound, d, lower: false);
    public static void Invoke<T>(T x, ReadOnlySpan<T> bound, Span<T> d) where T : unmanaged, INumber<T> => ClampSelect.Run(x, bound, d, lower: false);
}

/// <summary>Vectorized bodies of <see cref="ClampMinOp"/> and <see cref="ClampMaxOp"/> (safe in place), on the vector driver.</summary>
internal static class ClampSelect
{
    private static T Select<T>(T x, T b, bool lower) where T : unmanaged, INumber<T> =>
        lower ? (x < b ? b : x) : (x > b ? b : x);

    public static void Run<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> b, Span<T> d, bool lower) where T : unmanaged, INumber<T> =>
        VectorDriver.Map(new Body<T>(lower), x, b, d);

    public static void Run<T>(ReadOnlySpan<T> x, T b, Span<T> d, bool lower) where T : unmanaged, INumber<T> =>
        VectorDriver.Map(new ScalarBoundBody<T>(b, lower), x, d);

    public static void Run<T>(T x, ReadOnlySpan<T> b, Span<T> d, bool lower) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < b.Length; i++) d[i] = Select(x, b[i], lower);
    }

    /// <summary>Operands (x, bound): lower ? (x &lt; b ? b : x) : (x &gt; b ? b : x).</summary>
    internal readonly struct Body<T>(bool lower) : IVectorOp2<T> where T : unmanaged, INumber<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T b) => Select(x, b, lower);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x, Vector128<T> b) => Vector128.ConditionalSelect(lower ? Vector128.LessThan(x, b) : Vector128.GreaterThan(x, b), b, x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> b) => Vector256.ConditionalSelect(lower ? Vector256.LessThan(x, b) : Vector256.GreaterThan(x, b), b, x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> b) => Vector512.ConditionalSelect(lower ? Vector512.LessThan(x, b) : Vector512.GreaterThan(x, b), b, x);
    }

    /// <summary>x against one bound b: lower ? (x &lt; b ? b : x) : (x &gt; b ? b : x).</summary>
    internal readonly struct ScalarBoundBody<T>(T b, bool lower) : IVectorOp1<T> where T : unmanaged, INumber<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x) => Select(x, b, lower);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x)
        {
            var vb = Vector128.Create(b);
            return Vector128.ConditionalSelect(lower ? Vector128.LessThan(x, vb) : Vector128.GreaterThan(x, vb), vb, x);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x)
        {
            var vb = Vector256.Create(b);
            return Vector256.ConditionalSelect(lower ? Vector256.LessThan(x, vb) : Vector256.GreaterThan(x, vb), vb, x);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x)
        {
            var vb = Vector512.Create(b);
            return Vector512.ConditionalSelect(lower ? Vector512.LessThan(x, vb) : Vector512.GreaterThan(x, vb), vb, x);
        }
    }
}

public static partial class Torch
{
    /// <summary>
    /// Limits each element to [<paramref name="min"/>, <paramref name="max"/>] (PyTorch's <c>torch.clamp</c>):
    /// min(max(x, min), max), so the result is <paramref name="max"/> everywhere when min &gt; max.
    /// NaN elements stay NaN. A NaN bound is ignored when it is the only bound; with both bounds given, a NaN
    /// one makes every element NaN (as in PyTorch 1.13). An int64 (or bool) tensor stays int64 with integral
    /// bounds and becomes float32 with a fractional one.
    /// </summary>
    /// <remarks>Gradient: passed through where min ≤ x ≤ max (including at the bounds), 0 elsewhere.</remarks>
    /// <param name="input">The tensor.</param>
    /// <param name="min">The lower bound, or null for none (default).</param>
    /// <param name="max">The upper bound, or null for none (default).</param>
    /// <exception cref="ArgumentException">Both bounds are null.</exception>
    public static Tensor Clamp(Tensor input, double? min = null, double? max = null) =>
        ClampScalar(input, min is { } a ? Tensor.Wrap(a) : null, max is { } b ? Tensor.Wrap(b) : null, "clamp", ClampNodeName(min is not null, max is not null));

    /// <summary>
    /// Limits each element to integer bounds: an integer tensor keeps its dtype (PyTorch's
    /// <c>torch.clamp(x, min=0)</c>); see <see cref="Clamp(Tensor, double?, double?)"/>.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="min">The lower bound, or null for none.</param>
    /// <param name="max">The upper bound, or null for none.</param>
    /// <exception cref="ArgumentException">Both bounds are null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound does not fit the result dtype.</exception>
    public static Tensor Clamp(Tensor input, long? min, long? max = null) =>
        ClampScalar(input, min is { } a ? Tensor.Wrap(a) : null, max is { } b ? Tensor.Wrap(b) : null, "clamp", ClampNodeName(min is not null, max is not null));

    private static string ClampNodeName(bool hasMin, bool hasMax) =>
        hasMin && hasMax ? "ClampBackward1" : hasMin ? "ClampMinBackward0" : "ClampMaxBackward0";

    /// <summary>
    /// max(x, <paramref name="min"/>) of each element (PyTorch's <c>torch.clamp_min</c>); see
    /// <see cref="Clamp(Tensor, double?, double?)"/>. A NaN bound makes every element NaN (as in PyTorch 1.13).
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="min">The lower bound.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public static Tensor ClampMin(Tensor input, double min) => ClampScalar(input, Tensor.Wrap(min), null, "clamp_min", "ClampMinBackward0");

    /// <summary>max(x, <paramref name="min"/>) with an integer bound (an integer tensor keeps its dtype).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="min">The lower bound.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor ClampMin(Tensor input, long min) => ClampScalar(input, Tensor.Wrap(min), null, "clamp_min", "ClampMinBackward0");

    /// <summary>
    /// min(x, <paramref name="max"/>) of each element (PyTorch's <c>torch.clamp_max</c>); see
    /// <see cref="Clamp(Tensor, double?, double?)"/>. A NaN bound makes every element NaN (as in PyTorch 1.13).
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="max">The upper bound.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public static Tensor ClampMax(Tensor input, double max) => ClampScalar(input, null, Tensor.Wrap(max), "clamp_max", "ClampMaxBackward0");

    /// <summary>min(x, <paramref name="max"/>) with an integer bound (an integer tensor keeps its dtype).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="max">The upper bound.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public static Tensor ClampMax(Tensor input, long max) => ClampScalar(input, null, Tensor.Wrap(max), "clamp_max", "ClampMaxBackward0");

    /// <summary>
    /// Limits each element to the matching elements of <paramref name="min"/> and <paramref name="max"/>,
    /// with broadcasting and type promotion (PyTorch's <c>torch.clamp</c> with tensor bounds):
    /// min(max(x, min), max). A NaN in the input or in a bound gives NaN.
    /// </summary>
    /// <remarks>
    /// Gradients as in PyTorch: the input gets it where min ≤ x ≤ max; <paramref name="min"/> where
    /// x &lt; min (and min &lt; max when both are given); <paramref name="max"/> where x &gt; max or max &lt; min.
    /// </remarks>
    /// <param name="input">The tensor.</param>
    /// <param name="min">The lower bounds, or null for none.</param>
    /// <param name="max">The upper bounds, or null for none.</param>
    /// <exception cref="ArgumentException">Both bounds are null, the shapes do not broadcast, or every operand is bool and both bounds are given (one bound of bools is a logical or/and, as PyTorch's).</exception>
    public static Tensor Clamp(Tensor input, Tensor? min, Tensor? max)
    {
        if (min is null && max is null)
            throw new ArgumentException("clamp: At least one of 'min' or 'max' must not be None");
        var dt = TypePromotion.ResultType([input, min ?? input, max ?? input]);
        if (dt == DType.Bool)
        {
            // PyTorch: one bound is maximum/minimum (logical or/and for bools); two bounds have no bool kernel
            if (min is not null && max is not null)
                throw new ArgumentException($"clamp: not supported for bool tensors with both bounds (input {input.Describe()}); convert with To(DType.Int64) first");
            return min is not null ? Maximum(input, min) : Minimum(input, max!);
        }
        var x = input.To(dt);
        var lo = min?.To(dt);
        var hi = max?.To(dt);

        var y = x;
        if (lo is not null) y = Dispatch.NumericBinary<MaximumOp>(y, lo, dt, "clamp");
        if (hi is not null) y = Dispatch.NumericBinary<MinimumOp>(y, hi, dt, "clamp");

        if (GradMode.IsEnabled && (x.RequiresGrad || lo?.RequiresGrad == true || hi?.RequiresGrad == true))
            Graph.Record(y, new ClampTensorBackward(x, lo, hi), x, lo, hi);
        return y;
    }

    /// <summary>max(x, <paramref name="min"/>) elementwise with broadcasting (PyTorch's <c>torch.clamp_min</c> with a tensor bound).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="min">The lower bounds.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor ClampMin(Tensor input, Tensor min) => Clamp(input, min, null);

    /// <summary>min(x, <paramref name="max"/>) elementwise with broadcasting (PyTorch's <c>torch.clamp_max</c> with a tensor bound).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="max">The upper bounds.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor ClampMax(Tensor input, Tensor max) => Clamp(input, null, max);

    private static bool IsNaNBound(Tensor? bound) => bound is not null && bound.DType.IsFloatingPoint() && double.IsNaN(bound.Item());

    private static Tensor ClampScalar(Tensor input, Tensor? min, Tensor? max, string op, string nodeName)
    {
        if (min is null && max is null)
            throw new ArgumentException($"{op}: At least one of 'min' or 'max' must not be None");
        // PyTorch's promotion: an integer bound keeps an integer tensor's dtype, a fractional one makes it float.
        var dt = TypePromotion.ResultType([input, min ?? input, max ?? input]);
        if (dt == DType.Bool) throw Dispatch.Unsupported(op, dt);
        var lo = min is null ? null : Arithmetic.CheckedScalar(min, dt, op);
        var hi = max is null ? null : Arithmetic.CheckedScalar(max, dt, op);
        var x = input.To(dt);
        var y = x;
        // PyTorch 1.13: clamp with both bounds, clamp_min and clamp_max fill the result with NaN when a bound is
        // NaN; clamp with a single bound ignores a NaN one (x < NaN is false), like the kernels below.
        bool nanBound = IsNaNBound(min) || IsNaNBound(max);
        if (nanBound && (op != "clamp" || (min is not null && max is not null)))
        {
            y = FullLike(x, double.NaN);
            if (Graph.NeedsGrad(x))
                Graph.Record(y, new ClampBackward(x, min is null ? null : min.Item<double>(), max is null ? null : max.Item<double>(), nodeName), x);
            return y;
        }
        if (lo is not null) y = Dispatch.NumericBinary<ClampMinOp>(y, lo, dt, op);
        if (hi is not null)
        {
            if (ReferenceEquals(y, x)) y = Dispatch.NumericBinary<ClampMaxOp>(y, hi, dt, op);
            else Dispatch.NumericBinaryInto<ClampMaxOp>(y, hi, y, dt, op);
        }
        if (Graph.NeedsGrad(x))
            Graph.Record(y, new ClampBackward(x, min is null ? null : min.Item<double>(), max is null ? null : max.Item<double>(), nodeName), x);
        return y;
    }

    private sealed class ClampBackward(Tensor x, double? min, double? max, string name) : Node
    {
        private SavedTensor _x = new(x);

        public override string Name => name;

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var x = Unpack(_x);
            // NaN inputs fail both comparisons, so they get no gradient (PyTorch's where(min <= x <= max, grad, 0)).
            Tensor keep = min is not null && max is not null ? (x >= min.Value) & (x <= max.Value)
                : min is not null ? x >= min.Value : x <= max!.Value;
            return [Torch.Where(keep, grad, 0.0)];
        }

        protected override void ReleaseSaved() => _x = default;
    }

    private sealed class ClampTensorBackward : Node
    {
        private SavedTensor _x, _lo, _hi;
        private readonly bool _hasLo, _hasHi;

        public ClampTensorBackward(Tensor x, Tensor? lo, Tensor? hi)
        {
            _x = new SavedTensor(x);
            if (lo is not null) { _lo = new SavedTensor(lo); _hasLo = true; }
            if (hi is not null) { _hi = new SavedTensor(hi); _hasHi = true; }
        }

        public override string Name => "ClampBackward0";

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var x = Unpack(_x);
            var lo = _hasLo ? Unpack(_lo) : null;
            var hi = _hasHi ? Unpack(_hi) : null;
            var dt = grad.DType;
            Tensor? gx = null, glo = null, ghi = null;
            if (NeedsGrad(0))
            {
                var keep = lo is not null && hi is not null ? (x >= lo) & (x <= hi) : lo is not null ? x >= lo : x <= hi!;
                gx = Torch.Where(keep, grad, 0.0);
            }
            if (lo is not null && NeedsGrad(1))
                glo = Torch.Where(hi is not null ? (x < lo) & (lo < hi) : x < lo, grad, 0.0);
            if (hi is not null && NeedsGrad(2))
                ghi = Torch.Where(lo is not null ? (x > hi) | (hi < lo) : x > hi, grad, 0.0);
            return [gx, glo, ghi];
        }

        protected override void ReleaseSaved() => (_x, _lo, _hi) = (default, default, default);
    }
}

public partial class Tensor
{
    /// <summary>Limits each element to [<paramref name="min"/>, <paramref name="max"/>] (see <see cref="Torch.Clamp(Tensor, double?, double?)"/>).</summary>
    /// <param name="min">The lower bound, or null for none (default).</param>
    /// <param name="max">The upper bound, or null for none (default).</param>
    /// <exception cref="ArgumentException">Both bounds are null.</exception>
    public Tensor Clamp(double? min = null, double? max = null) => Torch.Clamp(this, min, max);

    /// <summary>Limits each element to integer bounds (see <see cref="Torch.Clamp(Tensor, long?, long?)"/>).</summary>
    /// <param name="min">The lower bound, or null for none.</param>
    /// <param name="max">The upper bound, or null for none (default).</param>
    /// <exception cref="ArgumentException">Both bounds are null.</exception>
    public Tensor Clamp(long? min, long? max = null) => Torch.Clamp(this, min, max);

    /// <summary>Limits each element to the matching bounds, with broadcasting (see <see cref="Torch.Clamp(Tensor, Tensor?, Tensor?)"/>).</summary>
    /// <param name="min">The lower bounds, or null for none.</param>
    /// <param name="max">The upper bounds, or null for none.</param>
    /// <exception cref="ArgumentException">Both bounds are null, or the shapes do not broadcast.</exception>
    public Tensor Clamp(Tensor? min, Tensor? max) => Torch.Clamp(this, min, max);

    /// <summary>max(x, <paramref name="min"/>) of each element (see <see cref="Torch.ClampMin(Tensor, double)"/>).</summary>
    /// <param name="min">The lower bound.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public Tensor ClampMin(double min) => Torch.ClampMin(this, min);

    /// <summary>max(x, <paramref name="min"/>) with an integer bound (see <see cref="Torch.ClampMin(Tensor, long)"/>).</summary>
    /// <param name="min">The lower bound.</param>
    public Tensor ClampMin(long min) => Torch.ClampMin(this, min);

    /// <summary>max(x, <paramref name="min"/>) elementwise with broadcasting (see <see cref="Torch.ClampMin(Tensor, Tensor)"/>).</summary>
    /// <param name="min">The lower bounds.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public Tensor ClampMin(Tensor min) => Torch.ClampMin(this, min);

    /// <summary>min(x, <paramref name="max"/>) of each element (see <see cref="Torch.ClampMax(Tensor, double)"/>).</summary>
    /// <param name="max">The upper bound.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public Tensor ClampMax(double max) => Torch.ClampMax(this, max);

    /// <summary>min(x, <paramref name="max"/>) with an integer bound (see <see cref="Torch.ClampMax(Tensor, long)"/>).</summary>
    /// <param name="max">The upper bound.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    public Tensor ClampMax(long max) => Torch.ClampMax(this, max);

    /// <summary>min(x, <paramref name="max"/>) elementwise with broadcasting (see <see cref="Torch.ClampMax(Tensor, Tensor)"/>).</summary>
    /// <param name="max">The upper bounds.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public Tensor ClampMax(Tensor max) => Torch.ClampMax(this, max);

    /// <summary>In-place <see cref="Clamp(double?, double?)"/> (PyTorch's <c>x.clamp_(min, max)</c>); returns this tensor.</summary>
    /// <param name="min">The lower bound, or null for none (default).</param>
    /// <param name="max">The upper bound, or null for none (default).</param>
    /// <exception cref="ArgumentException">Both bounds are null, or a fractional bound on an integer tensor would change its dtype.</exception>
    public Tensor Clamp_(double? min = null, double? max = null)
    {
        if (min is null && max is null)
            throw new ArgumentException("clamp_: At least one of 'min' or 'max' must not be None");
        return InPlace("clamp_", t => Torch.Clamp(t, min, max));
    }

    /// <summary>In-place <see cref="Clamp(long?, long?)"/>; returns this tensor.</summary>
    /// <param name="min">The lower bound, or null for none.</param>
    /// <param name="max">The upper bound, or null for none (default).</param>
    /// <exception cref="ArgumentException">Both bounds are null.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Clamp_(long? min, long? max = null)
    {
        if (min is null && max is null)
            throw new ArgumentException("clamp_: At least one of 'min' or 'max' must not be None");
        return InPlace("clamp_", t => Torch.Clamp(t, min, max));
    }

    /// <summary>In-place <see cref="ClampMin(double)"/>; returns this tensor.</summary>
    /// <param name="min">The lower bound.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor ClampMin_(double min) => InPlace("clamp_min_", t => Torch.ClampMin(t, min));

    /// <summary>In-place <see cref="ClampMax(double)"/>; returns this tensor.</summary>
    /// <param name="max">The upper bound.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor ClampMax_(double max) => InPlace("clamp_max_", t => Torch.ClampMax(t, max));
}
