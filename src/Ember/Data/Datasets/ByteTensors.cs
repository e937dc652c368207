namespace Ember.Data;

/// <summary>Builds tensors from the raw bytes that image and label files store.</summary>
internal static class ByteTensors
{
    /// <summary>The bytes as float32 values 0…255 in a tensor of <paramref name="shape"/>.</summary>
    public static Tensor Float32(ReadOnlySpan<byte> bytes, Size shape)
    {
        var t = Torch.Empty(shape, DType.Float32);
        var dst = t.ContiguousSpan<float>();
        for (int i = 0; i < bytes.Length; i++) dst[i] = bytes[i];
        return t;
    }

    /// <summary>The bytes as int64 values in a tensor of <paramref name="shape"/>.</summary>
    public static Tensor Int64(ReadOnlySpan<byte> bytes, Size shape)
    {
        var t = Torch.Empty(shape, DType.Int64);
        var dst = t.ContiguousSpan<long>();
        for (int i = 0; i < bytes.Length; i++) dst[i] = bytes[i];
        return t;
    }
}
