using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>Cat, Stack, Split and Chunk; expected values come from PyTorch 1.13 on the same inputs.</summary>
public class JoinSplitTests
{
    private static Tensor Ar(double start, double end, params int[] shape) => Torch.Arange(start, end, 1, DType.Float32).View(shape);

    private static void Shape(int[] expected, Tensor t) => Assert.Equal(expected, t.Shape.ToArray());

    // ---------------------------------------------------------------- cat

    [Fact]
    public void CatMatchesPyTorch()
    {
        var x = Ar(0, 12, 3, 4);
        var y = Ar(100, 106, 3, 2);
        var c1 = Torch.Cat([x, y], 1);
        Shape([3, 6], c1);
        Close([0, 1, 2, 3, 100, 101, 4, 5, 6, 7, 102, 103, 8, 9, 10, 11, 104, 105], c1);
        Close([0, 1, 2, 3, 100, 101, 4, 5, 6, 7, 102, 103, 8, 9, 10, 11, 104, 105], Torch.Cat([x, y], -1));

        // int64 + float32 promotes to float32
        var c0 = Torch.Cat([x, Torch.Arange(4).View(1, 4)], 0);
        Assert.Equal(DType.Float32, c0.DType);
        Shape([4, 4], c0);
        Close([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3], c0);

        // transposed (non-contiguous) input copies correctly
        var ct = Torch.Cat([x.T, Ar(50, 54, 4, 1)], 1);
        Shape([4, 4], ct);
        Close([0, 4, 8, 50, 1, 5, 9, 51, 2, 6, 10, 52, 3, 7, 11, 53], ct);
    }

    [Fact]
    public void CatSkipsLegacyEmptyTensorsButPromotesTheirDType()
    {
        var x = Ar(0, 12, 3, 4);
        var c = Torch.Cat([Torch.Zeros(0), x, Torch.Zeros(new Size(0), DType.Float64)], 0);
        Assert.Equal(DType.Float64, c.DType);
        Shape([3, 4], c);
        Close([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], c);
        Shape([0], Torch.Cat([Torch.Zeros(0), Torch.Zeros(0)]));
        // an input of size 0 along dim (not 1-D) takes part normally
        Shape([3, 4], Torch.Cat([Torch.Zeros(3, 0), x], 1));
        // IEnumerable overload
        Shape([6, 4], Torch.Cat(new List<Tensor> { x, x }));
    }

    [Fact]
    public void CatErrorsNameTheOpTensorAndShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Torch.Cat([Torch.Zeros(2, 3), Torch.Zeros(3, 4)], 0));
        Assert.Contains("cat", ex.Message);
        Assert.Contains("tensor number 1", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[3, 4]", ex.Message);
        Assert.Contains("dimension 0", ex.Message);

        var nd = Assert.Throws<ArgumentException>(() => Torch.Cat([Torch.Zeros(2, 3), Torch.Zeros(2, 3, 1)], 0));
        Assert.Contains("cat", nd.Message);
        Assert.Contains("[2, 3, 1]", nd.Message);

        var zero = Assert.Throws<ArgumentException>(() => Torch.Cat([Torch.Zeros(2), Torch.Scalar(1.0)]));
        Assert.Contains("zero-dimensional", zero.Message);
        Assert.Contains("position 1", zero.Message);

        Assert.Throws<ArgumentException>(() => Torch.Cat(Array.Empty<Tensor>()));
        var dim = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Cat([Torch.Zeros(2, 3)], 2));
        Assert.Contains("cat", dim.Message);
    }

    [Fact]
    public void CatGradCheck()
    {
        GradOk(x => Torch.Cat([x[0], x[1]], 0), Input(2, 3), Input(4, 3));
        GradOk(x => Torch.Cat([x[0], x[1], x[2]], 1), Input(2, 3), Input(2, 1), Input(2, 2));
        GradOk(x => Torch.Cat([x[0], x[1]], -1), TransposedInput(3, 2), Input(3, 4));
        // an input with size 0 along dim, and a skipped legacy [0] tensor
        GradOk(x => Torch.Cat([x[0], x[1], x[2]], 0), Input(0, 3), Input(2, 3), Input(0));
        GradOk(x => Torch.Cat([x[0], x[1], x[2]], 1), TransposedInput(2, 0), Input(2, 3), Input(0));
        // size-1 inputs
        GradOk(x => Torch.Cat([x[0], x[1]], 0), Input(1, 1), Input(1, 1));
        // promotion: a float32 constant joins a float64 input
        GradOk(x => Torch.Cat([Torch.Ones(1, 3), x[0]], 0), Input(2, 3));
        // cat of the same tensor twice accumulates both slices
        GradOk(x => Torch.Cat([x[0], x[0] * 2.0], 0), Input(2, 2));
    }

    [Fact]
    public void CatBackwardGivesEachInputItsSlice()
    {
        var a = Input(2, 2);
        var b = Input(2, 3);
        var w = Torch.Arange(0, 10, 1, DType.Float64).View(2, 5);
        (Torch.Cat([a, b], 1) * w).Sum().Backward();
        Close([0, 1, 5, 6], a.Grad!);
        Close([2, 3, 4, 7, 8, 9], b.Grad!);
    }

    // ---------------------------------------------------------------- stack

    [Fact]
    public void StackMatchesPyTorch()
    {
        var a = Torch.Arange(6).View(2, 3);
        var b = Torch.Arange(10, 16).View(2, 3);
        var s1 = Torch.Stack([a, b], 1);
        Shape([2, 2, 3], s1);
        Assert.Equal(DType.Int64, s1.DType);
        Assert.Equal(new long[] { 0, 1, 2, 10, 11, 12, 3, 4, 5, 13, 14, 15 }, s1.ToArray<long>());
        var s2 = Torch.Stack([a, b], -1);
        Shape([2, 3, 2], s2);
        Assert.Equal(new long[] { 0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15 }, s2.ToArray<long>());
        Shape([3], Torch.Stack([Torch.Scalar(1.0), Torch.Scalar(2.0), Torch.Scalar(3.0)]));
        Shape([2, 0], Torch.Stack([Torch.Zeros(0), Torch.Zeros(0)]));
    }

    [Fact]
    public void StackErrorsNameTheEntriesAndShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Torch.Stack([Torch.Zeros(2, 3), Torch.Zeros(2, 3), Torch.Zeros(2, 4)]));
        Assert.Contains("stack", ex.Message);
        Assert.Contains("[2, 3] at entry 0", ex.Message);
        Assert.Contains("[2, 4] at entry 2", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Stack([Torch.Zeros(2, 3)], 3));
    }

    [Fact]
    public void StackGradCheck()
    {
        for (int dim = -3; dim <= 2; dim++)
        {
            int d = dim;
            GradOk(x => Torch.Stack([x[0], x[1]], d), Input(2, 3), TransposedInput(2, 3));
        }
        GradOk(x => Torch.Stack([x[0], x[0], x[1]], 0), Input(1), Input(1));
    }

    // ---------------------------------------------------------------- split / chunk

    [Fact]
    public void SplitAndChunkSizesMatchPyTorch()
    {
        var r = Torch.Arange(10);
        Assert.Equal(new[] { 3, 3, 3, 1 }, r.Split(3).Select(p => p.Size(0)));
        Assert.Equal(new[] { 2, 5, 3 }, r.Split([2, 5, 3]).Select(p => p.Size(0)));
        Assert.Equal(new long[] { 3, 4, 5 }, r.Split(3)[1].ToArray<long>());
        Assert.Equal(new long[] { 7, 8, 9 }, Torch.Split(r, [2, 5, 3])[2].ToArray<long>());

        var z = Torch.Zeros(2, 7);
        Assert.Equal(new[] { 3, 3, 1 }, z.Chunk(3, 1).Select(p => p.Size(1)));
        Assert.Equal(new[] { 2, 2, 2 }, Torch.Zeros(6).Chunk(4).Select(p => p.Size(0))); // fewer chunks than asked
        Assert.Equal(new[] { 1, 1, 1, 1, 1 }, Torch.Zeros(5).Chunk(5).Select(p => p.Size(0)));
        Assert.Equal(new[] { 2, 2, 1 }, Torch.Chunk(Torch.Zeros(5), 4).Select(p => p.Size(0)));
        var empty = Torch.Zeros(0, 3).Chunk(3);
        Assert.Equal(3, empty.Length);
        Assert.All(empty, p => Shape([0, 3], p));
        Assert.Single(Torch.Zeros(0).Split(2));
    }

    [Fact]
    public void SplitPiecesAreViewsOfTheInput()
    {
        var x = Ar(0, 12, 3, 4);
        var pieces = x.Split(2, 1);
        Assert.Equal(2, pieces.Length);
        Close([2, 3, 6, 7, 10, 11], pieces[1]);
        using (Torch.NoGrad()) pieces[1].Copy_(Torch.Scalar(-1.0));
        Close([0, 1, -1, -1, 4, 5, -1, -1, 8, 9, -1, -1], x);
        var rows = x.Chunk(3);
        Assert.True(rows[1].IsContiguous);
        Assert.Same(rows[1], rows[1].Contiguous());
        Assert.Equal(4, rows[1].StorageOffset);
    }

    [Fact]
    public void SplitErrorsNameTheOpAndSizes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Torch.Arange(5).Split([2, 2]));
        Assert.Contains("split_with_sizes", ex.Message);
        Assert.Contains("sum exactly to 5", ex.Message);
        Assert.Contains("[2, 2]", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Arange(5).Split(-1));
        Assert.Throws<ArgumentException>(() => Torch.Arange(5).Split(0));
        var ch = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Arange(5).Chunk(0));
        Assert.Contains("chunk", ch.Message);
        Assert.Throws<ArgumentException>(() => Torch.Scalar(1.0).Split(1));
    }

    private static Tensor WeightedSquares(Tensor[] pieces)
    {
        Tensor total = Torch.Scalar(0.0, DType.Float64);
        for (int i = 0; i < pieces.Length; i++) total = total + (pieces[i] * pieces[i]).Sum() * (i + 1.0);
        return total;
    }

    [Fact]
    public void SplitAndChunkGradCheck()
    {
        GradOk(x => WeightedSquares(x[0].Split(2, 0)), Input(5, 2));
        GradOk(x => WeightedSquares(x[0].Split(2, 1)), TransposedInput(2, 5));
        GradOk(x => WeightedSquares(x[0].Split([1, 0, 3], 1)), Input(2, 4));
        GradOk(x => WeightedSquares(x[0].Chunk(3, -1)), Input(3, 7));
        GradOk(x => WeightedSquares(x[0].Chunk(2, 0)), TransposedInput(3, 4));
        GradOk(x => WeightedSquares(x[0].Chunk(4, 0)), Input(1, 1));
        // pieces used as tensors (not just reduced): each is a view whose gradient lands in its range
        GradOk(x => Torch.Cat(x[0].Chunk(3, 1).Reverse().ToArray(), 1), Input(2, 5));
    }
}
