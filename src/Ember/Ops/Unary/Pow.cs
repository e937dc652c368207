using System.Numerics;
using System.Numerics.Tensors;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

/// <summary>
/// x^e with a scalar exponent (the second operand is a one-element tensor). The exponents PyTorch
/// special-cases get the same cheap exact kernels: 2 → x·x, 3 → x·x·x, 0.5 → √x, −0.5 → 1/√x,
/// −1 → 1/x, −2 → 1/(x·x); the rest go to <see cref="TensorPrimitives.Pow{T}(ReadOnlySpan{T}, T, Span{T})"/>.
/// </summary>
internal readonly struct PowScalarOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T Two = T.CreateChecked(2), Three = T.CreateChecked(3), Half = T.CreateChecked(0.5);

    public static T Invoke(T x, T e)
    {
        if (e == Two) return x * x;
        if (e == Three) return x * x * x;
        if (e == Half) return T.Sqrt(x);
        if (e == -Half) return T.One / T.Sqrt(x);
        if (e == -T.One) return T.One / x;
        if (e == -Two) return T.One / (x * x);
        return T.Pow(x, e);
    }

    // Every body below is safe when the destination aliases x (in-place pow_).
    public static void Invoke(ReadOnlySpan<T> x, T e, Span<T> d)
    {
        if (e == Two) TensorPrimitives.Multiply(x, x, d);
        else if (e == Half) TensorPrimitives.Sqrt(x, d);
        else if (e == -Half)
        {
            TensorPrimitives.Sqrt(x, d);
            TensorPrimitives.Divide(T.One, d, d);
        }
        else if (e == -T.One) TensorPrimitives.Divide(T.One, x, d);
        else if (e == T.One) x.CopyTo(d);
        else if (e == T.Zero) d.Slice(0, x.Length).Fill(T.One);
        else if (e == Three || e == -Two)
            for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i], e);
        else TensorPrimitives.Pow(x, e, d);
    }

    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> e, Span<T> d)
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i], e[i]);
    }

    public static void Invoke(T x, ReadOnlySpan<T> e, Span<T> d)
    {
        for (int i = 0; i < e.Length; i++) d[i] = Invoke(x, e[i]);
    }
}

/// <summary>Elementwise x^e for floats with C's <c>pow</c> semantics (tensor exponents).</summary>
internal readonly struct PowOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T e) => T.Pow(x, e);
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> e, Span<T> d) => TensorPrimitives.Pow(x, e, d);
    public static void Invoke(ReadOnlySpan<T> x, T e, Span<T> d) => TensorPrimitives.Pow(x, e, d);
    public static void Invoke(T x, ReadOnlySpan<T> e, Span<T> d) => TensorPrimitives.Pow(x, e, d);
}

/// <summary>
/// Integer power by repeated squaring (wrapping on overflow). Negative exponents give PyTorch's
/// integer results: 1 for base 1, ±1 for base −1, else 0.
/// </summary>
internal readonly struct PowIntOp : IBinaryOp<long>
{
    public static long Invoke(long x, long e)
    {
        if (e < 0)
        {
            if (x == 1) return 1;
            if (x == -1) return (e & 1) == 0 ? 1 : -1;
            return 0;
        }
        long r = 1;
        while (e > 0)
        {
            if ((e & 1) != 0) r = unchecked(r * x);
            e >>= 1;
            if (e > 0) x = unchecked(x * x);
        }
        return r;
    }

    public static void Invoke(ReadOnlySpan<long> x, ReadOnlySpan<long> e, Span<long> d)
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i], e[i]);
    }

    public static void Invoke(ReadOnlySpan<long> x, long e, Span<long> d)
    {
        if (e == 2) { TensorPrimitives.Multiply(x, x, d); return; }
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i], e);
    }

    public static void Invoke(long x, ReadOnlySpan<long> e, Span<long> d)
    {
        for (int i = 0; i < e.Length; i++) d[i] = Invoke(x, e[i]);
    }
}


public static partial class Torch
{
    /// <summary>
    /// Raises each element to the power <paramref name="exponent"/> (PyTorch's <c>torch.pow(input, exponent)</c>).
    /// Float tensors keep their dtype; an integer or bool tensor with an integral exponent gives int64
    /// (computed exactly, wrapping on overflow), with a fractional exponent float32.
    /// </summary>
    /// <remarks>
    /// Exponents 2, 3, 0.5, −0.5, −1 and −2 use exact fast kernels (x·x, x·x·x, √x, …) as PyTorch does.
    /// Gradient: e·x^(e−1), and 0 everywhere when e = 0.
    /// </remarks>
    /// <param name="input">The base tensor.</param>
    /// <param name="exponent">The exponent.</param>
    /// <exception cref="ArgumentException">An integer tensor is raised to a negative integer power.</exception>
    public static Tensor Pow(Tensor input, double exponent)
    {
        var e = Arithmetic.ScalarFor(input, exponent);
        if (e.DType == DType.Int64 && exponent < 0)
            throw new ArgumentException(
                $"pow: Integers to negative integer powers are not allowed (input {input.DType.TorchName()}, exponent {exponent}); convert the input to a floating-point dtype first",
                nameof(exponent));
        var x = input;
        var dt = Arithmetic.Promote(ref x, ref e, "pow");
        var y = Arithmetic.Run<PowScalarOp<float>, PowScalarOp<double>, PowIntOp>(x, e, dt, "pow");
        if (Graph.NeedsGrad(x)) Graph.Record(y, new PowBackward(x, exponent), x);
        return y;
    }

    /// <summary>
    /// Raises each element of <paramref name="input"/> to the matching element of
    /// <paramref name="exponent"/>, with broadcasting and type promotion (PyTorch's <c>torch.pow</c>).
    /// Integer operands give int64; a negative integer exponent then gives 0 (or ±1 for bases ±1).
    /// </summary>
    /// <remarks>
    /// Gradients: e·x^(e−1) for the base (0 where e = 0) and x^e·log(x) for the exponent (0 where
    /// x = 0 and e ≥ 0), as in PyTorch.
    /// </remarks>
    /// <param name="input">The base.</param>
    /// <param name="exponent">The exponent; broadcasts with <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or both operands are bool.</exception>
    public static Tensor Pow(Tensor input, Tensor exponent) => PowTensor(input, exponent, "PowBackward1");

    /// <summary>
    /// Raises the scalar <paramref name="self"/> to each element of <paramref name="exponent"/>
    /// (PyTorch's <c>torch.pow(self, exponent)</c> with a number as the base). An integral base with an
    /// integer exponent tensor gives int64.
    /// </summary>
    /// <param name="self">The base.</param>
    /// <param name="exponent">The exponents.</param>
    public static Tensor Pow(double self, Tensor exponent) =>
        PowTensor(Arithmetic.ScalarFor(exponent, self), exponent, "PowBackward2");

    private static Tensor PowTensor(Tensor input, Tensor exponent, string nodeName)
    {
        var dt = Arithmetic.Promote(ref input, ref exponent, "pow");
        var y = Arithmetic.Run<PowOp<float>, PowOp<double>, PowIntOp>(input, exponent, dt, "pow");
        if (Graph.NeedsGrad(input, exponent))
            Graph.Record(y, new PowTensorBackward(input, exponent, exponent.RequiresGrad ? y : null, nodeName), input, exponent);
        return y;
    }

    private sealed class PowBackward(Tensor x, double exponent) : Node
    {
        private SavedTensor _x = new(x);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var x = Unpack(_x);
            if (exponent == 0) return [ZerosLike(x, grad.DType)];
            return [grad * (x.Pow(exponent - 1) * exponent)];
        }

        protected override void ReleaseSaved() => _x = default;
    }

    private sealed class PowTensorBackward : Node
    {
        private SavedTensor _x, _e, _y;
        private readonly string _name;

        public PowTensorBackward(Tensor x, Tensor e, Tensor? y, string name)
        {
            _x = new SavedTensor(x);
            _e = new SavedTensor(e);
            if (y != null) _y = new SavedTensor(y);
            _name = name;
        }

        public override string Name => _name;

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var x = Unpack(_x);
            var e = Unpack(_e);
            Tensor? gx = null, ge = null;
            if (NeedsGrad(0))
                gx = Torch.Where(e.Ne(0.0), grad * (e * x.Pow(e - 1.0)), 0.0);
            if (NeedsGrad(1))
            {
                // d(x^e)/de = x^e·log(x), masked to 0 where x = 0 and e ≥ 0 (where the limit is 0, not NaN).
                var keep = !(x.Eq(0.0) & e.Ge(0.0));
                ge = grad * Torch.Where(keep, Unpack(_y) * x.Log(), 0.0);
            }
            return [gx, ge];
        }

        protected override void ReleaseSaved() => (_x, _e, _y) = (default, default, default);
    }
}

public partial class Tensor
{
    /// <summary>Raises each element to a scalar power (see <see cref="Torch.Pow(Tensor, double)"/>).</summary>
    /// <param name="exponent">The exponent.</param>
    /// <exception cref="ArgumentException">An integer tensor is raised to a negative integer power.</exception>
    public Tensor Pow(double exponent) => Torch.Pow(this, exponent);

    /// <summary>Raises each element to the matching power, with broadcasting (see <see cref="Torch.Pow(Tensor, Tensor)"/>).</summary>
    /// <param name="exponent">The exponents; broadcasts with this tensor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public Tensor Pow(Tensor exponent) => Torch.Pow(this, exponent);

    /// <summary>In-place <see cref="Pow(double)"/> (PyTorch's <c>x.pow_(exponent)</c>); returns this tensor.</summary>
    /// <param name="exponent">The exponent.</param>
    /// <exception cref="ArgumentException">The result dtype (e.g. float32 for an int64 tensor and a fractional exponent) differs from this tensor's.</exception>
    public Tensor Pow_(double exponent) => InPlace("pow_", t => Torch.Pow(t, exponent));

    /// <summary>In-place <see cref="Pow(Tensor)"/>; returns this tensor.</summary>
    /// <param name="exponent">The exponents; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or the result dtype differs from this tensor's.</exception>
    public Tensor Pow_(Tensor exponent) => InPlace(exponent, "pow_", static (a, b) => Torch.Pow(a, b),
        Arithmetic.RunInto<PowOp<float>, PowOp<double>, PowIntOp>);
}
