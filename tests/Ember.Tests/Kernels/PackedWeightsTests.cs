using Ember.Kernels;
using Ember.NN;

namespace Ember.Tests.Kernels;

/// <summary>
/// Inference mode packs convolution weights once: Wᵀ for skinny convolutions (few output pixels), the weight's rows for
/// the implicit GEMM, the Winograd transform for 3×3 layers; the results must not change, and a weight written between
/// calls is packed again.
/// </summary>
public class PackedWeightsTests
{
    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        float scale = expected.Max(MathF.Abs);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-5f * scale, $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Theory]
    [InlineData(64, 48, 3, 1, 1, 2, 1)]   // 2×2 map: 4 output pixels
    [InlineData(32, 40, 3, 2, 1, 5, 1)]   // stride 2: 3×3 outputs
    [InlineData(24, 36, 1, 2, 0, 6, 1)]   // 1×1 stride-2 downsample
    [InlineData(16, 32, 3, 1, 1, 4, 4)]   // groups
    [InlineData(3, 8, 3, 1, 0, 3, 1)]     // a single output pixel
    public void InferenceOutput_MatchesNoGrad_AndFollowsWeightUpdates(int c, int o, int k, int stride, int pad, int hw, int groups)
    {
        var g = new Generator(7);
        var conv = new Conv2d(c, o, k, stride: stride, padding: pad, groups: groups, generator: g);
        var x = Torch.Randn([1, c, hw, hw], generator: g);
        float[] expected;
        using (Torch.NoGrad()) expected = conv.Call(x).ToArray<float>();
        for (int call = 0; call < 3; call++) // the first call remembers the weight, later ones pack it and reuse it
            using (Torch.InferenceMode()) AssertClose(expected, conv.Call(x).ToArray<float>());

        using (Torch.NoGrad()) conv.Weight.Mul_(-2);
        using (Torch.NoGrad()) expected = conv.Call(x).ToArray<float>();
        for (int call = 0; call < 3; call++)
            using (Torch.InferenceMode()) AssertClose(expected, conv.Call(x).ToArray<float>());
    }

    /// <summary>The implicit GEMM with the weight packed once and Winograd with its transform kept give the same bits as
    /// packing and transforming on every call (what grad mode does).</summary>
    [Theory]
    [InlineData(1, 16, 24, 3, 1, 1, 9, 1)]    // implicit GEMM, one sample (81 pixels)
    [InlineData(3, 20, 40, 3, 2, 1, 17, 1)]   // stride 2, three samples, one chunk
    [InlineData(2, 12, 16, 5, 1, 2, 12, 2)]   // groups
    [InlineData(4, 64, 64, 3, 1, 1, 16, 1)]   // Winograd F(4,3)
    [InlineData(16, 32, 48, 3, 1, 1, 6, 1)]   // Winograd F(2,3) (below 8×8 in grad mode too)
    public void PackedOnceGivesTheSameBits(int n, int c, int o, int k, int stride, int pad, int hw, int groups)
    {
        var g = new Generator(11);
        var conv = new Conv2d(c, o, k, stride: stride, padding: pad, groups: groups, generator: g);
        var x = Torch.Randn([n, c, hw, hw], generator: g);
        for (int round = 0; round < 2; round++)
        {
            float[] expected;
            using (Torch.NoGrad()) expected = conv.Call(x).ToArray<float>();
            for (int call = 0; call < 3; call++)
                using (Torch.InferenceMode()) Assert.Equal(expected, conv.Call(x).ToArray<float>());
            using (Torch.NoGrad()) conv.Weight.Mul_(-0.5).Add_(0.01);
        }
    }

    /// <summary>Winograd's transformed weights kept packed per transform point (inference mode) give the same bits as the
    /// per-call transform at batch 1 too, where each point's product has only 16 or 4 tile rows (fewer than a micro-tile's
    /// column block) and output channels that are not a multiple of the packing width.</summary>
    [Theory]
    [InlineData(4, 1, 64, 64, 16)]  // F(4,3): 16 tiles
    [InlineData(2, 1, 64, 48, 8)]   // F(2,3): 16 tiles, 48 outputs (packed to 64 columns)
    [InlineData(2, 1, 24, 20, 4)]   // F(2,3): 4 tiles, channels off the 16-lane padding
    [InlineData(4, 3, 40, 72, 13)]  // F(4,3): 16 tiles a sample over 3 samples, a partial last tile
    public void WinogradPackedPointsGiveTheSameBitsAtBatchOne(int m, int n, int c, int o, int hw)
    {
        var g = new Generator(12);
        var conv = new Conv2d(c, o, 3, padding: 1, generator: g);
        var x = Torch.Randn([n, c, hw, hw], generator: g);
        Winograd.Force = m;
        try
        {
            float[] expected;
            using (Torch.NoGrad()) expected = conv.Call(x).ToArray<float>();
            for (int call = 0; call < 3; call++)
                using (Torch.InferenceMode()) Assert.Equal(expected, conv.Call(x).ToArray<float>());
        }
        finally
        {
            Winograd.Force = null;
        }
    }
}
