using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

public class ArithmeticTests
{
    [Fact]
    public void AddBroadcastsAndPromotes()
    {
        var a = Torch.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = Torch.FromArray(new float[] { 10, 20, 30 });
        Close([11, 22, 33, 14, 25, 36], a + b);
        var c = Torch.FromArray(new long[] { 1, 2, 3 }) + 0.5;
        Assert.Equal(DType.Float32, c.DType);
        Close([1.5, 2.5, 3.5], c);
        Assert.Equal(DType.Float64, (a.To(DType.Float64) + b).DType);
    }

    [Fact]
    public void IncompatibleShapesNameTheOpAndShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Torch.Zeros(2, 3) + Torch.Zeros(4));
        Assert.Contains("add", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4]", ex.Message);
    }

    [Fact]
    public void DivisionOfIntegersIsTrueDivision()
    {
        var q = Torch.FromArray(new long[] { 1, 3 }) / Torch.FromArray(new long[] { 2, 2 });
        Assert.Equal(DType.Float32, q.DType);
        Close([0.5, 1.5], q);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("sub")]
    [InlineData("mul")]
    [InlineData("div")]
    public void BinaryGradCheck(string op)
    {
        Func<Tensor, Tensor, Tensor> f = op switch
        {
            "add" => (a, b) => a + b,
            "sub" => (a, b) => a - b,
            "mul" => (a, b) => a * b,
            _ => (a, b) => a / b,
        };
        // contiguous, same shape
        GradOk(x => f(x[0], x[1]), Input(2, 3), PositiveInput(2, 3));
        // transposed (non-contiguous)
        GradOk(x => f(x[0], x[1]), TransposedInput(3, 4), PositiveInput(3, 4));
        // broadcast [3,1] with [4]
        GradOk(x => f(x[0], x[1]), Input(3, 1), PositiveInput(4));
        // sizes 1 and 0
        GradOk(x => f(x[0], x[1]), Input(1), PositiveInput(1));
        GradOk(x => f(x[0], x[1]), Input(0, 3), PositiveInput(3));
        // scalar operand
        GradOk(x => f(x[0], Torch.Scalar(2.5, DType.Float64)), Input(2, 2));
    }
}
