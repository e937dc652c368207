using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Pads (or, with negative sizes, crops) the last dimensions (PyTorch's <c>F.pad</c>). <paramref name="pad"/> lists
    /// (left, right) pairs starting from the last dimension: <c>[1, 2]</c> pads the last dimension with 1 before and 2 after,
    /// <c>[1, 1, 2, 2]</c> also pads the second-to-last with 2 on each side. Modes as PyTorch 1.13: <c>"constant"</c> (any
    /// dimensions, any dtype, filled with <paramref name="value"/>); <c>"reflect"</c> (mirror without repeating the edge;
    /// each pad smaller than its dimension) and <c>"replicate"</c> (repeat the edge) on the last 1, 2 or 3 dimensions of a
    /// 2-3-D, 3-4-D or 4-5-D floating-point input (pad of length 2, 4 or 6); <c>"circular"</c> (wrap around; each pad at most
    /// its dimension) on all but the first two dimensions of a 3-5-D input. Differentiable.
    /// </summary>
    /// <param name="input">The tensor.</param>
    /// <param name="pad">The (left, right) pairs, last dimension first; even length, at most 2·input.Dim.</param>
    /// <param name="mode">"constant" (default), "reflect", "replicate" or "circular".</param>
    /// <param name="value">The fill value of constant padding (default 0; converted to the input dtype as PyTorch does).
    /// Other modes take no value (it must be 0).</param>
    /// <returns>The padded tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/>, <paramref name="pad"/> or <paramref name="mode"/> is null.</exception>
    /// <exception cref="ArgumentException">The pad has odd length or is too long; the mode is unknown or does not fit the input's
    /// rank and the pad's length; a non-constant mode is given a value; a reflect pad is not smaller than its dimension, a
    /// circular pad larger than it, or a reflect/replicate dimension is empty; or a size would become negative or too large.</exception>
    /// <exception cref="NotSupportedException">Reflect or replicate padding of a non-floating-point input.</exception>
    public static Tensor Pad(Tensor input, int[] pad, string mode = "constant", double value = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(pad);
        ArgumentNullException.ThrowIfNull(mode);
        if (pad.Length % 2 != 0)
            throw new ArgumentException($"pad: Padding length must be divisible by 2, got pad {PadText(pad)}", nameof(pad));
        if (pad.Length / 2 > input.Dim)
            throw new ArgumentException($"pad: Padding length too large: pad {PadText(pad)} for a {input.Dim}-d input {input.Shape}", nameof(pad));
        if (mode == "constant") return ConstantPad(input, (int[])pad.Clone(), value);
        if (mode is not ("reflect" or "replicate" or "circular"))
            throw new ArgumentException($"pad: Unrecognised padding mode {mode} (expected constant, reflect, replicate or circular)", nameof(mode));
        if (value != 0)
            throw new ArgumentException($"pad: Padding mode \"{mode}\" doesn't take in value argument (got {value})", nameof(value));
        int np = pad.Length / 2;
        if (mode == "circular")
        {
            if (input.Dim < 3 || input.Dim > 5 || np != input.Dim - 2)
                throw new ArgumentException(input.Dim < 3 || input.Dim > 5
                    ? $"pad: Only 3D, 4D, 5D padding with mode circular is supported, got input {input.Shape} with pad {PadText(pad)}"
                    : $"pad: Invalid padding size for mode circular, expected {2 * (input.Dim - 2)} but got {pad.Length} for input {input.Shape}", nameof(pad));
        }
        else
        {
            if (np < 1 || np > 3 || input.Dim < np + 1 || input.Dim > np + 2)
                throw new ArgumentException(
                    $"pad: Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now: mode {mode} with pad {PadText(pad)} " +
                    $"needs a {np + 1}-D or {np + 2}-D input, got {input.Shape}", nameof(pad));
            if (!input.DType.IsFloatingPoint()) throw Dispatch.Unsupported(mode == "reflect" ? "reflection_pad" : "replication_pad", input.DType);
        }
        var y = input;
        for (int i = 0; i < np; i++)
        {
            int dim = input.Dim - 1 - i, l = pad[2 * i], r = pad[2 * i + 1], n = input.ShapeArray[dim];
            if (mode == "reflect" && (l >= n || r >= n || n == 0))
                throw new ArgumentException(
                    $"pad: Argument #4: Padding size should be less than the corresponding input dimension, but got: padding ({l}, {r}) at dimension {dim} of input {input.Shape}", nameof(pad));
            if (mode == "replicate" && n == 0)
                throw new ArgumentException($"pad: replicate padding needs non-empty padded dimensions, got input {input.Shape} (dimension {dim})", nameof(input));
            if (mode == "circular" && (l > n || r > n))
                throw new ArgumentException($"pad: Padding value causes wrapping around more than once: padding ({l}, {r}) at dimension {dim} of input {input.Shape}", nameof(pad));
            if (mode == "circular")
            {
                // Crop first (negative pads), then wrap around the cropped dimension (PyTorch's _pad_circular).
                int c0 = Math.Max(0, -l), c1 = Math.Max(0, -r);
                if (c0 + c1 > n)
                    throw new ArgumentException($"pad: the padding ({l}, {r}) at dimension {dim} of input {input.Shape} gives a negative size", nameof(pad));
                if (c0 + c1 > 0) y = y.Narrow(dim, c0, n - c0 - c1);
                n -= c0 + c1;
                l = Math.Max(l, 0);
                r = Math.Max(r, 0);
                if (n == 0 && l + r > 0)
                    throw new ArgumentException($"pad: circular padding of an empty dimension {dim} (input {input.Shape})", nameof(pad));
            }
            long size = (long)n + l + r;
            if (size < 0)
                throw new ArgumentException($"pad: the padding ({pad[2 * i]}, {pad[2 * i + 1]}) at dimension {dim} of input {input.Shape} gives a negative size ({size})", nameof(pad));
            if (size > Tensor.MaxNumel)
                throw new ArgumentException($"pad: the padding ({pad[2 * i]}, {pad[2 * i + 1]}) at dimension {dim} of input {input.Shape} gives a size too large ({size})", nameof(pad));
            if (l == 0 && r == 0) continue;
            var map = new long[size];
            for (long o = 0; o < size; o++)
            {
                long j = o - l;
                map[o] = mode switch
                {
                    "reflect" => j < 0 ? -j : j >= n ? 2L * (n - 1) - j : j,
                    "replicate" => Math.Clamp(j, 0, n - 1),
                    _ => ((j % n) + n) % n,
                };
            }
            int[] shape = y.ShapeArray.ToArray();
            shape[dim] = (int)size;
            Tensor.NumelOf(shape, "pad");
            y = y.IndexSelect(dim, Torch.FromArray(map));
        }
        return ReferenceEquals(y, input) ? input.Clone() : y;
    }

    private static string PadText(int[] pad) => NN.PyRepr.Tuple(pad);

    private static Tensor ConstantPad(Tensor input, int[] pad, double value)
    {
        int nd = input.Dim, np = pad.Length / 2;
        int[] shape = input.ShapeArray.ToArray();
        for (int i = 0; i < np; i++)
        {
            int dim = nd - 1 - i;
            long size = (long)shape[dim] + pad[2 * i] + pad[2 * i + 1];
            if (size < 0)
                throw new ArgumentException(
                    $"pad: the padding ({pad[2 * i]}, {pad[2 * i + 1]}) at dimension {dim} of input {input.Shape} gives a negative size ({size})", nameof(pad));
            if (size > Tensor.MaxNumel)
                throw new ArgumentException($"pad: the padding ({pad[2 * i]}, {pad[2 * i + 1]}) at dimension {dim} of input {input.Shape} gives a size too large ({size})", nameof(pad));
            shape[dim] = (int)size;
        }
        var y = Tensor.Empty(shape, input.DType, op: "pad");
        Elementwise.CopyInto(Tensor.Wrap(value), y);
        var src = input.Detach();
        var dst = y.Detach();
        bool any = true;
        for (int i = 0; i < np && any; i++)
        {
            int dim = nd - 1 - i, l = pad[2 * i], r = pad[2 * i + 1], n = input.ShapeArray[dim];
            long len = (long)n - Math.Max(0, -l) - Math.Max(0, -r);
            if (len <= 0) { any = false; break; }
            src = src.Narrow(dim, Math.Max(0, -l), (int)len);
            dst = dst.Narrow(dim, Math.Max(0, l), (int)len);
        }
        if (any && src.Numel > 0) Elementwise.CopyInto(src, dst);
        if (Graph.NeedsGrad(input)) Graph.Record(y, new ConstantPadBackward(pad), input);
        return y;
    }

    private sealed class ConstantPadBackward(int[] pad) : Node
    {
        // The gradient of a constant pad is the opposite pad (a crop where the input was padded, zeros where it was cropped).
        protected internal override Tensor?[] Backward(Tensor grad) => [ConstantPad(grad, [.. pad.Select(p => -p)], 0)];
    }
}
