namespace Ember.Kernels;

/// <summary>Masks of partial AVX-512 float32 vectors, for the direct kernels' row tails.</summary>
internal static class LaneMasks
{
    private const int Lanes = 16;

    /// <summary>Float32[16·n …]: the mask of a vector with n lanes (all bits set in lanes below n), n = 0 … 16.</summary>
    public static readonly float[] Float32 = Make();

    private static float[] Make()
    {
        var m = new float[(Lanes + 1) * Lanes];
        for (int n = 0; n <= Lanes; n++)
            for (int l = 0; l < n; l++) m[n * Lanes + l] = BitConverter.Int32BitsToSingle(-1);
        return m;
    }
}
