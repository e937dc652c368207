using static Ember.Tests.TestUtil;

namespace Ember.Tests.Autograd;

public class CopyInPlaceTests
{
    [Fact]
    public void CopyIntoNonLeafSendsTheGradientToTheSourceOnly()
    {
        var x = Input(2, 3);
        var s = Input(3);
        var y = x * 2;
        y.Copy_(s);                       // y's old values (from x) are overwritten
        (y * Torch.Arange(0, 6, 1, DType.Float64).View(2, 3)).Sum().Backward();
        Assert.Null(x.Grad);
        Close([3, 5, 7], s.Grad!);        // column sums of [[0,1,2],[3,4,5]]
    }

    [Fact]
    public void CopyIsDifferentiableWithRespectToTheSource()
    {
        GradOk(t =>
        {
            var y = t[0] * 1.0;
            y.Copy_(t[1]);
            return y * y;
        }, Input(2, 3), Input(3));
    }

    [Fact]
    public void CopyIntoAViewIsRecordedOnTheBase()
    {
        // PyTorch 1.13: x.grad = [[0, 0, 0], [4, 5, 6]], s.grad = [[1, 2, 3]], y.grad_fn = CopySlices.
        var x = Torch.Arange(1.0, 7.0, 1.0, DType.Float64).View(2, 3).RequiresGrad_();
        var y = x * 1.0;
        var s = Torch.FromArray(new[,] { { 7.0, 8, 9 } }).RequiresGrad_();
        y.Narrow(0, 0, 1).Copy_(s);
        Assert.Equal("CopySlices", y.GradFn!.Name);
        (y * Torch.Arange(1.0, 7.0, 1.0, DType.Float64).View(2, 3)).Sum().Backward();
        Close([0, 0, 0, 4, 5, 6], x.Grad!);
        Close([1, 2, 3], s.Grad!);
        // A view of a leaf that requires grad is refused, as in PyTorch.
        var leaf = Input(2, 3);
        var ex = Assert.Throws<InvalidOperationException>(() => leaf.Narrow(0, 0, 1).Copy_(Input(1, 3)));
        Assert.Contains("view of a leaf Variable", ex.Message);
    }

    [Fact]
    public void CopyUnderNoGradWritesValuesAndBumpsTheVersion()
    {
        var x = Torch.Zeros(2, 2);
        using (Torch.NoGrad()) x.Narrow(1, 0, 1).Copy_(Torch.FromArray(new float[] { 5, 6 }).View(2, 1));
        Close([5, 0, 6, 0], x);
    }
}
