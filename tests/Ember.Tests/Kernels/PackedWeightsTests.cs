using Ember.NN;

namespace Ember.Tests.Kernels;

/// <summary>Inference mode packs the weights of skinny convolutions (few output pixels) once; the results must not change.</summary>
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
}
