using Ember.Data;
using Ember.Data.Transforms;

namespace Ember.Tests.Data;

/// <summary>
/// Range checks written with &lt; or &gt; let NaN through (every comparison with NaN is false): each check in the
/// data layer must reject NaN (and infinities where a finite value is needed).
/// </summary>
public class NaNGuardTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.0)]
    [InlineData(1e-50)] // zero in float32
    public void NormalizeRejectsBadStds(double std)
    {
        Assert.StartsWith("Normalize: ", Assert.Throws<ArgumentException>(() => new Normalize(0.5, std)).Message);
        Assert.Throws<ArgumentException>(() => new Normalize([0.5, 0.5], [1, std]));
        Assert.Throws<ArgumentException>(() => new Normalize(double.NaN, 1));
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.5, double.NaN)]
    [InlineData(double.PositiveInfinity, 0.0)]
    [InlineData(-0.5, 1.5)]
    public void RandomSplitRejectsBadFractions(double a, double b)
    {
        var ds = new TensorDataset(Torch.Arange(10));
        Assert.StartsWith("random_split: ", Assert.Throws<ArgumentException>(() => Splits.RandomSplit(ds, [a, b])).Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public void WeightedSamplerRejectsBadWeights(double w)
    {
        var e = Assert.Throws<ArgumentException>(() => new WeightedRandomSampler([1, w], 3));
        Assert.Contains($"weights[1] = {w}", e.Message);
    }

    [Fact]
    public void RotationAnglesMustBeFinite()
    {
        // A NaN angle used to give an all-fill image: every source coordinate compared false.
        var x = Torch.Ones(1, 4, 4);
        Assert.Equal("rotate: angle must be finite, got NaN (Parameter 'angle')", Assert.Throws<ArgumentException>(() => RandomRotation.Rotate(x, double.NaN)).Message);
        Assert.Throws<ArgumentException>(() => RandomRotation.Rotate(x, double.NegativeInfinity));
        Assert.Throws<ArgumentException>(() => new RandomRotation(double.NaN));
        Assert.Throws<ArgumentException>(() => new RandomRotation((0, double.NaN)));
    }

    [Theory]
    [InlineData(0.5, double.PositiveInfinity, 0.75, 1.33)]
    [InlineData(0.5, 1.0, 0.75, double.PositiveInfinity)]
    [InlineData(double.NaN, 1.0, 0.75, 1.33)]
    [InlineData(0.5, 1.0, 0.75, double.NaN)]
    public void ResizedCropRangesMustBeFinite(double s0, double s1, double r0, double r1)
    {
        var e = Assert.Throws<ArgumentException>(() => new RandomResizedCrop(4, scale: (s0, s1), ratio: (r0, r1)));
        Assert.StartsWith("RandomResizedCrop: ", e.Message);
    }

    [Fact]
    public void FlipProbabilitiesMustBeNumbers()
    {
        Assert.Throws<ArgumentException>(() => new RandomHorizontalFlip(double.NaN));
        Assert.Throws<ArgumentException>(() => new RandomVerticalFlip(double.NaN));
    }
}
