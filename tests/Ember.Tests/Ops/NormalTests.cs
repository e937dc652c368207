using static Ember.Tests.Ops.OpAssert;

namespace Ember.Tests.Ops;

/// <summary>normal and normal_.</summary>
public class NormalTests
{
    [Fact]
    public void ShapesDTypesAndBroadcasting()
    {
        Shape([2, 3], Torch.Normal(Torch.Zeros(2, 3), Torch.Ones(3)));
        Shape([2, 3], Torch.Normal(Torch.Zeros(3), Torch.Ones(2, 3)));
        Assert.Equal(DType.Float32, Torch.Normal(Torch.Zeros(3), 1.0).DType);
        Assert.Equal(DType.Float32, Torch.Normal(0.0, Torch.Ones(3)).DType);
        Assert.Equal(DType.Float32, Torch.Normal(0.0, 1.0, new Size([2])).DType);
        Assert.Equal(DType.Float64, Torch.Normal(2, 3, new Size([2]), DType.Float64).DType);
        Assert.Equal(DType.Float64, Torch.Normal(Torch.Zeros(3), Torch.Ones(new Size([3]), DType.Float64)).DType);
        Assert.Equal(DType.Float16, Torch.Normal(Torch.Zeros(new Size([2]), DType.Float16), 1.0).DType);
        Assert.Equal(DType.Float32, Torch.Normal(Ints(DType.Int64, 0, 0), Torch.Ones(2)).DType);
        Shape([0], Torch.Normal(Torch.Zeros(0), 1.0));
    }

    [Fact]
    public void ZeroStdGivesTheMeanAndTheGeneratorRepeats()
    {
        Values([0, 10], Torch.Normal(F64(0, 10), F64(0, 0)), 0);
        var a = Torch.Normal(F64(0, 10), F64(1, 2), new Generator(5));
        var b = Torch.Normal(F64(0, 10), F64(1, 2), new Generator(5));
        Assert.True(Torch.Equal(a, b));
        var c = Torch.Normal(F64(0, 10), F64(1, 2), new Generator(6));
        Assert.False(Torch.Equal(a, c));
    }

    [Fact]
    public void MomentsOfManySamples()
    {
        var x = Torch.Normal(3.0, 2.0, new Size([200000]), DType.Float64, new Generator(1));
        Assert.InRange(x.Mean().Item<double>(), 2.98, 3.02);
        Assert.InRange(x.Std().Item<double>(), 1.98, 2.02);
        var y = Torch.Normal(F64(-5, 5).Expand(100000, 2), F64(0.5, 3), new Generator(2));
        var mean = y.Mean(0).ToArray<double>();
        var std = y.Std(0).ToArray<double>();
        Assert.InRange(mean[0], -5.01, -4.99);
        Assert.InRange(mean[1], 4.97, 5.03);
        Assert.InRange(std[0], 0.495, 0.505);
        Assert.InRange(std[1], 2.97, 3.03);
    }

    [Fact]
    public void Errors()
    {
        Assert.Contains("normal: expects all elements of std >= 0.0",
            Assert.Throws<ArgumentException>(() => Torch.Normal(Torch.Zeros(3), -Torch.Ones(3))).Message);
        Assert.Contains("normal: expects std >= 0.0, but found std -1", Assert.Throws<ArgumentException>(() => Torch.Normal(0.0, -1.0, new Size([2]))).Message);
        Assert.Contains("normal: expects std >= 0.0", Assert.Throws<ArgumentException>(() => Torch.Normal(Torch.Zeros(3), -1.0)).Message);
        Assert.Contains("normal: not implemented for dtype torch.int64",
            Assert.Throws<NotSupportedException>(() => Torch.Normal(Ints(DType.Int64, 0), 1.0)).Message);
        Assert.Throws<ArgumentException>(() => Torch.Normal(Torch.Zeros(4), Torch.Ones(2, 3)));
        Assert.Throws<NotSupportedException>(() => Torch.Normal(0, 1, new Size([2]), DType.Int64));
    }

    [Fact]
    public void InPlace()
    {
        var x = Torch.Zeros(3);
        Assert.Same(x, x.Normal_(0, 0));
        Values([0, 0, 0], x, 0);
        x.Normal_(5, 0);
        Values([5, 5, 5], x, 0);
        x.Normal_(generator: new Generator(3));
        Assert.True(Torch.Equal(x, Torch.Zeros(3).Normal_(generator: new Generator(3))));
        Assert.Contains("normal_: not implemented for dtype torch.int64", Assert.Throws<NotSupportedException>(() => Ints(DType.Int64, 0).Normal_()).Message);
        Assert.Contains("normal_: expects std >= 0.0", Assert.Throws<ArgumentException>(() => Torch.Zeros(3).Normal_(0, -1)).Message);
    }

    [Fact]
    public void GradientsAreZeroAsInPyTorch()
    {
        var m = Torch.Zeros(new Size([3]), DType.Float64, requiresGrad: true);
        var s = Torch.Ones(new Size([3]), DType.Float64, requiresGrad: true);
        var y = Torch.Normal(m, s);
        Assert.Equal("NormalBackward3", y.GradFn!.Name);
        y.Sum().Backward();
        Values([0, 0, 0], m.Grad!, 0);
        Values([0, 0, 0], s.Grad!, 0);
        Assert.Equal("NormalBackward1", Torch.Normal(m, 1.0).GradFn!.Name);
    }
}
