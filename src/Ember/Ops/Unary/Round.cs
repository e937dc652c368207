using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Each element rounded to the nearest integer, halves to even (PyTorch's <c>torch.round</c>: 0.5 → 0,
    /// 1.5 → 2, −2.5 → −2). With <paramref name="decimals"/> ≠ 0 it rounds to that many decimal places as PyTorch
    /// does, in the element type: nearbyint(x·10^d)/10^d (or nearbyint(x/10^−d)·10^−d for negative d), so the
    /// result follows the rounded product (<c>round(2.675, 2)</c> is 2.68: 2.675·100 rounds to 267.5) and a scale
    /// that overflows the element type gives NaN (or ±∞).
    /// Integer tensors are returned as a copy when <paramref name="decimals"/> is 0. The gradient is zero.
    /// </summary>
    /// <param name="input">A floating-point tensor (or an integer tensor when <paramref name="decimals"/> is 0).</param>
    /// <param name="decimals">The number of decimal places (default 0; negative rounds to tens, hundreds, …).</param>
    /// <exception cref="NotSupportedException">The input is bool, or an integer tensor with <paramref name="decimals"/> ≠ 0.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Tensor Round(Tensor input, int decimals = 0)
    {
        Tensor y;
        if (decimals == 0) y = FloatMath.Rounding<RoundOp>(input, "round");
        else
        {
            var dt = input.DType;
            y = dt switch
            {
                DType.Float32 => Map.Unary<float, float, RoundDecimals<float>>(input, new(decimals)),
                DType.Float64 => Map.Unary<double, double, RoundDecimals<double>>(input, new(decimals)),
                DType.Float16 => Map.Unary<float, float, RoundDecimalsReduced<Half>>(input.Cast(DType.Float32), new(decimals)).Cast(dt),
                DType.BFloat16 => Map.Unary<float, float, RoundDecimalsReduced<BFloat16>>(input.Cast(DType.Float32), new(decimals)).Cast(dt),
                _ => throw Dispatch.Unsupported("round", dt),
            };
        }
        if (Graph.NeedsGrad(input)) Graph.Record(y, new RoundBackward(), input);
        return y;
    }

    private sealed class RoundBackward : Node
    {
        public override string Name => "RoundBackward1";

        protected internal override Tensor?[] Backward(Tensor grad) => [ZerosLike(grad)];
    }
}

/// <summary>PyTorch's round with decimals, in the element type (its opmath type for float and double).</summary>
internal readonly struct RoundDecimals<T> : IMap<T, T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly T _scale;
    private readonly bool _negative;

    public RoundDecimals(int decimals)
    {
        _negative = decimals < 0;
        _scale = T.CreateTruncating(Math.Pow(10, Math.Abs((double)decimals)));
    }

    public T Invoke(T x) => _negative
        ? T.Round(x / _scale, MidpointRounding.ToEven) * _scale
        : T.Round(x * _scale, MidpointRounding.ToEven) / _scale;
}

/// <summary>
/// round(x, decimals) for a 16-bit float <typeparamref name="TR"/> (Half or BFloat16), as PyTorch 1.13's kernel does
/// it in that type: the scale 10^|decimals| and the scaled value x·scale (or x/scale) are rounded to the 16-bit type
/// before rounding to an integer; the caller rounds the final quotient (or product).
/// </summary>
internal readonly struct RoundDecimalsReduced<TR> : IMap<float, float> where TR : unmanaged
{
    private readonly float _scale;
    private readonly bool _negative;

    public RoundDecimalsReduced(int decimals)
    {
        _negative = decimals < 0;
        _scale = Narrow((float)Math.Pow(10, Math.Abs((double)decimals)));
    }

    private static float Narrow(float v) => typeof(TR) == typeof(Half) ? (float)(Half)v : (float)(BFloat16)v;

    public float Invoke(float x) => _negative
        ? MathF.Round(Narrow(x / _scale), MidpointRounding.ToEven) * _scale
        : MathF.Round(Narrow(x * _scale), MidpointRounding.ToEven) / _scale;
}

public partial class Tensor
{
    /// <summary>Each element rounded half to even, optionally to <paramref name="decimals"/> places (see <see cref="Torch.Round"/>).</summary>
    /// <param name="decimals">The number of decimal places (default 0).</param>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public Tensor Round(int decimals = 0) => Torch.Round(this, decimals);

    /// <summary>In-place <see cref="Round(int)"/>; returns this tensor.</summary>
    /// <param name="decimals">The number of decimal places (default 0).</param>
    /// <exception cref="NotSupportedException">This tensor is bool, or integer with <paramref name="decimals"/> ≠ 0.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Round_(int decimals = 0) => InPlace("round_", t => Torch.Round(t, decimals));
}
