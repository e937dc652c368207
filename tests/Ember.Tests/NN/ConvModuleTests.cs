using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>The convolution modules: padding modes against PyTorch (outputs, input/weight/bias gradients), init, printing, state dicts.</summary>
public class ConvModuleTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in PadReferenceData.Modules) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PaddingModesMatchPyTorch(string name)
    {
        var c = PadReferenceData.Modules.Single(k => k.Name == name);
        ConvPadding padding = c.Padding is string s ? s : (int[])c.Padding;
        ConvNd m = c.Kind == "conv1d"
            ? new Conv1d(c.InChannels, c.OutChannels, c.Kernel, c.Stride, padding, c.Dilation, c.Groups, c.Bias, c.Mode, DType.Float64)
            : new Conv2d(c.InChannels, c.OutChannels, c.Kernel, c.Stride, padding, c.Dilation, c.Groups, c.Bias, c.Mode, DType.Float64);
        Assert.Equal(c.Repr, m.ToString());
        var state = new Dictionary<string, Tensor> { ["weight"] = ConvReferenceTests.W(m.Weight.Shape.ToArray()) };
        if (c.Bias) state["bias"] = ConvReferenceTests.B(c.OutChannels);
        m.LoadStateDict(state);
        var x = ConvReferenceTests.X(c.X).RequiresGrad_();
        var y = m.Call(x);
        Assert.Equal(c.YShape, y.Shape.ToArray());
        Close(c.Y, y, 1e-9);
        (y * ConvReferenceTests.G(c.YShape)).Sum().Backward();
        Close(c.DX, x.Grad!, 1e-9);
        Close(c.DW, m.Weight.Grad!, 1e-9);
        if (c.Bias) Close(c.DB!, m.Bias!.Grad!, 1e-9);
    }

    [Fact]
    public void Printing()
    {
        Assert.Equal("Conv2d(3, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))", new Conv2d(3, 64, 3, padding: 1).ToString());
        Assert.Equal("Conv1d(2, 4, kernel_size=(3,), stride=(2,), dilation=(2,), groups=2, bias=False, padding_mode=reflect)",
            new Conv1d(2, 4, 3, stride: 2, dilation: 2, groups: 2, bias: false, paddingMode: "reflect").ToString());
        Assert.Equal("Conv2d(3, 6, kernel_size=(3, 2), stride=(1, 1), padding=same, padding_mode=circular)",
            new Conv2d(3, 6, (3, 2), padding: "same", paddingMode: "circular").ToString());
        Assert.Equal("Conv2d(3, 6, kernel_size=(3, 3), stride=(1, 1), padding=valid)", new Conv2d(3, 6, 3, padding: "valid").ToString());
        Assert.Equal("ConvTranspose2d(4, 6, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), groups=2)",
            new ConvTranspose2d(4, 6, 3, stride: 2, padding: 1, outputPadding: 1, groups: 2).ToString());
        Assert.Equal("ConvTranspose1d(4, 6, kernel_size=(3,), stride=(1,), dilation=(2,), bias=False)",
            new ConvTranspose1d(4, 6, 3, dilation: 2, bias: false).ToString());
    }

    [Fact]
    public void ParametersShapesAndInit()
    {
        var c = new Conv2d(6, 8, (3, 5), groups: 2, generator: new Generator(1));
        Assert.Equal(["weight", "bias"], c.StateDict().Keys);
        Assert.Equal([8, 3, 3, 5], c.Weight.Shape.ToArray());
        Assert.Equal([8], c.Bias!.Shape.ToArray());
        double bound = 1 / Math.Sqrt(3 * 15);
        Assert.True(c.Weight.Abs().Max().Item<float>() <= bound);
        Assert.True(c.Weight.Abs().Max().Item<float>() > bound * 0.8);
        Assert.True(c.Bias.Abs().Max().Item<float>() <= bound);

        // Transposed: weight [in, out/groups, k]; fan_in = weight.size(1)·k.
        var t = new ConvTranspose2d(4, 6, 3, groups: 2, dtype: DType.Float64, generator: new Generator(2));
        Assert.Equal([4, 3, 3, 3], t.Weight.Shape.ToArray());
        Assert.Equal([6], t.Bias!.Shape.ToArray());
        double tb = 1 / Math.Sqrt(3 * 9);
        Assert.True(t.Weight.Abs().Max().Item<double>() <= tb);
        Assert.True(t.Bias.Abs().Max().Item<double>() <= tb);
        Assert.Equal(DType.Float64, t.Weight.DType);
        var c1 = new Conv1d(3, 5, 4, bias: false);
        Assert.Null(c1.Bias);
        Assert.Equal(["weight"], c1.StateDict().Keys);
        Assert.Equal([5, 3, 4], c1.Weight.Shape.ToArray());
        Assert.Equal([2, 3, 4], new ConvTranspose1d(2, 6, 4, groups: 2).Weight.Shape.ToArray());

        // The same generator seed gives the same parameters.
        Close(new Conv2d(2, 3, 3, generator: new Generator(7)).Weight.To(DType.Float64).ToArray<double>(),
            new Conv2d(2, 3, 3, generator: new Generator(7)).Weight.To(DType.Float64));
    }

    [Fact]
    public void Shapes()
    {
        Assert.Equal([2, 64, 32, 32], new Conv2d(3, 64, 3, padding: 1).Call(Torch.Randn(2, 3, 32, 32)).Shape.ToArray());
        Assert.Equal([2, 6, 28, 28], new Conv2d(1, 6, 5, padding: 2).Call(Torch.Randn(2, 1, 28, 28)).Shape.ToArray());
        Assert.Equal([2, 16, 10, 10], new Conv2d(6, 16, 5).Call(Torch.Randn(2, 6, 14, 14)).Shape.ToArray());
        Assert.Equal([33, 24], new Conv1d(16, 33, 3, stride: 2).Call(Torch.Randn(16, 50)).Shape.ToArray());
        Assert.Equal([2, 8, 20, 20], new ConvTranspose2d(16, 8, 4, stride: 2, padding: 1).Call(Torch.Randn(2, 16, 10, 10)).Shape.ToArray());
        Assert.Equal([2, 8, 20], new ConvTranspose1d(16, 8, 4, stride: 2, padding: 1).Call(Torch.Randn(2, 16, 10)).Shape.ToArray());
        // output_size picks the output padding, as PyTorch's forward(input, output_size).
        var up = new ConvTranspose2d(4, 6, 3, stride: 2, padding: 1);
        Assert.Equal([1, 6, 10, 10], up.Forward(Torch.Zeros(1, 4, 5, 5), [10, 10]).Shape.ToArray());
        Assert.Equal([1, 6, 9, 10], up.Forward(Torch.Zeros(1, 4, 5, 5), [1, 6, 9, 10]).Shape.ToArray());
        var e = Assert.Throws<ArgumentException>(() => up.Forward(Torch.Zeros(1, 4, 5, 5), [12, 10]));
        Assert.StartsWith("ConvTranspose2d: requested an output size of (12, 10), but valid sizes range from [9, 9] to [10, 10]", e.Message);
        // float16 runs in float32 and rounds back.
        var h = new Conv2d(2, 3, 3, dtype: DType.Float16);
        Assert.Equal(DType.Float16, h.Call(Torch.Randn(1, 2, 5, 5).To(DType.Float16)).DType);
    }

    [Fact]
    public void ConstructorErrors()
    {
        Err(() => new Conv2d(3, 6, 3, groups: 2), "Conv2d: in_channels must be divisible by groups");
        Err(() => new Conv2d(4, 6, 3, groups: 4), "Conv2d: out_channels must be divisible by groups");
        Err(() => new Conv2d(4, 6, 3, groups: 0), "Conv2d: groups must be a positive integer");
        Err(() => new Conv2d(4, 6, 3, stride: 2, padding: "same"), "Conv2d: padding='same' is not supported for strided convolutions");
        Err(() => new Conv2d(4, 6, 3, padding: "foo"), "Conv2d: Invalid padding string 'foo', should be one of {'same', 'valid'}");
        Err(() => new Conv2d(4, 6, 3, paddingMode: "bogus"), "Conv2d: padding_mode must be one of {'zeros', 'circular', 'replicate', 'reflect'}, but got padding_mode='bogus'");
        Err(() => new ConvTranspose2d(4, 6, 3, paddingMode: "reflect"), "ConvTranspose2d: Only \"zeros\" padding mode is supported for ConvTranspose2d");
        Err(() => new Conv2d(4, 6, 0), "Conv2d: kernel_size must be positive, got (0, 0)");
        Err(() => new Conv2d(4, 6, new[] { 1, 2, 3 }), "Conv2d: kernel_size must be an int or a tuple of 2 ints, got (1, 2, 3)");
        Err(() => new Conv1d(4, 6, 3, padding: -1), "Conv1d: padding must be non-negative, got (-1,)");
        Err(() => new Conv2d(4, 6, 3, dtype: DType.Int64), "Conv2d: dtype must be floating point");
    }

    private static void Err(Action a, string start)
    {
        var e = Assert.ThrowsAny<ArgumentException>(a);
        Assert.StartsWith(start, e.Message);
    }

    [Fact]
    public void TrainsWithSgd()
    {
        // A tiny Conv2d → ReLU → mean regression drives its loss down (parameters receive gradients through the module).
        var conv = new Conv2d(1, 2, 3, padding: 1, generator: new Generator(3));
        var x = Torch.Randn(new Size(4, 1, 6, 6), generator: new Generator(4));
        var target = Torch.Ones(4, 2, 6, 6);
        var opt = new Ember.Optim.SGD(conv.Parameters(), lr: 0.1);
        double first = 0, last = 0;
        for (int i = 0; i < 30; i++)
        {
            opt.ZeroGrad();
            var loss = F.MseLoss(conv.Call(x), target);
            loss.Backward();
            opt.Step();
            if (i == 0) first = loss.Item<float>();
            last = loss.Item<float>();
        }
        Assert.True(last < first * 0.5, $"loss {first} → {last}");
    }
}
