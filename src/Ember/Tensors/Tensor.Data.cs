using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public partial class Tensor
{
    /// <summary>The value of a one-element tensor as a float (PyTorch's <c>x.item()</c>).</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have exactly one element.</exception>
    public float Item() => Item<float>();

    /// <summary>The value of a one-element tensor converted to <typeparamref name="T"/> (float, double, long or bool).</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have exactly one element.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not float, double, long or bool.</exception>
    public T Item<T>() where T : unmanaged
    {
        CheckElementType<T>("item");
        if (Numel != 1)
            throw new InvalidOperationException($"item: a Tensor with {Numel} elements cannot be converted to a scalar (shape {Shape})");
        return DType switch
        {
            DType.Float32 => Kernels.Convert.Scalar<float, T>(Buffer<float>()[Offset]),
            DType.Float64 => Kernels.Convert.Scalar<double, T>(Buffer<double>()[Offset]),
            DType.Int64 => Kernels.Convert.Scalar<long, T>(Buffer<long>()[Offset]),
            _ => Kernels.Convert.Scalar<bool, T>(Buffer<bool>()[Offset]),
        };
    }

    /// <summary>The elements in row-major order, converted to <typeparamref name="T"/> (float, double, long or bool).</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not float, double, long or bool.</exception>
    public T[] ToArray<T>() where T : unmanaged
    {
        CheckElementType<T>("ToArray");
        var flat = new T[Numel];
        var dst = new Tensor(new Storage<T>(flat), ShapeArray.ToArray(), ContiguousStrides(ShapeArray), 0);
        Elementwise.CopyInto(this, dst);
        return flat;
    }

    private static void CheckElementType<T>(string op)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double) && typeof(T) != typeof(long) && typeof(T) != typeof(bool))
            throw new ArgumentException($"{op}: element type {typeof(T).Name} is not supported; use float, double, long or bool", nameof(T));
    }

    /// <summary>
    /// The elements as a .NET array of the tensor's rank and element type (e.g. <c>float[,]</c> for a
    /// 2-D float32 tensor); a 0-d tensor gives a one-element 1-D array.
    /// </summary>
    /// <exception cref="NotSupportedException">The tensor has more than 32 dimensions (.NET's limit for arrays).</exception>
    public Array ToArray() => DType switch
    {
        DType.Float32 => Shaped(ToArray<float>()),
        DType.Float64 => Shaped(ToArray<double>()),
        DType.Int64 => Shaped(ToArray<long>()),
        _ => Shaped(ToArray<bool>()),
    };

    private Array Shaped<T>(T[] flat) where T : unmanaged
    {
        if (Dim <= 1) return flat;
        // The array type is named statically (not built with MakeArrayType), so NativeAOT has its code.
        var result = Array.CreateInstanceFromArrayType(ArrayTypeOfRank<T>(Dim), ShapeArray);
        System.Buffer.BlockCopy(flat, 0, result, 0, flat.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return result;
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
            $"ToArray: a {rank}-d tensor has no .NET array equivalent (.NET arrays have at most 32 dimensions); use ToArray<T>() for the flat elements"),
    };

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
    public Tensor To(DType dtype)
    {
        if (dtype == DType) return this;
        var y = Empty(ShapeArray.ToArray(), dtype);
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
    public Tensor Copy_(Tensor src)
    {
        if (!Broadcasting.CanBroadcastTo(src.ShapeArray, ShapeArray))
            throw new ArgumentException($"copy_: source of shape {src.Shape} cannot be broadcast to destination of shape {Shape}", nameof(src));
        Graph.CheckInPlace(this, "copy_");
        if (GradMode.IsEnabled && (RequiresGrad || src.RequiresGrad))
        {
            if (ViewBase != null)
                throw new InvalidOperationException(
                    $"copy_: copying into a view ({Shape}) while autograd records is not supported; build the tensor with Cat/Where or copy under Torch.NoGrad()");
            // The old values are overwritten, so they get no gradient; the source gets the gradient of this tensor.
            var r = src.To(DType).Expand(ShapeArray).Clone();
            return TakeOver(r);
        }
        Elementwise.CopyInto(src, this);
        Storage.BumpVersion();
        return this;
    }
}
