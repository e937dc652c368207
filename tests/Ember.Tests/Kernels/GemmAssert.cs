namespace Ember.Tests.Kernels;

/// <summary>Comparisons shared by the GEMM kernel tests.</summary>
internal static class GemmAssert
{
    /// <summary>Every element of <paramref name="actual"/> within <paramref name="tol"/> (relative above magnitude 1) of the naive product's.</summary>
    public static void NearNaive<T>(T[] naive, T[] actual, double tol, string what) where T : unmanaged, System.Numerics.INumber<T>
    {
        Assert.Equal(naive.Length, actual.Length);
        for (int i = 0; i < naive.Length; i++)
            Assert.True(Math.Abs(double.CreateChecked(naive[i] - actual[i])) <= tol * Math.Max(1, Math.Abs(double.CreateChecked(naive[i]))),
                $"{typeof(T).Name} {what} element {i}: expected {naive[i]}, got {actual[i]}");
    }
}
