using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>
/// Matmul's backward gives a column-major (transposed-contiguous) operand a column-major gradient, so that the
/// transpose that made the operand hands its input a contiguous gradient (Linear's weight: dW = gᵀ·x, no copy).
/// </summary>
public class MatmulBackwardTests
{
    [Fact]
    public void LinearWeightGradientIsContiguousAndExact()
    {
        var x = Torch.Randn(new[] { 5, 4 }, DType.Float64, new Generator(1));
        var w = Torch.Randn(new[] { 3, 4 }, DType.Float64, new Generator(2)).RequiresGrad_();
        var b = Torch.Randn(new[] { 3 }, DType.Float64, new Generator(3)).RequiresGrad_();
        var g = Torch.Randn(new[] { 5, 3 }, DType.Float64, new Generator(4));
        F.Linear(x, w, b).Backward(g);
        Assert.True(w.Grad!.IsContiguous);
        Assert.Equal(new[] { 4, 1 }, w.Grad.Strides.ToArray());
        Close(g.T.Matmul(x).ToArray<double>(), w.Grad, 1e-12);
        Close(g.Sum(0).ToArray<double>(), b.Grad!, 1e-12);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void ColumnMajorOperandsGetTheComposedGradient(bool aTransposed, bool bTransposed)
    {
        // a [4, 3] · b [3, 5], each stored either row-major or transposed
        var aStore = Torch.Randn(aTransposed ? new[] { 3, 4 } : new[] { 4, 3 }, DType.Float64, new Generator(5)).RequiresGrad_();
        var bStore = Torch.Randn(bTransposed ? new[] { 5, 3 } : new[] { 3, 5 }, DType.Float64, new Generator(6)).RequiresGrad_();
        var g = Torch.Randn(new[] { 4, 5 }, DType.Float64, new Generator(7));
        var a = aTransposed ? aStore.T : aStore;
        var b = bTransposed ? bStore.T : bStore;
        a.Matmul(b).Backward(g);
        Tensor ga, gb;
        using (Torch.NoGrad())
        {
            ga = g.Matmul(b.T);
            gb = a.T.Matmul(g);
        }
        Close((aTransposed ? ga.T : ga).Contiguous().ToArray<double>(), aStore.Grad!, 1e-12);
        Close((bTransposed ? gb.T : gb).Contiguous().ToArray<double>(), bStore.Grad!, 1e-12);
        Assert.True(aStore.Grad!.IsContiguous);
        Assert.True(bStore.Grad!.IsContiguous);
    }

    [Fact]
    public void BatchedColumnMajorOperandsGradcheck()
    {
        var a = Torch.Randn(new[] { 2, 3, 4 }, DType.Float64, new Generator(8)).Transpose(1, 2);
        a.RequiresGrad = true;
        var b = Torch.Randn(new[] { 5, 3 }, DType.Float64, new Generator(9)).T;
        b.RequiresGrad = true;
        GradOk(t => t[0].Matmul(t[1]), a, b); // [2, 4, 3] · [3, 5], b broadcast over the batch
        GradOk(t => t[0].Matmul(t[1]).Sum(), a, b);
        var b3 = Torch.Randn(new[] { 2, 5, 3 }, DType.Float64, new Generator(10)).Transpose(1, 2);
        b3.RequiresGrad = true;
        GradOk(t => t[0].Matmul(t[1]), a, b3); // both column-major, one batch
        var a1 = Torch.Randn(new[] { 1, 3, 4 }, DType.Float64, new Generator(11)).Transpose(1, 2);
        a1.RequiresGrad = true;
        GradOk(t => t[0].Matmul(t[1]), a1, b3); // a's batch of 1 broadcast to 2
    }
}
