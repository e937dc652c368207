using Ember.NN;
using Ember.Optim;

namespace Ember.Tests.Optim;

/// <summary><see cref="Regularization"/>: values and gradients of the L1 and L2 penalties.</summary>
public class RegularizationTests
{
    [Fact]
    public void L1PenaltyIsSumOfAbsoluteValuesWithSignGradient()
    {
        var a = Torch.FromArray(new double[,] { { 0.5, -1.5 }, { 0.0, 2.0 } }).RequiresGrad_();
        var b = Torch.FromArray(new double[] { -0.25, 3.0, -4.0 }).RequiresGrad_();
        var penalty = Regularization.L1Penalty([a, b]);
        Assert.Equal(0, penalty.Dim);
        Assert.Equal(0.5 + 1.5 + 0 + 2 + 0.25 + 3 + 4, penalty.Item<double>(), 12);
        penalty.Backward();
        Assert.Equal([1.0, -1.0, 0.0, 1.0], a.Grad!.ToArray<double>()); // sign, 0 at 0 as PyTorch's abs
        Assert.Equal([-1.0, 1.0, -1.0], b.Grad!.ToArray<double>());
    }

    [Fact]
    public void L1PenaltyGradientChecks()
    {
        // Away from zero, where |x| is differentiable.
        TestUtil.GradOk(xs => Regularization.L1Penalty(xs), TestUtil.PositiveInput(2, 3), (TestUtil.Input(4) + 5).Detach().RequiresGrad_());
    }

    [Fact]
    public void L2PenaltyIsSumOfSquaresWithGradientTwoP()
    {
        var a = Torch.FromArray(new double[] { 0.5, -1.5 }).RequiresGrad_();
        var b = Torch.FromArray(new double[,] { { 2.0 } }).RequiresGrad_();
        var penalty = Regularization.L2Penalty([a, b]);
        Assert.Equal(0.25 + 2.25 + 4.0, penalty.Item<double>(), 12);
        penalty.Backward();
        Assert.Equal([1.0, -3.0], a.Grad!.ToArray<double>());
        Assert.Equal([4.0], b.Grad!.ToArray<double>());
        TestUtil.GradOk(xs => Regularization.L2Penalty(xs), TestUtil.Input(2, 3), TestUtil.TransposedInput(2, 3));
    }

    [Fact]
    public void EmptyParameterListGivesZero()
    {
        Assert.Equal(0.0, Regularization.L1Penalty([]).Item<double>());
        Assert.Equal(0.0, Regularization.L2Penalty([]).Item<double>());
    }

    [Fact]
    public void L1PenaltyInALossDrivesSmallWeightsTowardZero()
    {
        // With only the penalty, SGD moves every weight by lr·λ toward zero each step.
        var w = Torch.FromArray(new double[] { 0.5, -0.3 }).RequiresGrad_();
        var opt = new SGD([w], lr: 0.1);
        for (int i = 0; i < 2; i++)
        {
            opt.ZeroGrad();
            (0.5 * Regularization.L1Penalty([w])).Backward();
            opt.Step();
        }
        TestUtil.Close([0.4, -0.2], w, 1e-12);
    }
}
