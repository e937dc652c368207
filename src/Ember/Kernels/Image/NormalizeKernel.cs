using System.Numerics;
using System.Numerics.Tensors;

namespace Ember.Kernels;

internal static partial class ImageKernels
{
    /// <summary>
    /// <c>(x[c] - mean[c]) / std[c]</c> for every channel plane of a floating-point image [..., C, H, W] (torchvision's
    /// <c>F.normalize</c>: mean and std converted to the image's dtype, then a subtraction and a division, each rounded
    /// to the dtype, so float16/bfloat16 round twice as PyTorch does). A length-1 mean or std applies to every channel.
    /// </summary>
    /// <exception cref="NotSupportedException">The image is not floating point (the message names <paramref name="op"/> and the dtype).</exception>
    /// <exception cref="ArgumentException">A std is zero once converted to the image's dtype.</exception>
    public static Tensor Normalize(Tensor image, double[] mean, double[] std, string op)
    {
        int c = image.Size(-3);
        int hw = image.Numel == 0 ? 0 : image.Size(-2) * image.Size(-1); // ≤ numel when not empty
        var dst = Tensor.Empty(image.ShapeArray.ToArray(), image.DType);
        var f = new NormalizeFunc(image.Contiguous(), dst, c, hw, mean, std, op);
        Dispatch.Any<NormalizeFunc, bool>(image.DType, ref f);
        return dst;
    }

    private readonly struct NormalizeFunc(Tensor src, Tensor dst, int c, int hw, double[] mean, double[] std, string op) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            if (typeof(T) == typeof(float)) Native<float>();
            else if (typeof(T) == typeof(double)) Native<double>();
            else if (IsFloat<T>()) Reduced<T>();
            else throw Dispatch.Unsupported(op, src.DType);
            return true;
        }

        private (T Mean, T Std) Channel<T>(int ch) where T : unmanaged
        {
            T m = Convert.FromDouble<T>(mean.Length == 1 ? mean[0] : mean[ch]);
            T s = Convert.FromDouble<T>(std.Length == 1 ? std[0] : std[ch]);
            return (m, s);
        }

        private void CheckStd<T>() where T : unmanaged
        {
            foreach (var s in std)
                if (Convert.ToDouble(Convert.FromDouble<T>(s)) == 0)
                    throw new ArgumentException(
                        $"{op}: std evaluated to zero after conversion to {src.DType.TorchName()}, leading to division by zero (std = [{string.Join(", ", std)}]).", "std");
        }

        private void Native<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            CheckStd<T>();
            var a = src.ContiguousSpan<T>();
            var b = dst.ContiguousSpan<T>();
            int planes = hw == 0 ? 0 : a.Length / hw;
            for (int p = 0; p < planes; p++)
            {
                var (m, s) = Channel<T>(p % c);
                var x = a.Slice(p * hw, hw);
                var y = b.Slice(p * hw, hw);
                // Subtract then divide, as torchvision's sub_(mean).div_(std): the same rounding as the scalar formula.
                TensorPrimitives.Subtract(x, m, y);
                TensorPrimitives.Divide(y, s, y);
            }
            GC.KeepAlive(src);
            GC.KeepAlive(dst);
        }

        // float16 / bfloat16: each op computed in float32 and rounded back to the dtype (PyTorch's CPU rule).
        private void Reduced<T>() where T : unmanaged
        {
            CheckStd<T>();
            var a = src.ContiguousSpan<T>();
            var b = dst.ContiguousSpan<T>();
            int planes = hw == 0 ? 0 : a.Length / hw;
            for (int p = 0; p < planes; p++)
            {
                var (mt, st) = Channel<T>(p % c);
                float m = Convert.Scalar<T, float>(mt), s = Convert.Scalar<T, float>(st);
                var x = a.Slice(p * hw, hw);
                var y = b.Slice(p * hw, hw);
                for (int k = 0; k < hw; k++)
                {
                    float d = Convert.Scalar<T, float>(Convert.Scalar<float, T>(Convert.Scalar<T, float>(x[k]) - m));
                    y[k] = Convert.Scalar<float, T>(d / s);
                }
            }
            GC.KeepAlive(src);
            GC.KeepAlive(dst);
        }
    }
}
