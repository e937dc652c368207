namespace Ember.Tests.Ops;

/// <summary>
/// The activations and softmax on float16 and bfloat16 tensors: computed in float32 and rounded once (Ember's rule for
/// the 16-bit floats). They used to take the float64 kernel path and fail with an InvalidCastException. The expected
/// values are PyTorch 1.13's float32 results rounded to the 16-bit dtype (PyTorch's CPU kernels have no float16 path).
/// </summary>
public class ReducedFloatActivationTests
{
    private static readonly double[] X = [-2.5, 0.0, 1.0, 3.0, -0.5, 7.25];

    private static Tensor Input(DType dt) => Torch.FromArray(X, 2, 3).To(dt);

    public static TheoryData<string, DType, double[]> Cases => new()
    {
        { "softmax", DType.Float16, [0.0216064453125, 0.26318359375, 0.71533203125, 0.01406097412109375, 0.0004246234893798828, 0.9853515625] },
        { "softmax", DType.BFloat16, [0.0216064453125, 0.263671875, 0.71484375, 0.0140380859375, 0.0004253387451171875, 0.984375] },
        { "log_softmax", DType.Float16, [-3.8359375, -1.3349609375, -0.335205078125, -4.265625, -7.765625, -0.01458740234375] },
        { "log_softmax", DType.BFloat16, [-3.828125, -1.3359375, -0.3359375, -4.25, -7.75, -0.01458740234375] },
        { "gelu", DType.Float16, [-0.01552581787109375, 0.0, 0.84130859375, 2.99609375, -0.154296875, 7.25] },
        { "gelu", DType.BFloat16, [-0.0155029296875, 0.0, 0.83984375, 3.0, -0.154296875, 7.25] },
        { "gelu_tanh", DType.Float16, [-0.01508331298828125, 0.0, 0.84130859375, 2.99609375, -0.154296875, 7.25] },
        { "gelu_tanh", DType.BFloat16, [-0.01507568359375, 0.0, 0.83984375, 3.0, -0.154296875, 7.25] },
        { "silu", DType.Float16, [-0.189697265625, 0.0, 0.73095703125, 2.857421875, -0.188720703125, 7.24609375] },
        { "silu", DType.BFloat16, [-0.189453125, 0.0, 0.73046875, 2.859375, -0.1884765625, 7.25] },
        { "elu", DType.Float16, [-0.91796875, 0.0, 1.0, 3.0, -0.3935546875, 7.25] },
        { "elu", DType.BFloat16, [-0.91796875, 0.0, 1.0, 3.0, -0.392578125, 7.25] },
        { "leaky_relu", DType.Float16, [-0.25, 0.0, 1.0, 3.0, -0.04998779296875, 7.25] },
        { "leaky_relu", DType.BFloat16, [-0.25, 0.0, 1.0, 3.0, -0.050048828125, 7.25] },
        { "softplus", DType.Float16, [0.07891845703125, 0.693359375, 1.3134765625, 3.048828125, 0.47412109375, 7.25] },
        { "softplus", DType.BFloat16, [0.0791015625, 0.69140625, 1.3125, 3.046875, 0.474609375, 7.25] },
    };

    private static Tensor Apply(string op, Tensor x) => op switch
    {
        "softmax" => Torch.Softmax(x, 1),
        "log_softmax" => Torch.LogSoftmax(x, 1),
        "gelu" => Torch.Gelu(x),
        "gelu_tanh" => Torch.Gelu(x, "tanh"),
        "silu" => Torch.Silu(x),
        "elu" => Torch.Elu(x),
        "leaky_relu" => Torch.LeakyRelu(x, 0.1),
        "softplus" => Torch.Softplus(x),
        _ => throw new ArgumentException(op),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ComputedInFloat32AndRoundedOnce(string op, DType dtype, double[] expected)
    {
        var y = Apply(op, Input(dtype));
        Assert.Equal(dtype, y.DType);
        Assert.Equal([2, 3], y.Shape.ToArray());
        // One ulp of slack: the float32 intermediate may differ from PyTorch's in its last bit.
        var ulp = dtype == DType.Float16 ? 1.0 / 1024 : 1.0 / 128;
        OpAssert.Values(expected, y, rtol: ulp);
    }

    [Theory]
    [InlineData(DType.Float16)]
    [InlineData(DType.BFloat16)]
    public void ZeroDimensionalAndBackward(DType dtype)
    {
        OpAssert.Values([0.8413], Torch.Gelu(Torch.Scalar(1.0, dtype)), rtol: 1e-2);
        OpAssert.Values([1], Torch.Softmax(Torch.Scalar(3.0, dtype), 0));
        var x = Input(dtype).RequiresGrad_();
        Torch.Silu(x).To(DType.Float32).Sum().Backward();
        Assert.Equal(dtype, x.Grad!.DType);
        // d/dx silu(x) at 0 is 0.5.
        Assert.Equal(0.5, x.Grad.ToArray<double>()[1], 3);
        var w = Torch.FromArray(new[] { 0.25 }).To(dtype);
        OpAssert.Values([-0.625, 0, 1, 3, -0.125, 7.25], Torch.Prelu(Input(dtype), w), rtol: 1e-2);
    }
}
