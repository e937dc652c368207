using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>Conv1d/Conv2d/ConvTranspose1d/ConvTranspose2d against PyTorch 1.13: outputs and the gradients of input, weight and bias.</summary>
public class ConvReferenceTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in ConvReferenceData.Cases) data.Add(c.Name);
        return data;
    }

    internal static Tensor Seq(int[] shape, double a, double b, Func<Tensor, Tensor> f) =>
        f(Torch.Arange(shape.Aggregate(1, (p, v) => p * v)).To(DType.Float64) * a + b).Reshape(shape);

    internal static Tensor X(int[] shape) => Seq(shape, 0.37, 0.1, t => t.Sin());
    internal static Tensor W(int[] shape) => Seq(shape, 0.23, 0.3, t => t.Cos()) * 0.5;
    internal static Tensor B(int n) => Torch.Arange(n).To(DType.Float64) * 0.1 - 0.2;
    internal static Tensor G(int[] shape) => Seq(shape, 0.11, -0.4, t => t.Sin());

    internal static Tensor Run(ConvCase c, Tensor x, Tensor w, Tensor? b)
    {
        ConvPadding padding = c.Padding is string s ? s : (int[])c.Padding;
        int[] pad = c.Padding as int[] ?? [];
        return c.Kind switch
        {
            "conv1d" => F.Conv1d(x, w, b, c.Stride, padding, c.Dilation, c.Groups),
            "conv2d" => F.Conv2d(x, w, b, c.Stride, padding, c.Dilation, c.Groups),
            "convt1d" => F.ConvTranspose1d(x, w, b, c.Stride, pad, c.OutputPadding, c.Groups, c.Dilation),
            _ => F.ConvTranspose2d(x, w, b, c.Stride, pad, c.OutputPadding, c.Groups, c.Dilation),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = ConvReferenceData.Cases.Single(k => k.Name == name);
        var x = X(c.X).RequiresGrad_();
        var w = W(c.W).RequiresGrad_();
        int outC = c.Kind.StartsWith("convt") ? c.W[1] * c.Groups : c.W[0];
        var b = c.Bias ? B(outC).RequiresGrad_() : null;
        var y = Run(c, x, w, b);
        Assert.Equal(c.YShape, y.Shape.ToArray());
        Close(c.Y, y, 1e-9);
        (y * G(c.YShape)).Sum().Backward();
        Close(c.DX, x.Grad!, 1e-9);
        Close(c.DW, w.Grad!, 1e-9);
        if (b is not null) Close(c.DB!, b.Grad!, 1e-9);

        // float32 agrees to float32 precision, and non-contiguous inputs give the same answer.
        var x32 = X(c.X).To(DType.Float32);
        var y32 = Run(c, x32, W(c.W).To(DType.Float32), b?.Detach().To(DType.Float32));
        Close(c.Y, y32, 2e-5);
        var xt = X(c.X).Transpose(-1, -2).Contiguous().Transpose(-1, -2);
        Close(c.Y, Run(c, xt, W(c.W), b?.Detach()), 1e-9);
    }
}
