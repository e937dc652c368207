namespace Ember.Kernels;

/// <summary>The batch builder behind <c>Ember.Data.Collate</c> (PyTorch's <c>default_collate</c> stacking tensors).</summary>
internal static class CollateKernels
{
    /// <summary>
    /// Copies <paramref name="items"/> (all of one shape, any dtypes) into consecutive rows of a new contiguous
    /// tensor of <paramref name="shape"/> = [items.Count, ...item shape] and <paramref name="dtype"/> (every dtype);
    /// an item of another dtype is converted with PyTorch's rules, as <c>torch.stack</c> does after type promotion.
    /// The caller has checked the shapes and the size of the result.
    /// </summary>
    public static Tensor Stack(IReadOnlyList<Tensor> items, int[] shape, DType dtype)
    {
        var result = Tensor.Empty(shape, dtype);
        var f = new StackFunc(items, result);
        Dispatch.Any<StackFunc, bool>(dtype, ref f);
        return result;
    }

    private readonly struct StackFunc(IReadOnlyList<Tensor> items, Tensor result) : IElementFunc<bool>
    {
        public bool Invoke<T>() where T : unmanaged
        {
            int rowSize = items.Count == 0 ? 0 : result.Numel / items.Count;
            var itemShape = result.ShapeArray[1..];
            var itemStrides = Tensor.ContiguousStrides(itemShape);
            var dst = result.ContiguousSpan<T>();
            for (int i = 0; i < items.Count; i++)
            {
                var item = items[i];
                int offset = i * rowSize; // i · rowSize < numel ≤ int.MaxValue
                if (item.DType == result.DType && item.IsContiguous)
                {
                    item.ContiguousSpan<T>().CopyTo(dst.Slice(offset, rowSize));
                    GC.KeepAlive(item);
                }
                else
                    Elementwise.CopyInto(item, new Tensor(result.Storage, itemShape, itemStrides, offset));
            }
            GC.KeepAlive(result);
            return true;
        }
    }
}
