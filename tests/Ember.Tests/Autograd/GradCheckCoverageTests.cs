using static Ember.Tests.TestUtil;

namespace Ember.Tests.Autograd;

/// <summary>
/// Fills the gaps in the gradcheck coverage of the quality bar: every differentiable op on contiguous,
/// transposed (non-contiguous) and broadcast (or expanded, stride-0) inputs and on sizes 1 and 0. The
/// families and variants already checked elsewhere (unary ops and Add/Sub/Mul/Div in GradCheckTests and
/// ArithmeticTests, Softmax in SoftmaxTests, …) are not repeated; each theory names its variant.
/// </summary>
public class GradCheckCoverageTests
{
    private static Tensor L(params long[] v) => Torch.FromArray(v);

    private static Tensor L2(long[,] v) => Torch.FromArray(v);

    private static Tensor NoIndex(params int[] shape) => Torch.FromArray(Array.Empty<long>(), shape);

    private static Tensor B(params bool[] v) => Torch.FromArray(v);

    /// <summary>A float64 leaf with the given values, requiring grad.</summary>
    private static Tensor Leaf(double[] values, params int[] shape) => Torch.FromArray(values, shape).RequiresGrad_();

    /// <summary>A float64 leaf of <paramref name="shape"/> (3-D) stored with reversed dimensions: non-contiguous.</summary>
    private static Tensor PermutedInput(int a, int b, int c)
    {
        var t = Torch.Randn(new[] { c, b, a }, DType.Float64, new Generator(a * 100 + b * 10 + c)).Permute(2, 1, 0);
        t.RequiresGrad = true;
        Assert.False(t.IsContiguous);
        return t;
    }

    /// <summary>
    /// Values on a grid k·0.25 − 1.3 (never within 0.05 of a multiple of 0.25), for ops with kinks at the
    /// bounds chosen as multiples of 0.25 (clamp).
    /// </summary>
    private static double[] Grid(int n, int seed = 0)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = ((i * 7 + seed) % 11) * 0.25 - 1.3;
        return v;
    }

    private static Tensor GridInput(params int[] shape) => Leaf(Grid(shape.Aggregate(1, (a, b) => a * b)), shape);

    private static Tensor GridTransposed(int rows, int cols)
    {
        var t = Torch.FromArray(Grid(rows * cols, 3), cols, rows).T;
        t.RequiresGrad = true;
        return t;
    }

    public static TheoryData<string> Variants => new() { "contiguous", "transposed", "broadcast", "one", "zero" };

    // ------------------------------------------------------------------ Matmul / Mm / Bmm

    public static TheoryData<string> MatmulCases => new()
    {
        "2d.2d", "1d.1d", "1d.2d", "2d.1d", "1d.3d", "3d.1d", "3d.3d", "batch-broadcast [2,1,3,4].[5,4,2]",
        "batch-broadcast 2d.4d", "transposed-a", "transposed-b", "transposed-both", "permuted-batch",
        "expanded-rows", "expanded-batch", "one", "one-1d", "k0", "k0-1d", "k0-batched", "m0", "n0", "batch0",
    };

    [Theory]
    [MemberData(nameof(MatmulCases))]
    public void Matmul(string c)
    {
        Func<Tensor[], Tensor> mm = x => x[0].Matmul(x[1]);
        switch (c)
        {
            case "2d.2d": GradOk(mm, Input(2, 3), Input(3, 4)); break;
            case "1d.1d": GradOk(mm, Input(3), Input(3)); break;
            case "1d.2d": GradOk(mm, Input(3), Input(3, 4)); break;
            case "2d.1d": GradOk(mm, Input(2, 3), Input(3)); break;
            case "1d.3d": GradOk(mm, Input(3), Input(2, 3, 4)); break;
            case "3d.1d": GradOk(mm, Input(2, 3, 4), Input(4)); break;
            case "3d.3d": GradOk(mm, Input(2, 3, 4), Input(2, 4, 2)); break;
            case "batch-broadcast [2,1,3,4].[5,4,2]":
                Assert.Equal(new[] { 2, 5, 3, 2 }, Torch.Matmul(Input(2, 1, 3, 4), Input(5, 4, 2)).Shape.ToArray());
                GradOk(mm, Input(2, 1, 3, 4), Input(5, 4, 2));
                break;
            case "batch-broadcast 2d.4d": GradOk(mm, Input(3, 2), Input(2, 1, 2, 4)); break;
            case "transposed-a": GradOk(mm, TransposedInput(3, 4), Input(4, 2)); break;
            case "transposed-b": GradOk(mm, Input(2, 3), TransposedInput(3, 4)); break;
            case "transposed-both": GradOk(mm, TransposedInput(2, 3), TransposedInput(3, 4)); break;
            case "permuted-batch": GradOk(mm, PermutedInput(2, 3, 4), PermutedInput(2, 4, 3)); break;
            // A stride-0 row or column: one value is used m (or n) times.
            case "expanded-rows":
                GradOk(x => x[0].Expand(3, 4).Matmul(x[1]), Input(1, 4), Input(4, 2));
                GradOk(x => x[0].Matmul(x[1].Expand(4, 2)), Input(3, 4), Input(4, 1));
                break;
            case "expanded-batch": GradOk(x => x[0].Expand(2, 3, 4).Matmul(x[1]), Input(3, 4), Input(2, 4, 2)); break;
            case "one": GradOk(mm, Input(1, 1), Input(1, 1)); GradOk(mm, Input(1, 1, 1), Input(1, 1)); break;
            case "one-1d": GradOk(mm, Input(1), Input(1)); break;
            // k = 0: the product is all zeros, the gradients are empty.
            case "k0":
                Close([0, 0, 0, 0, 0, 0], Torch.Matmul(Input(2, 0), Input(0, 3)));
                GradOk(mm, Input(2, 0), Input(0, 3));
                GradOk(x => x[0].Matmul(x[1]) + x[2], Input(2, 0), Input(0, 3), Input(2, 3));
                break;
            case "k0-1d": GradOk(x => x[0].Matmul(x[1]) + x[2], Input(0), Input(0), Input()); break;
            case "k0-batched":
                // Was an ArgumentOutOfRangeException from the GEMM: the empty operand's batch offsets pointed past its storage.
                Close(new double[12], Torch.Matmul(Input(2, 3, 0), Input(2, 0, 2)));
                GradOk(x => x[0].Matmul(x[1]) * x[2], Input(2, 3, 0), Input(0, 2), Input(2, 3, 2));
                break;
            case "m0": GradOk(mm, Input(0, 3), Input(3, 4)); GradOk(mm, Input(2, 0, 3), Input(3, 4)); break;
            case "n0": GradOk(mm, Input(2, 3), Input(3, 0)); GradOk(mm, Input(2, 2, 3), Input(2, 3, 0)); break;
            case "batch0": GradOk(mm, Input(0, 2, 3), Input(3, 4)); GradOk(mm, Input(2, 0, 3), Input(2, 3, 4)); break;
            default: throw new ArgumentException(c);
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    [InlineData("k0")]
    public void Mm(string v)
    {
        Func<Tensor[], Tensor> f = x => x[0].Mm(x[1]);
        switch (v)
        {
            case "contiguous": GradOk(f, Input(2, 3), Input(3, 4)); break;
            case "transposed": GradOk(f, TransposedInput(2, 3), TransposedInput(3, 4)); break;
            case "broadcast": GradOk(x => x[0].Expand(2, 3).Mm(x[1]), Input(2, 1), Input(3, 4)); break;
            case "one": GradOk(f, Input(1, 1), Input(1, 1)); break;
            case "zero": GradOk(f, Input(0, 3), Input(3, 4)); GradOk(f, Input(2, 3), Input(3, 0)); break;
            case "k0": GradOk(x => x[0].Mm(x[1]) * x[2], Input(2, 0), Input(0, 3), Input(2, 3)); break;
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    [InlineData("k0")]
    public void Bmm(string v)
    {
        Func<Tensor[], Tensor> f = x => x[0].Bmm(x[1]);
        switch (v)
        {
            case "contiguous": GradOk(f, Input(2, 3, 4), Input(2, 4, 2)); break;
            case "transposed": GradOk(f, PermutedInput(2, 3, 4), PermutedInput(2, 4, 3)); break;
            case "broadcast": GradOk(x => x[0].Expand(2, 3, 4).Bmm(x[1]), Input(1, 3, 4), Input(2, 4, 2)); break;
            case "one": GradOk(f, Input(1, 1, 1), Input(1, 1, 1)); break;
            case "zero": GradOk(f, Input(0, 3, 4), Input(0, 4, 2)); GradOk(f, Input(2, 0, 4), Input(2, 4, 2)); break;
            case "k0": GradOk(x => x[0].Bmm(x[1]) * x[2], Input(2, 3, 0), Input(2, 0, 2), Input(2, 3, 2)); break;
        }
    }

    // ------------------------------------------------------------------ Softmax / LogSoftmax / LogSumExp

    public static TheoryData<string, int> SoftmaxCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var v in new[] { "contiguous", "transposed", "broadcast", "one", "zero", "3d-permuted" })
            foreach (var dim in new[] { 0, 1 })
                data.Add(v, dim);
        return data;
    }

    private static void SoftmaxFamily(Func<Tensor, int, Tensor> f, string v, int dim)
    {
        switch (v)
        {
            case "contiguous": GradOk(x => f(x[0], dim), Input(3, 4)); break;
            case "transposed": GradOk(x => f(x[0], dim), TransposedInput(3, 4)); break;
            case "broadcast":
                GradOk(x => f(x[0].Expand(3, 4), dim), Input(3, 1));
                GradOk(x => f(x[0].Expand(3, 4), dim), Input(1, 4));
                GradOk(x => f(x[0] + x[1], dim), Input(3, 1), Input(4)); // broadcast in the producing op
                break;
            case "one":
                GradOk(x => f(x[0], dim), Input(1, 1));
                GradOk(x => f(x[0], dim), Input(1, 4));
                GradOk(x => f(x[0], dim), Input(3, 1));
                break;
            case "zero":
                GradOk(x => f(x[0], dim), Input(0, 3));
                GradOk(x => f(x[0], dim), Input(3, 0));
                break;
            case "3d-permuted":
                GradOk(x => f(x[0], dim), PermutedInput(2, 3, 4));
                GradOk(x => f(x[0], dim + 1), PermutedInput(2, 3, 4));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(SoftmaxCases))]
    public void Softmax(string v, int dim) => SoftmaxFamily((t, d) => t.Softmax(d), v, dim);

    [Theory]
    [MemberData(nameof(SoftmaxCases))]
    public void LogSoftmax(string v, int dim) => SoftmaxFamily((t, d) => t.LogSoftmax(d), v, dim);

    [Theory]
    [MemberData(nameof(SoftmaxCases))]
    public void LogSumExp(string v, int dim)
    {
        SoftmaxFamily((t, d) => t.LogSumExp(d), v, dim);
        SoftmaxFamily((t, d) => t.LogSumExp(d, keepdim: true), v, dim);
    }

    [Fact]
    public void LogSumExpOverAllDims()
    {
        GradOk(x => x[0].LogSumExp([0, 1]), TransposedInput(3, 4));
        GradOk(x => x[0].Expand(3, 4).LogSumExp([0, 1]), Input(3, 1));
        GradOk(x => x[0].LogSumExp(0), Input(1));
        GradOk(x => x[0].LogSumExp(0), Torch.Scalar(0.3, DType.Float64, requiresGrad: true));
    }

    // ------------------------------------------------------------------ reductions

    public static TheoryData<string, string> ReductionCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in new[] { "sum", "mean", "prod", "amax", "amin", "max", "min", "var", "std", "norm0", "norm1", "norm2", "norm3", "norminf", "norm-inf" })
            foreach (var v in new[] { "contiguous", "transposed", "broadcast", "one", "zero" })
                data.Add(op, v);
        return data;
    }

    /// <summary>Reduces <paramref name="x"/> with <paramref name="op"/> over <paramref name="dim"/> (all dims when null).</summary>
    private static Tensor Reduce(string op, Tensor x, int? dim, bool keepdim = false)
    {
        int[]? dims = dim is int d ? [d] : null;
        return op switch
        {
            "sum" => x.Sum(dims, keepdim),
            "mean" => x.Mean(dims, keepdim),
            "prod" => x.Prod(dims, keepdim),
            "amax" => x.Amax(dims, keepdim),
            "amin" => x.Amin(dims, keepdim),
            "max" => dim is int m ? x.Max(m, keepdim).Values : x.Max(),
            "min" => dim is int n ? x.Min(n, keepdim).Values : x.Min(),
            "var" => x.Var(dims, correction: 1, keepdim),
            "std" => x.Std(dims, correction: 1, keepdim),
            "norm0" => x.Norm(0, dims, keepdim) + x.Sum(dims, keepdim), // the count of non-zeros has gradient 0
            "norm1" => x.Norm(1, dims, keepdim),
            "norm2" => x.Norm(2, dims, keepdim),
            "norm3" => x.Norm(3, dims, keepdim),
            "norminf" => x.Norm(double.PositiveInfinity, dims, keepdim),
            "norm-inf" => x.Norm(double.NegativeInfinity, dims, keepdim),
            _ => throw new ArgumentException(op),
        };
    }

    [Theory]
    [MemberData(nameof(ReductionCases))]
    public void Reduction(string op, string v)
    {
        bool spread = op is "var" or "std"; // need two or more elements along the reduced dim (correction 1)
        switch (v)
        {
            case "contiguous":
                GradOk(x => Reduce(op, x[0], 1), Input(2, 3, 4));
                GradOk(x => Reduce(op, x[0], -1, keepdim: true), Input(2, 3, 4));
                GradOk(x => Reduce(op, x[0], null), Input(2, 3));
                break;
            case "transposed":
                GradOk(x => Reduce(op, x[0], 0), TransposedInput(3, 4));
                GradOk(x => Reduce(op, x[0], 1, keepdim: true), TransposedInput(3, 4));
                GradOk(x => Reduce(op, x[0], null), TransposedInput(3, 4));
                GradOk(x => Reduce(op, x[0], 1), PermutedInput(2, 3, 4));
                break;
            case "broadcast":
                // Reduce along the expanded (stride-0) dim and across it. Along it, max/min see ties of one
                // input element: their gradient, split or not, must add up to 1.
                GradOk(x => Reduce(op, x[0].Expand(3, 4), 0), Input(3, 1));
                GradOk(x => Reduce(op, x[0].Expand(3, 4), 1, keepdim: true), Input(1, 4));
                if (!spread)
                {
                    GradOk(x => Reduce(op, x[0].Expand(3, 4), 1), Input(3, 1));
                    GradOk(x => Reduce(op, x[0].Expand(2, 3), null), Input(1, 3));
                }
                GradOk(x => Reduce(op, x[0] * x[1], 0), Input(3, 1), Input(4)); // broadcast in the producing op
                break;
            case "one":
                if (spread)
                {
                    // One element: correction 1 divides by zero (NaN, as PyTorch); correction 0 is defined.
                    GradOk(x => x[0].Var(1, correction: 0), Input(1, 1));
                    GradOk(x => x[0].Var(0, correction: 1), Input(2, 1));
                    if (op == "std") GradOk(x => x[0].Std(0, correction: 1), Input(2, 1));
                }
                else
                {
                    GradOk(x => Reduce(op, x[0], 1), Input(1, 1));
                    GradOk(x => Reduce(op, x[0], null), Input(1, 1));
                    GradOk(x => Reduce(op, x[0], 0), Input(1));
                    GradOk(x => Reduce(op, x[0], 0), Torch.Scalar(0.7, DType.Float64, requiresGrad: true));
                }
                break;
            case "zero":
                // The reduced dim is not empty; the result is.
                GradOk(x => Reduce(op, x[0], 1), Input(0, 3));
                GradOk(x => Reduce(op, x[0], 0, keepdim: true), TransposedInput(3, 0));
                // Reducing an empty dim is defined for sums and products (0 and 1) and the finite norms.
                if (op is "sum" or "prod" or "norm0" or "norm1" or "norm2" or "norm3")
                {
                    GradOk(x => Reduce(op, x[0], 0), Input(0, 3));
                    GradOk(x => Reduce(op, x[0], null) + x[1], Input(0), Input());
                }
                break;
        }
    }

    // ------------------------------------------------------------------ Cat / Stack / Split / Chunk

    private static Tensor WeightedSquares(Tensor[] pieces)
    {
        Tensor total = Torch.Scalar(0.0, DType.Float64);
        for (int i = 0; i < pieces.Length; i++) total = total + (pieces[i] * pieces[i]).Sum() * (i + 1.0);
        return total;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Cat(string v)
    {
        switch (v)
        {
            case "contiguous": GradOk(x => Torch.Cat([x[0], x[1]], 1), Input(2, 3), Input(2, 2)); break;
            case "transposed": GradOk(x => Torch.Cat([x[0], x[1]], 0), TransposedInput(2, 3), TransposedInput(3, 3)); break;
            case "broadcast":
                GradOk(x => Torch.Cat([x[0].Expand(2, 3), x[1]], 0), Input(1, 3), Input(2, 3));
                GradOk(x => Torch.Cat([x[0], x[1].Expand(2, 4)], 1), Input(2, 3), Input(2, 1));
                break;
            case "one": GradOk(x => Torch.Cat([x[0]], 0), Input(1)); GradOk(x => Torch.Cat([x[0], x[1]], 1), Input(1, 1), Input(1, 1)); break;
            case "zero":
                GradOk(x => Torch.Cat([x[0], x[1]], 0), Input(0, 3), Input(0, 3));
                GradOk(x => Torch.Cat([x[0], x[1]], 0), Input(2, 0), Input(3, 0));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Stack(string v)
    {
        switch (v)
        {
            case "contiguous": GradOk(x => Torch.Stack([x[0], x[1]], 2), Input(2, 3), Input(2, 3)); break;
            case "transposed": GradOk(x => Torch.Stack([x[0], x[1]], 1), TransposedInput(2, 3), TransposedInput(2, 3)); break;
            case "broadcast": GradOk(x => Torch.Stack([x[0].Expand(2, 3), x[1]], 0), Input(1, 3), Input(2, 3)); break;
            case "one": GradOk(x => Torch.Stack([x[0]], 0), Input(1, 1)); GradOk(x => Torch.Stack([x[0], x[1]], -1), Input(), Input()); break;
            case "zero":
                GradOk(x => Torch.Stack([x[0], x[1]], 1), Input(0, 3), Input(0, 3));
                GradOk(x => Torch.Stack([x[0]], 0), Input(0));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void SplitAndChunk(string v)
    {
        switch (v)
        {
            case "contiguous": GradOk(x => WeightedSquares(x[0].Split([2, 1, 3], 1)), Input(2, 6)); break;
            case "transposed": GradOk(x => WeightedSquares(x[0].Split([1, 2], 0)), TransposedInput(3, 4)); break;
            case "broadcast":
                GradOk(x => WeightedSquares(x[0].Expand(4, 3).Split(3, 0)), Input(1, 3));
                GradOk(x => WeightedSquares(x[0].Expand(2, 5).Chunk(2, 1)), Input(2, 1));
                break;
            case "one":
                GradOk(x => WeightedSquares(x[0].Split(1, 0)), Input(1));
                GradOk(x => WeightedSquares(x[0].Split(1, 1)), Input(2, 3));
                break;
            case "zero":
                GradOk(x => WeightedSquares(x[0].Split(2, 0)) + x[1], Input(0, 3), Input());
                GradOk(x => WeightedSquares(x[0].Split([0, 2, 0], 1)), Input(2, 2));
                GradOk(x => WeightedSquares(x[0].Chunk(2, 1)) + x[1], Input(3, 0), Input());
                break;
        }
    }

    // ------------------------------------------------------------------ views

    public static TheoryData<string, string> ViewCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in new[] { "view", "reshape", "flatten", "transpose", "permute", "squeeze", "unsqueeze", "narrow", "select", "slice", "expand", "contiguous", "clone" })
            foreach (var v in new[] { "contiguous", "transposed", "broadcast", "one", "zero" })
                data.Add(op, v);
        return data;
    }

    /// <summary>A view (or copy) op applied to a 2-D input with at least one row and one column, or to an empty one.</summary>
    private static Tensor ApplyView(string op, Tensor x) => op switch
    {
        "view" => x.IsContiguous ? x.View(-1) : x.Contiguous().View(-1),
        "reshape" => x.Reshape(x.Size(1), x.Size(0)),
        "flatten" => x.Flatten(),
        "transpose" => x.Transpose(0, 1),
        "permute" => x.Unsqueeze(0).Permute(2, 0, 1),
        "squeeze" => x.Unsqueeze(1).Squeeze(1).Squeeze(),
        "unsqueeze" => x.Unsqueeze(-1),
        "narrow" => x.Narrow(0, x.Size(0) > 1 ? 1 : 0, x.Size(0) > 1 ? x.Size(0) - 1 : x.Size(0)),
        "select" => x.Size(0) > 0 ? x.Select(0, -1) : x.Narrow(0, 0, 0),
        "slice" => x[.., TensorIndex.Slice(null, null, 2)],
        "expand" => x.Unsqueeze(0).Expand(2, -1, -1),
        "contiguous" => x.Contiguous(),
        "clone" => x.Clone(),
        _ => throw new ArgumentException(op),
    };

    [Theory]
    [MemberData(nameof(ViewCases))]
    public void ViewsAndCopies(string op, string v)
    {
        switch (v)
        {
            case "contiguous": GradOk(x => ApplyView(op, x[0]), Input(3, 4)); break;
            case "transposed": GradOk(x => ApplyView(op, x[0]), TransposedInput(3, 4)); break;
            case "broadcast":
                GradOk(x => ApplyView(op, x[0].Expand(3, 4)), Input(3, 1));
                GradOk(x => ApplyView(op, x[0].Expand(3, 4)) * 2.0, Input(1, 4));
                break;
            case "one": GradOk(x => ApplyView(op, x[0]), Input(1, 1)); break;
            case "zero":
                GradOk(x => ApplyView(op, x[0]), Input(0, 3));
                GradOk(x => ApplyView(op, x[0]), Input(3, 0));
                break;
        }
    }

    // ------------------------------------------------------------------ indexing

    public static TheoryData<string, string> IndexingCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in new[] { "index_select", "gather", "scatter", "scatter_value", "scatter_add", "index_add", "index_copy", "index_fill", "masked_select", "masked_fill", "masked_scatter", "indexer" })
            foreach (var v in new[] { "contiguous", "transposed", "broadcast", "one", "zero" })
                data.Add(op, v);
        return data;
    }

    private static readonly bool[,] Mask34 =
    {
        { true, false, false, true },
        { false, true, false, false },
        { true, true, false, true },
    };

    [Theory]
    [MemberData(nameof(IndexingCases))]
    public void Indexing(string op, string v)
    {
        var m = Torch.FromArray(Mask34);
        switch (op, v)
        {
            case ("index_select", "contiguous"): GradOk(x => x[0].IndexSelect(1, L(3, 0, 3)), Input(3, 4)); break;
            case ("index_select", "transposed"): GradOk(x => x[0].IndexSelect(0, L(2, 2, 0)), TransposedInput(3, 4)); break;
            case ("index_select", "broadcast"): GradOk(x => x[0].Expand(3, 4).IndexSelect(1, L(1, 3, 1)), Input(3, 1)); break;
            case ("index_select", "one"): GradOk(x => x[0].IndexSelect(0, L(0)), Input(1, 1)); break;
            case ("index_select", "zero"):
                GradOk(x => x[0].IndexSelect(0, NoIndex(0)), Input(3, 4));
                GradOk(x => x[0].IndexSelect(1, L(1, 0)), Input(0, 2));
                break;

            case ("gather", "contiguous"): GradOk(x => x[0].Gather(0, L2(new long[,] { { 2, 0, 1, 2 }, { 2, 2, 0, 1 } })), Input(3, 4)); break;
            case ("gather", "transposed"): GradOk(x => x[0].Gather(0, L2(new long[,] { { 2, 0, 1, 2 } })), TransposedInput(3, 4)); break;
            case ("gather", "broadcast"): GradOk(x => x[0].Expand(3, 4).Gather(1, L2(new long[,] { { 3, 3 }, { 0, 1 }, { 2, 2 } })), Input(3, 1)); break;
            case ("gather", "one"): GradOk(x => x[0].Gather(0, L(0, 0)), Input(1)); break;
            case ("gather", "zero"):
                GradOk(x => x[0].Gather(1, NoIndex(3, 0)), Input(3, 4));
                GradOk(x => x[0].Gather(1, NoIndex(0, 2)), Input(0, 4));
                break;

            // scatter with distinct indices (duplicates make the result order-dependent, as in PyTorch)
            case ("scatter", "contiguous"): GradOk(x => x[0].Scatter(1, L2(new long[,] { { 3, 0 }, { 1, 2 } }), x[1]), Input(2, 4), Input(2, 3)); break;
            case ("scatter", "transposed"): GradOk(x => x[0].Scatter(1, L2(new long[,] { { 3, 0 }, { 1, 2 } }), x[1]), TransposedInput(2, 4), TransposedInput(3, 3)); break;
            case ("scatter", "broadcast"): GradOk(x => x[0].Expand(2, 4).Scatter(1, L2(new long[,] { { 3, 0 }, { 1, 2 } }), x[1].Expand(2, 2)), Input(2, 1), Input(1, 2)); break;
            case ("scatter", "one"): GradOk(x => x[0].Scatter(0, L(0), x[1]), Input(1), Input(1)); break;
            case ("scatter", "zero"):
                GradOk(x => x[0].Scatter(0, NoIndex(0, 4), x[1]), Input(3, 4), Input(2, 4));
                GradOk(x => x[0].Scatter(1, NoIndex(0, 2), x[1]), Input(0, 4), Input(0, 2));
                break;

            case ("scatter_value", "contiguous"): GradOk(x => x[0].Scatter(0, L2(new long[,] { { 2, 0, 1, 1 } }), -1.5), Input(3, 4)); break;
            case ("scatter_value", "transposed"): GradOk(x => x[0].Scatter(0, L2(new long[,] { { 2, 0, 1, 1 } }), -1.5), TransposedInput(3, 4)); break;
            case ("scatter_value", "broadcast"): GradOk(x => x[0].Expand(3, 4).Scatter(1, L2(new long[,] { { 3 }, { 0 } }), 2.0), Input(3, 1)); break;
            case ("scatter_value", "one"): GradOk(x => x[0].Scatter(1, L2(new long[,] { { 0 } }), 2.0), Input(1, 1)); break;
            case ("scatter_value", "zero"): GradOk(x => x[0].Scatter(0, NoIndex(0, 4), 2.0), Input(3, 4)); GradOk(x => x[0].Scatter(0, NoIndex(0), 2.0), Input(0)); break;

            case ("scatter_add", "contiguous"): GradOk(x => x[0].ScatterAdd(1, L2(new long[,] { { 3, 3, 0 }, { 1, 2, 1 } }), x[1]), Input(2, 4), Input(2, 3)); break;
            case ("scatter_add", "transposed"): GradOk(x => x[0].ScatterAdd(1, L2(new long[,] { { 3, 3, 0 }, { 1, 2, 1 } }), x[1]), TransposedInput(2, 4), TransposedInput(2, 3)); break;
            case ("scatter_add", "broadcast"): GradOk(x => x[0].Expand(2, 4).ScatterAdd(1, L2(new long[,] { { 3, 3 }, { 1, 2 } }), x[1].Expand(2, 2)), Input(2, 1), Input(1, 2)); break;
            case ("scatter_add", "one"): GradOk(x => x[0].ScatterAdd(0, L(0, 0), x[1]), Input(1), Input(2)); break;
            case ("scatter_add", "zero"):
                GradOk(x => x[0].ScatterAdd(0, NoIndex(0, 4), x[1]), Input(3, 4), Input(2, 4));
                GradOk(x => x[0].ScatterAdd(1, NoIndex(0, 2), x[1]), Input(0, 4), Input(0, 2));
                break;

            case ("index_add", "contiguous"): GradOk(x => x[0].IndexAdd(1, L(3, 0, 3), x[1], -2.0), Input(2, 4), Input(2, 3)); break;
            case ("index_add", "transposed"): GradOk(x => x[0].IndexAdd(0, L(1, 1), x[1]), TransposedInput(3, 4), TransposedInput(2, 4)); break;
            case ("index_add", "broadcast"): GradOk(x => x[0].Expand(3, 4).IndexAdd(0, L(2, 0), x[1].Expand(2, 4)), Input(3, 1), Input(1, 4)); break;
            case ("index_add", "one"): GradOk(x => x[0].IndexAdd(0, L(0), x[1]), Input(1, 1), Input(1, 1)); break;
            case ("index_add", "zero"):
                GradOk(x => x[0].IndexAdd(0, NoIndex(0), x[1]), Input(3, 4), Input(0, 4));
                GradOk(x => x[0].IndexAdd(1, L(1, 0), x[1]), Input(0, 2), Input(0, 2));
                break;

            case ("index_copy", "contiguous"): GradOk(x => x[0].IndexCopy(1, L(3, 0), x[1]), Input(2, 4), Input(2, 2)); break;
            case ("index_copy", "transposed"): GradOk(x => x[0].IndexCopy(0, L(2, 0), x[1]), TransposedInput(3, 4), TransposedInput(2, 4)); break;
            case ("index_copy", "broadcast"): GradOk(x => x[0].Expand(3, 4).IndexCopy(0, L(2, 0), x[1].Expand(2, 4)), Input(3, 1), Input(1, 4)); break;
            case ("index_copy", "one"): GradOk(x => x[0].IndexCopy(0, L(0), x[1]), Input(1, 1), Input(1, 1)); break;
            case ("index_copy", "zero"):
                GradOk(x => x[0].IndexCopy(0, NoIndex(0), x[1]), Input(3, 4), Input(0, 4));
                GradOk(x => x[0].IndexCopy(1, L(1, 0), x[1]), Input(0, 2), Input(0, 2));
                break;

            case ("index_fill", "contiguous"): GradOk(x => x[0].IndexFill(1, L(3, 0, 3), 0.5), Input(2, 4)); break;
            case ("index_fill", "transposed"): GradOk(x => x[0].IndexFill(0, L(1), 0.5), TransposedInput(3, 4)); break;
            case ("index_fill", "broadcast"): GradOk(x => x[0].Expand(3, 4).IndexFill(1, L(2), 0.5), Input(3, 1)); break;
            case ("index_fill", "one"): GradOk(x => x[0].IndexFill(0, L(0), 0.5), Input(1)); break;
            case ("index_fill", "zero"): GradOk(x => x[0].IndexFill(0, NoIndex(0), 0.5), Input(3, 4)); GradOk(x => x[0].IndexFill(1, L(0), 0.5), Input(0, 2)); break;

            case ("masked_select", "contiguous"): GradOk(x => x[0].MaskedSelect(m), Input(3, 4)); break;
            case ("masked_select", "transposed"): GradOk(x => x[0].MaskedSelect(m), TransposedInput(3, 4)); break;
            case ("masked_select", "broadcast"): GradOk(x => x[0].MaskedSelect(m), Input(3, 1)); break;
            case ("masked_select", "one"): GradOk(x => x[0].MaskedSelect(B(true)), Input(1)); GradOk(x => x[0].MaskedSelect(B(false)) + x[1], Input(1), Input()); break;
            case ("masked_select", "zero"):
                GradOk(x => x[0].MaskedSelect(Torch.Zeros(new Size(0, 3), DType.Bool)), Input(0, 3));
                GradOk(x => x[0].MaskedSelect(Torch.Zeros(new Size(3, 4), DType.Bool)) + x[1], Input(3, 4), Input());
                break;

            case ("masked_fill", "contiguous"): GradOk(x => x[0].MaskedFill(m, x[1]), Input(3, 4), Input()); break;
            case ("masked_fill", "transposed"): GradOk(x => x[0].MaskedFill(m, x[1]), TransposedInput(3, 4), Input()); break;
            case ("masked_fill", "broadcast"):
                GradOk(x => x[0].MaskedFill(B(true, false, false, true), x[1]), Input(3, 4), Input());
                GradOk(x => x[0].Expand(3, 4).MaskedFill(m, -1.0), Input(3, 1));
                break;
            case ("masked_fill", "one"): GradOk(x => x[0].MaskedFill(B(true), x[1]), Input(1), Input()); GradOk(x => x[0].MaskedFill(B(false), 2.0), Input(1, 1)); break;
            case ("masked_fill", "zero"): GradOk(x => x[0].MaskedFill(Torch.Zeros(new Size(0, 3), DType.Bool), x[1]) + x[1], Input(0, 3), Input()); break;

            case ("masked_scatter", "contiguous"): GradOk(x => x[0].MaskedScatter(m, x[1]), Input(3, 4), Input(8)); break;
            case ("masked_scatter", "transposed"): GradOk(x => x[0].MaskedScatter(m, x[1]), TransposedInput(3, 4), TransposedInput(2, 4)); break;
            case ("masked_scatter", "broadcast"):
                GradOk(x => x[0].MaskedScatter(B(true, false, false, true), x[1]), Input(3, 4), Input(7));
                GradOk(x => x[0].Expand(3, 4).MaskedScatter(m, x[1]), Input(3, 1), Input(6));
                break;
            case ("masked_scatter", "one"): GradOk(x => x[0].MaskedScatter(B(true), x[1]), Input(1), Input(1)); break;
            case ("masked_scatter", "zero"):
                GradOk(x => x[0].MaskedScatter(Torch.Zeros(new Size(0, 3), DType.Bool), x[1]) + x[1].Sum(), Input(0, 3), Input(2));
                GradOk(x => x[0].MaskedScatter(Torch.Zeros(new Size(3, 4), DType.Bool), x[1]), Input(3, 4), Input(0));
                break;

            case ("indexer", "contiguous"): GradOk(x => x[0][L(2, 0, 2), 1..], Input(3, 4)); break;
            case ("indexer", "transposed"): GradOk(x => x[0][.., L(3, 1)], TransposedInput(3, 4)); GradOk(x => x[0][m], TransposedInput(3, 4)); break;
            case ("indexer", "broadcast"):
                GradOk(x => x[0].Expand(3, 4)[1.., L(0, 3, 3)], Input(3, 1));
                GradOk(x => x[0].Expand(3, 4)[m], Input(1, 4));
                break;
            case ("indexer", "one"): GradOk(x => x[0][0], Input(1)); GradOk(x => x[0][L(0, 0)], Input(1)); break;
            case ("indexer", "zero"):
                GradOk(x => x[0][NoIndex(0)], Input(3, 4));
                GradOk(x => x[0][1..1], Input(3, 4));
                GradOk(x => x[0][.., L(1, 0)], Input(0, 2));
                GradOk(x => x[0][Torch.Zeros(new Size(3, 4), DType.Bool)] + x[1], Input(3, 4), Input());
                break;
            default: throw new ArgumentException($"{op} {v}");
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Where(string v)
    {
        var c = Torch.FromArray(Mask34);
        switch (v)
        {
            case "contiguous": GradOk(x => Torch.Where(c, x[0], x[1]), Input(3, 4), Input(3, 4)); break;
            case "transposed": GradOk(x => Torch.Where(c, x[0], x[1]), TransposedInput(3, 4), TransposedInput(3, 4)); break;
            case "broadcast":
                GradOk(x => Torch.Where(B(true, false, true), x[0], x[1]), Input(2, 1), Input(1, 3)); // all three broadcast
                GradOk(x => Torch.Where(c, x[0], x[1]), Input(), Input(4));
                break;
            case "one": GradOk(x => Torch.Where(B(false), x[0], x[1]), Input(1), Input(1)); break;
            case "zero":
                GradOk(x => Torch.Where(Torch.Zeros(new Size(0, 3), DType.Bool), x[0], x[1]), Input(0, 3), Input(3));
                GradOk(x => Torch.Where(Torch.Zeros(new Size(3, 0), DType.Bool), x[0], x[1]), Input(3, 1), Input(0));
                break;
        }
    }

    // ------------------------------------------------------------------ Pow / Clamp / Maximum

    [Theory]
    [MemberData(nameof(Variants))]
    public void PowScalarExponentAndScalarBase(string v)
    {
        switch (v)
        {
            case "contiguous": GradOk(x => Torch.Pow(1.7, x[0]), Input(2, 3)); GradOk(x => x[0].Pow(-1.5), PositiveInput(2, 3)); break;
            case "transposed": GradOk(x => Torch.Pow(0.6, x[0]), TransposedInput(3, 4)); GradOk(x => x[0].Pow(3.0), TransposedInput(3, 4)); break;
            case "broadcast":
                GradOk(x => x[0].Expand(3, 4).Pow(2.5), PositiveInput(3, 1));
                GradOk(x => Torch.Pow(2.5, x[0].Expand(3, 4)), Input(1, 4));
                break;
            case "one": GradOk(x => Torch.Pow(2.5, x[0]), Input(1)); GradOk(x => x[0].Pow(2.0), Torch.Scalar(-0.7, DType.Float64, requiresGrad: true)); break;
            case "zero": GradOk(x => Torch.Pow(2.5, x[0]), Input(0, 3)); GradOk(x => x[0].Pow(0.5), Input(3, 0)); break;
        }
    }

    [Fact]
    public void PowSpecialExponents()
    {
        // x^0 has gradient 0 (also at x = 0), x^1 gradient 1, x^2 gradient 2x.
        GradOk(x => x[0].Pow(0.0), Input(2, 3));
        GradOk(x => x[0].Pow(1.0), Input(2, 3));
        GradOk(x => x[0].Pow(2.0), Leaf([0.0, -1.0, 2.0], 3));
        GradOk(x => x[0].Pow(x[1]), PositiveInput(2, 3), Input(2, 1).Expand(2, 3).Contiguous().Detach().RequiresGrad_());
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ClampScalarBounds(string v)
    {
        switch (v)
        {
            case "contiguous": GradOk(x => x[0].Clamp(-0.5, 0.5), GridInput(3, 4)); break;
            case "transposed": GradOk(x => x[0].ClampMin(0.0), GridTransposed(3, 4)); GradOk(x => x[0].ClampMax(0.25), GridTransposed(3, 4)); break;
            case "broadcast":
                GradOk(x => x[0].Expand(3, 4).Clamp(-0.5, 0.5), GridInput(3, 1));
                GradOk(x => x[0].Expand(3, 4).ClampMin(-0.25) * x[1], GridInput(1, 4), Input(3, 1));
                break;
            case "one": GradOk(x => x[0].Clamp(-0.5, 0.5), Leaf([0.7], 1)); GradOk(x => x[0].Clamp(-0.5, 0.5), Leaf([0.1], 1, 1)); break;
            case "zero": GradOk(x => x[0].ClampMax(0.5), Input(0, 3)); GradOk(x => x[0].ClampMin(0.5), Input(3, 0)); break;
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ClampTensorBounds(string v)
    {
        switch (v)
        {
            case "contiguous":
                GradOk(x => x[0].ClampMin(x[1]), GridInput(3, 4), Leaf(Grid(12, 5).Select(g => g + 0.05).ToArray(), 3, 4));
                GradOk(x => x[0].ClampMax(x[1]), GridInput(3, 4), Leaf(Grid(12, 5).Select(g => g + 0.05).ToArray(), 3, 4));
                break;
            case "transposed":
                GradOk(x => Torch.Clamp(x[0], x[1], x[2]), GridTransposed(3, 4), Leaf([-0.5, -0.5, 0.0, -1.0], 4), Leaf([0.5, 1.0, 0.5, 0.0], 4));
                break;
            case "broadcast":
                GradOk(x => x[0].ClampMin(x[1]), GridInput(3, 4), Leaf([-0.5, 0.0, 0.5], 3, 1));
                GradOk(x => x[0].Expand(3, 4).ClampMax(x[1]), GridInput(1, 4), Leaf([-0.5, 0.0, 0.5], 3, 1));
                break;
            case "one": GradOk(x => Torch.Clamp(x[0], x[1], x[2]), Leaf([0.2], 1), Leaf([0.5], 1), Leaf([1.0], 1)); break;
            case "zero": GradOk(x => x[0].ClampMin(x[1]), Input(0, 3), Leaf([0.0, 0.5, -0.5], 3)); GradOk(x => x[0].ClampMax(x[1]), Input(3, 1), Input(3, 0)); break;
        }
    }

    [Fact]
    public void MaximumMinimumOfExpandedAndZeroDimInputs()
    {
        GradOk(x => Torch.Maximum(x[0].Expand(3, 4), x[1]), Input(3, 1), Input(3, 4));
        GradOk(x => Torch.Minimum(x[0], x[1]), TransposedInput(3, 4), Input());
        GradOk(x => Torch.Maximum(x[0], x[1]), Input(3, 0), Input(1));
    }

    // ------------------------------------------------------------------ arithmetic variants not covered by ArithmeticTests

    public static TheoryData<string, string> ArithmeticCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in new[] { "add-alpha", "sub-alpha", "rsub", "rdiv", "scalar-mul", "scalar-add", "pow-tensor" })
            foreach (var v in new[] { "contiguous", "transposed", "broadcast", "one", "zero" })
                data.Add(op, v);
        return data;
    }

    [Theory]
    [MemberData(nameof(ArithmeticCases))]
    public void Arithmetic(string op, string v)
    {
        Func<Tensor[], Tensor> f = op switch
        {
            "add-alpha" => x => Torch.Add(x[0], x[1], alpha: -2.5),
            "sub-alpha" => x => Torch.Sub(x[0], x[1], alpha: 0.5),
            "rsub" => x => 3.0 - x[0] * x[1],
            "rdiv" => x => 2.0 / x[1] + x[0],
            "scalar-mul" => x => 2.0 * x[0] * -1.5 + x[1],
            "scalar-add" => x => (x[0] + 2.0) * (1.0 + x[1]),
            "pow-tensor" => x => x[1].Pow(x[0]),
            _ => throw new ArgumentException(op),
        };
        switch (v)
        {
            case "contiguous": GradOk(f, Input(2, 3), PositiveInput(2, 3)); break;
            case "transposed":
                var p = TransposedInput(3, 4).Detach().Abs() + 0.5;
                GradOk(f, TransposedInput(3, 4), p.T.Contiguous().T.RequiresGrad_());
                break;
            case "broadcast": GradOk(f, Input(3, 1), PositiveInput(4)); GradOk(x => f([x[0].Expand(2, 3), x[1]]), Input(1, 3), PositiveInput(2, 3)); break;
            case "one": GradOk(f, Input(1), PositiveInput(1)); GradOk(f, Input(), PositiveInput(1, 1)); break;
            case "zero": GradOk(f, Input(0, 3), PositiveInput(3)); GradOk(f, Input(2, 0), PositiveInput(1)); break;
        }
    }

    // ------------------------------------------------------------------ in-place ops on non-leaves (autograd through X_)

    public static TheoryData<string, string> InPlaceCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in new[] { "add_", "sub_", "mul_", "div_", "pow_", "clamp_", "exp_", "copy_", "fill_", "masked_fill_", "index_add_", "scatter_" })
            foreach (var v in new[] { "contiguous", "transposed", "broadcast", "one", "zero" })
                data.Add(op, v);
        return data;
    }

    /// <summary>Runs <paramref name="op"/> in place on a fresh non-leaf copy of x[0] (the other operand x[1]) and returns it.</summary>
    private static Tensor InPlaceOn(string op, Tensor[] x)
    {
        var y = x[0] * 1.0;
        int rows = y.Size(0);
        return op switch
        {
            "add_" => y.Add_(x[1], alpha: 2.0),
            "sub_" => y.Sub_(x[1]),
            "mul_" => y.Mul_(x[1]),
            "div_" => y.Div_(x[1].Abs() + 0.5),
            "pow_" => (y.Abs() + 0.5).Pow_(x[1]),
            "clamp_" => y.Clamp_(-0.5, 0.5) * x[1],
            "exp_" => y.Exp_() * x[1],
            "copy_" => y.Copy_(x[1]) * x[0],
            "fill_" => y.Fill_(0.5) * x[1] + x[0],
            "masked_fill_" => y.MaskedFill_(y.Gt(0.0), 0.25) * x[1],
            "index_add_" => y.IndexAdd_(0, rows == 0 ? NoIndex(0) : L(rows - 1),
                x[1].Reshape(-1).Narrow(0, 0, y.Size(1)).Unsqueeze(0).Expand(Math.Min(rows, 1), y.Size(1)), alpha: -2.0),
            "scatter_" => y.Scatter_(0, Torch.ZerosLike(y, DType.Int64).Narrow(0, 0, Math.Min(rows, 1)), 0.5) * x[1],
            _ => throw new ArgumentException(op),
        };
    }

    [Theory]
    [MemberData(nameof(InPlaceCases))]
    public void InPlace(string op, string v)
    {
        // Kinks: clamp_ and masked_fill_ see grid values at least 0.05 from their thresholds.
        bool kinked = op is "clamp_" or "masked_fill_";
        switch (v)
        {
            case "contiguous": GradOk(x => InPlaceOn(op, x), kinked ? GridInput(3, 4) : Input(3, 4), Input(3, 4)); break;
            case "transposed": GradOk(x => InPlaceOn(op, x), kinked ? GridTransposed(3, 4) : TransposedInput(3, 4), TransposedInput(3, 4)); break;
            case "broadcast": GradOk(x => InPlaceOn(op, x), kinked ? GridInput(3, 4) : Input(3, 4), Input(4)); break;
            case "one": GradOk(x => InPlaceOn(op, x), kinked ? Leaf([0.3], 1, 1) : Input(1, 1), Input(1)); break;
            case "zero": GradOk(x => InPlaceOn(op, x), Input(0, 3), Input(3)); break;
        }
    }
}
