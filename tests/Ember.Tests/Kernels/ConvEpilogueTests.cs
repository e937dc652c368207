using Ember.Kernels;
using Ember.NN;

namespace Ember.Tests.Kernels;

/// <summary>
/// The inference epilogues: a convolution's fused ReLU on every kernel path (GEMM one sample per chunk, batched small
/// planes, depthwise, Winograd, direct) against relu(conv) of the same kernel, NaN kept; and the residual add + ReLU in
/// place against relu(y + identity), with the inputs it must decline; a Sequential's Conv2d → ReLU fused in inference.
/// </summary>
public class ConvEpilogueTests
{
    [Theory]
    [InlineData(2, 5, 7, 3, 1, 1, 33, 1, DType.Float32)]   // GEMM, one sample per chunk (≥ 1024 outputs)
    [InlineData(6, 8, 12, 3, 1, 1, 6, 1, DType.Float32)]   // batched small planes
    [InlineData(3, 8, 8, 3, 2, 1, 9, 8, DType.Float32)]    // depthwise
    [InlineData(4, 64, 64, 3, 1, 1, 16, 1, DType.Float32)] // Winograd
    [InlineData(4, 3, 16, 3, 1, 1, 32, 1, DType.Float32)]  // direct (few input channels)
    [InlineData(1, 16, 8, 3, 1, 1, 200, 1, DType.Float32)] // direct, its taps in two groups (200-wide rows): ReLU on the last
    [InlineData(3, 6, 10, 3, 1, 0, 8, 2, DType.Float64)]
    public void FusedReluEqualsReluOfTheConvolution(int n, int c, int o, int k, int s, int p, int hw, int groups, DType dtype)
    {
        var gen = new Generator(n * 100 + c + o);
        var x = Torch.Randn([n, c, hw, hw], dtype: dtype, generator: gen);
        using (Torch.NoGrad()) x[0, 0, 1, 1].Fill_(double.NaN);
        var w = Torch.Randn([o, c / groups, k, k], dtype: dtype, generator: gen);
        var b = Torch.Randn([o], dtype: dtype, generator: gen);
        int oh = (hw + 2 * p - k) / s + 1;
        var g = new ConvGeometry(n, c, hw, hw, o, k, k, s, s, p, p, 1, 1, groups, oh, oh);
        foreach (var bias in new[] { b, null })
        {
            var plain = Torch.Empty([n, o, oh, oh], dtype: dtype);
            var fused = Torch.Empty([n, o, oh, oh], dtype: dtype);
            ConvKernels.Forward(x, w, bias, plain, g);
            ConvKernels.Forward(x, w, bias, fused, g, relu: true);
            var expected = plain.ToArray<double>().Select(v => double.IsNaN(v) ? v : Math.Max(v, 0)).ToArray();
            var actual = fused.ToArray<double>();
            Assert.Contains(actual, double.IsNaN);
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>A Sequential's Conv2d → ReLU runs as one convolution with the ReLU in its epilogue in inference mode
    /// (LeNet, VGG, AlexNet): the same values as the two modules (NaN kept), on the direct, Winograd, GEMM and depthwise
    /// paths, with reflect padding, in float32 and float64; with a hook on either module the modules run as usual.</summary>
    [Fact]
    public void SequentialConvReluMatchesTheModules()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var g = new Generator(5);
            var seq = new Sequential(
                new Conv2d(1, 6, 5, padding: 2, generator: g), new ReLU(),          // direct (one input channel)
                new Conv2d(6, 40, 3, padding: 1, generator: g), new ReLU(),         // GEMM
                new Conv2d(40, 40, 3, padding: 1, groups: 40, generator: g), new ReLU(), // depthwise
                new Conv2d(40, 64, 3, padding: 1, paddingMode: "reflect", generator: g), new ReLU(),
                new Conv2d(64, 64, 3, padding: 1, generator: g), new ReLU());       // Winograd (inference mode, 16×16)
            seq.To(dtype);
            var x = Torch.Randn([2, 1, 16, 16], dtype: dtype, generator: g);
            using (Torch.NoGrad()) x[0, 0, 4, 4].Fill_(double.NaN);
            double[] expected;
            using (Torch.NoGrad()) expected = seq.Call(x).ToArray<double>();
            Assert.Contains(expected, double.IsNaN);
            for (int call = 0; call < 3; call++)
            {
                double[] actual;
                using (Torch.InferenceMode()) actual = seq.Call(x).ToArray<double>();
                Assert.Equal(expected.Length, actual.Length);
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(double.IsNaN(expected[i]) ? double.IsNaN(actual[i]) : actual[i] >= 0 && Math.Abs(actual[i] - expected[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])),
                        $"{dtype} call {call} element {i}: expected {expected[i]}, got {actual[i]}");
            }
            // A hook on the ReLU sees its own input: the pair is not fused.
            int seen = 0;
            using (((ReLU)seq[1]).RegisterForwardHook((m, input, output) => seen++))
            using (Torch.InferenceMode()) seq.Call(x);
            Assert.Equal(1, seen);
        }
    }

    [Fact]
    public void AddReluInPlace_MatchesReluOfTheSum()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (int size in new[] { 1, 17, 100_000 })
            {
                var gen = new Generator(size);
                var y = Torch.Randn([size], dtype: dtype, generator: gen);
                var id = Torch.Randn([size], dtype: dtype, generator: gen);
                using (Torch.NoGrad()) y[0].Fill_(double.NaN);
                var expected = F.Relu(y + id).ToArray<double>();
                int version = y.Version;
                Assert.True(AddReluKernel.TryInPlace(y, id));
                Assert.Equal(expected, y.ToArray<double>());
                Assert.True(y.Version > version);
            }
    }

    [Fact]
    public void AddReluInPlace_DeclinesWhatItCannotDoInPlace()
    {
        var y = Torch.Randn([4, 3]);
        var before = y.ToArray<float>();
        Assert.False(AddReluKernel.TryInPlace(y, Torch.Randn([3])));              // broadcasting
        Assert.False(AddReluKernel.TryInPlace(y, Torch.Randn([4, 3], dtype: DType.Float64)));
        Assert.False(AddReluKernel.TryInPlace(y, Torch.Randn([3, 4]).T));       // not contiguous
        Assert.False(AddReluKernel.TryInPlace(y, y.View(4, 3)));                  // the same storage
        Assert.False(AddReluKernel.TryInPlace(Torch.Ones([2], dtype: DType.Int64), Torch.Ones([2], dtype: DType.Int64)));
        Assert.Equal(before, y.ToArray<float>());
    }
}
