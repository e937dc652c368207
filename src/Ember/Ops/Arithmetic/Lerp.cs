using System.Numerics;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Linear interpolation input + weight·(end − input) with broadcasting (PyTorch's <c>torch.lerp</c>), evaluated as
    /// PyTorch does for accuracy at both ends: <c>input + w·(end − input)</c> when |w| &lt; 0.5, else
    /// <c>end − (end − input)·(1 − w)</c> (so w = 1 gives exactly <paramref name="end"/>).
    /// </summary>
    /// <remarks>Gradients: input gets grad·(1 − w), end grad·w, weight grad·(end − input).</remarks>
    /// <param name="input">The start points, floating point.</param>
    /// <param name="end">The end points, same dtype as <paramref name="input"/>.</param>
    /// <param name="weight">The weights, same dtype as <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The dtypes differ, or the shapes do not broadcast.</exception>
    /// <exception cref="NotSupportedException">The dtype is not floating point.</exception>
    public static Tensor Lerp(Tensor input, Tensor end, Tensor weight)
    {
        LerpKernel.Check(input, end, "end");
        LerpKernel.Check(input, weight, "weight");
        var y = LerpKernel.Run(input, end, weight);
        if (Graph.NeedsGrad([input, end, weight]))
            Graph.Record(y, new LerpBackward(input, end, weight, 0), input, end, weight);
        return y;
    }

    /// <summary>Linear interpolation with a scalar weight (see <see cref="Lerp(Tensor, Tensor, Tensor)"/>).</summary>
    /// <param name="input">The start points, floating point.</param>
    /// <param name="end">The end points, same dtype as <paramref name="input"/>.</param>
    /// <param name="weight">The weight (0 gives input, 1 gives end; any real value extrapolates).</param>
    /// <exception cref="ArgumentException">The dtypes differ, or the shapes do not broadcast.</exception>
    /// <exception cref="NotSupportedException">The dtype is not floating point.</exception>
    public static Tensor Lerp(Tensor input, Tensor end, double weight)
    {
        LerpKernel.Check(input, end, "end");
        var y = LerpKernel.Run(input, end, Tensor.Wrap(weight).Cast(input.DType));
        if (Graph.NeedsGrad(input, end)) Graph.Record(y, new LerpBackward(input, end, null, weight), input, end);
        return y;
    }

    private sealed class LerpBackward : Node
    {
        private SavedTensor _a, _b, _w;
        private readonly bool _tensorWeight;
        private readonly double _weight;

        public LerpBackward(Tensor a, Tensor b, Tensor? w, double weight)
        {
            _weight = weight;
            _tensorWeight = w is not null;
            if (w is not null)
            {
                _w = new SavedTensor(w);
                if (w.RequiresGrad) { _a = new SavedTensor(a); _b = new SavedTensor(b); }
            }
        }

        public override string Name => _tensorWeight ? "LerpBackward1" : "LerpBackward0";

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            if (!_tensorWeight)
                return [NeedsGrad(0) ? grad * (1 - _weight) : null, NeedsGrad(1) ? grad * _weight : null];
            var w = Unpack(_w);
            return
            [
                NeedsGrad(0) ? grad * (1.0 - w) : null,
                NeedsGrad(1) ? grad * w : null,
                NeedsGrad(2) ? grad * (Unpack(_b) - Unpack(_a)) : null,
            ];
        }

        protected override void ReleaseSaved() => (_a, _b, _w) = (default, default, default);
    }
}

/// <summary>PyTorch's lerp of one element.</summary>
internal readonly struct LerpMap<T> : IMap3<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T Half = T.CreateTruncating(0.5);

    public T Invoke(T a, T b, T w) => T.Abs(w) < Half ? a + w * (b - a) : b - (b - a) * (T.One - w);
}

/// <summary>Validation and dtype dispatch of lerp.</summary>
internal static class LerpKernel
{
    /// <summary>lerp needs operands of one dtype (PyTorch does not promote here).</summary>
    /// <exception cref="ArgumentException">The dtypes differ.</exception>
    public static void Check(Tensor input, Tensor other, string name)
    {
        Torch.NotNull(input);
        Torch.NotNull(other, name);
        if (other.DType != input.DType)
            throw new ArgumentException(
                $"lerp: expected dtype {input.DType.TorchName()} for `{name}` but got dtype {other.DType.TorchName()} (input {input.Shape}, {name} {other.Shape})", name);
    }

    /// <summary>The interpolation, broadcast; 16-bit floats in float32.</summary>
    /// <exception cref="NotSupportedException">The dtype is not floating point.</exception>
    public static Tensor Run(Tensor a, Tensor b, Tensor w) => a.DType switch
    {
        DType.Float32 => Map.Ternary<float, LerpMap<float>>(a, b, w, default, "lerp"),
        DType.Float64 => Map.Ternary<double, LerpMap<double>>(a, b, w, default, "lerp"),
        DType.Float16 or DType.BFloat16 => Map.Ternary<float, LerpMap<float>>(
            a.Cast(DType.Float32), b.Cast(DType.Float32), w.Cast(DType.Float32), default, "lerp").Cast(a.DType),
        _ => throw Dispatch.Unsupported("lerp", a.DType),
    };
}

public partial class Tensor
{
    /// <summary>Linear interpolation toward <paramref name="end"/> (see <see cref="Torch.Lerp(Tensor, Tensor, Tensor)"/>).</summary>
    /// <param name="end">The end points.</param>
    /// <param name="weight">The weights.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor Lerp(Tensor end, Tensor weight) => Torch.Lerp(this, end, weight);

    /// <summary>Linear interpolation toward <paramref name="end"/> with a scalar weight.</summary>
    /// <param name="end">The end points.</param>
    /// <param name="weight">The weight.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor Lerp(Tensor end, double weight) => Torch.Lerp(this, end, weight);

    /// <summary>In-place <see cref="Lerp(Tensor, Tensor)"/>; returns this tensor.</summary>
    /// <param name="end">The end points; with <paramref name="weight"/> must broadcast to this tensor's shape.</param>
    /// <param name="weight">The weights.</param>
    /// <exception cref="ArgumentException">The dtypes differ, or the operands do not broadcast to this shape.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="end"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Lerp_(Tensor end, Tensor weight)
    {
        CheckLerpInPlaceShape(end, weight);
        return InPlace("lerp_", t => Torch.Lerp(t, end, weight));
    }

    /// <summary>In-place <see cref="Lerp(Tensor, double)"/>; returns this tensor.</summary>
    /// <param name="end">The end points; must broadcast to this tensor's shape.</param>
    /// <param name="weight">The weight.</param>
    /// <exception cref="ArgumentException">The dtypes differ, or <paramref name="end"/> does not broadcast to this shape.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="end"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Lerp_(Tensor end, double weight)
    {
        CheckLerpInPlaceShape(end, null);
        return InPlace("lerp_", t => Torch.Lerp(t, end, weight));
    }

    private void CheckLerpInPlaceShape(Tensor end, Tensor? weight)
    {
        Torch.NotNull(end);
        if (!Broadcasting.CanBroadcastTo(end.ShapeArray, ShapeArray) || (weight is not null && !Broadcasting.CanBroadcastTo(weight.ShapeArray, ShapeArray)))
            throw new ArgumentException(
                $"lerp_: output with shape {Shape} doesn't match the broadcast shape of {Shape}, {end.Shape}{(weight is null ? "" : $" and {weight.Shape}")}", nameof(end));
    }
}
