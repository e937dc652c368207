using Ember.Autograd;

namespace Ember.Data;

/// <summary>
/// Batch builders for <see cref="DataLoader{T, TBatch}"/> (PyTorch's <c>default_collate</c>, split by
/// sample type): each stacks the samples' tensors along a new first dimension, so items of shape S become
/// a batch [B, ...S] (0-d targets become [B]).
/// </summary>
public static class Collate
{
    /// <summary>Stacks equally shaped tensors into one [B, ...] tensor (<c>torch.stack(batch, 0)</c>).</summary>
    /// <param name="items">The batch's samples, at least one, all of the same shape and dtype.</param>
    /// <returns>A new contiguous tensor [items.Count, ...item shape]. Tracks autograd only if an item requires grad.</returns>
    /// <exception cref="ArgumentException">The batch is empty, the shapes or dtypes differ, or the batch would have more elements than a tensor holds.</exception>
    public static Tensor Stack(IReadOnlyList<Tensor> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) throw new ArgumentException("collate: cannot stack an empty batch", nameof(items));
        var first = items[0] ?? throw new ArgumentNullException(nameof(items), "collate: sample 0 is null");
        bool needsGrad = false;
        for (int i = 0; i < items.Count; i++)
        {
            var t = items[i] ?? throw new ArgumentNullException(nameof(items), $"collate: sample {i} is null");
            if (!t.ShapeArray.AsSpan().SequenceEqual(first.ShapeArray))
                throw new ArgumentException($"collate: stack expects each tensor to be equal size, but got {first.Shape} at entry 0 and {t.Shape} at entry {i}", nameof(items));
            if (t.DType != first.DType)
                throw new ArgumentException($"collate: expected every sample to have dtype {first.DType.TorchName()}, but entry {i} has {t.DType.TorchName()}", nameof(items));
            needsGrad |= Graph.NeedsGrad(t);
        }
        if (needsGrad) return Torch.Stack(items.ToArray());

        var shape = new int[first.Dim + 1];
        shape[0] = items.Count;
        first.ShapeArray.CopyTo(shape, 1);
        Tensor.NumelOf(shape, "collate"); // B · item size can pass int.MaxValue: a clear error, not an allocator failure
        var result = Tensor.Empty(shape, first.DType);
        switch (first.DType)
        {
            case DType.Float32: CopyRows<float>(items, result); break;
            case DType.Float64: CopyRows<double>(items, result); break;
            case DType.Int64: CopyRows<long>(items, result); break;
            case DType.Bool: CopyRows<bool>(items, result); break;
            default: return Torch.Stack(items.ToArray());
        }
        return result;
    }

    /// <summary>
    /// Collates supervised samples: inputs stacked to [B, ...input shape], targets stacked to [B, ...target
    /// shape] (0-d class indices become int64 [B]). The default collate of <see cref="DataLoader"/>.
    /// </summary>
    /// <param name="items">The batch's samples, at least one.</param>
    /// <exception cref="ArgumentException">The batch is empty, the inputs (or targets) differ in shape or dtype, or a stacked batch would have
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
    /// <exception cref="ArgumentException">The batch is empty, the samples hold different numbers of tensors, shapes or dtypes differ, or a
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

    private static void CopyRows<T>(IReadOnlyList<Tensor> items, Tensor result) where T : unmanaged
    {
        var dst = result.ContiguousSpan<T>();
        int rowSize = items[0].Numel;
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i].Contiguous();
            item.ContiguousSpan<T>().CopyTo(dst.Slice(i * rowSize, rowSize)); // i · rowSize < numel ≤ int.MaxValue
            GC.KeepAlive(item);
        }
        GC.KeepAlive(result);
    }
}
