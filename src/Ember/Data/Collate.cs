using Ember.Autograd;

namespace Ember.Data;

/// <summary>
/// Batch builders for <see cref="DataLoader{T, TBatch}"/> (PyTorch's <c>default_collate</c>, split by
/// sample type): each stacks the samples' tensors along a new first dimension, so items of shape S become
/// a batch [B, ...S] (0-d targets become [B]); every dtype, each field collated on its own (a uint8 input and an
/// int64 target stay uint8 and int64), numbers become 1-D tensors as <c>torch.tensor(batch)</c> makes them.
/// </summary>
public static class Collate
{
    /// <summary>
    /// Stacks equally shaped tensors into one [B, ...] tensor (<c>torch.stack(batch, 0)</c>, as <c>default_collate</c> does
    /// for tensors): every dtype; tensors of different dtypes are promoted to their common dtype first
    /// (<see cref="Torch.PromoteTypes"/>), as <c>torch.stack</c> does.
    /// </summary>
    /// <param name="items">The batch's samples, at least one, all of the same shape.</param>
    /// <returns>A new contiguous tensor [items.Count, ...item shape] of the promoted dtype. Tracks autograd only if an item requires grad.</returns>
    /// <exception cref="ArgumentException">The batch is empty, the shapes differ, or the batch would have more elements than a tensor holds.</exception>
    public static Tensor Stack(IReadOnlyList<Tensor> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) throw new ArgumentException("collate: cannot stack an empty batch", nameof(items));
        var first = items[0] ?? throw new ArgumentNullException(nameof(items), "collate: sample 0 is null");
        bool needsGrad = false;
        var dtype = first.DType;
        for (int i = 0; i < items.Count; i++)
        {
            var t = items[i] ?? throw new ArgumentNullException(nameof(items), $"collate: sample {i} is null");
            if (!t.ShapeArray.AsSpan().SequenceEqual(first.ShapeArray))
                throw new ArgumentException($"collate: stack expects each tensor to be equal size, but got {first.Shape} at entry 0 and {t.Shape} at entry {i}", nameof(items));
            dtype = Torch.PromoteTypes(dtype, t.DType);
            needsGrad |= Graph.NeedsGrad(t);
        }
        if (needsGrad) return Torch.Stack(items.ToArray());

        var shape = new int[first.Dim + 1];
        shape[0] = items.Count;
        first.ShapeArray.CopyTo(shape, 1);
        Tensor.NumelOf(shape, "collate"); // B · item size can pass int.MaxValue: a clear error, not an allocator failure
        return Kernels.CollateKernels.Stack(items, shape, dtype);
    }

    /// <summary>
    /// Collates numbers into a 1-D tensor [B] (<c>default_collate</c> of Python numbers, <c>torch.tensor(batch)</c>): the dtype
    /// is <see cref="Torch.FromArray{T}(T[], int[])"/>'s — <c>int</c> and <c>long</c> → int64 (Python's int), <c>double</c> →
    /// float64 (Python's float), <c>float</c> → float32 and <c>byte</c> → uint8 (NumPy's scalars), <c>bool</c> → bool,
    /// <see cref="Half"/> → float16, <see cref="BFloat16"/> → bfloat16.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="items">The batch's numbers, at least one.</param>
    /// <returns>A new tensor [items.Count].</returns>
    /// <exception cref="ArgumentException">The batch is empty.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the element types above.</exception>
    public static Tensor Numbers<T>(IReadOnlyList<T> items) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) throw new ArgumentException("collate: cannot collate an empty batch", nameof(items));
        if (!DTypeExtensions.IsElementType<T>())
            throw new NotSupportedException($"collate: default_collate: batch must contain tensors or numbers of a tensor element type (float, double, long, int, byte, bool, Half, BFloat16); found {typeof(T).Name}");
        var values = new T[items.Count];
        for (int i = 0; i < values.Length; i++) values[i] = items[i];
        return Torch.FromArray(values);
    }

    /// <summary>
    /// Collates supervised samples whose target is a number (<c>default_collate</c> of <c>(tensor, int)</c> tuples): inputs
    /// stacked to [B, ...input shape] (see <see cref="Stack"/>), targets collated to [B] (see <see cref="Numbers{T}"/>:
    /// int64 for <c>int</c>/<c>long</c> class indices).
    /// </summary>
    /// <typeparam name="TTarget">The target's number type.</typeparam>
    /// <param name="items">The batch's samples, at least one.</param>
    /// <exception cref="ArgumentException">The batch is empty, the inputs differ in shape, or a stacked batch would have more elements than a tensor holds.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="TTarget"/> is not a number type a tensor holds.</exception>
    public static (Tensor Input, Tensor Target) Pairs<TTarget>(IReadOnlyList<(Tensor Input, TTarget Target)> items) where TTarget : unmanaged
    {
        ArgumentNullException.ThrowIfNull(items);
        var inputs = new Tensor[items.Count];
        var targets = new TTarget[items.Count];
        for (int i = 0; i < inputs.Length; i++) (inputs[i], targets[i]) = items[i];
        return (Stack(inputs), Numbers(targets));
    }

    /// <summary>
    /// Collates supervised samples: inputs stacked to [B, ...input shape], targets stacked to [B, ...target
    /// shape] (0-d class indices become int64 [B]). The default collate of <see cref="DataLoader"/>.
    /// </summary>
    /// <param name="items">The batch's samples, at least one.</param>
    /// <exception cref="ArgumentException">The batch is empty, the inputs (or targets) differ in shape, or a stacked batch would have
    /// more elements than a tensor holds.</exception>
    public static (Tensor Input, Tensor Target) Pairs(IReadOnlyList<(Tensor Input, Tensor Target)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var inputs = new Tensor[items.Count];
        var targets = new Tensor[items.Count];
        for (int i = 0; i < inputs.Length; i++) (inputs[i], targets[i]) = items[i];
        return (Stack(inputs), Stack(targets));
    }

    /// <summary>Collates <see cref="TensorDataset"/> samples: element k of the result stacks element k of every sample.</summary>
    /// <param name="items">The batch's samples, at least one, all with the same number of tensors.</param>
    /// <exception cref="ArgumentException">The batch is empty, the samples hold different numbers of tensors, shapes differ, or a
    /// stacked batch would have more elements than a tensor holds.</exception>
    public static Tensor[] Arrays(IReadOnlyList<Tensor[]> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) throw new ArgumentException("collate: cannot stack an empty batch", nameof(items));
        int k = items[0].Length;
        var result = new Tensor[k];
        var column = new Tensor[items.Count];
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < column.Length; i++)
            {
                if (items[i].Length != k)
                    throw new ArgumentException($"collate: each element in list of batch should be of equal size (sample 0 holds {k} tensors, sample {i} holds {items[i].Length})", nameof(items));
                column[i] = items[i][j];
            }
            result[j] = Stack(column);
        }
        return result;
    }
}
