using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>Summing a sequence of tensors like Python's sum().</summary>
public class SumSequenceTests
{
    [Fact]
    public void SumsLikePython()
    {
        var losses = new List<Tensor> { F64(1), F64(2), F64(3.5) };
        Values([6.5], losses.Sum(), 0);
        Values([6.5], Torch.Sum(losses), 0);
        var y = new[] { Torch.Ones(2, 3), Torch.Ones(3), Torch.Scalar(2.0) }.Sum();
        Shape([2, 3], y);
        Values(Enumerable.Repeat(4.0, 6).ToArray(), y, 0);
        var none = Array.Empty<Tensor>().Sum();
        Assert.Equal(DType.Int64, none.DType);
        Longs([0], none);
        var bools = new[] { Ints(DType.Bool, 1, 0), Ints(DType.Bool, 1, 1) }.Sum();
        Assert.Equal(DType.Int64, bools.DType);
        Longs([2, 1], bools);
        Assert.Equal(DType.Float64, new[] { Torch.Ones(2), Torch.Ones(new Size([2]), DType.Float64) }.Sum().DType);
        Assert.Equal(DType.Int32, new[] { Ints(DType.Int32, 1) }.Sum().DType);
    }

    [Fact]
    public void ErrorsAndGradients()
    {
        Assert.Throws<ArgumentException>(() => new[] { Torch.Ones(2), Torch.Ones(3) }.Sum());
        Assert.Throws<ArgumentNullException>(() => new Tensor[] { Torch.Ones(2), null! }.Sum());
        GradOk(x => new[] { x[0], x[1], x[0] }.Sum(), Input(2, 3), Input(3));
        GradOk(x => new[] { x[0] }.Sum(), TransposedInput(2, 3));
        GradOk(x => new[] { x[0], x[1] }.Sum(), Input(0, 2), Input(1));
    }
}
