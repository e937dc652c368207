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
        var result = Array.CreateInstance(typeof(T), ShapeArray);
        System.Buffer.BlockCopy(flat, 0, result, 0, flat.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return result;
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
            if (ViewBase is not null)
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
