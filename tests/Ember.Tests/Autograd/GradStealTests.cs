using Ember.Autograd;
using Xunit;

namespace Ember.Tests.Autograd;

/// <summary>
/// A leaf takes the gradient a backward pass made for it instead of a copy (PyTorch's AccumulateGrad "steals" a
/// gradient nobody else holds), and never one that something else can still see: the caller's gradient, a gradient
/// two leaves receive, a view of another gradient, or one a hook was shown.
/// </summary>
public class GradStealTests
{
    [Fact]
    public void ALeafTakesItsFreshGradientWithoutACopy()
    {
        var w = Torch.Randn([100, 100], DType.Float64, new Generator(1)).RequiresGrad_();
        var c = Torch.Randn([100, 100], DType.Float64, new Generator(2));
        (w * c).Sum().Backward();
        // MulBackward's grad·c is the only full-size tensor of the pass (the copy made it two).
        Assert.Equal(10_000, Engine.LastPassAllocatedElements);
        Assert.Equal(c.ToArray<double>(), w.Grad!.ToArray<double>());
    }

    [Fact]
    public void TwoLeavesReceivingOneGradientGetSeparateTensors()
    {
        var a = Torch.Ones([3], DType.Float64).RequiresGrad_();
        var b = Torch.Ones([3], DType.Float64).RequiresGrad_();
        (a + b).Backward(Torch.FromArray(new[] { 1.0, 2.0, 3.0 }));
        Assert.NotSame(a.Grad, b.Grad);
        a.Grad!.Mul_(10.0);
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, b.Grad!.ToArray<double>());
    }

    [Fact]
    public void TheCallersGradientAndViewsOfItAreCopied()
    {
        var x = Torch.Ones([2, 3], DType.Float64).RequiresGrad_();
        var g = Torch.Ones([6], DType.Float64);
        x.Reshape(6).Backward(g);   // ViewBackward hands x a view of the caller's g
        g.Mul_(5.0);
        Assert.Equal(Enumerable.Repeat(1.0, 6), x.Grad!.ToArray<double>());

        var leaf = Torch.Ones([3], DType.Float64).RequiresGrad_();
        var mine = Torch.Full([3], 2.0, DType.Float64);
        leaf.Backward(mine);
        mine.Mul_(5.0);
        Assert.Equal(new[] { 2.0, 2.0, 2.0 }, leaf.Grad!.ToArray<double>());
    }

    [Fact]
    public void AGradientAHookSawIsCopied()
    {
        var x = Torch.Ones([3], DType.Float64).RequiresGrad_();
        Tensor? seen = null;
        x.RegisterHook(g => { seen = g; return null; });
        (x * 3.0).Sum().Backward();
        Assert.NotNull(seen);
        Assert.NotSame(seen, x.Grad);
        seen!.Mul_(10.0);
        Assert.Equal(new[] { 3.0, 3.0, 3.0 }, x.Grad!.ToArray<double>());
    }

    [Fact]
    public void AGradientBuiltThroughViewsIsTakenAndStaysCorrect()
    {
        var x = Torch.Arange(12).To(DType.Float64).Reshape(4, 3).RequiresGrad_();
        var parts = x.Split(1, 0);
        (parts[0].Sum() + parts[3].Sum() * 2).Backward();
        Assert.Equal(new double[] { 1, 1, 1, 0, 0, 0, 0, 0, 0, 2, 2, 2 }, x.Grad!.ToArray<double>());
        // A second pass accumulates into the taken tensor.
        (parts[1].Sum() * 3).Backward();
        Assert.Equal(new double[] { 1, 1, 1, 3, 3, 3, 0, 0, 0, 2, 2, 2 }, x.Grad!.ToArray<double>());
    }
}
