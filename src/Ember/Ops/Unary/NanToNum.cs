using System.Numerics;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Replaces NaN, +∞ and −∞ elements with finite numbers (PyTorch's <c>torch.nan_to_num</c>): NaN with
    /// <paramref name="nan"/>, +∞ with <paramref name="posinf"/> (default: the largest finite value of the dtype,
    /// e.g. 3.4028235e38 for float32 and 65504 for float16) and −∞ with <paramref name="neginf"/> (default: the most
    /// negative finite value). Integer and bool tensors are returned as a copy. The gradient passes where the input
    /// is finite and is 0 elsewhere.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="nan">The replacement for NaN (default 0).</param>
    /// <param name="posinf">The replacement for +∞, or null for the dtype's largest finite value (default).</param>
    /// <param name="neginf">The replacement for −∞, or null for the dtype's most negative finite value (default).</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor NanToNum(Tensor input, double nan = 0.0, double? posinf = null, double? neginf = null)
    {
        var dt = NotNull(input).DType;
        double max = dt switch
        {
            DType.Float32 => float.MaxValue,
            DType.Float64 => double.MaxValue,
            DType.Float16 => (double)Half.MaxValue,
            DType.BFloat16 => 3.3895313892515355e38, // (2 − 2⁻⁷)·2¹²⁷
            _ => 0,
        };
        var f64 = new NanToNumMap<double>(nan, posinf ?? max, neginf ?? -max);
        var f32 = new NanToNumMap<float>(nan, posinf ?? max, neginf ?? -max);
        var y = dt switch
        {
            DType.Float32 => Map.Unary<float, float, NanToNumMap<float>>(input, f32),
            DType.Float64 => Map.Unary<double, double, NanToNumMap<double>>(input, f64),
            DType.Float16 or DType.BFloat16 => Map.Unary<float, float, NanToNumMap<float>>(input.Cast(DType.Float32), f32).Cast(dt),
            DType.Int64 or DType.Int32 or DType.UInt8 or DType.Bool => CopyOf(input),
            _ => throw DTypeExtensions.Undefined(dt),
        };
        if (Graph.NeedsGrad(input)) Graph.Record(y, new NanToNumBackward(input), input);
        return y;
    }

    private static Tensor CopyOf(Tensor x)
    {
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        Elementwise.CopyInto(x, y);
        return y;
    }

    private sealed class NanToNumBackward(Tensor x) : Node
    {
        private SavedTensor _x = new(x);

        protected internal override Tensor?[] Backward(Tensor grad) => [grad * IsFinite(Unpack(_x))];

        protected override void ReleaseSaved() => _x = default;
    }
}

/// <summary>nan_to_num of one element, the replacements already converted to the element type.</summary>
internal readonly struct NanToNumMap<T>(double nan, double posinf, double neginf) : IMap<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _nan = T.CreateTruncating(nan), _pos = T.CreateTruncating(posinf), _neg = T.CreateTruncating(neginf);

    public T Invoke(T x) => T.IsNaN(x) ? _nan : T.IsPositiveInfinity(x) ? _pos : T.IsNegativeInfinity(x) ? _neg : x;
}

public partial class Tensor
{
    /// <summary>Replaces NaN and ±∞ with finite numbers (see <see cref="Torch.NanToNum"/>).</summary>
    /// <param name="nan">The replacement for NaN (default 0).</param>
    /// <param name="posinf">The replacement for +∞, or null for the dtype's largest finite value (default).</param>
    /// <param name="neginf">The replacement for −∞, or null for the dtype's most negative finite value (default).</param>
    public Tensor NanToNum(double nan = 0.0, double? posinf = null, double? neginf = null) => Torch.NanToNum(this, nan, posinf, neginf);

    /// <summary>In-place <see cref="NanToNum"/>; returns this tensor.</summary>
    /// <param name="nan">The replacement for NaN (default 0).</param>
    /// <param name="posinf">The replacement for +∞, or null for the dtype's largest finite value (default).</param>
    /// <param name="neginf">The replacement for −∞, or null for the dtype's most negative finite value (default).</param>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor NanToNum_(double nan = 0.0, double? posinf = null, double? neginf = null) =>
        InPlace("nan_to_num_", t => Torch.NanToNum(t, nan, posinf, neginf));
}
