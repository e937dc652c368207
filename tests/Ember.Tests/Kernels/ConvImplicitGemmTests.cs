using Ember.Kernels;
using Ember.NN;
using Xunit;

namespace Ember.Tests.Kernels;

/// <summary>
/// The implicit GEMMs of the forward convolution and of its weight gradient (columns packed straight from the input)
/// equal the im2col path bit for bit
/// — same products, same summation order — on geometries that reach every packing case: rows of 1, 2, 4, 16 and more
/// outputs (runs and per-column offsets), partial panels, several samples per GEMM, stride 2 (the permuting copy),
/// dilation, asymmetric "same" padding, groups, float and double. The reference values of the convolution tests check
/// both against PyTorch.
/// </summary>
[Collection("ConvPathToggle")]
public class ConvImplicitGemmTests
{
    public static IEnumerable<object[]> Cases()
    {
        // N, C, H, W, O, K, stride, padding, dilation, groups
        yield return [32, 64, 16, 16, 64, 3, 1, 1, 1, 1];
        yield return [32, 16, 2, 2, 32, 3, 1, 1, 1, 1];
        yield return [8, 8, 4, 4, 16, 3, 1, 1, 1, 1];
        yield return [3, 3, 37, 41, 8, 7, 2, 3, 1, 1];
        yield return [5, 4, 9, 9, 6, 3, 2, 1, 1, 2];
        yield return [2, 3, 11, 13, 5, 3, 1, 2, 2, 1];
        yield return [4, 6, 7, 5, 4, 1, 2, 0, 1, 1];
        yield return [3, 2, 1, 19, 3, 1, 1, 0, 1, 1];
        yield return [64, 1, 28, 28, 6, 5, 1, 2, 1, 1];
        yield return [16, 6, 14, 14, 20, 5, 1, 0, 1, 1];   // more output channels than the few-row weight-gradient kernel takes
        yield return [40, 8, 3, 3, 24, 2, 1, 0, 1, 1];
        yield return [3, 20, 5, 6, 24, 1, 1, 4, 1, 1];     // padding wider than the kernel: output larger than the input
        yield return [2, 18, 9, 9, 20, 3, 3, 5, 2, 1];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ImplicitGemmEqualsIm2Col(int n, int c, int h, int w, int o, int k, int s, int p, int d, int groups)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var g = new Generator(n * 131 + c);
            var x = Torch.Randn([n, c, h, w], dtype, g);
            var weight = Torch.Randn([o, c / groups, k, k], dtype, g);
            var bias = Torch.Randn([o], dtype, g);
            (Tensor Y, Tensor Dw) Run(bool useImplicit)
            {
                ConvKernels.UseImplicitGemm = useImplicit;
                try
                {
                    var wl = weight.Detach().RequiresGrad_();
                    var y = F.Conv2d(x, wl, bias, s, p, d, groups);
                    (y * Torch.Randn(y.Shape, dtype, new Generator(7))).Sum().Backward();
                    return (y.Detach(), wl.Grad!);
                }
                finally { ConvKernels.UseImplicitGemm = true; }
            }
            var a = Run(true);
            var b = Run(false);
            Assert.Equal(b.Y.Shape, a.Y.Shape);
            if (dtype == DType.Float32)
            {
                Assert.Equal(b.Y.ToArray<float>(), a.Y.ToArray<float>());
                Assert.Equal(b.Dw.ToArray<float>(), a.Dw.ToArray<float>());
            }
            else
            {
                Assert.Equal(b.Y.ToArray<double>(), a.Y.ToArray<double>());
                Assert.Equal(b.Dw.ToArray<double>(), a.Dw.ToArray<double>());
            }
        }
    }

    [Fact]
    public void SamePaddingAsymmetricEqualsIm2Col()
    {
        var g = new Generator(5);
        var x = Torch.Randn([3, 4, 10, 9], generator: g);
        var weight = Torch.Randn([5, 4, 4, 2], generator: g);
        ConvKernels.UseImplicitGemm = false;
        Tensor b;
        try { b = F.Conv2d(x, weight, padding: "same"); }
        finally { ConvKernels.UseImplicitGemm = true; }
        var a = F.Conv2d(x, weight, padding: "same");
        Assert.Equal(b.ToArray<float>(), a.ToArray<float>());
    }
}
