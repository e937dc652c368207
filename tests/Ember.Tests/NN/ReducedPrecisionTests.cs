using Ember.NN;

namespace Ember.Tests.NN;

/// <summary>
/// float16 and bfloat16 through the layers, activations, normalization, softmax, dropout, initialization and losses:
/// each is computed in float32 and rounded back once, so its outputs and input gradients equal the float32
/// computation rounded (bit for bit), and agree with PyTorch 1.13 (float32 rounded to bfloat16, or PyTorch's own
/// bfloat16 kernels for softmax) to within one bfloat16 ulp.
/// </summary>
public class ReducedPrecisionTests
{
    public static TheoryData<DType> HalfTypes => new() { DType.BFloat16, DType.Float16 };

    /// <summary>Values exactly representable in float16 and bfloat16 (multiples of 1/8 below 4, times a power of two).</summary>
    internal static Tensor V(int[] shape, int off, double scale = 1, DType dtype = DType.Float32)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var v = Enumerable.Range(off, n).Select(k => ((k * 37 % 23) - 11) / 4.0 + k % 5 * 0.125).Select(x => x * scale).ToArray();
        return Torch.FromArray(v, shape).To(dtype);
    }

    private static double[] D(Tensor t) => t.Detach().To(DType.Float64).ToArray<double>();

    /// <summary>The elements of <paramref name="actual"/> equal those of <paramref name="expected"/> exactly (same dtype).</summary>
    internal static void Same(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(D(expected), D(actual));
        _ = what;
    }

    /// <summary>Each element within one bfloat16 ulp of the reference (PyTorch's float32 result rounded to bfloat16).</summary>
    internal static void WithinBf16Ulp(double[] expected, Tensor actual)
    {
        Assert.Equal(DType.BFloat16, actual.DType);
        var a = D(actual);
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            double e = expected[i], ulp = e == 0 ? 1e-30 : Math.ScaleB(1.0, Math.ILogB(e) - 7);
            Assert.True(Math.Abs(a[i] - e) <= ulp, $"element {i}: expected {e}, got {a[i]}");
        }
    }

    /// <summary>
    /// Runs <paramref name="f"/> on leaves of <paramref name="dtype"/> and on float32 leaves with the same values,
    /// backpropagates <paramref name="grad"/> through both, and checks that the reduced-precision output and input
    /// gradients are the float32 ones rounded to <paramref name="dtype"/>.
    /// </summary>
    private static void MatchesFloat32Rounded(DType dtype, Func<Tensor[], Tensor> f, Tensor grad, params Tensor[] inputs)
    {
        var lo = inputs.Select(t => t.To(dtype).Detach().RequiresGrad_()).ToArray();
        var hi = inputs.Select(t => t.To(DType.Float32).Detach().RequiresGrad_()).ToArray();
        var y = f(lo);
        var y32 = f(hi);
        Assert.Equal(dtype, y.DType);
        Same(y32.To(dtype), y, "output");
        y.Backward(grad.To(dtype));
        y32.Backward(grad.To(DType.Float32));
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(dtype, lo[i].Grad!.DType);
            Same(hi[i].Grad!.To(dtype), lo[i].Grad!, $"gradient {i}");
        }
    }

    private static Tensor One(Tensor loss) => Torch.Scalar(1.0).To(loss.DType);

    [Theory]
    [MemberData(nameof(HalfTypes))]
    public void LinearAndBilinearAreTheFloat32ComputationRounded(DType dtype)
    {
        MatchesFloat32Rounded(dtype, t => F.Linear(t[0], t[1], t[2]), V([3, 5], 9, 0.5), V([3, 4], 1), V([5, 4], 3, 0.5), V([5], 6, 0.25));
        MatchesFloat32Rounded(dtype, t => F.Bilinear(t[0], t[1], t[2], t[3]), V([2, 2], 4, 0.5), V([2, 3], 1), V([2, 2], 2), V([2, 3, 2], 3, 0.5), V([2], 5));
        var layer = new Linear(4, 5, dtype: dtype, generator: new Generator(1));
        Assert.Equal(dtype, layer.Forward(V([3, 4], 1, dtype: dtype)).DType);
    }

    [Theory]
    [MemberData(nameof(HalfTypes))]
    public void ActivationsAreTheFloat32ComputationRounded(DType dtype)
    {
        var g = V([3, 4], 9, 0.5);
        var x = V([3, 4], 1);
        MatchesFloat32Rounded(dtype, t => F.LeakyRelu(t[0], 0.1), g, x);
        MatchesFloat32Rounded(dtype, t => F.Elu(t[0], 0.5), g, x);
        MatchesFloat32Rounded(dtype, t => F.Gelu(t[0]), g, x);
        MatchesFloat32Rounded(dtype, t => F.Gelu(t[0], "tanh"), g, x);
        MatchesFloat32Rounded(dtype, t => F.Silu(t[0]), g, x);
        MatchesFloat32Rounded(dtype, t => F.Softplus(t[0], 2, 3), g, x);
        MatchesFloat32Rounded(dtype, t => F.Prelu(t[0], t[1]), g, x, V([4], 2, 0.25));
        MatchesFloat32Rounded(dtype, t => F.Prelu(t[0], t[1]), g, x, V([1], 2, 0.25));
        // the outputs of softmax (whose backward reads the rounded output, as PyTorch's does)
        Same(F.Softmax(x, 1).To(dtype), F.Softmax(x.To(dtype), 1), "softmax");
        Same(F.LogSoftmax(x, 0).To(dtype), F.LogSoftmax(x.To(dtype), 0), "log_softmax");
    }

    [Theory]
    [MemberData(nameof(HalfTypes))]
    public void NormalizationIsTheFloat32ComputationRounded(DType dtype)
    {
        MatchesFloat32Rounded(dtype, t => F.LayerNorm(t[0], [4], t[1], t[2]), V([3, 4], 9, 0.5), V([3, 4], 1), V([4], 3, 0.5), V([4], 6, 0.25));
        MatchesFloat32Rounded(dtype, t => F.LayerNorm(t[0], [2, 3]), V([2, 2, 3], 9, 0.5), V([2, 2, 3], 1));
        MatchesFloat32Rounded(dtype, t => F.BatchNorm(t[0], null, null, t[1], t[2], training: true), V([4, 3], 13, 0.5),
            V([4, 3], 2), V([3], 3, 0.5), V([3], 6, 0.25));
        MatchesFloat32Rounded(dtype, t => F.BatchNorm(t[0], null, null, training: true), V([2, 3, 2], 13, 0.5), V([2, 3, 2], 2));

        // the running statistics are updated in the module's dtype: the float32 update rounded
        var bn = new BatchNorm1d(3);
        var bn32 = new BatchNorm1d(3);
        bn.To(dtype);
        bn.Forward(V([4, 3], 2, dtype: dtype));
        bn32.Forward(V([4, 3], 2));
        Same(bn32.RunningMean!.To(dtype), bn.RunningMean!, "running_mean");
        Same(bn32.RunningVar!.To(dtype), bn.RunningVar!, "running_var");
        // evaluation mode normalizes with the running statistics
        using (Torch.NoGrad())
        {
            bn32.RunningMean!.Copy_(bn.RunningMean!);
            bn32.RunningVar!.Copy_(bn.RunningVar!);
        }
        bn.Eval();
        bn32.Eval();
        Same(bn32.Forward(V([2, 3], 5)).To(dtype), bn.Forward(V([2, 3], 5, dtype: dtype)), "eval");
    }

    [Theory]
    [MemberData(nameof(HalfTypes))]
    public void LossesAreTheFloat32ComputationRounded(DType dtype)
    {
        var x = V([3, 4], 1);
        var target = V([3, 4], 5, 0.5);
        var classes = Torch.FromArray(new long[] { 2, 0, 3 });
        var one = Torch.Scalar(1.0);
        MatchesFloat32Rounded(dtype, t => F.MseLoss(t[0], t[1]), one, x, target);
        MatchesFloat32Rounded(dtype, t => F.L1Loss(t[0], t[1], Reduction.Sum), one, x, target);
        MatchesFloat32Rounded(dtype, t => F.HuberLoss(t[0], t[1]), one, x, target);
        MatchesFloat32Rounded(dtype, t => F.CrossEntropy(t[0], classes), one, x);
        MatchesFloat32Rounded(dtype, t => F.CrossEntropy(t[0], classes, labelSmoothing: 0.25), one, x);
        MatchesFloat32Rounded(dtype, t => F.CrossEntropy(t[0], t[1]), one, x, target);
        MatchesFloat32Rounded(dtype, t => F.NllLoss(t[0], classes, reduction: Reduction.Sum), one, x);
        MatchesFloat32Rounded(dtype, t => F.BinaryCrossEntropyWithLogits(t[0], t[1]), one, x, V([3, 4], 5, 0.125) + 0.5);
        MatchesFloat32Rounded(dtype, t => F.MarginRankingLoss(t[0], t[1], t[2]), one, V([4], 1), V([4], 2), Torch.FromArray(new[] { 1.0, -1, 1, -1 }));
        var per = F.MseLoss(x.To(dtype), target.To(dtype), Reduction.None);
        Same(F.MseLoss(x, target, Reduction.None).To(dtype), per, "mse none");
        // a float32 target promotes the loss to float32, as in PyTorch
        Assert.Equal(DType.Float32, F.MseLoss(x.To(dtype), target).DType);
    }

    [Theory]
    [MemberData(nameof(HalfTypes))]
    public void DropoutAndInitAreTheFloat32DrawsRounded(DType dtype)
    {
        var x = V([64], 1);
        Same(F.Dropout(x, 0.5, generator: new Generator(7)).To(dtype), F.Dropout(x.To(dtype), 0.5, generator: new Generator(7)), "dropout");
        Same(F.Dropout(x, 0.75, generator: new Generator(8)).To(dtype), F.Dropout(x.To(dtype), 0.75, generator: new Generator(8)), "dropout");
        foreach (var init in new Func<Tensor, Generator, Tensor>[]
        {
            (t, g) => Init.Uniform_(t, -1, 1, g),
            (t, g) => Init.Normal_(t, 0.5, 2, g),
            (t, g) => Init.TruncNormal_(t, 0, 1, -0.5, 1, g),
            (t, g) => Init.KaimingUniform_(t, Math.Sqrt(5), generator: g),
            (t, g) => Init.XavierNormal_(t, generator: g),
            (t, g) => Init.Orthogonal_(t, 2, g),
        })
        {
            var lo = Torch.Zeros(new[] { 6, 5 }, dtype);
            var hi = Torch.Zeros(new[] { 6, 5 });
            init(lo, new Generator(3));
            init(hi, new Generator(3));
            Same(hi.To(dtype), lo, "init");
        }
    }

    [Fact]
    public void BFloat16LayersMatchPyTorch()
    {
        const DType B = DType.BFloat16;
        var x = V([3, 4], 1, dtype: B).RequiresGrad_();
        var w = V([5, 4], 3, 0.5, B).RequiresGrad_();
        var b = V([5], 6, 0.25, B).RequiresGrad_();
        var y = F.Linear(x, w, b);
        y.Backward(V([3, 5], 9, 0.5, B));
        WithinBf16Ulp([-1.6640625, -2.015625, 5.25, -1.96875, 3.15625, 0.1796875, -0.7265625, -1.9375, 7.875, -4.0625, -1.546875, -2.265625, 3.53125, -3.71875, 3.03125], y);
        WithinBf16Ulp([2.421875, -3.265625, 1.8359375, 0.8984375, 2.53125, -3.140625, 1.9765625, 1.0546875, 1.203125, -0.5, -0.578125, 1.5703125], x.Grad!);
        WithinBf16Ulp([-0.46875, -1.015625, 0.90625, 0.671875, 1.078125, 2.25, -2.875, -2.25, -0.9609375, -2.0625, 2.109375, 1.6015625, 0.234375, 0.46875, -0.8125, -0.65625, -3.25, 2.625, 0.21875, 5.34375], w.Grad!);
        WithinBf16Ulp([1.125, -3.0, 2.4375, -0.75, 1.8125], b.Grad!);

        var g = V([3, 4], 9, 0.5, B);
        x.Grad = null;
        y = F.Gelu(x);
        y.Backward(g);
        WithinBf16Ulp([0.70703125, -0.1318359375, 2.359375, 0.1494140625, -0.0155029296875, 0.9765625, -0.158203125, 2.609375, 0.345703125, -0.0274658203125, 1.2578125, -0.169921875], y);
        WithinBf16Ulp([0.26171875, 0.1376953125, 0.71875, -0.26171875, -0.053955078125, 0.416015625, 0.08349609375, 0.8359375, -0.216796875, -0.09228515625, 0.5625, -0.00067901611328125], x.Grad!);

        // softmax: the float32 results rounded (PyTorch's bfloat16 log_softmax rounds between steps and is an ulp off);
        // the backward reads the rounded output, as PyTorch's does
        x.Grad = null;
        y = F.Softmax(x, 1);
        y.Backward(g);
        WithinBf16Ulp([0.1630859375, 0.0194091796875, 0.73046875, 0.08740234375, 0.004730224609375, 0.177734375, 0.021240234375, 0.796875, 0.267578125, 0.01708984375, 0.640625, 0.076171875], y);
        WithinBf16Ulp([-0.038818359375, -0.031494140625, 0.1455078125, -0.0751953125, 0.0034942626953125, -0.0576171875, -0.0361328125, 0.09033203125, -0.12353515625, 0.02294921875, 0.18359375, -0.0830078125], x.Grad!);
        x.Grad = null;
        y = F.LogSoftmax(x, 1);
        y.Backward(g);
        WithinBf16Ulp([-1.8125, -3.9375, -0.314453125, -2.4375, -5.34375, -1.7265625, -3.859375, -0.2275390625, -1.3203125, -4.0625, -0.447265625, -2.578125], y);
        WithinBf16Ulp([0.341796875, -1.1171875, 1.1015625, -0.326171875, 1.4296875, 0.08642578125, -1.03125, -0.482421875, -0.5, 1.546875, -0.099609375, -0.9453125], x.Grad!);
    }

    [Fact]
    public void BFloat16NormalizationMatchesPyTorch()
    {
        const DType B = DType.BFloat16;
        var ln = new LayerNorm(4);
        ln.To(B);
        using (Torch.NoGrad())
        {
            ln.Weight!.Copy_(V([4], 3, 0.5));
            ln.Bias!.Copy_(V([4], 6, 0.25));
        }
        var x = V([3, 4], 1, dtype: B).RequiresGrad_();
        var y = ln.Forward(x);
        y.Backward(V([3, 4], 9, 0.5, B));
        WithinBf16Ulp([0.56640625, -0.423828125, -1.0859375, -0.0101318359375, -1.2734375, -0.1826171875, 1.3359375, 0.859375, 0.9609375, -0.4296875, -0.859375, -0.068359375], y);
        WithinBf16Ulp([0.4453125, -0.16796875, -0.2490234375, -0.027099609375, 0.048828125, -0.259765625, 0.038330078125, 0.171875, 0.11474609375, 0.09130859375, -0.0032196044921875, -0.203125], x.Grad!);
        WithinBf16Ulp([-1.9609375, -0.482421875, 2.109375, 1.453125], ln.Weight.Grad!);
        WithinBf16Ulp([1.4375, 0.8125, 0.1875, -0.4375], ln.Bias.Grad!);

        var bn = new BatchNorm1d(3);
        bn.To(B);
        using (Torch.NoGrad())
        {
            bn.Weight!.Copy_(V([3], 3, 0.5));
            bn.Bias!.Copy_(V([3], 6, 0.25));
        }
        x = V([4, 3], 2, dtype: B).RequiresGrad_();
        y = bn.Forward(x);
        y.Backward(V([4, 3], 13, 0.5, B));
        WithinBf16Ulp([-0.484375, -0.07666015625, 0.470703125, -1.2109375, -0.21484375, 1.296875, 1.7734375, -0.28515625, 2.125, 1.046875, -0.423828125, -1.2578125], y);
        WithinBf16Ulp([0.32421875, 0.005340576171875, 0.984375, -0.166015625, 0.00799560546875, -0.58984375, 0.166015625, -0.025390625, -0.05859375, -0.32421875, 0.01202392578125, -0.3359375], x.Grad!);
        WithinBf16Ulp([-1.3984375, 2.34375, -1.0859375], bn.Weight.Grad!);
        WithinBf16Ulp([2.625, -1.9375, 2.125], bn.Bias.Grad!);
        WithinBf16Ulp([0.006256103515625, 0.0810546875, -0.0031280517578125], bn.RunningMean!);
        WithinBf16Ulp([1.453125, 1.0703125, 1.3828125], bn.RunningVar!);
    }

    [Fact]
    public void BFloat16LossesMatchPyTorch()
    {
        const DType B = DType.BFloat16;
        var x = V([3, 4], 1, dtype: B).RequiresGrad_();
        var loss = new MSELoss().Forward(x, V([3, 4], 5, 0.5, B));
        loss.Backward(One(loss));
        WithinBf16Ulp([4.78125], loss);
        WithinBf16Ulp([0.353515625, -0.302734375, 0.478515625, -0.1767578125, -0.458984375, 0.375, -0.28125, 0.5, -0.15625, -0.4375, 0.396484375, -0.259765625], x.Grad!);

        x.Grad = null;
        loss = new CrossEntropyLoss().Forward(x, Torch.FromArray(new long[] { 2, 0, 3 }));
        loss.Backward(One(loss));
        WithinBf16Ulp([2.75], loss);
        WithinBf16Ulp([0.05419921875, 0.006500244140625, -0.08984375, 0.029052734375, -0.33203125, 0.059326171875, 0.007080078125, 0.265625, 0.0888671875, 0.00567626953125, 0.212890625, -0.30859375], x.Grad!);
    }

    [Fact]
    public void BFloat16ReluAndMlpWork()
    {
        const DType B = DType.BFloat16;
        var x = V([3, 4], 1, dtype: B).RequiresGrad_();
        var y = F.Relu(x);
        y.Backward(V([3, 4], 9, 0.5, B));
        WithinBf16Ulp([0.875, 0.0, 2.375, 0.25, 0.0, 1.125, 0.0, 2.625, 0.5, 0.0, 1.375, 0.0], y);
        WithinBf16Ulp([0.25, 0.0, 0.6875, -0.375, 0.0, 0.375, 0.0, 0.8125, -0.25, 0.0, 0.5, 0.0], x.Grad!);

        // Linear → ReLU → Linear → cross-entropy: each layer rounds its output, so the result is close to float32's
        var model = new Sequential(new Linear(4, 5, generator: new Generator(1)), new ReLU(), new Linear(5, 3, generator: new Generator(2)));
        var target = Torch.FromArray(new long[] { 2, 0, 1 });
        var loss32 = F.CrossEntropy(model.Forward(V([3, 4], 1)), target);
        loss32.Backward();
        var grad32 = model.Parameters().Select(p => D(p.Grad!)).ToList();
        model.ZeroGrad();
        model.To(B);
        var loss = F.CrossEntropy(model.Forward(V([3, 4], 1, dtype: B)), target);
        Assert.Equal(B, loss.DType);
        loss.Backward(One(loss));
        Assert.True(Math.Abs(D(loss)[0] - D(loss32)[0]) <= 0.02 * Math.Abs(D(loss32)[0]));
        var grads = model.Parameters().Select(p => p.Grad!).ToList();
        for (int i = 0; i < grads.Count; i++)
        {
            Assert.Equal(B, grads[i].DType);
            var g = D(grads[i]);
            for (int j = 0; j < g.Length; j++) Assert.True(Math.Abs(g[j] - grad32[i][j]) <= 0.05 * (Math.Abs(grad32[i][j]) + 0.05), $"parameter {i}, element {j}");
        }
    }
}
