using static Ember.Tests.TestUtil;

namespace Ember.Tests.Tensors;

/// <summary>
/// The quality bar for bad input: wrong shapes, dtypes, out-of-range indices and sizes throw an exception
/// of the documented type whose message starts with the PyTorch op name and names the offending
/// shapes/values — never a wrong answer, a raw runtime exception, or a hang. Also: NaN propagates.
/// </summary>
public class ValidationTests
{
    private static Tensor L(params long[] v) => Torch.FromArray(v);

    private static Tensor L2(long[,] v) => Torch.FromArray(v);

    private static Tensor Bools(params int[] shape) => Torch.Zeros(new Size(shape), DType.Bool);

    private static Tensor Longs(params int[] shape) => Torch.Zeros(new Size(shape), DType.Int64);

    /// <summary>
    /// Asserts that <paramref name="action"/> throws exactly <typeparamref name="TEx"/> whose message starts
    /// with "<paramref name="op"/>:" (or PyTorch's "<paramref name="op"/>():") and contains every fragment.
    /// </summary>
    private static TEx Throws<TEx>(string op, Func<object?> action, params string[] fragments) where TEx : Exception
    {
        var ex = Assert.Throws<TEx>(() => { action(); });
        Assert.True(ex.Message.StartsWith(op + ":") || ex.Message.StartsWith(op + "():"), $"expected the message to start with '{op}:', got: {ex.Message}");
        foreach (var f in fragments) Assert.Contains(f, ex.Message);
        return ex;
    }

    // ------------------------------------------------------------------ Matmul / Mm / Bmm

    [Fact]
    public void MatmulShapeMismatch()
    {
        var ex = Throws<ArgumentException>("matmul", () => Torch.Matmul(Torch.Zeros(2, 3), Torch.Zeros(4, 5)));
        Assert.Equal("matmul: [2, 3] and [4, 5] cannot be multiplied (3 != 4)", ex.Message);
        Throws<ArgumentException>("matmul", () => Torch.Zeros(3).Matmul(Torch.Zeros(4)), "[3]", "[4]", "(3 != 4)");
        Throws<ArgumentException>("matmul", () => Torch.Zeros(3).Matmul(Torch.Zeros(2, 3)), "[3]", "[2, 3]", "(3 != 2)");
        Throws<ArgumentException>("matmul", () => Torch.Zeros(2, 3).Matmul(Torch.Zeros(2)), "[2, 3]", "[2]", "(3 != 2)");
        Throws<ArgumentException>("matmul", () => Torch.Zeros(2, 2, 3).Matmul(Torch.Zeros(3, 3, 2)), "(2)", "(3)");
        Throws<ArgumentException>("matmul", () => Torch.Scalar(1.0).Matmul(Torch.Zeros(3)), "0D", "1D");
    }

    [Fact]
    public void MatmulDTypeMismatch()
    {
        Throws<ArgumentException>("matmul", () => Torch.Zeros(2, 3).Matmul(Torch.Zeros(new Size(3, 2), DType.Float64)),
            "torch.float32 [2, 3]", "torch.float64 [3, 2]");
        Throws<NotSupportedException>("matmul", () => Bools(2, 3).Matmul(Bools(3, 2)), "torch.bool");
        Throws<ArgumentException>("mm", () => Torch.Zeros(2, 3).Mm(Longs(3, 2)), "torch.float32", "torch.int64");
        Throws<ArgumentException>("bmm", () => Torch.Zeros(1, 2, 3).Bmm(Torch.Zeros(new Size(1, 3, 2), DType.Float64)), "torch.float64");
    }

    [Fact]
    public void MmAndBmmShapes()
    {
        Throws<ArgumentException>("mm", () => Torch.Mm(Torch.Zeros(2, 3), Torch.Zeros(4, 5)), "[2, 3]", "[4, 5]", "(3 != 4)");
        Throws<ArgumentException>("mm", () => Torch.Mm(Torch.Zeros(2, 2, 3), Torch.Zeros(3, 2)), "3D", "[2, 2, 3]");
        Throws<ArgumentException>("mm", () => Torch.Mm(Torch.Zeros(2, 3), Torch.Zeros(3)), "1D", "[3]");
        Throws<ArgumentException>("bmm", () => Torch.Bmm(Torch.Zeros(2, 2, 3), Torch.Zeros(3, 3, 2)), "batch size", "(2 != 3)");
        Throws<ArgumentException>("bmm", () => Torch.Bmm(Torch.Zeros(2, 2, 3), Torch.Zeros(2, 4, 2)), "[2, 2, 3]", "[2, 4, 2]", "(3 != 4)");
        Throws<ArgumentException>("bmm", () => Torch.Bmm(Torch.Zeros(2, 3), Torch.Zeros(3, 2)), "[2, 3]");
    }

    // ------------------------------------------------------------------ broadcasting

    public static TheoryData<string> BinaryOps => new() { "add", "sub", "mul", "div", "maximum", "minimum", "pow", "gt", "lt", "ge", "le", "eq", "ne" };

    private static Tensor Binary(string op, Tensor a, Tensor b) => op switch
    {
        "add" => a + b,
        "sub" => a - b,
        "mul" => a * b,
        "div" => a / b,
        "maximum" => Torch.Maximum(a, b),
        "minimum" => Torch.Minimum(a, b),
        "pow" => a.Pow(b),
        "gt" => a > b,
        "lt" => a < b,
        "ge" => a >= b,
        "le" => a <= b,
        "eq" => a.Eq(b),
        "ne" => a.Ne(b),
        _ => throw new ArgumentException(op),
    };

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryOpsRejectShapesThatDoNotBroadcast(string op)
    {
        Throws<ArgumentException>(op, () => Binary(op, Torch.Zeros(2, 3), Torch.Zeros(3, 2)), "[2, 3]", "[3, 2]", "dimension 0");
        Throws<ArgumentException>(op, () => Binary(op, Torch.Zeros(2, 3), Torch.Zeros(4)), "(3)", "(4)", "[2, 3]", "[4]");
        Throws<ArgumentException>(op, () => Binary(op, Torch.Zeros(0, 3), Torch.Zeros(2, 1)), "[0, 3]", "[2, 1]");
    }

    [Fact]
    public void WhereRejectsShapesThatDoNotBroadcastAndNonBoolConditions()
    {
        Throws<ArgumentException>("where", () => Torch.Where(Bools(2, 3), Torch.Zeros(4), Torch.Zeros(2, 3)), "[2, 3]", "[4]");
        Throws<ArgumentException>("where", () => Torch.Where(Bools(4), Torch.Zeros(2, 3), Torch.Zeros(2, 3)), "[4]", "[2, 3]");
        Throws<ArgumentException>("where", () => Torch.Where(Torch.Zeros(2, 3), Torch.Zeros(2, 3), 0.0), "condition", "torch.float32", "[2, 3]");
        Throws<ArgumentException>("where", () => Torch.Where(Longs(2), 1.0, 0.0), "torch.int64");
    }

    [Fact]
    public void InPlaceOpsRejectOperandsThatDoNotBroadcastToSelf()
    {
        Throws<ArgumentException>("add_", () => Torch.Zeros(2).Add_(Torch.Ones(2, 2)), "[2]", "[2, 2]");
        Throws<ArgumentException>("mul_", () => Torch.Zeros(2, 3).Mul_(Torch.Ones(3, 1)), "[2, 3]", "[3, 1]");
        Throws<ArgumentException>("copy_", () => Torch.Zeros(2).Copy_(Torch.Ones(3)), "[3]", "[2]");
    }

    // ------------------------------------------------------------------ shape ops

    [Fact]
    public void ViewAndReshape()
    {
        Throws<ArgumentException>("view", () => Torch.Zeros(2, 3).View(4, 2), "[4, 2]", "6");
        Throws<ArgumentException>("view", () => Torch.Zeros(2, 3).View(4, -1), "[4, -1]", "6");
        Throws<ArgumentException>("view", () => Torch.Zeros(2, 3).View(-1, -1), "only one dimension can be inferred", "[-1, -1]");
        Throws<ArgumentException>("view", () => Torch.Zeros(2, 3).View(-2, -3), "-2");
        Throws<ArgumentException>("view", () => Torch.Zeros(2, 3).T.View(6), "[3, 2]", "Reshape");
        Throws<ArgumentException>("view", () => Torch.Zeros(0, 3).View(-1, 0), "[-1, 0]");
        Throws<ArgumentException>("reshape", () => Torch.Zeros(2, 3).Reshape(-1, -1), "only one dimension can be inferred");
        Throws<ArgumentException>("reshape", () => Torch.Zeros(2, 3).Reshape(5), "[5]", "6");
    }

    [Fact]
    public void PermuteTransposeAndFlatten()
    {
        Throws<ArgumentException>("permute", () => Torch.Zeros(2, 3).Permute(0, 0), "repeated dim 0", "[0, 0]");
        Throws<ArgumentException>("permute", () => Torch.Zeros(2, 3).Permute(-1, 1), "repeated dim 1", "[-1, 1]");
        Throws<ArgumentException>("permute", () => Torch.Zeros(2, 3).Permute(0), "2 dimensions", "[2, 3]", "1");
        Throws<ArgumentOutOfRangeException>("permute", () => Torch.Zeros(2, 3).Permute(0, 2), "[-2, 1]", "got 2");
        Throws<ArgumentOutOfRangeException>("transpose", () => Torch.Zeros(2, 3).Transpose(0, 2), "[-2, 1]", "got 2");
        Throws<ArgumentException>("flatten", () => Torch.Zeros(2, 3, 4).Flatten(2, 1), "(2)", "(1)");
        Throws<InvalidOperationException>("T", () => Torch.Zeros(2, 3, 4).T, "[2, 3, 4]");
        Throws<InvalidOperationException>("mT", () => Torch.Zeros(2).MT, "[2]");
    }

    [Fact]
    public void ExpandToAnIncompatibleSize()
    {
        Throws<ArgumentException>("expand", () => Torch.Zeros(2, 3).Expand(2, 4), "(4)", "(3)", "dimension 1", "[2, 4]", "[2, 3]");
        Throws<ArgumentException>("expand", () => Torch.Zeros(2, 3).Expand(3), "(1)", "(2)");
        Throws<ArgumentException>("expand", () => Torch.Zeros(2, 3).Expand(-1, 2, 3), "-1", "dimension 0");
        Throws<ArgumentException>("expand", () => Torch.Zeros(2, 3).ExpandAs(Torch.Zeros(3, 3)), "[3, 3]", "[2, 3]");
        Throws<ArgumentException>("expand", () => Torch.BroadcastTo(Torch.Zeros(2, 3), 2, 2), "[2, 2]");
    }

    [Fact]
    public void ExpandToANegativeSizeIsRejected()
    {
        // Was an OverflowException from the numel computation.
        Throws<ArgumentException>("expand", () => Torch.Zeros(2, 1).Expand(2, -2), "(-2)", "dimension 1", "[2, -2]", "[2, 1]");
        Throws<ArgumentException>("expand", () => Torch.Zeros(2, 3).Expand(-3, 3), "(-3)", "dimension 0");
        Assert.Equal(new[] { 2, 3 }, Torch.Zeros(2, 1).Expand(-1, 3).Shape.ToArray());
    }

    [Fact]
    public void NarrowAndSelectOutOfRange()
    {
        Throws<ArgumentOutOfRangeException>("narrow", () => Torch.Zeros(2, 3).Narrow(1, 2, 2), "start (2) + length (2)", "3");
        Throws<ArgumentOutOfRangeException>("narrow", () => Torch.Zeros(2, 3).Narrow(1, 4, 0), "start (4)", "size 3");
        Throws<ArgumentOutOfRangeException>("narrow", () => Torch.Zeros(2, 3).Narrow(1, -4, 1), "start (-4)", "size 3");
        Throws<ArgumentOutOfRangeException>("narrow", () => Torch.Zeros(2, 3).Narrow(1, 0, -1), "length (-1)");
        Throws<ArgumentOutOfRangeException>("narrow", () => Torch.Zeros(2, 3).Narrow(2, 0, 1), "[-2, 1]", "got 2");
        var ex = Throws<IndexOutOfRangeException>("select", () => Torch.Zeros(2, 3).Select(1, 3));
        Assert.Equal("select: index 3 is out of bounds for dimension 1 with size 3", ex.Message);
        Throws<IndexOutOfRangeException>("select", () => Torch.Zeros(2, 3).Select(1, -4), "index -4", "size 3");
        Throws<IndexOutOfRangeException>("select", () => Torch.Zeros(0, 3).Select(0, 0), "index 0", "size 0");
        Throws<ArgumentException>("select", () => Torch.Scalar(1.0).Select(0, 0), "0-dim");
        Throws<IndexOutOfRangeException>("index", () => Torch.Zeros(2, 3)[0, 3], "index 3", "dimension 1", "size 3");
        Throws<IndexOutOfRangeException>("index", () => Torch.Zeros(2, 3)[0, 0, 0], "too many indices", "[2, 3]");
        Throws<ArgumentOutOfRangeException>("slice", () => Torch.Zeros(4)[TensorIndex.Slice(0, 4, 0)], "step", "0");
    }

    // ------------------------------------------------------------------ dims out of range

    public static TheoryData<string> DimOps => new()
    {
        "sum", "mean", "prod", "amax", "amin", "max", "min", "argmax", "argmin", "var", "std", "norm", "logsumexp",
        "softmax", "log_softmax", "cat", "stack", "squeeze", "unsqueeze", "transpose", "flatten", "split",
        "split_with_sizes", "chunk", "narrow", "select", "index_select", "gather", "scatter", "scatter_add",
        "index_add", "index_copy", "index_fill", "size",
    };

    /// <summary>Runs <paramref name="op"/> on a [2, 3] float32 tensor along <paramref name="dim"/>.</summary>
    private static object DimOp(string op, int dim)
    {
        var x = Torch.Zeros(2, 3);
        var i = L2(new long[,] { { 0 } });
        return op switch
        {
            "sum" => x.Sum(dim),
            "mean" => x.Mean(dim),
            "prod" => x.Prod(dim),
            "amax" => x.Amax(dim),
            "amin" => x.Amin(dim),
            "max" => x.Max(dim).Values,
            "min" => x.Min(dim).Values,
            "argmax" => x.Argmax(dim),
            "argmin" => x.Argmin(dim),
            "var" => x.Var(dim),
            "std" => x.Std(dim),
            "norm" => x.Norm(2, dim),
            "logsumexp" => x.LogSumExp(dim),
            "softmax" => x.Softmax(dim),
            "log_softmax" => x.LogSoftmax(dim),
            "cat" => Torch.Cat([x, x], dim),
            "stack" => Torch.Stack([x, x], dim + (dim >= 0 ? 1 : -1)), // the result has one more dim
            "squeeze" => x.Squeeze(dim),
            "unsqueeze" => x.Unsqueeze(dim + (dim >= 0 ? 1 : -1)),
            "transpose" => x.Transpose(0, dim),
            "flatten" => x.Flatten(0, dim),
            "split" => x.Split(1, dim),
            "split_with_sizes" => x.Split([1, 2], dim),
            "chunk" => x.Chunk(2, dim),
            "narrow" => x.Narrow(dim, 0, 1),
            "select" => x.Select(dim, 0),
            "index_select" => x.IndexSelect(dim, L(0)),
            "gather" => x.Gather(dim, i),
            "scatter" => x.Scatter(dim, i, 1.0),
            "scatter_add" => x.ScatterAdd(dim, i, Torch.Ones(1, 1)),
            "index_add" => x.IndexAdd(dim, L(0), Torch.Ones(2, 1)),
            "index_copy" => x.IndexCopy(dim, L(0), Torch.Ones(2, 1)),
            "index_fill" => x.IndexFill(dim, L(0), 1.0),
            "size" => x.Size(dim),
            _ => throw new ArgumentException(op),
        };
    }

    [Theory]
    [MemberData(nameof(DimOps))]
    public void DimOutOfRange(string op)
    {
        bool plusOne = op is "stack" or "unsqueeze";
        string range = plusOne ? "[-3, 2]" : "[-2, 1]";
        Throws<ArgumentOutOfRangeException>(op, () => DimOp(op, 2), "dimension out of range", range, plusOne ? "got 3" : "got 2");
        Throws<ArgumentOutOfRangeException>(op, () => DimOp(op, -3), "dimension out of range", range, plusOne ? "got -4" : "got -3");
        DimOp(op, 1);   // in range: fine
        DimOp(op, -1);
    }

    [Fact]
    public void RepeatedDimsInAReduction()
    {
        Throws<ArgumentException>("sum", () => Torch.Zeros(2, 3).Sum([0, -2]), "dim 0", "multiple times");
        Throws<ArgumentException>("norm", () => Torch.Zeros(2, 3).Norm(2, [1, 1]), "dim 1");
        Throws<ArgumentException>("max", () => Torch.Zeros(0).Max(), "numel() == 0", "[0]");
        Throws<ArgumentException>("amax", () => Torch.Zeros(0, 3).Amax(0), "dim 0", "[0, 3]");
        Throws<ArgumentException>("argmax", () => Torch.Zeros(0).Argmax(), "[0]");
    }

    // ------------------------------------------------------------------ indices

    public static TheoryData<string> IndexOps => new() { "gather", "scatter", "scatter_value", "scatter_add", "index_select", "index_add", "index_copy", "index_fill", "index" };

    /// <summary>Runs an indexing op on a [2, 3] float32 tensor along dim 1 with the given index values.</summary>
    private static object IndexOp(string op, Tensor index)
    {
        var x = Torch.Zeros(2, 3);
        var rowIndex = index.View(1, -1);
        var src = Torch.Ones(rowIndex.Shape);
        return op switch
        {
            "gather" => x.Gather(1, rowIndex),
            "scatter" => x.Scatter(1, rowIndex, src),
            "scatter_value" => x.Scatter(1, rowIndex, 1.0),
            "scatter_add" => x.ScatterAdd(1, rowIndex, src),
            "index_select" => x.IndexSelect(1, index),
            "index_add" => x.IndexAdd(1, index, Torch.Ones(2, index.Numel)),
            "index_copy" => x.IndexCopy(1, index, Torch.Ones(2, index.Numel)),
            "index_fill" => x.IndexFill(1, index, 1.0),
            "index" => x[.., index],
            _ => throw new ArgumentException(op),
        };
    }

    private static string OpName(string op) => op == "scatter_value" ? "scatter" : op;

    [Theory]
    [MemberData(nameof(IndexOps))]
    public void IndexOutOfRange(string op)
    {
        Throws<IndexOutOfRangeException>(OpName(op), () => IndexOp(op, L(0, 3)), "index 3", "dimension 1", "size 3");
        Throws<IndexOutOfRangeException>(OpName(op), () => IndexOp(op, L(long.MaxValue)), $"index {long.MaxValue}", "size 3");
    }

    [Theory]
    [MemberData(nameof(IndexOps))]
    public void NegativeIndex(string op)
    {
        // PyTorch wraps -1 in index_fill and in x[.., idx]; index_select, index_add, index_copy, gather and scatter reject it.
        if (op is not ("index_fill" or "index"))
            Throws<IndexOutOfRangeException>(OpName(op), () => IndexOp(op, L(-1)), "index -1", "size 3");
        Throws<IndexOutOfRangeException>(OpName(op), () => IndexOp(op, L(-4)), "index -4", "size 3");
    }

    [Theory]
    [MemberData(nameof(IndexOps))]
    public void NonInt64Index(string op)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => IndexOp(op, Torch.FromArray(new float[] { 0, 1 })));
        Assert.StartsWith(OpName(op) + ":", ex.Message);
        Assert.Contains("torch.float32", ex.Message);
        ex = Assert.ThrowsAny<ArgumentException>(() => IndexOp(op, Torch.FromArray(new double[] { 0 })));
        Assert.Contains("torch.float64", ex.Message);
    }

    [Fact]
    public void IndexShapesAreChecked()
    {
        Throws<ArgumentException>("gather", () => Torch.Zeros(2, 3).Gather(1, L(0, 1)), "[2]", "[2, 3]");
        Throws<ArgumentException>("gather", () => Torch.Zeros(2, 3).Gather(1, L2(new long[,] { { 0 }, { 0 }, { 0 } })), "[3, 1]", "[2, 3]");
        Throws<ArgumentException>("scatter", () => Torch.Zeros(2, 3).Scatter(1, L2(new long[,] { { 0, 1 } }), Torch.Ones(1, 1)), "[1, 2]", "[1, 1]");
        Throws<ArgumentException>("scatter", () => Torch.Zeros(2, 3).Scatter(1, L2(new long[,] { { 0 } }), Torch.Ones(new Size(1, 1), DType.Float64)), "torch.float32", "torch.float64");
        Throws<ArgumentException>("index_select", () => Torch.Zeros(2, 3).IndexSelect(1, L2(new long[,] { { 0, 1 } })), "vector", "[1, 2]");
        Throws<ArgumentException>("index_add", () => Torch.Zeros(2, 3).IndexAdd(1, L(0, 1), Torch.Ones(2, 3)), "(2)", "(3)");
        Throws<ArgumentException>("index_add_", () => Longs(2).IndexAdd_(0, L(0), Torch.Ones(1)), "torch.int64", "torch.float32");
        Throws<ArgumentException>("index", () => Torch.Zeros(2, 3)[Bools(3)], "[3]", "[2, 3]");
        Throws<ArgumentException>("index", () => Torch.Zeros(4)[TensorIndex.Ellipsis, TensorIndex.Ellipsis], "ellipsis");
        Throws<ArgumentException>("index_put_", () => Torch.Zeros(2, 3).IndexPut_(Torch.Ones(4), 0), "[4]", "[3]");
    }

    [Fact]
    public void MasksMustBeBool()
    {
        Throws<ArgumentException>("masked_fill", () => Torch.Zeros(2, 3).MaskedFill(Torch.Zeros(2, 3), 1.0), "bool", "torch.float32", "[2, 3]");
        Throws<ArgumentException>("masked_fill", () => Torch.Zeros(2, 3).MaskedFill(Longs(2, 3), 1.0), "torch.int64");
        Throws<ArgumentException>("masked_fill_", () => Torch.Zeros(2, 3).MaskedFill_(Longs(2, 3), 1.0), "torch.int64");
        Throws<ArgumentException>("masked_select", () => Torch.Zeros(2, 3).MaskedSelect(Torch.Zeros(2, 3)), "torch.float32");
        Throws<ArgumentException>("masked_scatter", () => Torch.Zeros(2, 3).MaskedScatter(Longs(2, 3), Torch.Ones(6)), "torch.int64");
        Throws<ArgumentException>("masked_fill", () => Torch.Zeros(2, 3).MaskedFill(Bools(2), 1.0), "[2, 3]", "[2]");
        Throws<ArgumentException>("masked_fill", () => Torch.Zeros(2, 3).MaskedFill(Bools(2, 3), Torch.Ones(2)), "0-dimensional", "[2]");
        Throws<ArgumentException>("masked_scatter", () => Torch.Zeros(2, 3).MaskedScatter(Torch.Ones(new Size(2, 3), DType.Bool), Torch.Ones(4)),
            "(4, shape [4])", "(6, mask shape [2, 3])");
        Throws<ArgumentException>("index", () => Torch.Zeros(2)[Torch.FromArray(new float[] { 0 })], "torch.float32");
    }

    // ------------------------------------------------------------------ join / split

    [Fact]
    public void CatAndStack()
    {
        Throws<ArgumentException>("cat", () => Torch.Cat([Torch.Zeros(2, 3), Torch.Zeros(2, 4)], 0),
            "Expected size 3 but got size 4", "tensor number 1", "[2, 3]", "[2, 4]");
        Throws<ArgumentException>("cat", () => Torch.Cat([Torch.Zeros(2, 3), Torch.Zeros(3)], 0), "[2, 3]", "[3]");
        Throws<ArgumentException>("cat", () => Torch.Cat(Array.Empty<Tensor>(), 0), "non-empty");
        Throws<ArgumentException>("cat", () => Torch.Cat(new List<Tensor>(), 0), "non-empty");
        Throws<ArgumentException>("cat", () => Torch.Cat([Torch.Scalar(1.0), Torch.Scalar(2.0)], 0), "zero-dimensional");
        Throws<ArgumentException>("stack", () => Torch.Stack([Torch.Zeros(2, 3), Torch.Zeros(2, 4)], 0), "[2, 3]", "[2, 4]", "entry 1");
        Throws<ArgumentException>("stack", () => Torch.Stack(Array.Empty<Tensor>(), 0), "non-empty");
    }

    [Fact]
    public void SplitAndChunkSizes()
    {
        Throws<ArgumentException>("split", () => Torch.Zeros(4, 3).Split(0), "split_size", "4");
        Throws<ArgumentOutOfRangeException>("split", () => Torch.Zeros(4, 3).Split(-1), "split_size=-1");
        Throws<ArgumentException>("split_with_sizes", () => Torch.Zeros(4, 3).Split([1, 2]), "sum exactly to 4", "[1, 2]");
        Throws<ArgumentException>("split_with_sizes", () => Torch.Zeros(4, 3).Split([5, -1]), "non-negative", "[5, -1]");
        Throws<ArgumentOutOfRangeException>("chunk", () => Torch.Zeros(4).Chunk(0), "greater than 0", "0");
        Throws<ArgumentOutOfRangeException>("chunk", () => Torch.Zeros(4).Chunk(-2), "-2");
        // split_size 0 is allowed on an empty dim (as PyTorch).
        Assert.Single(Torch.Zeros(0, 3).Split(0));
    }

    // ------------------------------------------------------------------ creation

    [Fact]
    public void ArangeSteps()
    {
        Throws<ArgumentException>("arange", () => Torch.Arange(0, 5, 0), "step must be nonzero");
        Throws<ArgumentException>("arange", () => Torch.Arange(0.0, 5.0, 0.0), "step must be nonzero");
        Throws<ArgumentException>("arange", () => Torch.Arange(0, 5, -1), "start 0, end 5, step -1");
        Throws<ArgumentException>("arange", () => Torch.Arange(5.0, 0.0, 0.5), "start 5, end 0, step 0.5");
        Throws<ArgumentException>("arange", () => Torch.Arange(-3), "start 0, end -3, step 1");
        Throws<ArgumentException>("arange", () => Torch.Arange(0.0, double.NaN, 1.0), "NaN");
        Throws<ArgumentException>("arange", () => Torch.Arange(0.0, double.PositiveInfinity, 1.0), "Infinity");
    }

    [Fact]
    public void ArangeWithTooManyElementsOrExtremeBounds()
    {
        // Were an OverflowException without the op name.
        Throws<ArgumentException>("arange", () => Torch.Arange(0L, 1L << 40), "1099511627776 elements");
        Throws<ArgumentException>("arange", () => Torch.Arange(0.0, 1.0, 1e-12), "elements");
        // end - start overflows a long: was silently an empty tensor.
        Assert.Equal(new[] { long.MinValue, -1L, long.MaxValue - 1 }, Torch.Arange(long.MinValue, long.MaxValue, long.MaxValue).ToArray<long>());
        Assert.Equal(new[] { long.MaxValue, 0L, long.MinValue + 1 }, Torch.Arange(long.MaxValue, long.MinValue, long.MinValue + 1).ToArray<long>());
    }

    [Fact]
    public void RandomCreation()
    {
        Throws<ArgumentException>("randint", () => Torch.Randint(5, 5, new Size(3)), "low=5, high=5");
        Throws<ArgumentException>("randint", () => Torch.Randint(5, 2, new Size(3)), "low=5, high=2");
        Throws<ArgumentException>("randint", () => Torch.Randint(0, new Size(3)), "low=0, high=0");
        Throws<ArgumentException>("randperm", () => Torch.Randperm(-1), "-1");
        Throws<ArgumentException>("linspace", () => Torch.Linspace(0, 1, -1), "-1");
        Throws<ArgumentException>("eye", () => Torch.Eye(2, -1), "m=-1");
    }

    public static TheoryData<string> Creators => new() { "zeros", "ones", "full", "empty", "rand", "randn", "randint" };

    private static Tensor Create(string op, params int[] shape) => op switch
    {
        "zeros" => Torch.Zeros(shape),
        "ones" => Torch.Ones(shape),
        "full" => Torch.Full(new Size(shape), 2.0),
        "empty" => Torch.Empty(new Size(shape)),
        "rand" => Torch.Rand(shape),
        "randn" => Torch.Randn(shape),
        "randint" => Torch.Randint(0, 3, new Size(shape)),
        _ => throw new ArgumentException(op),
    };

    [Theory]
    [MemberData(nameof(Creators))]
    public void NegativeOrHugeSizes(string op)
    {
        Throws<ArgumentException>(op, () => Create(op, 2, -1), "negative dimension -1", "[2, -1]");
        Throws<ArgumentException>(op, () => Create(op, 65536, 65536), "[65536, 65536]", "4294967296 elements");
        // 2^21 · 2^21 · 2^22 = 2^64 wrapped around to 0 elements in 64-bit arithmetic.
        Throws<ArgumentException>(op, () => Create(op, 1 << 21, 1 << 21, 1 << 22), "[2097152, 2097152, 4194304]", "elements");
        Assert.Equal(0, Create(op, 1 << 21, 1 << 21, 1 << 22, 0).Numel); // an empty tensor of any shape is fine
    }

    [Fact]
    public void FromArrayShapes()
    {
        Throws<ArgumentException>("tensor", () => Torch.FromArray(new float[] { 1, 2, 3 }, 2, 2), "[2, 2]", "size 3");
        Throws<ArgumentException>("tensor", () => Torch.FromArray(new int[] { 1, 2, 3 }, 2, 2), "[2, 2]", "size 3");
        Throws<ArgumentException>("tensor", () => Torch.FromArray(new float[] { 1, 2, 3 }, -1, -3), "negative dimension");
        Throws<ArgumentException>("tensor", () => Torch.FromArray(new short[] { 1 }, 1), "Int16");
        Throws<ArgumentException>("tensor", () => Torch.FromArray(new[] { "a" }), "String");
    }

    // ------------------------------------------------------------------ data access

    [Fact]
    public void ItemAndToArray()
    {
        Throws<InvalidOperationException>("item", () => Torch.Zeros(2, 3).Item(), "6 elements", "[2, 3]");
        Throws<InvalidOperationException>("item", () => Torch.Zeros(0).Item(), "0 elements", "[0]");
        // Was an InvalidCastException / NotSupportedException without the op name.
        Throws<ArgumentException>("item", () => Torch.Scalar(1.5).Item<short>(), "Int16", "float, double, long, int, byte, bool, Half or BFloat16");
        Throws<ArgumentException>("tolist", () => Torch.Zeros(2).ToArray<short>(), "Int16");
        // Python's int(x): truncation, and an error for NaN or a value that does not fit (not a wrapped number).
        Assert.Equal(1, Torch.Scalar(1.5).Item<int>());
        Assert.Equal(-1, Torch.Scalar(-1.5).Item<long>());
        Throws<ArgumentOutOfRangeException>("item", () => Torch.Scalar(double.NaN).Item<long>(), "NaN");
        Throws<ArgumentOutOfRangeException>("item", () => Torch.Scalar(1e20).Item<long>(), "E+20", "torch.int64");
        Throws<ArgumentOutOfRangeException>("item", () => Torch.Scalar(300L).Item<byte>(), "300", "torch.uint8");
        Throws<ArgumentOutOfRangeException>("item", () => Torch.Scalar(double.PositiveInfinity).Item<int>(), "torch.int32");
        Assert.Equal(1.5, Torch.Scalar(1.5).Item<double>());
        Assert.Equal(1L, Torch.Scalar(1.5).Item<long>());
    }

    // ------------------------------------------------------------------ autograd

    [Fact]
    public void BackwardAndRequiresGrad()
    {
        Throws<InvalidOperationException>("backward", () => { Torch.Zeros(2).Sum().Backward(); return null; }, "does not require grad");
        Throws<InvalidOperationException>("backward", () => { (Torch.Zeros(new Size(2), requiresGrad: true) * 2).Backward(); return null; }, "scalar", "[2]");
        Throws<ArgumentException>("backward", () => { (Torch.Zeros(new Size(2), requiresGrad: true) * 2).Backward(Torch.Ones(3)); return null; }, "[3]", "[2]");
        Throws<InvalidOperationException>("requires_grad", () => { Longs(2).RequiresGrad = true; return null; }, "floating point", "torch.int64");
        Throws<InvalidOperationException>("requires_grad", () => Bools(2).RequiresGrad_(), "torch.bool");
        Throws<InvalidOperationException>("requires_grad", () => Torch.Zeros(new Size(2), DType.Int64, requiresGrad: true), "torch.int64");
        Throws<InvalidOperationException>("requires_grad", () => { (Torch.Zeros(new Size(2), requiresGrad: true) * 2).RequiresGrad = false; return null; }, "leaf");
    }

    [Fact]
    public void InPlaceOnALeafThatRequiresGrad()
    {
        Tensor Leaf() => Torch.Zeros(new Size(2), requiresGrad: true);
        foreach (var (op, f) in new (string, Func<Tensor, Tensor>)[]
        {
            ("add_", t => t.Add_(1.0)), ("sub_", t => t.Sub_(Torch.Ones(2))), ("mul_", t => t.Mul_(2.0)), ("div_", t => t.Div_(2.0)),
            ("exp_", t => t.Exp_()), ("relu_", t => t.Relu_()), ("pow_", t => t.Pow_(2.0)), ("clamp_", t => t.Clamp_(0, 1)),
            ("fill_", t => t.Fill_(1.0)), ("zero_", t => t.Zero_()), ("copy_", t => t.Copy_(Torch.Ones(2))),
            ("scatter_", t => t.Scatter_(0, L(0), 1.0)), ("masked_fill_", t => t.MaskedFill_(Bools(2), 1.0)),
            ("index_fill_", t => t.IndexFill_(0, L(0), 1.0)),
        })
            Throws<InvalidOperationException>(op, () => f(Leaf()), "leaf Variable that requires grad");
        Throws<InvalidOperationException>("add_", () => Leaf()[0].Add_(1.0), "view");
        // Under NoGrad (an optimizer step) it is fine.
        var w = Leaf();
        using (Torch.NoGrad()) w.Add_(1.0);
        Close([1, 1], w);
    }

    [Fact]
    public void ClampBounds()
    {
        Throws<ArgumentException>("clamp", () => Torch.Zeros(2).Clamp(), "min", "max");
        Throws<ArgumentException>("clamp", () => Torch.Zeros(2, 3).Clamp(Torch.Zeros(2), null), "[2, 3]", "[2]");
        Throws<ArgumentException>("clamp_", () => Torch.Ones(new Size(2), DType.Int64).Clamp_(0.5), "torch.float32", "torch.int64");
        // min > max is not an error: every element becomes max (PyTorch).
        Close([1, 1, 1, 1, 1], Torch.Arange(0.0, 5.0, 1.0).Clamp(3, 1));
    }

    // ------------------------------------------------------------------ dtypes

    [Fact]
    public void FloatOnlyOps()
    {
        Throws<ArgumentException>("mean", () => Longs(2).Mean(), "torch.int64");
        Throws<ArgumentException>("mean", () => Bools(2).Mean(0), "torch.bool");
        Throws<ArgumentException>("var", () => Longs(2).Var(), "torch.int64");
        Throws<ArgumentException>("std", () => Longs(2).Std(), "torch.int64");
        Throws<ArgumentException>("norm", () => Longs(2).Norm(), "torch.int64");
        Throws<ArgumentException>("softmax", () => Longs(2).Softmax(0), "torch.int64", "[2]");
        Throws<ArgumentException>("log_softmax", () => Bools(2).LogSoftmax(0), "torch.bool");
    }

    [Fact]
    public void ArithmeticOnBools()
    {
        // PyTorch: add on two bools is or, mul is and (they used to throw here).
        Assert.Equal(DType.Bool, (Bools(2) + Bools(2)).DType);
        Assert.Equal(DType.Bool, (Bools(2) * Bools(2)).DType);
        Throws<ArgumentException>("sub", () => Bools(2) - Bools(2), "bool");
        Throws<NotSupportedException>("pow", () => Bools(2).Pow(Bools(2)), "bool");
        Throws<ArgumentException>("neg", () => -Bools(2), "bool");
        // PyTorch refuses any subtraction with a bool operand (1 - mask is meant as ~mask); was silently -1.
        Throws<ArgumentException>("sub", () => Bools(2) - 1.0, "torch.bool [2]");
        Throws<ArgumentException>("sub", () => 1.0 - Bools(2), "torch.bool [2]");
        Throws<ArgumentException>("sub", () => Longs(2) - Bools(2), "torch.int64 [2]", "torch.bool [2]");
        Throws<ArgumentException>("sub_", () => Torch.Zeros(2).Sub_(Bools(2)), "torch.bool");
        // What PyTorch allows: true division and mixed bool/number arithmetic.
        Close([1, 1], Bools(2) + 1.0);
        Assert.Equal(DType.Float32, (Bools(2) / Bools(2)).DType);
    }

    [Fact]
    public void InPlaceResultThatCannotBeCast()
    {
        Throws<ArgumentException>("add_", () => Longs(2).Add_(0.5), "torch.float32", "torch.int64");
        Throws<ArgumentException>("mul_", () => Longs(2).Mul_(Torch.Ones(2)), "torch.float32", "torch.int64");
        Throws<ArgumentException>("div_", () => Longs(2).Div_(Torch.Ones(new Size(2), DType.Int64)), "torch.float32", "torch.int64");
        Throws<ArgumentException>("exp_", () => Longs(2).Exp_(), "torch.float32", "torch.int64");
        Throws<ArgumentException>("pow_", () => Torch.Ones(new Size(2), DType.Int64).Pow_(0.5), "torch.int64");
        Throws<ArgumentException>("add_", () => Bools(2).Add_(1.0), "torch.float32", "torch.bool");
        Throws<ArgumentException>("add_", () => Bools(2).Add_(1), "torch.int64", "torch.bool");
        // Integer results into an int tensor are fine.
        Assert.Equal(new[] { 2L, 2L }, Longs(2).Add_(2).ToArray<long>());
        Throws<ArgumentException>("add_", () => Longs(2).Add_(2.0), "torch.float32", "torch.int64");
        Throws<ArgumentException>("pow", () => Torch.Ones(new Size(2), DType.Int64).Pow(-1), "negative", "-1");
    }

    // ------------------------------------------------------------------ NaN and infinity

    /// <summary>[n] float32 values with a NaN at <paramref name="at"/> (n = 40 takes the SIMD paths).</summary>
    private static Tensor WithNaN(int n, int at)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i - n / 2f;
        v[at] = float.NaN;
        return Torch.FromArray(v);
    }

    public static TheoryData<int, int> NaNPositions => new() { { 3, 1 }, { 3, 0 }, { 3, 2 }, { 40, 20 }, { 40, 39 }, { 40, 0 } };

    [Theory]
    [MemberData(nameof(NaNPositions))]
    public void NaNPropagatesThroughReductions(int n, int at)
    {
        var x = WithNaN(n, at);
        Assert.True(double.IsNaN(x.Sum().Item()));
        Assert.True(double.IsNaN(x.Mean().Item()));
        Assert.True(double.IsNaN(x.Prod().Item()));
        Assert.True(double.IsNaN(x.Max().Item()));
        Assert.True(double.IsNaN(x.Min().Item()));
        Assert.True(double.IsNaN(x.Amax().Item()));
        Assert.True(double.IsNaN(x.LogSumExp(0).Item()));
        Assert.True(double.IsNaN(x.Norm().Item()));
        var (values, indices) = x.Unsqueeze(0).Max(1);
        Assert.True(double.IsNaN(values.Item()));
        Assert.Equal(at, indices.Item<long>());               // PyTorch: the index of the NaN
        Assert.Equal(at, x.Argmax().Item<long>());
        Assert.Equal(at, x.Argmin().Item<long>());
        Assert.True(double.IsNaN(x.To(DType.Float64).Sum().Item<double>()));
    }

    [Fact]
    public void NaNOnlyAffectsItsOwnSliceOfADimReduction()
    {
        var x = Torch.FromArray(new float[,] { { float.NaN, 1 }, { 1, 2 } });
        var s = x.Sum(1).ToArray<float>();
        Assert.True(float.IsNaN(s[0]));
        Assert.Equal(3f, s[1]);
        var m = x.Max(1).Values.ToArray<float>();
        Assert.True(float.IsNaN(m[0]));
        Assert.Equal(2f, m[1]);
    }

    [Theory]
    [MemberData(nameof(NaNPositions))]
    public void NaNPropagatesThroughSoftmax(int n, int at)
    {
        var x = WithNaN(n, at);
        Assert.All(x.Softmax(0).ToArray<float>(), v => Assert.True(float.IsNaN(v)));
        Assert.All(x.LogSoftmax(0).ToArray<float>(), v => Assert.True(float.IsNaN(v)));
        // In a batch only the row with the NaN: PyTorch [[nan, nan], [0.2689, 0.7311]].
        var rows = Torch.FromArray(new double[,] { { double.NaN, 1 }, { 1, 2 } }).Softmax(1).ToArray<double>();
        Assert.True(double.IsNaN(rows[0]) && double.IsNaN(rows[1]));
        Assert.Equal(0.2689414213699951, rows[2], 1e-12);
        Assert.Equal(0.7310585786300049, rows[3], 1e-12);
    }

    [Theory]
    [MemberData(nameof(NaNPositions))]
    public void NaNPropagatesThroughElementwiseOps(int n, int at)
    {
        var x = WithNaN(n, at);
        foreach (var (name, y) in new (string, Tensor)[]
        {
            ("relu", x.Relu()), ("clamp", x.Clamp(-1, 1)), ("clamp_min", x.ClampMin(0)), ("clamp_max", x.ClampMax(0)),
            ("clamp(tensor)", Torch.Clamp(x, Torch.Zeros(n), Torch.Ones(n))),
            ("maximum", Torch.Maximum(x, Torch.Zeros(n))), ("minimum", Torch.Minimum(Torch.Zeros(n), x)),
            ("abs", x.Abs()), ("exp", x.Exp()), ("add", x + 1.0), ("mul", x * 0.0), ("sigmoid", x.Sigmoid()),
        })
        {
            var v = y.ToArray<float>();
            for (int i = 0; i < n; i++)
                Assert.True(float.IsNaN(v[i]) == (i == at), $"{name}: element {i} is {v[i]}");
        }
        var relu64 = x.To(DType.Float64).Relu().ToArray<double>();
        Assert.True(double.IsNaN(relu64[at]));
        // PyTorch: tensor([1., nan, 3.]).clamp(0, 2) is [1, nan, 2].
        var c = Torch.FromArray(new float[] { 1, float.NaN, 3 }).Clamp(0, 2).ToArray<float>();
        Assert.Equal(1f, c[0]);
        Assert.True(float.IsNaN(c[1]));
        Assert.Equal(2f, c[2]);
    }

    [Theory]
    [MemberData(nameof(NaNPositions))]
    public void ComparisonsWithNaN(int n, int at)
    {
        var x = WithNaN(n, at);
        var eq = x.Eq(x).ToArray<bool>();
        var ne = x.Ne(x).ToArray<bool>();
        var gt = x.Gt(double.NegativeInfinity).ToArray<bool>();
        var y = x.Clone();
        var le = (x <= y).ToArray<bool>();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(i != at, eq[i]);   // NaN == NaN is false
            Assert.Equal(i == at, ne[i]);   // NaN != NaN is true
            Assert.Equal(i != at, gt[i]);   // every ordered comparison with NaN is false
            Assert.Equal(i != at, le[i]);
        }
        Assert.False(Torch.Scalar(double.NaN, DType.Float64).Eq(double.NaN).Item<bool>());
        Assert.True(Torch.Scalar(double.NaN, DType.Float64).Ne(double.NaN).Item<bool>());
    }

    [Theory]
    [InlineData(3, 2, 2)]
    [InlineData(70, 50, 60)]   // the packed, blocked GEMM path
    public void NaNInMatmulPoisonsOnlyTheAffectedRowsAndColumns(int m, int k, int n)
    {
        var a = Torch.Randn(new[] { m, k }, DType.Float64, new Generator(1));
        var b = Torch.Randn(new[] { k, n }, DType.Float64, new Generator(2));
        int row = m / 2, col = n - 1;
        a[row, k - 1] = Torch.Scalar(double.NaN, DType.Float64);
        var y = a.Matmul(b).ToArray<double>();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                Assert.True(double.IsNaN(y[i * n + j]) == (i == row), $"A·B [{i}, {j}] = {y[i * n + j]}");
        // A NaN in B poisons one column; in float32 as well.
        var b2 = b.Clone();
        b2[0, col] = Torch.Scalar(double.NaN, DType.Float64);
        var a2 = Torch.Randn(new[] { m, k }, DType.Float64, new Generator(3));
        var y2 = a2.To(DType.Float32).Matmul(b2.To(DType.Float32)).ToArray<float>();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                Assert.True(float.IsNaN(y2[i * n + j]) == (j == col), $"A·B2 [{i}, {j}] = {y2[i * n + j]}");
        // PyTorch: [[nan, 1], [1, 2], [3, 4]] @ [[1, 2], [3, 4]] = [[nan, nan], [7, 10], [15, 22]].
        var small = Torch.FromArray(new double[,] { { double.NaN, 1 }, { 1, 2 }, { 3, 4 } }).Matmul(Torch.FromArray(new double[,] { { 1, 2 }, { 3, 4 } })).ToArray<double>();
        Assert.True(double.IsNaN(small[0]) && double.IsNaN(small[1]));
        Assert.Equal(new[] { 7.0, 10, 15, 22 }, small[2..]);
    }

    [Fact]
    public void InfinitiesInSoftmaxAndLogSumExp()
    {
        // PyTorch: softmax([inf, 1]) = [nan, nan]; softmax([-inf, 1]) = [0, 1]; logsumexp([inf, 1]) = inf;
        // logsumexp([-inf, -inf]) = -inf; softmax([-inf, -inf]) = [nan, nan].
        Assert.All(Torch.FromArray(new[] { double.PositiveInfinity, 1 }).Softmax(0).ToArray<double>(), v => Assert.True(double.IsNaN(v)));
        Assert.Equal(new[] { 0.0, 1.0 }, Torch.FromArray(new[] { double.NegativeInfinity, 1 }).Softmax(0).ToArray<double>());
        Assert.Equal(double.PositiveInfinity, Torch.FromArray(new[] { double.PositiveInfinity, 1 }).LogSumExp(0).Item<double>());
        Assert.Equal(double.NegativeInfinity, Torch.FromArray(new[] { double.NegativeInfinity, double.NegativeInfinity }).LogSumExp(0).Item<double>());
        Assert.All(Torch.FromArray(new[] { double.NegativeInfinity, double.NegativeInfinity }).Softmax(0).ToArray<double>(), v => Assert.True(double.IsNaN(v)));
        Assert.True(double.IsNaN(Torch.FromArray(new[] { double.PositiveInfinity, double.NegativeInfinity }).Sum().Item<double>()));
    }
}
