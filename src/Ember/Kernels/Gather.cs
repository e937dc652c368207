namespace Ember.Kernels;

/// <summary>Reads single elements of any dtype by storage offset, converted to one element type.</summary>
internal static class Gather
{
    /// <summary>The elements at the given storage offsets of <paramref name="t"/>, converted to <typeparamref name="TOut"/> (PyTorch's rules).</summary>
    public static TOut[] AtOffsets<TOut>(Tensor t, IReadOnlyList<int> offsets) where TOut : unmanaged
    {
        var f = new ReadAt<TOut>(t, offsets);
        return Dispatch.Any<ReadAt<TOut>, TOut[]>(t.DType, ref f);
    }

    private readonly struct ReadAt<TOut>(Tensor t, IReadOnlyList<int> offsets) : IElementFunc<TOut[]> where TOut : unmanaged
    {
        public TOut[] Invoke<T>() where T : unmanaged
        {
            var a = t.Typed<T>().Array;
            var r = new TOut[offsets.Count];
            for (int i = 0; i < r.Length; i++) r[i] = Convert.Scalar<T, TOut>(a[offsets[i]]);
            GC.KeepAlive(t);
            return r;
        }
    }
}
