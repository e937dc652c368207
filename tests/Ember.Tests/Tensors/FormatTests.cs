namespace Ember.Tests.Tensors;

/// <summary>
/// <see cref="Tensor.ToString"/> against the exact <c>repr(tensor)</c> strings of PyTorch 1.13
/// (generated with <c>print(repr(torch.tensor(...)))</c> and pasted here).
/// </summary>
public class FormatTests
{
    private static Tensor Leaf() => Torch.FromArray(new[] { 1f, 2f }, requiresGrad: true);

    private static Tensor AlternatingBools(int rows, int cols)
    {
        var data = new bool[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                data[i, j] = j % 2 == 0;
        return Torch.FromArray(data);
    }

    private static Tensor Make(string name) => name switch
    {
        "LeafRequiresGrad" => Torch.FromArray(new float[,] { { 1, 2 } }, requiresGrad: true),
        "Vector" => Torch.FromArray(new[] { 1.5f, -2.25f, 3f }),
        "MatrixNegativeAlignment" => Torch.FromArray(new float[,] { { 1.5f, -20.125f }, { 300f, 0.5f } }),
        "ThreeD" => Torch.Arange(0.0, 24.0, 1.0).Reshape(2, 3, 4) / 8,
        "FourD" => Torch.Arange(0.0, 16.0, 1.0).Reshape(2, 2, 2, 2),
        "Int64" => Torch.FromArray(new long[,] { { 1, -20, 300 }, { 4, 5, 6 } }),
        "Bool" => Torch.FromArray(new bool[,] { { true, false }, { false, true } }),
        "Float64" => Torch.FromArray(new[] { 1.25, 2.5, -0.125 }),
        "SciLargeIntegers" => Torch.FromArray(new[] { 1e8f, 1f, -3f }),
        "SciSmall" => Torch.FromArray(new[] { 1e-5f, 1f, -2.5f }),
        "SciRatio" => Torch.FromArray(new float[,] { { 0.001f, 2f }, { 300f, -4.5f } }),
        "SciHuge" => Torch.FromArray(new[] { 123456789f }),
        "IntegerValued" => Torch.FromArray(new[] { 1f, 2f, -3f, 0f }),
        "NegativeZero" => Torch.FromArray(new[] { -0.0f, 1.5f }),
        "NanInf" => Torch.FromArray(new[] { 1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity }),
        "NanInfFraction" => Torch.FromArray(new[] { 1.5f, float.NaN, float.NegativeInfinity }),
        "AllNan" => Torch.FromArray(new[] { float.NaN, float.NaN }),
        "Wrap" => Torch.Arange(0.0, 30.0, 1.0) / 4,
        "SummarizedVector" => Torch.Arange(0.0, 2000.0, 1.0) / 4,
        "SummarizedInt" => Torch.Arange(1001),
        "SummarizedMatrix" => Torch.Arange(3000).Reshape(50, 60),
        "Summarized3D" => (Torch.Arange(0.0, 2400.0, 1.0).Reshape(4, 20, 30) - 1200) / 8,
        "Transposed" => (Torch.Arange(0.0, 6.0, 1.0).Reshape(2, 3) - 2.5).T,
        "Empty" => Torch.Zeros(0),
        "EmptyMatrix" => Torch.Zeros(0, 3),
        "EmptyInt" => Torch.Zeros(new Size(0), DType.Int64),
        "EmptyFloat64_3D" => Torch.Zeros(new Size(2, 0, 3), DType.Float64),
        "EmptyBool" => Torch.Zeros(new Size(0), DType.Bool),
        "Scalar" => Torch.Scalar(3.5),
        "ScalarInteger" => Torch.Scalar(2.0),
        "ScalarInt64" => Torch.Scalar(7L),
        "ScalarNan" => Torch.Scalar(double.NaN),
        "ScalarRequiresGrad" => Torch.Scalar(-1.25, DType.Float64, requiresGrad: true),
        "Zeros" => Torch.Zeros(2, 2),
        "LongSuffixWraps" => (Torch.Arange(0.0, 10.0, 1.0, DType.Float64).Reshape(1, 10) * 1.5).RequiresGrad_(),
        "GradFnAdd" => Leaf() + Torch.FromArray(new[] { 0.5f, 4f }),
        "GradFnMul" => Leaf() * Torch.FromArray(new[] { 0.5f, 4f }),
        "SuffixWrapsTwo" => (Torch.Arange(0.0, 7.0, 1.0, DType.Float64) * 1.5 + 10).RequiresGrad_(),
        "SuffixWrapsRequiresGrad" => (Torch.Arange(0.0, 8.0, 1.0) * 1.5 + 10).RequiresGrad_(),
        "SuffixWrapsDtype" => Torch.Arange(0.0, 8.0, 1.0, DType.Float64) * 1.5 + 10,
        "SummarizedBool" => AlternatingBools(1200, 6),
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<string, string> Cases => new()
    {
        { "LeafRequiresGrad", "tensor([[1., 2.]], requires_grad=True)" },
        { "Vector", "tensor([ 1.5000, -2.2500,  3.0000])" },
        { "MatrixNegativeAlignment", "tensor([[  1.5000, -20.1250],\n        [300.0000,   0.5000]])" },
        { "ThreeD", "tensor([[[0.0000, 0.1250, 0.2500, 0.3750],\n         [0.5000, 0.6250, 0.7500, 0.8750],\n         [1.0000, 1.1250, 1.2500, 1.3750]],\n\n        [[1.5000, 1.6250, 1.7500, 1.8750],\n         [2.0000, 2.1250, 2.2500, 2.3750],\n         [2.5000, 2.6250, 2.7500, 2.8750]]])" },
        { "FourD", "tensor([[[[ 0.,  1.],\n          [ 2.,  3.]],\n\n         [[ 4.,  5.],\n          [ 6.,  7.]]],\n\n\n        [[[ 8.,  9.],\n          [10., 11.]],\n\n         [[12., 13.],\n          [14., 15.]]]])" },
        { "Int64", "tensor([[  1, -20, 300],\n        [  4,   5,   6]])" },
        { "Bool", "tensor([[ True, False],\n        [False,  True]])" },
        { "Float64", "tensor([ 1.2500,  2.5000, -0.1250], dtype=torch.float64)" },
        { "SciLargeIntegers", "tensor([ 1.0000e+08,  1.0000e+00, -3.0000e+00])" },
        { "SciSmall", "tensor([ 1.0000e-05,  1.0000e+00, -2.5000e+00])" },
        { "SciRatio", "tensor([[ 1.0000e-03,  2.0000e+00],\n        [ 3.0000e+02, -4.5000e+00]])" },
        { "SciHuge", "tensor([1.2346e+08])" },
        { "IntegerValued", "tensor([ 1.,  2., -3.,  0.])" },
        { "NegativeZero", "tensor([-0.0000, 1.5000])" },
        { "NanInf", "tensor([1., nan, inf, -inf])" },
        { "NanInfFraction", "tensor([1.5000,    nan,   -inf])" },
        { "AllNan", "tensor([nan, nan])" },
        { "Wrap", "tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000, 1.2500, 1.5000, 1.7500, 2.0000,\n        2.2500, 2.5000, 2.7500, 3.0000, 3.2500, 3.5000, 3.7500, 4.0000, 4.2500,\n        4.5000, 4.7500, 5.0000, 5.2500, 5.5000, 5.7500, 6.0000, 6.2500, 6.5000,\n        6.7500, 7.0000, 7.2500])" },
        { "SummarizedVector", "tensor([0.0000e+00, 2.5000e-01, 5.0000e-01,  ..., 4.9925e+02, 4.9950e+02,\n        4.9975e+02])" },
        { "SummarizedInt", "tensor([   0,    1,    2,  ...,  998,  999, 1000])" },
        { "SummarizedMatrix", "tensor([[   0,    1,    2,  ...,   57,   58,   59],\n        [  60,   61,   62,  ...,  117,  118,  119],\n        [ 120,  121,  122,  ...,  177,  178,  179],\n        ...,\n        [2820, 2821, 2822,  ..., 2877, 2878, 2879],\n        [2880, 2881, 2882,  ..., 2937, 2938, 2939],\n        [2940, 2941, 2942,  ..., 2997, 2998, 2999]])" },
        { "Summarized3D", "tensor([[[-1.5000e+02, -1.4988e+02, -1.4975e+02,  ..., -1.4662e+02,\n          -1.4650e+02, -1.4638e+02],\n         [-1.4625e+02, -1.4612e+02, -1.4600e+02,  ..., -1.4288e+02,\n          -1.4275e+02, -1.4262e+02],\n         [-1.4250e+02, -1.4238e+02, -1.4225e+02,  ..., -1.3912e+02,\n          -1.3900e+02, -1.3888e+02],\n         ...,\n         [-8.6250e+01, -8.6125e+01, -8.6000e+01,  ..., -8.2875e+01,\n          -8.2750e+01, -8.2625e+01],\n         [-8.2500e+01, -8.2375e+01, -8.2250e+01,  ..., -7.9125e+01,\n          -7.9000e+01, -7.8875e+01],\n         [-7.8750e+01, -7.8625e+01, -7.8500e+01,  ..., -7.5375e+01,\n          -7.5250e+01, -7.5125e+01]],\n\n        [[-7.5000e+01, -7.4875e+01, -7.4750e+01,  ..., -7.1625e+01,\n          -7.1500e+01, -7.1375e+01],\n         [-7.1250e+01, -7.1125e+01, -7.1000e+01,  ..., -6.7875e+01,\n          -6.7750e+01, -6.7625e+01],\n         [-6.7500e+01, -6.7375e+01, -6.7250e+01,  ..., -6.4125e+01,\n          -6.4000e+01, -6.3875e+01],\n         ...,\n         [-1.1250e+01, -1.1125e+01, -1.1000e+01,  ..., -7.8750e+00,\n          -7.7500e+00, -7.6250e+00],\n         [-7.5000e+00, -7.3750e+00, -7.2500e+00,  ..., -4.1250e+00,\n          -4.0000e+00, -3.8750e+00],\n         [-3.7500e+00, -3.6250e+00, -3.5000e+00,  ..., -3.7500e-01,\n          -2.5000e-01, -1.2500e-01]],\n\n        [[ 0.0000e+00,  1.2500e-01,  2.5000e-01,  ...,  3.3750e+00,\n           3.5000e+00,  3.6250e+00],\n         [ 3.7500e+00,  3.8750e+00,  4.0000e+00,  ...,  7.1250e+00,\n           7.2500e+00,  7.3750e+00],\n         [ 7.5000e+00,  7.6250e+00,  7.7500e+00,  ...,  1.0875e+01,\n           1.1000e+01,  1.1125e+01],\n         ...,\n         [ 6.3750e+01,  6.3875e+01,  6.4000e+01,  ...,  6.7125e+01,\n           6.7250e+01,  6.7375e+01],\n         [ 6.7500e+01,  6.7625e+01,  6.7750e+01,  ...,  7.0875e+01,\n           7.1000e+01,  7.1125e+01],\n         [ 7.1250e+01,  7.1375e+01,  7.1500e+01,  ...,  7.4625e+01,\n           7.4750e+01,  7.4875e+01]],\n\n        [[ 7.5000e+01,  7.5125e+01,  7.5250e+01,  ...,  7.8375e+01,\n           7.8500e+01,  7.8625e+01],\n         [ 7.8750e+01,  7.8875e+01,  7.9000e+01,  ...,  8.2125e+01,\n           8.2250e+01,  8.2375e+01],\n         [ 8.2500e+01,  8.2625e+01,  8.2750e+01,  ...,  8.5875e+01,\n           8.6000e+01,  8.6125e+01],\n         ...,\n         [ 1.3875e+02,  1.3888e+02,  1.3900e+02,  ...,  1.4212e+02,\n           1.4225e+02,  1.4238e+02],\n         [ 1.4250e+02,  1.4262e+02,  1.4275e+02,  ...,  1.4588e+02,\n           1.4600e+02,  1.4612e+02],\n         [ 1.4625e+02,  1.4638e+02,  1.4650e+02,  ...,  1.4962e+02,\n           1.4975e+02,  1.4988e+02]]])" },
        { "Transposed", "tensor([[-2.5000,  0.5000],\n        [-1.5000,  1.5000],\n        [-0.5000,  2.5000]])" },
        { "Empty", "tensor([])" },
        { "EmptyMatrix", "tensor([], size=(0, 3))" },
        { "EmptyInt", "tensor([], dtype=torch.int64)" },
        { "EmptyFloat64_3D", "tensor([], size=(2, 0, 3), dtype=torch.float64)" },
        { "EmptyBool", "tensor([], dtype=torch.bool)" },
        { "Scalar", "tensor(3.5000)" },
        { "ScalarInteger", "tensor(2.)" },
        { "ScalarInt64", "tensor(7)" },
        { "ScalarNan", "tensor(nan)" },
        { "ScalarRequiresGrad", "tensor(-1.2500, dtype=torch.float64, requires_grad=True)" },
        { "Zeros", "tensor([[0., 0.],\n        [0., 0.]])" },
        { "LongSuffixWraps", "tensor([[ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,\n         12.0000, 13.5000]], dtype=torch.float64, requires_grad=True)" },
        { "GradFnAdd", "tensor([1.5000, 6.0000], grad_fn=<AddBackward0>)" },
        { "GradFnMul", "tensor([0.5000, 8.0000], grad_fn=<MulBackward0>)" },
        { "SuffixWrapsTwo", "tensor([10.0000, 11.5000, 13.0000, 14.5000, 16.0000, 17.5000, 19.0000],\n       dtype=torch.float64, requires_grad=True)" },
        { "SuffixWrapsRequiresGrad", "tensor([10.0000, 11.5000, 13.0000, 14.5000, 16.0000, 17.5000, 19.0000, 20.5000],\n       requires_grad=True)" },
        { "SuffixWrapsDtype", "tensor([10.0000, 11.5000, 13.0000, 14.5000, 16.0000, 17.5000, 19.0000, 20.5000],\n       dtype=torch.float64)" },
        { "SummarizedBool", "tensor([[ True, False,  True, False,  True, False],\n        [ True, False,  True, False,  True, False],\n        [ True, False,  True, False,  True, False],\n        ...,\n        [ True, False,  True, False,  True, False],\n        [ True, False,  True, False,  True, False],\n        [ True, False,  True, False,  True, False]])" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrintsLikePyTorch(string name, string expected) => Assert.Equal(expected, Make(name).ToString());
}
