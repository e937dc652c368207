using Ember.NN;
using Ember.NN.Utils;
using Ember.Vision;

namespace Ember.Tests.NN;

/// <summary>
/// BatchNorm folded into the convolution before it: <see cref="Fusion"/> against PyTorch 1.13's
/// <c>torch.nn.utils.fusion</c> values, and the automatic folding in inference mode (Sequential, ResNet blocks) against
/// the unfused modules, with the cases that must not fold (hooks, training mode, autograd, bad inputs).
/// </summary>
public class ConvBnFusionTests
{
    /// <summary>conv 2→3, 2×2 kernel, weight linspace(−1, 1, 24), bias [0.5, −0.25, 0.125]; BN eps 1e-3 with the statistics below.</summary>
    private static (Conv2d Conv, BatchNorm2d Bn) ReferencePair()
    {
        var conv = new Conv2d(2, 3, 2);
        var bn = new BatchNorm2d(3, eps: 1e-3);
        using (Torch.NoGrad())
        {
            conv.Weight.Copy_(Torch.Linspace(-1, 1, 24).Reshape(3, 2, 2, 2));
            conv.Bias!.Copy_(Torch.FromArray(new[] { 0.5f, -0.25f, 0.125f }));
            bn.RunningMean!.Copy_(Torch.FromArray(new[] { 0.1f, -0.2f, 0.3f }));
            bn.RunningVar!.Copy_(Torch.FromArray(new[] { 0.5f, 2.0f, 0.04f }));
            bn.Weight!.Copy_(Torch.FromArray(new[] { 1.5f, -0.5f, 2.0f }));
            bn.Bias!.Copy_(Torch.FromArray(new[] { 0.0f, 0.3f, -0.7f }));
        }
        conv.Eval();
        bn.Eval();
        return (conv, bn);
    }

    [Fact]
    public void FuseConvBnEval_MatchesPyTorch()
    {
        var (conv, bn) = ReferencePair();
        var fused = Fusion.FuseConvBnEval(conv, bn);
        TestUtil.Close([-2.11920214, -1.93492377, -1.75064516, -1.56636679, -1.3820883, -1.19780982, -1.01353145, -0.82925296,
            0.10757632, 0.07684022, 0.04610413, 0.01536804, -0.01536805, -0.04610415, -0.07684023, -0.10757633,
            3.8650291, 4.72392464, 5.58281946, 6.44171476, 7.30061054, 8.15950584, 9.01840115, 9.87729645], fused.Weight, 1e-6);
        TestUtil.Close([0.84768093, 0.31767327, -2.42852688], fused.Bias!, 1e-6);
        Assert.True(fused.Weight.RequiresGrad && fused.Bias!.RequiresGrad);
        Assert.False(fused.Training);
        // The layers are untouched, and the fused one computes bn(conv(x)).
        TestUtil.Close([0.5, -0.25, 0.125], conv.Bias!, 0);
        var x = Torch.Randn([2, 2, 5, 4], generator: new Generator(1));
        using (Torch.NoGrad())
            TestUtil.Close(bn.Call(conv.Call(x)).ToArray<float>().Select(v => (double)v).ToArray(), fused.Call(x), 1e-5);
    }

    [Fact]
    public void FuseConvBnWeights_WithoutBiasOrAffine_MatchesPyTorch()
    {
        var (conv, bn) = ReferencePair();
        var (w, b) = Fusion.FuseConvBnWeights(conv.Weight, null, bn.RunningMean!, bn.RunningVar!, 1e-3, null, null);
        TestUtil.Close([-1.4128015, -1.28994918, -1.16709685, -1.04424465, -0.92139226, -0.79853994, -0.67568767, -0.55283535,
            -0.21515264, -0.15368044, -0.09220827, -0.03073608, 0.03073611, 0.0922083, 0.15368046, 0.21515267,
            1.93251455, 2.36196232, 2.79140973, 3.22085738, 3.65030527, 4.07975292, 4.50920057, 4.93864822], w, 1e-6);
        TestUtil.Close([-0.14128016, 0.14138602, -1.48159456], b, 1e-6);
        Assert.True(b.RequiresGrad);
    }

    [Fact]
    public void Fusion_RejectsTrainingModeAndMismatches()
    {
        var (conv, bn) = ReferencePair();
        bn.Train();
        Assert.Contains("Fusion only for eval", Assert.Throws<ArgumentException>(() => Fusion.FuseConvBnEval(conv, bn)).Message);
        bn.Eval();
        var noStats = new BatchNorm2d(3, trackRunningStats: false);
        noStats.Eval();
        Assert.Throws<ArgumentException>(() => Fusion.FuseConvBnEval(conv, noStats));
        Assert.Throws<ArgumentNullException>(() => Fusion.FuseConvBnEval(null!, bn));
        var e = Assert.Throws<ArgumentException>(() => Fusion.FuseConvBnWeights(conv.Weight, null, Torch.Zeros([4]), bn.RunningVar!, 1e-5, null, null));
        Assert.StartsWith("fuse_conv_bn_weights:", e.Message);
        Assert.Contains("[4]", e.Message);
        Assert.Throws<ArgumentException>(() => Fusion.FuseConvBnWeights(conv.Weight, null, bn.RunningMean!.To(DType.Float64), bn.RunningVar!, 1e-5, null, null));
    }

    /// <summary>BatchNorm with non-trivial statistics everywhere, so that folding changes the weights.</summary>
    private static void RandomizeStatistics(Module model, int seed)
    {
        var g = new Generator(seed);
        using (Torch.NoGrad())
            foreach (var m in model.Modules().OfType<BatchNorm>())
            {
                m.RunningMean!.Copy_(Torch.Randn([m.NumFeatures], generator: g) * 0.1);
                m.RunningVar!.Copy_(Torch.Rand([m.NumFeatures], generator: g) + 0.5);
                m.Weight?.Copy_(Torch.Rand([m.NumFeatures], generator: g) + 0.5);
                m.Bias?.Copy_(Torch.Randn([m.NumFeatures], generator: g) * 0.1);
            }
    }

    private static void AssertClose(Tensor expected, Tensor actual, double tol)
    {
        var e = expected.ToArray<float>();
        var a = actual.ToArray<float>();
        Assert.Equal(e.Length, a.Length);
        double scale = Math.Max(1e-3, e.Max(v => Math.Abs(v)));
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tol * scale, $"element {i}: expected {e[i]}, got {a[i]} (scale {scale})");
    }

    [Fact]
    public void ResNet_InInferenceMode_FoldsEveryPair_AndMatchesTheModules()
    {
        var net = Models.ResNet18(numClasses: 10, generator: new Generator(3));
        RandomizeStatistics(net, 4);
        net.Eval();
        var x = Torch.Randn([2, 3, 32, 32], generator: new Generator(5));
        Tensor expected;
        using (Torch.NoGrad()) expected = net.Call(x);
        for (int call = 0; call < 2; call++)
        {
            int before = ConvBnInference.Folds;
            Tensor actual;
            using (Torch.InferenceMode()) actual = net.Call(x);
            Assert.Equal(20, ConvBnInference.Folds - before); // the stem, 16 block convolutions and 3 shortcuts
            AssertClose(expected, actual, 1e-4);
        }
        // New statistics (a training step) are folded again.
        net.Train();
        using (Torch.NoGrad()) net.Call(Torch.Randn([4, 3, 32, 32], generator: new Generator(6)) * 3);
        net.Eval();
        using (Torch.NoGrad()) expected = net.Call(x);
        using (Torch.InferenceMode()) AssertClose(expected, net.Call(x), 1e-4);
    }

    [Fact]
    public void FoldedWeightsMadeInADisposeScopeOutliveIt()
    {
        var g = new Generator(12);
        var seq = new Sequential(new Conv2d(2, 4, 3, generator: g), new BatchNorm2d(4), new ReLU());
        RandomizeStatistics(seq, 13);
        seq.Eval();
        var x = Torch.Randn([2, 2, 6, 6], generator: g);
        Tensor expected;
        using (Torch.NoGrad()) expected = seq.Call(x);
        using var inference = Torch.InferenceMode();
        for (int call = 0; call < 3; call++)
        {
            using var scope = Torch.NewDisposeScope();
            AssertClose(expected, seq.Call(x), 1e-5);
        }
    }

    [Fact]
    public void Sequential_FoldsConvBnAndConvBnRelu()
    {
        var g = new Generator(7);
        var seq = new Sequential(new Conv2d(3, 8, 3, padding: 1, generator: g), new BatchNorm2d(8), new ReLU(),
            new Conv2d(8, 5, 1, bias: false, generator: g), new BatchNorm2d(5), new MaxPool2d(2));
        RandomizeStatistics(seq, 8);
        seq.Eval();
        var x = Torch.Randn([2, 3, 9, 9], generator: g);
        Tensor expected;
        using (Torch.NoGrad()) expected = seq.Call(x);
        int before = ConvBnInference.Folds;
        using (Torch.InferenceMode()) AssertClose(expected, seq.Call(x), 1e-5);
        Assert.Equal(2, ConvBnInference.Folds - before);
        // float64 folds too.
        seq.To(DType.Float64);
        var x64 = x.To(DType.Float64);
        using (Torch.NoGrad()) expected = seq.Call(x64);
        using (Torch.InferenceMode())
        {
            var actual = seq.Call(x64);
            Assert.Equal(DType.Float64, actual.DType);
            TestUtil.Close(expected.ToArray<double>(), actual, 1e-12);
        }
    }

    /// <summary>BN without affine parameters, a convolution with groups, dilation and a reflect padding mode, no bias.</summary>
    [Fact]
    public void FoldsEveryConvolutionAndBatchNormVariant()
    {
        var g = new Generator(14);
        var seq = new Sequential(
            new Conv2d(4, 6, 3, padding: 1, groups: 2, bias: false, paddingMode: "reflect", generator: g), new BatchNorm2d(6, affine: false),
            new Conv2d(6, 6, 3, dilation: 2, padding: 2, groups: 6, generator: g), new BatchNorm2d(6, eps: 1e-3), new ReLU());
        RandomizeStatistics(seq, 15);
        seq.Eval();
        var x = Torch.Randn([2, 4, 7, 9], generator: g);
        Tensor expected;
        using (Torch.NoGrad()) expected = seq.Call(x);
        int before = ConvBnInference.Folds;
        using (Torch.InferenceMode()) AssertClose(expected, seq.Call(x), 1e-5);
        Assert.Equal(2, ConvBnInference.Folds - before);
    }

    [Fact]
    public void HooksTrainingModeAndAutogradKeepTheModules()
    {
        var g = new Generator(9);
        var seq = new Sequential(new Conv2d(2, 4, 3, generator: g), new BatchNorm2d(4), new ReLU());
        RandomizeStatistics(seq, 10);
        seq.Eval();
        var x = Torch.Randn([3, 2, 6, 6], generator: g);
        int before = ConvBnInference.Folds;
        // A hook on the BN must run (and see BN's own input).
        int calls = 0;
        using (seq[1].RegisterForwardHook((m, input, output) => calls++))
            using (Torch.InferenceMode()) seq.Call(x);
        Assert.Equal(1, calls);
        // Outside inference mode (grad mode, no_grad) nothing folds.
        seq.Call(x);
        using (Torch.NoGrad()) seq.Call(x);
        // BN in training mode uses the batch's statistics: no folding, and the running statistics are updated.
        seq[1].Train();
        var meanBefore = ((BatchNorm2d)seq[1]).RunningMean!.ToArray<float>();
        using (Torch.InferenceMode()) seq.Call(x);
        Assert.NotEqual(meanBefore, ((BatchNorm2d)seq[1]).RunningMean!.ToArray<float>());
        Assert.Equal(before, ConvBnInference.Folds);
    }

    [Fact]
    public void BadInputs_RaiseWhatTheModulesRaise()
    {
        var g = new Generator(11);
        var seq = new Sequential(new Conv2d(2, 4, 3, generator: g), new BatchNorm2d(4));
        seq.Eval();
        using (Torch.InferenceMode())
        {
            // Unbatched input: Conv2d takes it, BatchNorm2d rejects a 3-D input.
            var unbatched = Assert.Throws<ArgumentException>(() => seq.Call(Torch.Randn([2, 6, 6], generator: g)));
            using (Torch.NoGrad())
                Assert.Equal(Assert.Throws<ArgumentException>(() => seq.Call(Torch.Randn([2, 6, 6], generator: g))).Message, unbatched.Message);
            Assert.StartsWith("conv2d:", Assert.Throws<ArgumentException>(() => seq.Call(Torch.Randn([1, 3, 6, 6], generator: g))).Message);
            Assert.Throws<ArgumentException>(() => seq.Call(Torch.Randn([1, 2, 6, 6], dtype: DType.Float64, generator: g)));
        }
    }
}
