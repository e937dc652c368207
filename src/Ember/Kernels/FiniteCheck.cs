using System.Numerics.Tensors;

namespace Ember.Kernels;

/// <summary>Whether float32 data holds no infinity or NaN: the test a fast path's result passes before it is kept.</summary>
internal static class FiniteCheck
{
    /// <summary>Whether a[offset … offset + length) is all finite; checked by the team from 64K values (an output of a
    /// layer at batch 16 is megabytes, read right after it was written).</summary>
    public static bool All(float[] a, int offset, int length)
    {
        if (length < Elementwise.ParallelThreshold || Threading.NumThreads <= 1 || ThreadTeam.RunsSerially)
            return TensorPrimitives.IsFiniteAll<float>(a.AsSpan(offset, length));
        return InParallel(a, offset, length);
    }

    // Apart from All: a lambda's closure is allocated on entry to the method that declares it.
    private static bool InParallel(float[] a, int offset, int length)
    {
        int nonFinite = 0;
        RowParallel.Rows(length, length, (i0, len) =>
        {
            if (!TensorPrimitives.IsFiniteAll<float>(a.AsSpan(offset + i0, len))) Volatile.Write(ref nonFinite, 1);
        });
        return Volatile.Read(ref nonFinite) == 0;
    }
}
