namespace Ember.Tests.Tensors;

/// <summary>
/// In-place ops whose destination overlaps itself or an input: PyTorch 1.13's errors where it raises, and the
/// right result (never a value read after being overwritten) where it does not.
/// </summary>
public class MemoryOverlapTests
{
    private static Tensor Y() => Torch.Arange(0.0, 6.0, 1.0);

    private static void Partial(Action write, string op)
    {
        var ex = Assert.Throws<InvalidOperationException>(write);
        Assert.StartsWith(op + ":", ex.Message);
        Assert.Contains("some elements of the input tensor and the written-to tensor refer to a single memory location", ex.Message);
    }

    private static void Internal(Action write, string op)
    {
        var ex = Assert.Throws<InvalidOperationException>(write);
        Assert.StartsWith(op + ":", ex.Message);
        Assert.Contains("more than one element of the written-to tensor refers to a single memory location", ex.Message);
    }

    [Fact]
    public void PartialOverlapWithADenseInputRaisesLikePyTorch()
    {
        var x = Torch.Arange(0.0, 9.0, 1.0).View(3, 3);
        Partial(() => x.Add_(x.T), "add_");
        var y = Y();
        Partial(() => y[1..].Add_(y[..^1]), "add_");
        Partial(() => y[1..].Copy_(y[..^1]), "copy_");
        Partial(() => y[1..].Mul_(y[..^1]), "mul_");
        Assert.Equal(new[] { 0.0, 1, 2, 3, 4, 5 }, y.ToArray<double>()); // nothing was written
    }

    [Fact]
    public void DisjointOrIdenticalOperandsComputeInPlace()
    {
        var y = Y();
        y[..3].Add_(y[3..]);
        Assert.Equal(new[] { 3.0, 5, 7, 3, 4, 5 }, y.ToArray<double>());
        var z = Y();
        z[TensorIndex.Slice(null, null, 2)].Add_(z[TensorIndex.Slice(1, null, 2)]);
        Assert.Equal(new[] { 1.0, 1, 5, 3, 9, 5 }, z.ToArray<double>());
        var w = Y();
        w.Mul_(w); // the same elements in the same order: fine
        Assert.Equal(new[] { 0.0, 1, 4, 9, 16, 25 }, w.ToArray<double>());
        var e = Y();
        e[1..].Exp_();
        Assert.Equal(0.0, e[0].Item());
    }

    [Fact]
    public void InterleavedStridedOperandsAreReadBeforeTheyAreOverwritten()
    {
        // a = y[2, 4, 6], b = y[1, 3, 5, ...] shifted so that writes to a land on elements b still has to read.
        var y = Torch.FromArray(new[] { 1.0, 2, 3, 4, 5, 6, 7, 8 });
        var a = y[TensorIndex.Slice(2, 8, 2)];   // positions 2, 4, 6
        var b = y[TensorIndex.Slice(0, 6, 2)];   // positions 0, 2, 4
        a.Add_(b);                               // must use the old values 1, 3, 5
        Assert.Equal(new[] { 1.0, 2, 4, 4, 8, 6, 12, 8 }, y.ToArray<double>());
        var y2 = Torch.FromArray(new[] { 1.0, 2, 3, 4, 5, 6, 7, 8 });
        y2[TensorIndex.Slice(0, 6, 2)].Add_(y2[TensorIndex.Slice(2, 8, 2)]);
        Assert.Equal(new[] { 4.0, 2, 8, 4, 12, 6, 7, 8 }, y2.ToArray<double>());
    }

    [Fact]
    public void WritesIntoAnExpandedTensorRaiseExceptFills()
    {
        Internal(() => Torch.Zeros(1).Expand(3).Add_(1.0), "add_");
        Internal(() => Torch.Zeros(3, 1).Expand(3, 3).Copy_(Torch.Ones(3, 3)), "copy_");
        Internal(() => Torch.Zeros(3, 1).Expand(3, 3).Exp_(), "exp_");
        Internal(() => Torch.Zeros(3, 1).Expand(3, 3).MaskedFill_(Torch.Ones(new Size(3, 3), DType.Bool), 1.0), "masked_fill_");
        // fill_ and zero_ write one value everywhere: allowed (PyTorch).
        var e = Torch.Zeros(3, 1);
        e.Expand(3, 3).Fill_(1.0);
        Assert.Equal(new[] { 1.0, 1, 1 }, e.ToArray<double>());
        e.Expand(3, 3).Zero_();
        Assert.Equal(new[] { 0.0, 0, 0 }, e.ToArray<double>());
    }

    [Fact]
    public void ScatterLikeOpsRejectASourceThatAliasesTheDestination()
    {
        var idx = Torch.FromArray(new long[] { 0, 1 });
        var y = Y();
        Partial(() => y.IndexPut_(y[1..3], idx), "index_put_");
        Partial(() => y.Scatter_(0, idx, y[1..3]), "scatter_");
        Partial(() => y.Scatter_(0, idx, y), "scatter_");
        Partial(() => y.IndexCopy_(0, idx, y[1..3]), "index_copy_");
        Partial(() => y.IndexAdd_(0, idx, y[1..3]), "index_add_");
        Partial(() => y.ScatterAdd_(0, idx, y[1..3]), "scatter_add_");
        // masked_scatter_ reads its source in order: an aliasing source is copied first (the correct result).
        var m = Y();
        m.MaskedScatter_(m > 2.0, m);
        Assert.Equal(new[] { 0.0, 1, 2, 0, 1, 2 }, m.ToArray<double>());
        var m2 = Torch.FromArray(new[] { 10.0, 20, 30 });
        m2.MaskedScatter_(Torch.FromArray(new[] { false, true, true }), m2);
        Assert.Equal(new[] { 10.0, 10, 20 }, m2.ToArray<double>()); // not [10, 10, 10]
    }
}

/// <summary>NaN never passes a range check: PyTorch's BCE rejects a NaN input.</summary>
public class NaNRangeCheckTests
{
    [Fact]
    public void BinaryCrossEntropyRejectsNaNInput()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ember.NN.F.BinaryCrossEntropy(Torch.FromArray(new[] { float.NaN, 0.5f }), Torch.FromArray(new[] { 1f, 0f })));
        Assert.Contains("between 0 and 1", ex.Message);
        Assert.Contains("NaN", ex.Message);
        // A NaN target is not range-checked in PyTorch: the loss is NaN.
        Assert.True(double.IsNaN(Ember.NN.F.BinaryCrossEntropy(Torch.FromArray(new[] { 0.5f, 0.5f }), Torch.FromArray(new[] { float.NaN, 0f })).Item()));
    }

    [Fact]
    public void SchedulerFactorNaNIsRejected()
    {
        var opt = new Ember.Optim.SGD([Torch.Zeros(1).RequiresGrad_()], lr: 0.1);
        Assert.Throws<ArgumentException>(() => new Ember.Optim.Schedulers.ReduceLROnPlateau(opt, factor: double.NaN));
    }
}
