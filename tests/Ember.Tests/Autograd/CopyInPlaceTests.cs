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
    public void CopyIntoAViewWhileRecordingIsRejected()
    {
        var x = Input(2, 3);
        var y = x * 1.0;
        var ex = Assert.Throws<InvalidOperationException>(() => y.Narrow(0, 0, 1).Copy_(Input(1, 3)));
        Assert.Contains("copy_", ex.Message);
    }

    [Fact]
    public void CopyUnderNoGradWritesValuesAndBumpsTheVersion()
    {
        var x = Torch.Zeros(2, 2);
        using (Torch.NoGrad()) x.Narrow(1, 0, 1).Copy_(Torch.FromArray(new float[] { 5, 6 }).View(2, 1));
        Close([5, 0, 6, 0], x);
    }
}
