using Ember.NN;
using Ember.NN.Utils;
using Ember.Vision;

namespace Ember.Tests.NN;

/// <summary>
/// BatchNorm → ReLU run as one op outside inference mode (<c>F.BatchNormRelu</c>, taken by Sequential and the ResNet
/// blocks): the same bits as the two modules, forward, running statistics and every gradient, on short and long planes,
/// [N, C] input and evaluation mode, with the values where the ReLU's mask decides (zeros, −0, NaN, infinities); the
/// differentiable backward (double backward); the cases that must not fuse (hooks, half precision).
/// </summary>
public class BatchNormReluFusionTests
{
    /// <summary>x with channel 0 constant (x̂ = 0, so y = bias exactly: 0 with a zero bias, the ReLU's edge), the rest
    /// random, and at <paramref name="special"/> a NaN, ±∞ and −0 in channel 1.</summary>
    private static Tensor Input(int[] shape, DType dtype, bool special)
    {
        var x = Torch.Randn(shape, DType.Float64, new Generator(shape.Sum() + 3)) * 1.5 + 0.25;
        using (Torch.NoGrad())
        {
            x.Select(1, 0).Fill_(0.75);
            if (special)
            {
                var flat = x.Select(1, 1).Reshape(-1);
                flat[0].Fill_(double.NaN);
                flat[1].Fill_(double.PositiveInfinity);
                flat[2].Fill_(-0.0);
            }
        }
        return x.To(dtype);
    }

    private static double[] Bits(Tensor t) => t.To(DType.Float64).ToArray<double>();

    private static void SameBits(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"{what} element {i}: {actual[i]} != {expected[i]}");
    }

    /// <summary>Runs BatchNorm → ReLU in a Sequential, fused or not, and returns (output, running stats, dx, dw, db).</summary>
    private static double[][] Run(int[] shape, DType dtype, bool special, bool training, bool fuse)
    {
        int c = shape[1];
        BatchNorm bn = shape.Length == 4 ? new BatchNorm2d(c) : new BatchNorm1d(c);
        bn.To(dtype);
        using (Torch.NoGrad())
        {
            bn.Weight!.Copy_(Torch.Linspace(-1.25, 1.5, c).To(dtype));
            bn.Bias!.Copy_(Torch.Linspace(0, -0.5, c).To(dtype));
            bn.Bias![0].Fill_(0.0);
            bn.RunningVar!.Fill_(1.5);
        }
        var model = new Sequential(bn, new ReLU());
        model.Train(training);
        var x = Input(shape, dtype, special).RequiresGrad_();
        var r = Torch.Randn(shape, DType.Float64, new Generator(11)).To(dtype);
        bool saved = ConvBnInference.FuseBnRelu;
        ConvBnInference.FuseBnRelu = fuse;
        try
        {
            var y = model.Call(x);
            // Fused, the ReLU's node leads straight to x; apart, through the normalization's.
            Assert.Equal("ReluBackward0", y.GradFn!.Name);
            Assert.Equal(fuse ? "AccumulateGrad" : "NativeBatchNormBackward0", y.GradFn.NextFunctions[0]!.Name);
            (y * r).Sum().Backward();
            return [Bits(y), Bits(bn.RunningMean!), Bits(bn.RunningVar!), Bits(x.Grad!), Bits(bn.Weight!.Grad!), Bits(bn.Bias!.Grad!)];
        }
        finally { ConvBnInference.FuseBnRelu = saved; }
    }

    public static IEnumerable<object[]> Cases()
    {
        foreach (var shape in new[] { new[] { 4, 3, 2, 2 }, new[] { 3, 5, 4, 4 }, new[] { 2, 3, 9, 8 }, new[] { 6, 4 } })
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            {
                yield return [shape, dtype, false, true];
                yield return [shape, dtype, true, true];
                yield return [shape, dtype, false, false];
            }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivesTheTwoModulesBits(int[] shape, DType dtype, bool special, bool training)
    {
        var fused = Run(shape, dtype, special, training, fuse: true);
        var plain = Run(shape, dtype, special, training, fuse: false);
        string[] names = ["output", "running mean", "running var", "dx", "dweight", "dbias"];
        for (int i = 0; i < names.Length; i++) SameBits(plain[i], fused[i], $"[{string.Join(",", shape)}] {dtype} special={special} training={training} {names[i]}");
        // the edge of the mask was reached: channel 0's output is exactly 0 in training
        if (training) Assert.Contains(0.0, fused[0]);
    }

    [Fact]
    public void DoubleBackwardMatchesTheComposite()
    {
        double[] SecondOrder(bool fuse)
        {
            var bn = (BatchNorm2d)new BatchNorm2d(3).To(DType.Float64);
            using (Torch.NoGrad()) bn.Weight!.Copy_(Torch.FromArray(new[] { 1.5, -0.5, 2.0 }));
            var model = new Sequential(bn, new ReLU());
            var x = Input([4, 3, 2, 3], DType.Float64, special: false).RequiresGrad_();
            var r = Torch.Randn(new[] { 4, 3, 2, 3 }, DType.Float64, new Generator(5));
            bool saved = ConvBnInference.FuseBnRelu;
            ConvBnInference.FuseBnRelu = fuse;
            try
            {
                (model.Call(x) * r).Sum().Backward(createGraph: true);
                var g = x.Grad!;
                double[] first = [.. g.ToArray<double>(), .. bn.Weight!.Grad!.ToArray<double>()];
                x.Grad = null;
                bn.Weight!.Grad = null;
                (g * g).Sum().Backward();
                return [.. first, .. x.Grad!.ToArray<double>(), .. bn.Weight!.Grad!.ToArray<double>()];
            }
            finally { ConvBnInference.FuseBnRelu = saved; }
        }
        TestUtil.Close(SecondOrder(false), Torch.FromArray(SecondOrder(true)), 1e-12);
    }

    [Fact]
    public void GradcheckThroughTheFusedOp()
    {
        var bn = (BatchNorm2d)new BatchNorm2d(3).To(DType.Float64);
        using (Torch.NoGrad()) { bn.Weight!.Copy_(Torch.FromArray(new[] { 1.5, -0.5, 2.0 })); bn.Bias!.Copy_(Torch.FromArray(new[] { 0.3, 0.1, -0.2 })); }
        var model = new Sequential(bn, new ReLU());
        TestUtil.GradOk(t => model.Call(t[0]), TestUtil.Input(4, 3, 2, 2), bn.Weight!, bn.Bias!);
    }

    [Fact]
    public void HooksKeepTheModulesApart()
    {
        var bn = new BatchNorm2d(3);
        var relu = new ReLU();
        var model = new Sequential(bn, relu);
        int calls = 0;
        using var handle = relu.RegisterForwardHook((m, i, o) => { calls++; });
        var y = model.Call(Torch.Randn(new[] { 2, 3, 2, 2 }, generator: new Generator(1)).RequiresGrad_());
        Assert.Equal(1, calls);
        Assert.Equal("NativeBatchNormBackward0", y.GradFn!.NextFunctions[0]!.Name);
    }

    [Fact]
    public void HalfPrecisionRunsTheComposite()
    {
        var x = Torch.Randn(new[] { 4, 3, 2, 2 }, generator: new Generator(2)).To(DType.BFloat16).RequiresGrad_();
        var y = F.BatchNormRelu(x, null, null, null, null, training: true, 0.1, 1e-5);
        var z = F.Relu(F.BatchNorm(x, null, null, training: true));
        Assert.Equal(z.ToArray<float>(), y.ToArray<float>());
        Assert.Equal("NativeBatchNormBackward0", y.GradFn!.NextFunctions[0]!.Name);
    }

    [Fact]
    public void AnInPlaceChangeOfTheOutputIsReported()
    {
        var x = Torch.Randn(new[] { 4, 3, 2, 2 }, generator: new Generator(3)).RequiresGrad_();
        var y = F.BatchNormRelu(x, null, null, null, null, training: true, 0.1, 1e-5);
        y.Mul_(2.0);
        var e = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("inplace", e.Message);
    }

    [Fact]
    public void ResNetTrainingStepGivesTheUnfusedBits()
    {
        double[] Step(bool fuse)
        {
            var net = Models.ResNet18(numClasses: 4, generator: new Generator(0));
            net.Train();
            var x = Torch.Randn(new[] { 2, 3, 32, 32 }, generator: new Generator(1));
            bool saved = ConvBnInference.FuseBnRelu;
            ConvBnInference.FuseBnRelu = fuse;
            try
            {
                var loss = F.CrossEntropy(net.Call(x), Torch.FromArray(new long[] { 1, 3 }));
                loss.Backward();
                return [loss.Item<float>(), .. net.Parameters().SelectMany(p => p.Grad!.ToArray<float>()).Select(v => (double)v)];
            }
            finally { ConvBnInference.FuseBnRelu = saved; }
        }
        SameBits(Step(false), Step(true), "ResNet-18 loss and gradients");
    }
}
