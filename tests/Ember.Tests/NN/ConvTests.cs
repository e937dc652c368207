using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>The functional convolutions: float64 gradchecks, dtypes, empty inputs, fast paths against the general path, bad input.</summary>
public class ConvTests
{
    [Fact]
    public void GradChecks()
    {
        var w = Input(3, 2, 2, 3);
        var b = Input(3);
        GradOk(t => F.Conv2d(t[0], t[1], t[2], stride: (2, 1), padding: (1, 2), dilation: (1, 2)), Input(2, 2, 4, 5), w, b);
        GradOk(t => F.Conv2d(t[0], t[1], t[2], padding: "same"), Input(1, 2, 3, 4), Input(3, 2, 2, 2), b);
        GradOk(t => F.Conv2d(t[0], t[1], groups: 2, stride: 2), Input(1, 4, 5, 5), Input(4, 2, 2, 2));
        GradOk(t => F.Conv2d(t[0], t[1], t[2], groups: 3, padding: 1), Input(2, 3, 4, 4), Input(3, 1, 3, 3), Input(3)); // depthwise
        GradOk(t => F.Conv2d(t[0], t[1], t[2]), Input(2, 3, 3, 2), Input(2, 3, 1, 1), Input(2)); // pointwise
        GradOk(t => F.Conv1d(t[0], t[1], t[2], stride: 2, padding: 1, dilation: 2), Input(2, 2, 7), Input(3, 2, 3), b);
        GradOk(t => F.Conv1d(t[0], t[1], padding: "same", groups: 2), Input(2, 5), Input(4, 1, 4)); // unbatched
        GradOk(t => F.ConvTranspose2d(t[0], t[1], t[2], stride: 2, padding: 1, outputPadding: 1), Input(1, 2, 3, 3), Input(2, 3, 3, 3), b);
        GradOk(t => F.ConvTranspose2d(t[0], t[1], groups: 2, dilation: 2, outputPadding: 1), Input(1, 4, 2, 3), Input(4, 1, 2, 2));
        GradOk(t => F.ConvTranspose1d(t[0], t[1], t[2], stride: 3, padding: 1, outputPadding: 2), Input(2, 2, 4), Input(2, 3, 3), b);
        GradOk(t => F.ConvTranspose1d(t[0], t[1], groups: 3, stride: 2), Input(3, 4), Input(3, 1, 2)); // unbatched, depthwise
        // A non-contiguous (transposed) input.
        GradOk(t => F.Conv2d(t[0].Unsqueeze(0).Unsqueeze(0), t[1], padding: 1), TransposedInput(3, 4), Input(2, 1, 2, 2));
    }

    [Fact]
    public void FastPathsAgreeWithTheGeneralPath()
    {
        // Pointwise (plain GEMM) vs the same 1×1 conv forced through im2col (a stride on a size-1 map leaves it unchanged).
        var x = Torch.Randn(new Size(3, 4, 5, 6), DType.Float64, new Generator(1));
        var w = Torch.Randn(new Size(6, 4, 1, 1), DType.Float64, new Generator(2));
        var viaGemm = F.Conv2d(x, w);
        var viaIm2col = F.Conv2d(F.Pad(x, [1, 1, 1, 1]), w, padding: 0).Narrow(2, 1, 5).Narrow(3, 1, 6);
        Close(viaIm2col.ToArray<double>(), viaGemm, 1e-12);
        // Depthwise (direct kernel) vs the same convolution as a dense conv with a block-diagonal weight.
        var xd = Torch.Randn(new Size(2, 3, 7, 6), DType.Float64, new Generator(3));
        var wd = Torch.Randn(new Size(6, 1, 3, 2), DType.Float64, new Generator(4));
        var dense = Torch.Zeros(new Size(6, 3, 3, 2), DType.Float64);
        for (int o = 0; o < 6; o++) dense[o, o / 2].Copy_(wd[o, 0]);
        Close(F.Conv2d(xd, dense, stride: (2, 1), padding: 1, dilation: (1, 2)).ToArray<double>(),
            F.Conv2d(xd, wd, groups: 3, stride: (2, 1), padding: 1, dilation: (1, 2)), 1e-12);
    }

    [Fact]
    public void LargeBatchIsThreadCountIndependent()
    {
        var x = Torch.Randn(new Size(16, 3, 12, 12), generator: new Generator(5)).RequiresGrad_();
        var w = Torch.Randn(new Size(8, 3, 3, 3), generator: new Generator(6)).RequiresGrad_();
        float[] Run(int threads)
        {
            int saved = Threading.NumThreads;
            Threading.NumThreads = threads;
            try
            {
                x.Grad = null; w.Grad = null;
                var y = F.Conv2d(x, w, padding: 1);
                (y * y).Sum().Backward();
                return [.. y.ToArray<float>(), .. x.Grad!.ToArray<float>(), .. w.Grad!.ToArray<float>()];
            }
            finally { Threading.NumThreads = saved; }
        }
        Assert.Equal(Run(1), Run(4));
    }

    [Fact]
    public void DTypesAndEmpty()
    {
        var x = Torch.Randn(new Size(1, 2, 4, 4), generator: new Generator(7));
        var w = Torch.Randn(new Size(3, 2, 3, 3), generator: new Generator(8));
        var y32 = F.Conv2d(x, w, padding: 1);
        foreach (var dt in new[] { DType.Float16, DType.BFloat16 })
        {
            var y = F.Conv2d(x.To(dt), w.To(dt), padding: 1);
            Assert.Equal(dt, y.DType);
            Close(y32.To(DType.Float64).ToArray<double>(), y.To(DType.Float64), dt == DType.Float16 ? 3e-2 : 1e-1);
        }
        Assert.Throws<NotSupportedException>(() => F.Conv2d(Torch.Zeros(new Size(1, 2, 4, 4), DType.Int64), Torch.Zeros(new Size(3, 2, 3, 3), DType.Int64)));
        // An empty batch, zero output channels, and an empty spatial input with enough padding.
        Assert.Equal([0, 3, 4, 4], F.Conv2d(Torch.Zeros(0, 2, 4, 4), w, padding: 1).Shape.ToArray());
        Assert.Equal([1, 0, 2, 2], F.Conv2d(x, Torch.Zeros(0, 2, 3, 3)).Shape.ToArray());
        var e = F.Conv2d(Torch.Zeros(1, 2, 0, 3), Torch.Ones(3, 2, 1, 1), Torch.Ones(3), padding: 1);
        Assert.Equal([1, 3, 2, 5], e.Shape.ToArray());
        Assert.All(e.ToArray<float>(), v => Assert.Equal(1f, v));
        var xg = Torch.Zeros(0, 2, 4, 4).RequiresGrad_();
        var wg = w.Detach().RequiresGrad_();
        F.Conv2d(xg, wg, padding: 1).Sum().Backward();
        Assert.All(wg.Grad!.ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.Equal([0, 3, 9, 9], F.ConvTranspose2d(Torch.Zeros(0, 3, 4, 4), Torch.Zeros(3, 3, 3, 3), stride: 2).Shape.ToArray());
    }

    [Fact]
    public void BadInput()
    {
        var x = Torch.Zeros(64, 4, 32, 32);
        var w = Torch.Zeros(64, 3, 3, 3);
        Err(() => F.Conv2d(x, w), "conv2d: Given groups=1, weight of size [64, 3, 3, 3], expected input[64, 4, 32, 32] to have 3 channels, but got 4 channels instead");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 2, 2), w), "conv2d: Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 2, 2), w, dilation: 2, padding: 1), "conv2d: Calculated padded input size per channel: (4 x 4). Kernel size: (5 x 5).");
        Err(() => F.Conv2d(Torch.Zeros(1, 4, 5, 5), Torch.Zeros(6, 2, 3, 3), groups: 4), "conv2d: expected weight [6, 2, 3, 3] to be divisible by groups=4");
        Err(() => F.Conv2d(Torch.Zeros(1, 6, 5, 5), Torch.Zeros(6, 4, 3, 3), groups: 2), "conv2d: Given groups=2, weight of size [6, 4, 3, 3], expected input[1, 6, 5, 5] to have 8 channels, but got 6 channels instead");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 5, 5), Torch.Zeros(6, 3, 3)), "conv2d: expected weight to be 4-D [out_channels, in_channels/groups, kH, kW], but got weight of size [6, 3, 3]");
        Err(() => F.Conv2d(Torch.Zeros(3, 5), Torch.Zeros(6, 3, 3, 3)), "conv2d: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [3, 5]");
        Err(() => F.Conv1d(Torch.Zeros(1, 3, 5, 5), Torch.Zeros(6, 3, 3)), "conv1d: Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [1, 3, 5, 5]");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 5, 5), w, padding: -1), "conv2d: negative padding is not supported, got padding (-1, -1)");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 5, 5), w, stride: 0), "conv2d: non-positive stride is not supported, got stride (0, 0)");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 5, 5), w, dilation: (1, 0)), "conv2d: non-positive dilation is not supported, got dilation (1, 0)");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 5, 5), w, groups: 0), "conv2d: non-positive groups is not supported, got groups=0");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 5, 5), w, stride: 2, padding: "same"), "conv2d: padding='same' is not supported for strided convolutions");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 5, 5), w, padding: "full"), "conv2d: invalid padding string 'full'");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 5, 5), w, stride: new[] { 1, 2, 3 }), "conv2d: stride must be an int or a tuple of 2 ints, got (1, 2, 3)");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 5, 5), w, Torch.Zeros(3)), "conv2d: expected bias to be 1-D with 64 elements (out_channels), but got bias of size [3]");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 5, 5), w.To(DType.Float64)), "conv2d: expected input and weight to have the same dtype");
        Err(() => F.Conv2d(Torch.Zeros(1, 3, 5, 5), w, padding: int.MaxValue), "conv2d:");

        var wt = Torch.Zeros(4, 2, 3, 3);
        Err(() => F.ConvTranspose2d(Torch.Zeros(1, 3, 5, 5), wt), "conv_transpose2d: Given transposed=1, weight of size [4, 2, 3, 3], expected input[1, 3, 5, 5] to have 4 channels, but got 3 channels instead");
        Err(() => F.ConvTranspose2d(Torch.Zeros(1, 4, 5, 5), wt, stride: 2, outputPadding: 2),
            "conv_transpose2d: output padding must be smaller than either stride or dilation, but got output_padding (2, 2), stride (2, 2), dilation (1, 1)");
        Err(() => F.ConvTranspose2d(Torch.Zeros(1, 4, 5, 5), wt, groups: 3), "conv_transpose2d: expected weight [4, 2, 3, 3] to be divisible by groups=3");
        Err(() => F.ConvTranspose2d(Torch.Zeros(1, 4, 1, 1), wt, padding: 2), "conv_transpose2d: Given input size per channel: (1 x 1). Calculated output size per channel: (-1 x -1). Output size is too small");
        Err(() => F.ConvTranspose2d(Torch.Zeros(1, 4, 5, 5), wt, padding: -1), "conv_transpose2d: negative padding is not supported");
        Err(() => F.ConvTranspose1d(Torch.Zeros(1, 4, 5), Torch.Zeros(4, 2, 3), outputPadding: -1), "conv_transpose1d: negative output_padding is not supported");
        Err(() => F.ConvTranspose1d(Torch.Zeros(1, 4, 5), Torch.Zeros(4, 2, 3), Torch.Zeros(4)), "conv_transpose1d: expected bias to be 1-D with 2 elements");
        Err(() => F.ConvTranspose2d(Torch.Zeros(1, 4, 5, 5), wt, stride: int.MaxValue), "conv_transpose2d:");
        Assert.Throws<ArgumentNullException>(() => F.Conv2d(null!, w));
        Assert.Throws<ArgumentNullException>(() => F.ConvTranspose1d(Torch.Zeros(1, 4, 5), null!));
    }

    private static void Err(Action a, string start)
    {
        var e = Assert.ThrowsAny<ArgumentException>(a);
        Assert.StartsWith(start, e.Message);
    }
}

/// <summary>Double backward through the convolutions (create_graph): the gradients are themselves differentiable.</summary>
public class ConvDoubleBackwardTests
{
    // L2 = Σ dx·r1 + Σ dw·r2 + Σ db·r3 with (dx, dw, db) the gradients of L1 = Σ conv(x, w, b)·r; its gradient by double
    // backward against central differences of L2.
    private static void Check(Func<Tensor, Tensor, Tensor, Tensor> conv, int[] xs, int[] ws, int nb)
    {
        var x0 = ConvReferenceTests.X(xs);
        var w0 = ConvReferenceTests.W(ws);
        var b0 = ConvReferenceTests.B(nb);
        var yShape = conv(x0, w0, b0).Shape.ToArray();
        var r = ConvReferenceTests.G(yShape);
        var r1 = ConvReferenceTests.G(xs) * 0.7 + 0.1;
        var r2 = ConvReferenceTests.G(ws) * -0.3 + 0.2;
        var r3 = ConvReferenceTests.G([nb]) + 0.5;
        Tensor L2(Tensor x, Tensor w, Tensor b)
        {
            (conv(x, w, b) * r).Sum().Backward(createGraph: true);
            return (x.Grad! * r1).Sum() + (w.Grad! * r2).Sum() + (b.Grad! * r3).Sum();
        }
        var (xl, wl, bl) = (x0.Clone().RequiresGrad_(), w0.Clone().RequiresGrad_(), b0.Clone().RequiresGrad_());
        var l2 = L2(xl, wl, bl);
        xl.Grad = null; wl.Grad = null; bl.Grad = null;
        l2.Backward();
        var analytic = new[] { xl.Grad!, wl.Grad! };
        var bases = new[] { x0, w0 };
        for (int which = 0; which < 2; which++)
        {
            var a = analytic[which].ToArray<double>();
            int n = a.Length;
            for (int i = 0; i < n; i += Math.Max(1, n / 7))
            {
                double Eval(double d)
                {
                    var p = bases[which].Clone();
                    p.View(-1)[i].Add_(d);
                    var (x, w) = which == 0 ? (p, w0.Clone()) : (x0.Clone(), p);
                    return L2(x.RequiresGrad_(), w.RequiresGrad_(), b0.Clone().RequiresGrad_()).Item<double>();
                }
                double numeric = (Eval(1e-6) - Eval(-1e-6)) / 2e-6;
                Assert.True(Math.Abs(a[i] - numeric) <= 1e-5 + 1e-4 * Math.Abs(numeric), $"input {which} element {i}: {a[i]} vs {numeric}");
            }
        }
    }

    [Fact]
    public void Conv2d() => Check((x, w, b) => F.Conv2d(x, w, b, stride: (2, 1), padding: 1, dilation: (1, 2), groups: 2), [2, 4, 5, 5], [4, 2, 2, 3], 4);

    [Fact]
    public void Conv1dDepthwise() => Check((x, w, b) => F.Conv1d(x, w, b, padding: "same", groups: 3), [2, 3, 6], [6, 1, 3], 6);

    [Fact]
    public void ConvTranspose2d() => Check((x, w, b) => F.ConvTranspose2d(x, w, b, stride: 2, padding: 1, outputPadding: 1), [1, 2, 3, 3], [2, 3, 3, 3], 3);
}
