using System.Numerics;
using System.Runtime.InteropServices;

namespace Ember.Kernels;

/// <summary>The mask of inverted dropout (<see cref="NN.F.Dropout"/>).</summary>
internal static class DropoutKernel
{
    /// <summary>
    /// A contiguous tensor of 1/(1 − p) (kept, probability 1 − p) and 0 (dropped), one 32-bit draw per element in
    /// row-major order whatever the dtype: kept when the draw is ≥ round(p·2³²). float16 and bfloat16 masks are drawn
    /// in float32 and rounded.
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="dtype"/> is not floating point.</exception>
    public static Tensor Mask(int[] shape, DType dtype, double p, Generator generator)
    {
        var mask = Tensor.Empty(shape.ToArray(), FloatDispatch.ComputeType(dtype));
        var f = new MaskFunc(mask, p, generator);
        FloatDispatch.Run<MaskFunc, bool>(mask.DType, "dropout", ref f);
        return mask.Cast(dtype);
    }

    private readonly struct MaskFunc(Tensor mask, double p, Generator generator) : IFloatFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            Fill(mask.ContiguousSpan<T>(), T.CreateTruncating(1.0 / (1.0 - p)), (ulong)Math.Round(p * 4294967296.0), generator);
            GC.KeepAlive(mask);
            return true;
        }
    }

    private static void Fill<T>(Span<T> mask, T scale, ulong threshold, Generator generator) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int B = 512;
        Span<ulong> bits64 = stackalloc ulong[B / 2];
        var bits = MemoryMarshal.Cast<ulong, uint>(bits64);
        for (int b = 0; b < mask.Length; b += B)
        {
            int m = Math.Min(B, mask.Length - b);
            for (int k = 0; k < (m + 1) / 2; k++) bits64[k] = generator.NextUInt64();
            var dst = mask.Slice(b, m);
            int i = 0;
            if (Vector.IsHardwareAccelerated && typeof(T) == typeof(float))
            {
                var t = new Vector<uint>((uint)Math.Min(threshold, uint.MaxValue));
                var s = new Vector<float>(float.CreateTruncating(scale));
                var d = MemoryMarshal.Cast<T, float>(dst);
                bool all = threshold > uint.MaxValue; // p rounds to 1: nothing survives
                for (; i <= m - Vector<uint>.Count; i += Vector<uint>.Count)
                {
                    var keep = Vector.AsVectorInt32(Vector.GreaterThanOrEqual(new Vector<uint>(bits.Slice(i)), t));
                    (all ? Vector<float>.Zero : Vector.ConditionalSelect(keep, s, Vector<float>.Zero)).CopyTo(d.Slice(i));
                }
            }
            else if (Vector.IsHardwareAccelerated && typeof(T) == typeof(double))
            {
                var t = new Vector<ulong>(threshold);
                var s = new Vector<double>(double.CreateTruncating(scale));
                var d = MemoryMarshal.Cast<T, double>(dst);
                int w = Vector<ulong>.Count;
                for (; i <= m - 2 * w; i += 2 * w)
                {
                    Vector.Widen(new Vector<uint>(bits.Slice(i)), out var lo, out var hi);
                    Vector.ConditionalSelect(Vector.AsVectorInt64(Vector.GreaterThanOrEqual(lo, t)), s, Vector<double>.Zero).CopyTo(d.Slice(i));
                    Vector.ConditionalSelect(Vector.AsVectorInt64(Vector.GreaterThanOrEqual(hi, t)), s, Vector<double>.Zero).CopyTo(d.Slice(i + w));
                }
            }
            for (; i < m; i++) dst[i] = bits[i] >= threshold ? scale : T.Zero;
        }
    }
}
