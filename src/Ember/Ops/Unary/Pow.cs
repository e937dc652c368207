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
internal readonly struct PowScalarOp : IFloatBinaryOp
{
    public static T Invoke<T>(T x, T e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T two = T.CreateTruncating(2), half = T.CreateTruncating(0.5);
        if (e == two) return x * x;
        if (e == T.CreateTruncating(3)) return x * x * x;
        if (e == half) return T.Sqrt(x);
        if (e == -half) return T.One / T.Sqrt(x);
        if (e == -T.One) return T.One / x;
        if (e == -two) return T.One / (x * x);
        return T.Pow(x, e);
    }

    // Every body below is safe when the destination aliases x (in-place pow_).
    public static void Invoke<T>(ReadOnlySpan<T> x, T e, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T two = T.CreateTruncating(2), half = T.CreateTruncating(0.5);
        if (e == two) TensorPrimitives.Multiply(x, x, d);
        else if (e == half) TensorPrimitives.Sqrt(x, d);
        else if (e == -half)
        {
            TensorPrimitives.Sqrt(x, d);
            TensorPrimitives.Divide(T.One, d, d);
        }
        else if (e == -T.One) TensorPrimitives.Divide(T.One, x, d);
        else if (e == T.One) x.CopyTo(d);
        else if (e == T.Zero) d.Slice(0, x.Length).Fill(T.One);
        else if (e == T.CreateTruncating(3) || e == -two)
            for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i], e);
        else TensorPrimitives.Pow(x, e, d);
    }

    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> e, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i], e[i]);
    }

    public static void Invoke<T>(T x, ReadOnlySpan<T> e, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < e.Length; i++) d[i] = Invoke(x, e[i]);
    }
}

/// <summary>Elementwise x^e for floats with C's <c>pow</c> semantics (tensor exponents).</summary>
internal readonly struct PowOp : IFloatBinaryOp
{
    public static T Invoke<T>(T x, T e) where T : unmanaged, IFloatingPointIeee754<T> => T.Pow(x, e);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> e, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Pow(x, e, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T e, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Pow(x, e, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> e, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Pow(x, e, d);
}

/// <summary>
/// Integer power by repeated squaring (wrapping on overflow), for every integer element type. Negative
/// exponents give PyTorch's integer results: 1 for base 1, ±1 for base −1, else 0.
/// </summary>
internal readonly struct PowIntOp : INumericBinaryOp
{
    public static T Invoke<T>(T x, T e) where T : unmanaged, INumber<T>
    {
        if (e < T.Zero)
        {
            if (x == T.One) return T.One;
            if (x == -T.One) return T.IsEvenInteger(e) ? T.One : -T.One;
            return T.Zero;
        }
        T r = T.One, two = T.One + T.One;
        while (e > T.Zero)
        {
            if (T.IsOddInteger(e)) r *= x;
            e /= two;
            if (e > T.Zero) x *= x;
        }
        return r;
    }

    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> e, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i], e[i]);
    }

    public static void Invoke<T>(ReadOnlySpan<T> x, T e, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (e == T.One + T.One) { TensorPrimitives.Multiply(x, x, d); return; }
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i], e);
    }

    public static void Invoke<T>(T x, ReadOnlySpan<T> e, Span<T> d) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < e.Length; i++) d[i] = Invoke(x, e[i]);
    }
}

/// <summary>Dtype routing for pow: float results use the float kernels, integer results the exact integer one.</summary>
internal static class PowMath
{
    /// <summary>x^e for a tensor exponent (broadcast), computed in <paramref name="dt"/>.</summary>
    public static Tensor Run(Tensor x, Tensor e, DType dt) =>
        dt.IsFloatingPoint() ? Dispatch.FloatBinary<PowOp>(x, e, dt, "pow") : Dispatch.NumericBinary<PowIntOp>(x, e, dt, "pow");

    /// <summary>
    /// x^e for a C# number exponent already converted to <paramref name="dt"/>, as PyTorch 1.13's
    /// pow_tensor_scalar_kernel per dtype: float32/float64 take the fast kernels (x·x, x·x·x, √x, 1/√x, 1/x,
    /// 1/(x·x)); float16 calls pow for every exponent (so pow(−0, 0.5) is +0 and pow(−∞, 0.5) is +∞, where √ gives
    /// −0 and NaN); bfloat16 takes √x, 1/√x and 1/x, and does x·x·x and 1/(x·x) in bfloat16 arithmetic (each
    /// product rounded to bfloat16); integers multiply exactly.
    /// </summary>
    public static Tensor RunScalar(Tensor x, Tensor e, DType dt)
    {
        switch (dt)
        {
            case DType.Float32:
            case DType.Float64:
                return Dispatch.FloatBinary<PowScalarOp>(x, e, dt, "pow");
            case DType.Float16:
                return Dispatch.FloatBinary<PowOp>(x, e, dt, "pow");
            case DType.BFloat16:
                float v = e.Item<float>();
                if (v == 3)
                    return Dispatch.NumericBinary<MulOp>(Dispatch.NumericBinary<MulOp>(x, x, dt, "pow"), x, dt, "pow");
                if (v == -2)
                    return Dispatch.FloatBinary<DivOp>(Torch.Scalar(1.0, dt), Dispatch.NumericBinary<MulOp>(x, x, dt, "pow"), dt, "pow");
                return Dispatch.FloatBinary<PowScalarOp>(x, e, dt, "pow");
            case DType.Int64:
            case DType.Int32:
            case DType.UInt8:
                return Dispatch.NumericBinary<PowIntOp>(x, e, dt, "pow");
            default:
                throw Dispatch.Unsupported("pow", dt);
        }
    }

    /// <summary>
    /// Whether PyTorch converts a number exponent to <paramref name="dt"/> with its overflow check
    /// (<c>exp.to&lt;scalar_t&gt;()</c>): float16, bfloat16 and the integers; float32 and float64 take it as a double.
    /// </summary>
    public static bool ExponentConverted(DType dt) => dt switch
    {
        DType.Float32 or DType.Float64 => false,
        DType.Float16 or DType.BFloat16 or DType.Int64 or DType.Int32 or DType.UInt8 => true,
        _ => throw Dispatch.Unsupported("pow", dt),
    };

    public static void RunInto(Tensor x, Tensor e, Tensor y, DType dt)
    {
        if (dt.IsFloatingPoint()) Dispatch.FloatBinaryInto<PowOp>(x, e, y, dt, "pow_");
        else Dispatch.NumericBinaryInto<PowIntOp>(x, e, y, dt, "pow_");
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
    /// Exponents 2, 3, 0.5, −0.5, −1 and −2 use exact fast kernels (x·x, x·x·x, √x, …) as PyTorch does (float16
    /// calls pow for every exponent, and float16/bfloat16 round the exponent to their dtype, as PyTorch 1.13).
    /// Gradient: e·x^(e−1), and 0 everywhere when e = 0.
    /// </remarks>
    /// <param name="input">The base tensor.</param>
    /// <param name="exponent">The exponent.</param>
    /// <exception cref="ArgumentException">An integer tensor is raised to a negative integer power.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The exponent does not fit a float16/bfloat16 input's dtype.</exception>
    public static Tensor Pow(Tensor input, double exponent) => PowScalar(input, Tensor.Wrap(exponent), exponent);

    /// <summary>
    /// Raises each element to an integer power: an integer tensor keeps its dtype (computed exactly, wrapping on
    /// overflow), a bool tensor gives int64 and a float tensor keeps its dtype.
    /// </summary>
    /// <param name="input">The base tensor.</param>
    /// <param name="exponent">The exponent.</param>
    /// <exception cref="ArgumentException">An integer tensor is raised to a negative power.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The exponent does not fit the input's dtype (int32, uint8, float16).</exception>
    public static Tensor Pow(Tensor input, long exponent) => PowScalar(input, Tensor.Wrap(exponent), exponent);

    private static Tensor PowScalar(Tensor input, Tensor e, double exponent)
    {
        var dt = Arithmetic.ResultType(input, e);
        if (dt == DType.Bool) throw Dispatch.Unsupported("pow", dt);
        if (!dt.IsFloatingPoint() && exponent < 0)
            throw new ArgumentException(
                $"pow: Integers to negative integer powers are not allowed (input {input.DType.TorchName()}, exponent {exponent}); convert the input to a floating-point dtype first",
                nameof(exponent));
        if (PowMath.ExponentConverted(dt)) Arithmetic.CheckedScalar(e, dt, "pow");
        var x = input;
        Arithmetic.ConvertOperands(ref x, ref e, dt);
        var y = PowMath.RunScalar(x, e, dt);
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
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Pow(double self, Tensor exponent) => PowTensor(Tensor.Wrap(self), exponent, "PowBackward2");

    /// <summary>Raises the C# integer <paramref name="self"/> to each element of <paramref name="exponent"/> (an integer exponent tensor keeps its dtype).</summary>
    /// <param name="self">The base.</param>
    /// <param name="exponent">The exponents.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Pow(long self, Tensor exponent) => PowTensor(Tensor.Wrap(self), exponent, "PowBackward2");

    private static Tensor PowTensor(Tensor input, Tensor exponent, string nodeName)
    {
        var dt = Arithmetic.ResultType(input, exponent);
        if (dt == DType.Bool) throw Dispatch.Unsupported("pow", dt);
        Arithmetic.ConvertOperands(ref input, ref exponent, dt);
        var y = PowMath.Run(input, exponent, dt);
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
            if (y is not null) _y = new SavedTensor(y);
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

    /// <summary>Raises each element to an integer power (see <see cref="Torch.Pow(Tensor, long)"/>).</summary>
    /// <param name="exponent">The exponent.</param>
    /// <exception cref="ArgumentException">An integer tensor is raised to a negative power.</exception>
    public Tensor Pow(long exponent) => Torch.Pow(this, exponent);

    /// <summary>Raises each element to the matching power, with broadcasting (see <see cref="Torch.Pow(Tensor, Tensor)"/>).</summary>
    /// <param name="exponent">The exponents; broadcasts with this tensor.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public Tensor Pow(Tensor exponent) => Torch.Pow(this, exponent);

    /// <summary>In-place <see cref="Pow(double)"/> (PyTorch's <c>x.pow_(exponent)</c>); returns this tensor.</summary>
    /// <param name="exponent">The exponent.</param>
    /// <exception cref="ArgumentException">The result dtype (e.g. float32 for an int64 tensor and a fractional exponent) differs from this tensor's.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Pow_(double exponent) => InPlace("pow_", t => Torch.Pow(t, exponent));

    /// <summary>In-place <see cref="Pow(long)"/>; returns this tensor.</summary>
    /// <param name="exponent">The exponent.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast to this tensor's shape, or the promoted result dtype cannot be cast to this tensor's dtype (an in-place op keeps its dtype).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit the tensor's dtype (PyTorch's "value cannot be converted … without overflow").</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Pow_(long exponent) => InPlace("pow_", t => Torch.Pow(t, exponent));

    /// <summary>In-place <see cref="Pow(Tensor)"/>; returns this tensor.</summary>
    /// <param name="exponent">The exponents; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or the result dtype differs from this tensor's.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Pow_(Tensor exponent)
    {
        var dt = Arithmetic.ResultType(this, exponent);
        Arithmetic.CheckInPlaceResult(this, dt, "pow_");
        return InPlace(exponent, dt, "pow_", static (a, b) => Torch.Pow(a, b), static (a, b, y, dt) => PowMath.RunInto(a, b, y, dt));
    }
}
