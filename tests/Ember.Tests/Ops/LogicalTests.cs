namespace Ember.Tests.Ops;

public class LogicalTests
{
    private static readonly Tensor A = Torch.FromArray(new[] { true, true, false, false });
    private static readonly Tensor B = Torch.FromArray(new[] { true, false, true, false });

    [Fact]
    public void TruthTables()
    {
        Assert.Equal(new[] { true, false, false, false }, (A & B).ToArray<bool>());
        Assert.Equal(new[] { true, true, true, false }, (A | B).ToArray<bool>());
        Assert.Equal(new[] { false, true, true, false }, A.LogicalXor(B).ToArray<bool>());
        Assert.Equal(new[] { false, false, true, true }, (!A).ToArray<bool>());
    }

    [Fact]
    public void NonzeroCountsAsTrueAndShapesBroadcast()
    {
        var x = Torch.FromArray(new float[,] { { 0f, 2.5f }, { -1f, 0f } });
        var r = x.LogicalAnd(Torch.FromArray(new long[] { 1, 0 }));
        Assert.Equal(DType.Bool, r.DType);
        Assert.Equal(new[] { false, false, true, false }, r.ToArray<bool>());
        Assert.Equal(new[] { true, false, false, true }, x.LogicalNot().ToArray<bool>());
    }

    [Fact]
    public void MismatchedShapesNameTheOp()
    {
        var ex = Assert.Throws<ArgumentException>(() => Torch.Ones(2, 3).LogicalOr(Torch.Ones(4)));
        Assert.Contains("logical_or", ex.Message);
    }
}
