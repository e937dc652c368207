using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// The value of a one-element tensor as a double (PyTorch's <c>x.item()</c>), exact for every dtype
    /// (float64, float32, the 16-bit floats and integers up to 2^53).
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor does not have exactly one element.</exception>
    public double Item() => Item<double>();

    /// <summary>
    /// The value of a one-element tensor as <typeparamref name="T"/> (any of the eight element types:
    /// float, double, long, int, byte, bool, Half, BFloat16). Converting a float to an integer type truncates, as
    /// Python's <c>int(x)</c>; a value that does not fit (NaN, ±inf, out of range) is an error, not a wrapped number.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor does not have exactly one element.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not an element type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit <typeparamref name="T"/>.</exception>
    public T Item<T>() where T : unmanaged
    {
        CheckElementType<T>("item");
        if (Numel != 1)
            throw new InvalidOperationException($"item: a Tensor with {Numel} elements cannot be converted to a scalar (shape {Shape})");
        var target = DTypeExtensions.Of<T>();
        if (target.IsIntegral() && DType.IsFloatingPoint())
        {
            double v = ToArray<double>()[0];
            if (double.IsNaN(v)) throw new ArgumentOutOfRangeException(nameof(T), $"item: cannot convert float NaN to integer type {target.TorchName()}");
            Kernels.Convert.CheckFits(Math.Truncate(v), target, "item");
        }
        else if (target.IsIntegral() && DType.IsIntegral())
        {
            Kernels.Convert.CheckFits(ToArray<long>()[0], target, "item");
        }
        return ToArray<T>()[0];
    }

    /// <summary>
    /// The elements in row-major order, converted to <typeparamref name="T"/> (any of the eight element types)
    /// with PyTorch's conversion rules (as <see cref="To(DType)"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not an element type.</exception>
    public T[] ToArray<T>() where T : unmanaged
    {
        CheckElementType<T>("tolist");
        var flat = new T[Numel];
        var dst = new Tensor(new Storage<T>(flat), ShapeArray.ToArray(), ContiguousStrides(ShapeArray), 0);
        Elementwise.CopyInto(this, dst);
        return flat;
    }

    private static void CheckElementType<T>(string op) where T : unmanaged
    {
        if (!DTypeExtensions.IsElementType<T>())
            throw new ArgumentException($"{op}: element type {typeof(T).Name} is not supported; use float, double, long, int, byte, bool, Half or BFloat16", nameof(T));
    }

    /// <summary>
    /// The elements as a .NET array of the tensor's rank and element type (e.g. <c>float[,]</c> for a
    /// 2-D float32 tensor, <c>byte[]</c> for uint8); a 0-d tensor gives a one-element 1-D array.
    /// </summary>
    /// <exception cref="NotSupportedException">The tensor has more than 32 dimensions (.NET's limit for arrays).</exception>
    public Array ToArray()
    {
        var f = new ShapedArray(this);
        return Dispatch.Any<ShapedArray, Array>(DType, ref f);
    }

    /// <summary>The .NET array type <c>T[,…]</c> of <paramref name="rank"/> (2 to 32, .NET's limit).</summary>
    internal static Type ArrayTypeOfRank<T>(int rank) => rank switch
    {
        2 => typeof(T[,]),
        3 => typeof(T[,,]),
        4 => typeof(T[,,,]),
        5 => typeof(T[,,,,]),
        6 => typeof(T[,,,,,]),
        7 => typeof(T[,,,,,,]),
        8 => typeof(T[,,,,,,,]),
        9 => typeof(T[,,,,,,,,]),
        10 => typeof(T[,,,,,,,,,]),
        11 => typeof(T[,,,,,,,,,,]),
        12 => typeof(T[,,,,,,,,,,,]),
        13 => typeof(T[,,,,,,,,,,,,]),
        14 => typeof(T[,,,,,,,,,,,,,]),
        15 => typeof(T[,,,,,,,,,,,,,,]),
        16 => typeof(T[,,,,,,,,,,,,,,,]),
        17 => typeof(T[,,,,,,,,,,,,,,,,]),
        18 => typeof(T[,,,,,,,,,,,,,,,,,]),
        19 => typeof(T[,,,,,,,,,,,,,,,,,,]),
        20 => typeof(T[,,,,,,,,,,,,,,,,,,,]),
        21 => typeof(T[,,,,,,,,,,,,,,,,,,,,]),
        22 => typeof(T[,,,,,,,,,,,,,,,,,,,,,]),
        23 => typeof(T[,,,,,,,,,,,,,,,,,,,,,,]),
        24 => typeof(T[,,,,,,,,,,,,,,,,,,,,,,,]),
        25 => typeof(T[,,,,,,,,,,,,,,,,,,,,,,,,]),
        26 => typeof(T[,,,,,,,,,,,,,,,,,,,,,,,,,]),
        27 => typeof(T[,,,,,,,,,,,,,,,,,,,,,,,,,,]),
        28 => typeof(T[,,,,,,,,,,,,,,,,,,,,,,,,,,,]),
        29 => typeof(T[,,,,,,,,,,,,,,,,,,,,,,,,,,,,]),
        30 => typeof(T[,,,,,,,,,,,,,,,,,,,,,,,,,,,,,]),
        31 => typeof(T[,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,]),
        32 => typeof(T[,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,]),
        _ => throw new NotSupportedException(
            $"tolist: a {rank}-d tensor has no .NET array equivalent (.NET arrays have at most 32 dimensions); use ToArray<T>() for the flat elements"),
    };

    private readonly struct ShapedArray(Tensor t) : IElementFunc<Array>
    {
        public Array Invoke<T>() where T : unmanaged
        {
            var flat = t.ToArray<T>();
            if (t.Dim <= 1) return flat;
            var result = Array.CreateInstanceFromArrayType(ArrayTypeOfRank<T>(t.Dim), t.ShapeArray);
            flat.AsSpan().CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
                ref System.Runtime.CompilerServices.Unsafe.As<byte, T>(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(result)), flat.Length));
            return result;
        }
    }


    /// <summary>
    /// This tensor if it is already contiguous, else a contiguous copy (differentiable). The only op
    /// that copies to change layout.
    /// </summary>
    public Tensor Contiguous() => IsContiguous ? this : Clone();

    /// <summary>A contiguous copy with its own storage (differentiable: gradients flow back to this tensor).</summary>
    public Tensor Clone()
    {
        var y = Empty(ShapeArray.ToArray(), DType);
        Elementwise.CopyInto(this, y);
        if (Graph.NeedsGrad(this)) Graph.Record(y, new CloneBackward(), this);
        return y;
    }

    private sealed class CloneBackward : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [grad];
    }

    /// <summary>A tensor sharing this tensor's storage but cut off from the graph (PyTorch's <c>x.detach()</c>).</summary>
    public Tensor Detach() => new(Storage, ShapeArray, StridesArray, Offset);

    /// <summary>
    /// This tensor converted to <paramref name="dtype"/> (a copy), or this tensor when it already has it.
    /// Float-to-float conversions are differentiable.
    /// </summary>
    /// <param name="dtype">The target element type.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public Tensor To(DType dtype)
    {
        if (dtype == DType) return this;
        var y = Empty(ShapeArray.ToArray(), dtype.CheckDefined("to"), op: "to");
        Elementwise.CopyInto(this, y);
        if (dtype.IsFloatingPoint() && Graph.NeedsGrad(this)) Graph.Record(y, new ToCopyBackward(), this);
        return y;
    }

    private sealed class ToCopyBackward : Node
    {
        // The engine casts the gradient back to the input's dtype.
        protected internal override Tensor?[] Backward(Tensor grad) => [grad];
    }

    /// <summary>
    /// Copies the elements of <paramref name="src"/> (broadcast to this shape, converted to this dtype)
    /// into this tensor in place (PyTorch's <c>x.copy_(src)</c>).
    /// </summary>
    /// <param name="src">The source; must broadcast to this tensor's shape.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="InvalidOperationException">This tensor overlaps itself (an expanded tensor), the source partially
    /// overlaps it, or the write cannot be recorded by autograd (a leaf that requires grad, or a view of one).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="src"/> is null.</exception>
    public Tensor Copy_(Tensor src)
    {
        ArgumentNullException.ThrowIfNull(src);
        if (!Broadcasting.CanBroadcastTo(src.ShapeArray, ShapeArray))
            throw new ArgumentException($"copy_: source of shape {src.Shape} cannot be broadcast to destination of shape {Shape}", nameof(src));
        Graph.CheckInPlace(this, "copy_");
        MemoryOverlap.AssertNoInternalOverlap(this, "copy_");
        src = MemoryOverlap.SafeInput(this, src, "copy_");
        if (GradMode.IsEnabled && (RequiresGrad || src.RequiresGrad))
        {
            // The old values are overwritten, so they get no gradient; the source gets the gradient of this tensor.
            var r = src.To(DType).Expand(ShapeArray).Clone();
            return CommitInPlace(r);
        }
        Elementwise.CopyInto(src, this);
        Storage.BumpVersion();
        return this;
    }
}
