using Ember.Kernels;
using Ember.NN;

namespace Ember.Tests.Kernels;

/// <summary>
/// An infinity in the input, the weights or the output gradient of a float32 convolution gives what the GEMM path gives
/// (PyTorch's sums: ∞ stays ∞ where it is not met by −∞ or a zero), through every fast path: Winograd F(2,3) and F(4,3)
/// (forward and input gradient), the direct kernels and the depthwise kernels. Before, Winograd's transforms (∞ − ∞)
/// and the direct input gradient (0 · ∞ on the zeros around dy) made NaN of outputs that are infinite.
/// </summary>
[Collection("ConvPathToggle")]
public class ConvNonFiniteTests
{
    public static TheoryData<string, int, int, int, int, int, int> Cases => new()
    {
        // path, N, C, O, H(=W), groups, where the infinity is (0 x, 1 w, 2 dy, 3 x's last sample)
        { "winograd4", 2, 32, 32, 16, 1, 0 },
        { "winograd4", 2, 32, 32, 16, 1, 1 },
        { "winograd4", 2, 32, 32, 16, 1, 2 },
        { "winograd2", 4, 32, 48, 8, 1, 0 },
        { "winograd2", 4, 32, 48, 8, 1, 1 },
        { "winograd2", 4, 32, 48, 8, 1, 2 },
        { "winograd2", 32, 32, 48, 8, 1, 3 },   // outputs of 98,304 values: checked by the team, the infinity in its last part
        { "direct", 2, 3, 16, 12, 1, 1 },
        { "direct", 2, 16, 3, 12, 1, 1 },
        { "direct", 2, 3, 16, 12, 1, 2 },
        { "depthwise", 2, 8, 8, 10, 8, 1 },
        { "depthwise", 2, 8, 8, 10, 8, 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void InfinitiesComeOutAsTheGemmGivesThem(string path, int n, int c, int o, int hw, int groups, int where)
    {
        var g = new Generator(n + c * 3 + o * 5 + hw * 7 + where);
        var x = Torch.Randn([n, c, hw, hw], generator: g);
        var w = Torch.Randn([o, c / groups, 3, 3], generator: g);
        var dy = Torch.Randn([n, o, hw, hw], generator: g);
        if (where == 0) x[0, 1, 3, 3] = Torch.Scalar(float.PositiveInfinity);
        else if (where == 3) x[n - 1, 1, 3, 3] = Torch.Scalar(float.PositiveInfinity);
        else if (where == 1) w[2, 0, 1, 1] = Torch.Scalar(float.NegativeInfinity);
        else dy[1, 2, 0, hw - 1] = Torch.Scalar(float.PositiveInfinity);
        var (y, dx) = Run(x, w, dy, groups, path);
        var (ey, edx) = Run(x, w, dy, groups, "gemm");
        // The forward pass meets an infinity in x or w, the input gradient one in w or dy.
        Same(ey, y, "forward", where != 2);
        Same(edx, dx, "input gradient", where is 1 or 2);
    }

    private static void Same(float[] expected, float[] actual, string what, bool infinite)
    {
        if (infinite) Assert.Contains(expected, float.IsInfinity); // the case does exercise infinities
        for (int i = 0; i < expected.Length; i++)
        {
            if (float.IsNaN(expected[i]) || float.IsInfinity(expected[i])) Assert.True(expected[i].Equals(actual[i]), $"{what}[{i}]: {actual[i]}, GEMM {expected[i]}");
            else Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-3 * (1 + Math.Abs(expected[i])), $"{what}[{i}]: {actual[i]}, GEMM {expected[i]}");
        }
    }

    private static (float[] Y, float[] Dx) Run(Tensor x, Tensor w, Tensor dy, int groups, string path)
    {
        Winograd.Force = path switch { "winograd4" => 4, "winograd2" => 2, _ => 0 };
        DirectConv.Force = path == "direct";
        DirectConv.Enabled = path == "direct";
        DepthwiseConv.Enabled = path == "depthwise";
        OutputLanesConv.Disabled = true;
        try
        {
            var xr = x.Detach().RequiresGrad_();
            var y = F.Conv2d(xr, w, null, padding: 1, groups: groups);
            y.Backward(dy);
            return (y.ToArray<float>(), xr.Grad!.ToArray<float>());
        }
        finally
        {
            Winograd.Force = null;
            DirectConv.Force = false;
            DirectConv.Enabled = true;
            DepthwiseConv.Enabled = true;
            OutputLanesConv.Disabled = false;
        }
    }
}
