using Ember.Autograd;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>
/// IndexSelect, Gather, Scatter(Add), IndexAdd/Copy/Fill, MaskedSelect/Fill/Scatter, Where and the indexer.
/// Expected values come from PyTorch 1.13 on the same inputs.
/// </summary>
public class IndexingTests
{
    private static Tensor Ar(double start, double end, params int[] shape) => Torch.Arange(start, end, 1, DType.Float32).View(shape);

    private static Tensor X() => Ar(0, 12, 3, 4);

    private static Tensor Z() => Ar(0, 24, 2, 3, 4);

    private static Tensor L(params long[] values) => Torch.FromArray(values);

    private static Tensor L2(long[,] values) => Torch.FromArray(values);

    private static Tensor B(params bool[] values) => Torch.FromArray(values);

    private static readonly bool[,] MaskValues =
    {
        { true, false, true, false },
        { false, false, false, true },
        { true, true, false, false },
    };

    private static Tensor M() => Torch.FromArray(MaskValues);

    private static void Shape(int[] expected, Tensor t) => Assert.Equal(expected, t.Shape.ToArray());

    // ---------------------------------------------------------------- index_select

    [Fact]
    public void IndexSelectMatchesPyTorch()
    {
        var x = X();
        var a = x.IndexSelect(0, L(2, 0, 2));
        Shape([3, 4], a);
        Close([8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11], a);
        Close([3, 3, 1, 7, 7, 5, 11, 11, 9], Torch.IndexSelect(x, 1, L(3, 3, 1)));
        var t = x.T.IndexSelect(1, L(2, 0, 2));
        Shape([4, 3], t);
        Close([8, 0, 8, 9, 1, 9, 10, 2, 10, 11, 3, 11], t);
        Shape([1], Torch.Arange(3).IndexSelect(0, Torch.Scalar(1L)));
        Shape([3, 0], x.IndexSelect(1, Torch.Zeros(new Size(0), DType.Int64)));
        Assert.Equal(new long[] { 5, 5 }, Torch.FromArray(new long[] { 4, 5 }).IndexSelect(0, L(1, 1)).ToArray<long>());
        Assert.Equal(new[] { true, false }, B(false, true).IndexSelect(0, L(1, 0)).ToArray<bool>());
    }

    [Fact]
    public void IndexSelectErrors()
    {
        var x = X();
        var oob = Assert.Throws<IndexOutOfRangeException>(() => x.IndexSelect(1, L(0, 4)));
        Assert.Contains("index_select", oob.Message);
        Assert.Contains("index 4 is out of bounds for dimension 1 with size 4", oob.Message);
        var neg = Assert.Throws<IndexOutOfRangeException>(() => x.IndexSelect(0, L(-1)));
        Assert.Contains("index -1", neg.Message);
        var dt = Assert.Throws<ArgumentException>(() => x.IndexSelect(0, Torch.Zeros(2)));
        Assert.Contains("index_select", dt.Message);
        Assert.Contains("torch.float32", dt.Message);
        var vec = Assert.Throws<ArgumentException>(() => x.IndexSelect(0, L2(new long[,] { { 0 } })));
        Assert.Contains("vector", vec.Message);
        Assert.Contains("[1, 1]", vec.Message);
    }

    [Fact]
    public void IndexSelectGradCheck()
    {
        GradOk(x => x[0].IndexSelect(0, L(2, 0, 2, 2)), Input(3, 4));
        GradOk(x => x[0].IndexSelect(1, L(1, 1, 0)), TransposedInput(3, 4));
        GradOk(x => x[0].IndexSelect(-1, L(0, 0)), Input(1, 1));
        GradOk(x => x[0].IndexSelect(0, L(1)), Input(2));
    }

    // ---------------------------------------------------------------- gather

    [Fact]
    public void GatherMatchesPyTorch()
    {
        var x = X();
        var g1 = x.Gather(1, L2(new long[,] { { 0, 3 }, { 1, 1 }, { 2, 0 } }));
        Shape([3, 2], g1);
        Close([0, 3, 5, 5, 10, 8], g1);
        Close([8, 1, 6, 3, 0, 1, 10, 7], Torch.Gather(x, 0, L2(new long[,] { { 2, 0, 1, 0 }, { 0, 0, 2, 1 } })));
        // transposed input: x.T is [4, 3]
        Close([0, 8, 1, 1], x.T.Gather(1, L2(new long[,] { { 0, 2 }, { 0, 0 } })));
        Assert.Equal(new long[] { 30, 10 }, Torch.FromArray(new long[] { 10, 20, 30 }).Gather(0, L(2, 0)).ToArray<long>());
    }

    [Fact]
    public void GatherErrors()
    {
        var x = X();
        var oob = Assert.Throws<IndexOutOfRangeException>(() => x.Gather(1, L2(new long[,] { { 0, 7 } })));
        Assert.Equal("gather: index 7 is out of bounds for dimension 1 with size 4", oob.Message);
        var neg = Assert.Throws<IndexOutOfRangeException>(() => x.Gather(0, L2(new long[,] { { -1 } })));
        Assert.Contains("gather: index -1 is out of bounds for dimension 0 with size 3", neg.Message);
        var dt = Assert.Throws<ArgumentException>(() => x.Gather(1, Torch.Zeros(3, 2)));
        Assert.Contains("gather", dt.Message);
        Assert.Contains("torch.int64", dt.Message);
        Assert.Contains("torch.float32", dt.Message);
        var nd = Assert.Throws<ArgumentException>(() => x.Gather(1, L(0, 1)));
        Assert.Contains("same number of dimensions", nd.Message);
        var big = Assert.Throws<ArgumentException>(() => x.Gather(1, Torch.Zeros(new Size(4, 2), DType.Int64)));
        Assert.Contains("gather", big.Message);
        Assert.Contains("[4, 2]", big.Message);
        Assert.Contains("[3, 4]", big.Message);
    }

    [Fact]
    public void GatherGradCheck()
    {
        var i1 = L2(new long[,] { { 0, 3, 3 }, { 1, 1, 0 }, { 2, 0, 2 } });
        GradOk(x => x[0].Gather(1, i1), Input(3, 4));
        GradOk(x => x[0].Gather(1, i1), TransposedInput(3, 4));
        GradOk(x => x[0].Gather(0, L2(new long[,] { { 2, 0 }, { 2, 2 } })), Input(3, 4));
        GradOk(x => x[0].Gather(0, L2(new long[,] { { 0 }, { 0 } })), Input(1, 1));
    }

    // ---------------------------------------------------------------- scatter / scatter_add

    [Fact]
    public void ScatterMatchesPyTorch()
    {
        var src = Ar(100, 108, 2, 4);
        var s = Torch.Zeros(3, 4).Scatter(0, L2(new long[,] { { 2, 0, 1, 0 }, { 1, 2, 0, 1 } }), src);
        Close([0, 101, 106, 103, 104, 0, 102, 107, 100, 105, 0, 0], s);
        Close([7.5, 0, 0, 0, 0, 0, 0, 7.5, 0, 7.5, 0, 0], Torch.Scatter(Torch.Zeros(3, 4), 1, L2(new long[,] { { 0 }, { 3 }, { 1 } }), 7.5));
        var a = Torch.Ones(3, 4).ScatterAdd(0, L2(new long[,] { { 2, 0, 1, 0 }, { 2, 0, 0, 1 } }), src);
        Close([1, 207, 107, 104, 1, 1, 103, 108, 205, 1, 1, 1], a);
        // index smaller than src: only the index-shaped block of src is used
        Close([201, 0, 0, 0, 0, 0, 105, 0, 0, 104], Torch.ScatterAdd(Torch.Zeros(2, 5), 1, L2(new long[,] { { 0, 0 }, { 4, 1 } }), src));
        // the input is not modified by the out-of-place ops
        var x = X();
        x.Scatter(1, L2(new long[,] { { 0 } }), -1.0);
        Close([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], x);
    }

    [Fact]
    public void ScatterInPlaceWritesAndBumpsTheVersion()
    {
        var x = Torch.Zeros(new Size(3, 4), DType.Float64);
        var saved = Input(3, 4);
        var y = saved * x; // MulBackward saves x
        var r = x.Scatter_(1, L2(new long[,] { { 0 }, { 3 }, { 1 } }), 7.5);
        Assert.Same(x, r);
        Close([7.5, 0, 0, 0, 0, 0, 0, 7.5, 0, 7.5, 0, 0], x);
        var ex = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("modified by an inplace operation", ex.Message);

        x.ScatterAdd_(0, L2(new long[,] { { 0, 0 }, { 0, 1 } }), Torch.Ones(new Size(2, 2), DType.Float64));
        Close([9.5, 1, 0, 0, 0, 1, 0, 7.5, 0, 7.5, 0, 0], x);
        x.Scatter_(1, L2(new long[,] { { 2 } }), Torch.Full(new Size(1, 1), -3, DType.Float64));
        Close([9.5, 1, -3, 0, 0, 1, 0, 7.5, 0, 7.5, 0, 0], x);
    }

    [Fact]
    public void ScatterInPlaceFollowsTheAutogradRules()
    {
        var leaf = Input(3, 4);
        var ex = Assert.Throws<InvalidOperationException>(() => leaf.Scatter_(0, L2(new long[,] { { 0 } }), 1.0));
        Assert.Contains("scatter_", ex.Message);
        Assert.Contains("leaf", ex.Message);
        using (Torch.NoGrad()) leaf.Detach().Scatter_(0, L2(new long[,] { { 0 } }), 1.0);

        // a non-leaf takes over the history: the written position gets no gradient, src gets its gathered gradient
        var a = Input(2, 3);
        var src = Input(1, 3);
        var h = a * 2.0;
        h.ScatterAdd_(0, L2(new long[,] { { 1, 0, 1 } }), src);
        h.Scatter_(1, L2(new long[,] { { 2 }, { 0 } }), 0.0);
        Assert.NotNull(h.GradFn);
        (h * Torch.Arange(1, 7, 1, DType.Float64).View(2, 3)).Sum().Backward();
        Close([2, 4, 0, 0, 10, 12], a.Grad!);
        Close([0, 2, 6], src.Grad!);

        // out-of-range values are checked before anything is written
        var z = Torch.Zeros(2, 2);
        Assert.Throws<IndexOutOfRangeException>(() => z.Scatter_(1, L2(new long[,] { { 0, 1 }, { 1, 2 } }), Torch.Ones(2, 2)));
        Close([0, 0, 0, 0], z);
    }

    [Fact]
    public void ScatterErrors()
    {
        var x = Torch.Zeros(3, 4);
        var oob = Assert.Throws<IndexOutOfRangeException>(() => x.Scatter(1, L2(new long[,] { { 4 } }), 1.0));
        Assert.Contains("scatter: index 4 is out of bounds for dimension 1 with size 4", oob.Message);
        var neg = Assert.Throws<IndexOutOfRangeException>(() => x.ScatterAdd(0, L2(new long[,] { { -1 } }), Torch.Ones(1, 1)));
        Assert.Contains("scatter_add: index -1", neg.Message);
        var dt = Assert.Throws<ArgumentException>(() => x.Scatter(0, Torch.Zeros(1, 1), Torch.Ones(1, 1)));
        Assert.Contains("torch.float32", dt.Message);
        var sdt = Assert.Throws<ArgumentException>(() => x.Scatter(0, L2(new long[,] { { 0 } }), Torch.Ones(new Size(1, 1), DType.Float64)));
        Assert.Contains("src.dtype", sdt.Message);
        Assert.Contains("torch.float64", sdt.Message);
        var shape = Assert.Throws<ArgumentException>(() => x.Scatter(0, Torch.Zeros(new Size(2, 2), DType.Int64), Torch.Ones(1, 2)));
        Assert.Contains("[2, 2]", shape.Message);
        Assert.Contains("[1, 2]", shape.Message);
    }

    [Fact]
    public void ScatterGradCheck()
    {
        // unique indices per column, so that the written positions are well defined
        var idx = L2(new long[,] { { 2, 0, 1, 0 }, { 1, 2, 0, 1 } });
        GradOk(x => x[0].Scatter(0, idx, x[1]), Input(3, 4), Input(2, 4));
        GradOk(x => x[0].Scatter(0, idx, x[1]), TransposedInput(3, 4), Input(2, 4));
        // src larger than index: the unused part of src gets zero gradient
        GradOk(x => x[0].Scatter(1, L2(new long[,] { { 3 }, { 0 } }), x[1]), Input(2, 4), Input(3, 2));
        GradOk(x => x[0].Scatter(1, L2(new long[,] { { 3, 1 } }), 0.5), Input(2, 4));
        GradOk(x => x[0].Scatter(0, L2(new long[,] { { 0 } }), x[1]), Input(1, 1), Input(1, 1));
    }

    [Fact]
    public void ScatterAddGradCheck()
    {
        var idx = L2(new long[,] { { 2, 0, 1, 0 }, { 2, 0, 0, 1 } }); // repeated targets accumulate
        GradOk(x => x[0].ScatterAdd(0, idx, x[1]), Input(3, 4), Input(2, 4));
        GradOk(x => x[0].ScatterAdd(0, idx, x[1]), Input(3, 4), TransposedInput(2, 4));
        GradOk(x => x[0].ScatterAdd(1, L2(new long[,] { { 0, 0 }, { 4, 1 } }), x[1]), Input(2, 5), Input(2, 4));
        GradOk(x => x[0].ScatterAdd(0, L2(new long[,] { { 0 } }), x[1]), Input(1, 1), Input(1, 1));
    }

    // ---------------------------------------------------------------- index_add / index_copy / index_fill

    [Fact]
    public void IndexAddCopyFillMatchPyTorch()
    {
        var ia = Torch.Ones(3, 4).IndexAdd(0, L(2, 0, 2), X(), alpha: 2);
        Close([9, 11, 13, 15, 1, 1, 1, 1, 17, 21, 25, 29], ia);
        var il = Torch.Ones(new Size(3, 4), DType.Int64).IndexAdd(1, L(3, 3), Torch.Arange(6).View(3, 2));
        Assert.Equal(new long[] { 1, 1, 1, 2, 1, 1, 1, 6, 1, 1, 1, 10 }, il.ToArray<long>());
        Close([1, 0, 0, 0, 3, 0, 0, 2, 5, 0, 0, 4], Torch.Zeros(3, 4).IndexCopy(1, L(3, 0), Ar(0, 6, 3, 2)));
        Close([-2, 1, 2, -2, -2, 5, 6, -2, -2, 9, 10, -2], X().IndexFill(1, L(-1, 0), -2));

        var x = Torch.Zeros(2, 3);
        x.IndexAdd_(1, L(0, 0), Torch.Ones(2, 2));
        x.IndexFill_(0, L(1), 5);
        x.IndexCopy_(1, L(2), Torch.Full(new Size(2, 1), 7.0));
        Close([2, 0, 7, 5, 5, 7], x);
    }

    [Fact]
    public void IndexAddErrors()
    {
        var x = Torch.Zeros(2, 3);
        var n = Assert.Throws<ArgumentException>(() => x.IndexAdd(1, L(0, 1), Torch.Zeros(2, 3)));
        Assert.Contains("index_add", n.Message);
        Assert.Contains("number of indices (2)", n.Message);
        var oob = Assert.Throws<IndexOutOfRangeException>(() => x.IndexAdd_(1, L(3), Torch.Zeros(2, 1)));
        Assert.Contains("index_add_: index 3 is out of bounds for dimension 1 with size 3", oob.Message);
        Close([0, 0, 0, 0, 0, 0], x);
        var alpha = Assert.Throws<ArgumentException>(() => Torch.Zeros(new Size(2), DType.Int64).IndexAdd(0, L(0), Torch.Zeros(new Size(1), DType.Int64), 0.5));
        Assert.Contains("alpha", alpha.Message);
    }

    [Fact]
    public void IndexAddCopyFillGradCheck()
    {
        GradOk(x => x[0].IndexAdd(0, L(2, 0, 2), x[1], 1.5), Input(3, 4), Input(3, 4));
        GradOk(x => x[0].IndexAdd(1, L(1, 1), x[1]), TransposedInput(3, 4), Input(3, 2));
        GradOk(x => x[0].IndexCopy(1, L(3, 0), x[1]), Input(3, 4), TransposedInput(3, 2));
        GradOk(x => x[0].IndexFill(0, L(-1), 2.0), Input(3, 4));
        GradOk(x => x[0].IndexFill(1, L(0), 2.0), Input(1, 1));
    }

    // ---------------------------------------------------------------- masked ops

    [Fact]
    public void MaskedOpsMatchPyTorch()
    {
        var x = X();
        var s = x.MaskedSelect(M());
        Shape([5], s);
        Close([0, 2, 7, 8, 9], s);
        Close([1, 2, 5, 6, 9, 10], x.MaskedSelect(B(false, true, true, false)));
        var s2 = Torch.MaskedSelect(Ar(0, 4, 4), Torch.FromArray(new bool[,] { { true }, { false }, { true } }));
        Close([0, 1, 2, 3, 0, 1, 2, 3], s2);
        Close([0, 4, 8, 10], x.T.MaskedSelect(Torch.FromArray(new bool[,] { { true, true, true }, { false, false, false }, { false, false, true }, { false, false, false } })));
        Shape([0], x.MaskedSelect(Torch.Zeros(new Size(3, 4), DType.Bool)));

        Close([-1, 1, -1, 3, 4, 5, 6, -1, -1, -1, 10, 11], x.MaskedFill(M(), -1));
        var f2 = Torch.MaskedFill(Ar(0, 4, 4), Torch.FromArray(new bool[,] { { true }, { false } }), 9);
        Shape([2, 4], f2);
        Close([9, 9, 9, 9, 0, 1, 2, 3], f2);
        Close([-1, 1, -1, 3, 4, 5, 6, -1, -1, -1, 10, 11], x.MaskedFill(M(), Torch.Scalar(-1.0, DType.Float64)));
        Close([100, 1, 101, 3, 4, 5, 6, 102, 103, 104, 10, 11], x.MaskedScatter(M(), Ar(100, 110, 10)));
        Assert.Equal(new long[] { 0, 2 }, Torch.Arange(3).MaskedSelect(B(true, false, true)).ToArray<long>());

        var y = X();
        y.MaskedFill_(B(true, false, false, true), 0);
        y.MaskedScatter_(Torch.FromArray(new bool[,] { { false }, { true }, { false } }), Ar(-4, 0, 4));
        Close([0, 1, 2, 0, -4, -3, -2, -1, 0, 9, 10, 0], y);
    }

    [Fact]
    public void MaskedOpErrorsNameTheOpAndShapes()
    {
        var sel = Assert.Throws<ArgumentException>(() => Torch.Zeros(3).MaskedSelect(Torch.Ones(new Size(4), DType.Bool)));
        Assert.Contains("masked_select", sel.Message);
        Assert.Contains("[3]", sel.Message);
        Assert.Contains("[4]", sel.Message);
        var dt = Assert.Throws<ArgumentException>(() => Torch.Zeros(2).MaskedFill(Torch.Ones(2), 1));
        Assert.Contains("masked_fill", dt.Message);
        Assert.Contains("torch.float32", dt.Message);
        var inPlace = Assert.Throws<ArgumentException>(() => Torch.Zeros(3).MaskedFill_(Torch.Ones(new Size(2, 3), DType.Bool), 1));
        Assert.Contains("masked_fill_", inPlace.Message);
        Assert.Contains("[2, 3]", inPlace.Message);
        var few = Assert.Throws<ArgumentException>(() => X().MaskedScatter(M(), Torch.Zeros(4)));
        Assert.Contains("masked_scatter", few.Message);
        Assert.Contains("(5", few.Message);
        var val = Assert.Throws<ArgumentException>(() => X().MaskedFill(M(), Torch.Zeros(2)));
        Assert.Contains("0-dimensional", val.Message);
    }

    [Fact]
    public void MaskedOpsGradCheck()
    {
        var m = M();
        GradOk(x => x[0].MaskedSelect(m), Input(3, 4));
        GradOk(x => x[0].MaskedSelect(m), TransposedInput(3, 4));
        GradOk(x => x[0].MaskedSelect(B(false, true, true, false)), Input(3, 4));
        GradOk(x => x[0].MaskedSelect(m), Input(4)); // broadcast input: gradients of repeated elements add up
        GradOk(x => x[0].MaskedSelect(B(true)), Input(1, 1));
        GradOk(x => x[0].MaskedFill(m, 3.0), Input(3, 4));
        GradOk(x => x[0].MaskedFill(m, 3.0), TransposedInput(3, 4));
        GradOk(x => x[0].MaskedFill(Torch.FromArray(new bool[,] { { true }, { false } }), 3.0), Input(4));
        GradOk(x => x[0].MaskedFill(m, x[1]), Input(3, 4), Input());
        GradOk(x => x[0].MaskedScatter(m, x[1]), Input(3, 4), Input(7));
        GradOk(x => x[0].MaskedScatter(m, x[1]), TransposedInput(3, 4), TransposedInput(2, 3));
    }

    // ---------------------------------------------------------------- where

    [Fact]
    public void WhereMatchesPyTorch()
    {
        var c = Torch.FromArray(new bool[,] { { true }, { false }, { true } });
        var w = Torch.Where(c, X(), Torch.FromArray(new double[] { 10, 20, 30, 40 }));
        Assert.Equal(DType.Float64, w.DType);
        Shape([3, 4], w);
        Close([0, 1, 2, 3, 10, 20, 30, 40, 8, 9, 10, 11], w);
        Close([0, -5, 2, -5, -5, -5, -5, 7, 8, 9, -5, -5], Torch.Where(M(), X(), -5));
        var wi = Torch.Where(B(true, false), L(1, 2), 0.5);
        Assert.Equal(DType.Float32, wi.DType);
        Close([1, 0.5], wi);
        Assert.Equal(DType.Int64, Torch.Where(B(true, false), L(1, 2), 0).DType);
        Close([1, 0.5], Torch.Where(B(true, false), 1.0, 0.5));
        Close([7, 20], L(10, 20).Where(B(false, true), 7));
        Close([0, 1, 2, 3, 10, 20, 30, 40, 8, 9, 10, 11], X().T.Where(c.T, Torch.FromArray(new double[,] { { 10 }, { 20 }, { 30 }, { 40 } })).T);
    }

    [Fact]
    public void WhereErrors()
    {
        var ex = Assert.Throws<ArgumentException>(() => Torch.Where(Torch.Zeros(2), Torch.Zeros(2), Torch.Zeros(2)));
        Assert.Contains("where", ex.Message);
        Assert.Contains("torch.float32", ex.Message);
        var sh = Assert.Throws<ArgumentException>(() => Torch.Where(B(true, false), Torch.Zeros(3), Torch.Zeros(2)));
        Assert.Contains("where", sh.Message);
        Assert.Contains("[3]", sh.Message);
    }

    [Fact]
    public void WhereGradCheck()
    {
        var c = M();
        GradOk(x => Torch.Where(c, x[0], x[1]), Input(3, 4), Input(3, 4));
        GradOk(x => Torch.Where(c, x[0], x[1]), TransposedInput(3, 4), Input(3, 1));
        GradOk(x => Torch.Where(c, x[0], x[1]), Input(4), Input(3, 4));
        GradOk(x => Torch.Where(c, x[0], 2.0), Input(1, 1));
        GradOk(x => Torch.Where(c, -1.0, x[0]), Input(1));
        GradOk(x => Torch.Where(B(true, false), x[0], x[1]), Input(2), Input(2));
    }

    // ---------------------------------------------------------------- indexer: views

    [Fact]
    public void IndexerViewsMatchPyTorch()
    {
        var z = Z();
        var a = z[0, 1..3];
        Shape([2, 4], a);
        Close([4, 5, 6, 7, 8, 9, 10, 11], a);
        Close([14, 18, 22], z[-1, .., -2]);
        var step = z[.., TensorIndex.Slice(null, null, 2), TensorIndex.Slice(1, null, 2)];
        Shape([2, 2, 2], step);
        Close([1, 3, 9, 11, 13, 15, 21, 23], step);
        var e = z[TensorIndex.Ellipsis, 1];
        Shape([2, 3], e);
        Close([1, 5, 9, 13, 17, 21], e);
        var none = z[TensorIndex.None, 1, .., TensorIndex.None, 2];
        Shape([1, 3, 1], none);
        Close([14, 18, 22], none);
        Close([16, 17, 18, 19, 20, 21, 22, 23], z[1, ^2..]);
        Close([16, 17, 18, 19, 20, 21, 22, 23], z[^1, TensorIndex.Slice(-2)]);
        var clamp = z[.., TensorIndex.Slice(1, 100), TensorIndex.Slice(-100, 2)];
        Shape([2, 2, 2], clamp);
        Close([4, 5, 8, 9, 16, 17, 20, 21], clamp);
        Shape([2, 0, 4], z[.., 2..1]);
        Shape([2, 3, 0], z[.., .., ^0..]);
        Close([23], z[1, 2, 3].Reshape(1));
        Shape([], z[1, 2, 3]);
        Shape([2, 3, 4], z[TensorIndex.Colon]);
        Shape([1], Torch.Scalar(2.0)[TensorIndex.None]);
        Close([3, 7, 11], X().T[^1]);
        Assert.Equal("1:3:2", TensorIndex.Slice(1, 3, 2).ToString());
    }

    [Fact]
    public void IndexerViewsShareStorage()
    {
        var x = X();
        var s = x[1..3, 1..];
        Assert.Equal(x.Storage, s.Storage);
        s[0, 0] = Torch.Scalar(100.0);
        Assert.Equal(100f, x[1, 1].Item());
        var rows = x[1..3];
        Assert.True(rows.IsContiguous);
        Assert.Same(rows, rows.Contiguous());
        Assert.False(s.IsContiguous);
        Assert.NotSame(s, s.Contiguous());
        var col = x[.., 2];
        col.Copy_(Torch.Scalar(-1.0));
        Close([0, 1, -1, 3, 4, 100, -1, 7, 8, 9, -1, 11], x);
    }

    [Fact]
    public void IndexerErrors()
    {
        var x = X();
        var oob = Assert.Throws<IndexOutOfRangeException>(() => x[3]);
        Assert.Contains("index 3 is out of bounds for dimension 0 with size 3", oob.Message);
        var neg = Assert.Throws<IndexOutOfRangeException>(() => x[0, -5]);
        Assert.Contains("index -5 is out of bounds for dimension 1 with size 4", neg.Message);
        Assert.Throws<IndexOutOfRangeException>(() => x[^4]);
        var many = Assert.Throws<IndexOutOfRangeException>(() => x[0, 0, 0]);
        Assert.Contains("too many indices", many.Message);
        Assert.Throws<ArgumentException>(() => x[TensorIndex.Ellipsis, 0, TensorIndex.Ellipsis]);
        var step = Assert.Throws<ArgumentOutOfRangeException>(() => TensorIndex.Slice(0, 2, 0));
        Assert.Contains("step", step.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorIndex.Slice(2, 0, -1));
        Assert.Equal(new Size(1), x[L(0), L(1)].Shape); // several tensor indices: see AdvancedIndexingTests
        var dt = Assert.Throws<ArgumentException>(() => x[Torch.Zeros(2)]);
        Assert.Contains("torch.float32", dt.Message);
        var toi = Assert.Throws<IndexOutOfRangeException>(() => x[.., L(1, 4)]);
        Assert.Contains("index 4 is out of bounds for dimension 1 with size 4", toi.Message);
        var mask = Assert.Throws<ArgumentException>(() => Torch.Zeros(2, 3)[B(true, false, true)]);
        Assert.Contains("mask [3]", mask.Message);
        Assert.Contains("[2, 3]", mask.Message);
    }

    // ---------------------------------------------------------------- indexer: tensor indices

    [Fact]
    public void IndexerTensorIndicesMatchPyTorch()
    {
        var z = Z();
        var a = z[.., L(2, 0, 2)];
        Shape([2, 3, 4], a);
        Close([8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11, 20, 21, 22, 23, 12, 13, 14, 15, 20, 21, 22, 23], a);
        var b = z[1, .., L2(new long[,] { { 3, 0 }, { -1, 1 } })];
        Shape([3, 2, 2], b);
        Close([15, 12, 15, 13, 19, 16, 19, 17, 23, 20, 23, 21], b);
        Close([12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], z[L(1, -2)]);
        var c = z[0, .., L(0, 2)]; // PyTorch applies the integer first: [3, 2], not NumPy's [2, 3]
        Shape([3, 2], c);
        Close([0, 2, 4, 6, 8, 10], c);
        Shape([3, 4], z[Torch.Scalar(1L)]);
        var m1 = z[B(false, true)];
        Shape([1, 3, 4], m1);
        Close(Enumerable.Range(12, 12).Select(v => (double)v).ToArray(), m1);
        var mm = Torch.FromArray(new bool[,] { { true, false, false, true }, { false, true, false, false }, { true, false, true, false } });
        Close([12, 15, 17, 20, 22], z[1, mm]);
        var lead = z[Torch.FromArray(new bool[,] { { true, false, true }, { false, true, true } })];
        Shape([4, 4], lead);
        Close([0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23], lead);
        // a mask over the dims of a transposed view
        Close([0, 9, 6, 3], X().T[Torch.FromArray(new bool[,] { { true, false, false }, { false, false, true }, { false, true, false }, { true, false, false } })]);
        Shape([1, 2], Torch.Zeros(2)[Torch.Scalar(true)]);
        Shape([0, 2], Torch.Zeros(2)[Torch.Scalar(false)]);
    }

    [Fact]
    public void IndexerGradCheck()
    {
        GradOk(x => x[0][1, 1..3], Input(2, 3, 4));
        GradOk(x => x[0][.., TensorIndex.Slice(null, null, 2), TensorIndex.Slice(1, null, 2)], Input(2, 3, 4));
        GradOk(x => x[0][-1, ^2..], TransposedInput(3, 4));
        GradOk(x => x[0][TensorIndex.Ellipsis, -1], Input(2, 3, 4));
        GradOk(x => x[0][TensorIndex.None, .., TensorIndex.None, 0], Input(3, 2));
        GradOk(x => x[0][0, 0], Input(1, 1));
        GradOk(x => x[0][.., L(2, 0, 2, -1)], Input(3, 4));
        GradOk(x => x[0][L2(new long[,] { { 0, 1 }, { 1, 1 } }), 1..], TransposedInput(3, 4));
        GradOk(x => x[0][M()], Input(3, 4));
        GradOk(x => x[0][M()], TransposedInput(3, 4));
        GradOk(x => x[0][1, B(true, false, true)], Input(2, 3, 2));
    }

    // ---------------------------------------------------------------- indexer: setter

    [Fact]
    public void IndexerSetterMatchesPyTorch()
    {
        var w = Torch.Zeros(3, 4);
        w[1.., TensorIndex.Slice(null, null, 2)] = Torch.FromArray(new float[] { 1, 2 });
        w[0, -1] = Torch.Scalar(9.0);
        w[.., L(1, 1)] = Torch.FromArray(new float[,] { { 5 }, { 6 }, { 7 } });
        Close([0, 5, 0, 9, 1, 6, 2, 0, 1, 7, 2, 0], w);

        var w2 = X();
        w2[w2 > 6] = Torch.Scalar(0.0);
        w2[B(true, false, true), 0] = Torch.FromArray(new float[] { -1, -2 });
        Close([-1, 1, 2, 3, 4, 5, 6, 0, -2, 0, 0, 0], w2);

        var mask2 = Torch.FromArray(new bool[,] { { true, false, false, true }, { false, false, false, false }, { false, true, false, false } });
        var w3 = X();
        w3[mask2] = Torch.FromArray(new float[] { 50, 60, 70 });
        Close([50, 1, 2, 60, 4, 5, 6, 7, 8, 70, 10, 11], w3);
        var w4 = Ar(0, 12, 4, 3).T; // non-contiguous: the masked dims cannot be flattened as a view
        w4[mask2] = Torch.FromArray(new float[] { 50, 60, 70 });
        Close([50, 3, 6, 60, 1, 4, 7, 10, 2, 70, 8, 11], w4);

        var v = Torch.Zeros(2, 3);
        var version = v.Version;
        v.IndexPut_(4.0, 1, 1..);
        Assert.True(v.Version > version);
        v.IndexPut_(Torch.FromArray(new float[,] { { 1, 2, 3 } }), 0); // leading size-1 dims of the value are ignored
        v[TensorIndex.Ellipsis] = v * 2.0;
        Close([2, 4, 6, 0, 8, 8], v);

        var shape = Assert.Throws<ArgumentException>(() => v[0] = Torch.Zeros(2));
        Assert.Contains("index_put_", shape.Message);
        Assert.Contains("[2]", shape.Message);
        Assert.Contains("[3]", shape.Message);
    }

    [Fact]
    public void IndexerSetterFollowsTheAutogradRules()
    {
        var leaf = Input(2, 3);
        var ex = Assert.Throws<InvalidOperationException>(() => leaf[0] = Torch.Scalar(1.0, DType.Float64));
        Assert.Contains("index_put_", ex.Message);
        Assert.Throws<InvalidOperationException>(() => leaf[L(0)] = Torch.Scalar(1.0, DType.Float64));
        using (Torch.NoGrad()) leaf[0, 0] = Torch.Scalar(1.0, DType.Float64);
        Assert.Equal(1.0, leaf[0, 0].Item<double>());

        // writing a value that requires grad into a plain tensor through a view is recorded on the tensor
        // (PyTorch: plain.grad_fn = CopySlices, w.grad = [1, 2, 3])
        var plain = Torch.Zeros(new Size(2, 3), DType.Float64);
        var w = Input(3);
        plain[0] = w;
        Assert.Equal("CopySlices", plain.GradFn!.Name);
        (plain * Torch.Arange(1, 7, 1, DType.Float64).View(2, 3)).Sum().Backward();
        Close([1, 2, 3], w.Grad!);

        // d2l's y = x.clone(); y[:, 1] = v (PyTorch: x.grad = [[0, 0, 4], [6, 0, 10]], v.grad = [20, 40])
        var x = Torch.Arange(0.0, 6.0, 1.0, DType.Float64).View(2, 3).RequiresGrad_();
        var v = Torch.FromArray(new[] { 10.0, 20.0 }).RequiresGrad_();
        var y = x.Clone();
        y[.., 1] = v;
        y.Pow(2).Sum().Backward();
        Close([0, 0, 4, 6, 0, 10], x.Grad!);
        Close([20, 40], v.Grad!);

        // a non-leaf indexed with a tensor index takes over the history
        var a = Input(2, 3);
        var val = Input(2, 1);
        var h = a * 3.0;
        h[.., L(2, 0)] = val;
        h[B(true, false)] = Torch.Scalar(0.0, DType.Float64).Expand(1);
        Assert.NotNull(h.GradFn);
        (h * Torch.Arange(1, 7, 1, DType.Float64).View(2, 3)).Sum().Backward();
        Close([0, 0, 0, 0, 15, 0], a.Grad!);
        Close([0, 10], val.Grad!);
    }
}
