using Ember.Autograd;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Autograd;

public class GradCheckTests
{
    // ---- GradCheck itself ----

    /// <summary>x² with a deliberately wrong backward (x instead of 2x), or the right one.</summary>
    private sealed class SquareBackward(Tensor x, bool wrong) : Node
    {
        private SavedTensor _x = new(x);

        protected internal override Tensor?[] Backward(Tensor grad) => [wrong ? grad * Unpack(_x) : grad * Unpack(_x) * 2.0];

        protected override void ReleaseSaved() => _x = default;
    }

    private static Tensor Square(Tensor x, bool wrong)
    {
        Tensor y;
        using (Torch.NoGrad()) y = x * x;
        if (GradMode.IsEnabled && x.RequiresGrad) Graph.Record(y, new SquareBackward(x, wrong), x);
        return y;
    }

    [Fact]
    public void AcceptsACorrectCustomGradient()
    {
        Assert.True(GradCheck.Check(x => Square(x[0], wrong: false), [Input(2, 3)]));
        Assert.True(GradCheck.Check(x => Square(x[0], wrong: false), [TransposedInput(3, 2)]));
    }

    [Fact]
    public void CatchesAWrongGradient()
    {
        var ex = Assert.Throws<GradCheckException>(() => GradCheck.Check(x => Square(x[0], wrong: true), [Input(2, 3)]));
        Assert.Contains("mismatch", ex.Message);
        Assert.Contains("numerical", ex.Message);
        Assert.Contains("analytical", ex.Message);
        Assert.False(GradCheck.Check(x => Square(x[0], wrong: true), [Input(2, 3)], raiseException: false));
        Assert.False(GradCheck.Check(x => Square(x[0], wrong: true), [TransposedInput(3, 2)], raiseException: false));
        // Only the second input's gradient is wrong.
        Assert.False(GradCheck.Check(x => x[0] * 2.0 + Square(x[1], wrong: true), [Input(3), Input(2, 3)], raiseException: false));
    }

    [Fact]
    public void CatchesAMissingGradient()
    {
        // The analytical gradient through Detach is zero; the numerical one is not.
        Assert.False(GradCheck.Check(x => x[0].Detach() * x[0], [Input(4)], raiseException: false));
    }

    [Fact]
    public void RejectsFloat32Inputs()
    {
        var ex = Assert.Throws<ArgumentException>(() => GradCheck.Check(x => x[0] * 2.0, [Torch.Randn(3).RequiresGrad_()]));
        Assert.Contains("float64", ex.Message);
    }

    [Fact]
    public void RejectsInputsThatDoNotRequireGrad()
    {
        Assert.Throws<ArgumentException>(() => GradCheck.Check(x => x[0] * 2.0, [Torch.Ones(new Size(3), DType.Float64)]));
    }

    [Fact]
    public void LeavesInputsAndGradModeUnchanged()
    {
        var x = Input(2, 3);
        var before = x.ToArray<double>();
        GradOk(t => (t[0] * t[0]).Sum(), x);
        Assert.Equal(before, x.ToArray<double>());
        Assert.Null(x.Grad);
        Assert.True(Torch.IsGradEnabled);
    }

    // ---- unary ops ----

    public static TheoryData<string> UnaryOps => new()
    {
        "exp", "log", "log1p", "sqrt", "rsqrt", "sin", "cos", "tanh", "sigmoid", "abs", "relu", "neg", "sign",
    };

    private static Tensor ApplyUnary(string op, Tensor x) => op switch
    {
        "exp" => x.Exp(),
        "log" => x.Log(),
        "log1p" => x.Log1p(),
        "sqrt" => x.Sqrt(),
        "rsqrt" => x.Rsqrt(),
        "sin" => x.Sin(),
        "cos" => x.Cos(),
        "tanh" => x.Tanh(),
        "sigmoid" => x.Sigmoid(),
        "abs" => x.Abs(),
        "relu" => x.Relu(),
        "neg" => x.Neg(),
        "sign" => x.Sign(),
        _ => throw new ArgumentException(op),
    };

    /// <summary>
    /// Float64 values that suit <paramref name="op"/>: positive for log/sqrt/rsqrt/log1p, at least 0.2 away
    /// from 0 for the kinks of abs/relu/sign, standard normal otherwise.
    /// </summary>
    private static double[] ValuesFor(string op, int n, int seed)
    {
        var g = new Generator(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = op switch
            {
                "log" or "log1p" or "sqrt" or "rsqrt" => 0.5 + g.NextDouble(),
                "abs" or "relu" or "sign" => (g.NextDouble() < 0.5 ? -1 : 1) * (0.2 + g.NextDouble()),
                _ => g.NextNormal(),
            };
        }
        return v;
    }

    private static Tensor InputFor(string op, params int[] shape) =>
        Torch.FromArray(ValuesFor(op, shape.Aggregate(1, (a, b) => a * b), shape.Sum() + 17), shape).RequiresGrad_();

    /// <summary>A [rows, cols] leaf stored transposed, with values suited to <paramref name="op"/>.</summary>
    private static Tensor TransposedInputFor(string op, int rows, int cols)
    {
        var t = Torch.FromArray(ValuesFor(op, rows * cols, rows * 31 + cols), cols, rows).T;
        t.RequiresGrad = true;
        Assert.False(t.IsContiguous);
        return t;
    }

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryContiguous(string op) => GradOk(x => ApplyUnary(op, x[0]), InputFor(op, 2, 3));

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryTransposed(string op) => GradOk(x => ApplyUnary(op, x[0]), TransposedInputFor(op, 3, 4));

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnarySizeOne(string op)
    {
        GradOk(x => ApplyUnary(op, x[0]), InputFor(op, 1));
        GradOk(x => ApplyUnary(op, x[0]), InputFor(op, 1, 1));
    }

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnarySizeZero(string op)
    {
        GradOk(x => ApplyUnary(op, x[0]), InputFor(op, 0));
        GradOk(x => ApplyUnary(op, x[0]), InputFor(op, 0, 3));
    }

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryComposedWithBroadcast(string op) =>
        GradOk(x => ApplyUnary(op, x[0]) * x[1], InputFor(op, 3, 1), Input(4));

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryOfExpandedInput(string op) =>
        GradOk(x => ApplyUnary(op, x[0].Expand(3, 4)), InputFor(op, 3, 1));

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryOfZeroDimTensor(string op)
    {
        var x = Torch.Scalar(ValuesFor(op, 1, 5)[0], DType.Float64, requiresGrad: true);
        GradOk(t => ApplyUnary(op, t[0]), x);
    }

    // ---- view ops ----

    [Fact]
    public void ViewWithInferredSize()
    {
        GradOk(x => x[0].View(-1, 4), Input(2, 3, 4));
        GradOk(x => x[0].View(6, -1) * x[1], Input(2, 3, 4), Input(4));
        GradOk(x => x[0].View(-1), Input(0, 3));
        GradOk(x => x[0].View(-1), Input(1));
        GradOk(x => x[0].ViewAs(x[1]), Input(2, 6), Input(3, 4));
    }

    [Fact]
    public void ReshapeOfTransposedTensorCopies()
    {
        GradOk(x => x[0].Reshape(-1), TransposedInput(3, 4));
        GradOk(x => x[0].Reshape(2, 6) * x[1], TransposedInput(3, 4), Input(6));
        GradOk(x => x[0].Reshape(4, 3), Input(3, 4));
    }

    [Fact]
    public void TransposePermuteAndT()
    {
        GradOk(x => x[0].Transpose(0, 2), Input(2, 3, 4));
        GradOk(x => x[0].Transpose(-1, 1) * x[1], Input(2, 3, 4), Input(4, 1));
        GradOk(x => x[0].Permute(2, 0, 1), Input(2, 3, 4));
        GradOk(x => x[0].Permute(1, -1, 0) * x[1], Input(2, 3, 4), Input(3, 4, 1));
        GradOk(x => x[0].T, Input(2, 3));
        GradOk(x => x[0].T, TransposedInput(3, 4));
        GradOk(x => x[0].T, Input(5));
        GradOk(x => x[0].MT, Input(2, 3, 4));
        GradOk(x => x[0].Transpose(0, 1), Input(0, 3));
    }

    [Fact]
    public void SqueezeAndUnsqueeze()
    {
        GradOk(x => x[0].Squeeze(), Input(2, 1, 3, 1));
        GradOk(x => x[0].Squeeze(1), Input(2, 1, 3));
        GradOk(x => x[0].Squeeze(0), Input(2, 1, 3));
        GradOk(x => x[0].Squeeze(), Input(1, 1));
        GradOk(x => x[0].Unsqueeze(0), Input(2, 3));
        GradOk(x => x[0].Unsqueeze(-1) * x[1], Input(2, 3), Input(4));
        GradOk(x => x[0].Unsqueeze(1), TransposedInput(3, 4));
        GradOk(x => x[0].Unsqueeze(0).Squeeze(0), Input(0, 2));
    }

    [Fact]
    public void ExpandThenMultiply()
    {
        GradOk(x => x[0].Expand(3, 4) * x[1], Input(3, 1), Input(3, 4));
        GradOk(x => x[0].Expand(2, 3, 4) * x[1], Input(4), Input(2, 3, 4));
        GradOk(x => x[0].Expand(-1, 5).Sum(1), TransposedInput(3, 1));
        GradOk(x => x[0].Expand(3, 0), Input(3, 1));
        GradOk(x => x[0].ExpandAs(x[1]) * x[1], Input(1, 1), Input(2, 3));
    }

    [Fact]
    public void NarrowAndSelect()
    {
        GradOk(x => x[0].Narrow(1, 1, 3), Input(4, 5));
        GradOk(x => x[0].Narrow(0, -2, 2) * 3.0, Input(4, 5));
        GradOk(x => x[0].Narrow(1, 1, 2), TransposedInput(3, 4));
        GradOk(x => x[0].Narrow(0, 1, 0), Input(3, 2));
        GradOk(x => x[0].Select(1, 2), Input(3, 4));
        GradOk(x => x[0].Select(0, -1), Input(3, 4));
        GradOk(x => x[0].Select(0, 1), TransposedInput(3, 4));
        GradOk(x => x[0].Select(0, 0), Input(1));
    }

    [Fact]
    public void Flatten()
    {
        GradOk(x => x[0].Flatten(), Input(2, 3, 4));
        GradOk(x => x[0].Flatten(1), Input(2, 3, 4));
        GradOk(x => x[0].Flatten(0, 1), Input(2, 3, 4));
        GradOk(x => x[0].Flatten(), TransposedInput(3, 4));
        GradOk(x => x[0].Flatten(), Torch.Scalar(1.5, DType.Float64, requiresGrad: true));
    }

    [Fact]
    public void ChainedViews()
    {
        GradOk(x => x[0].T.Narrow(0, 1, 2).Unsqueeze(0).Expand(3, -1, -1).Reshape(-1) * x[1], Input(4, 3), Input(24));
    }

    // ---- reductions ----

    [Fact]
    public void SumOverDims()
    {
        GradOk(x => x[0].Sum(), Input(2, 3, 4));
        GradOk(x => x[0].Sum(1), Input(2, 3, 4));
        GradOk(x => x[0].Sum(-1, keepdim: true), Input(2, 3, 4));
        GradOk(x => x[0].Sum([0, 2]), Input(2, 3, 4));
        GradOk(x => x[0].Sum([0, 2], keepdim: true), Input(2, 3, 4));
        GradOk(x => x[0].Sum(0), TransposedInput(3, 4));
        GradOk(x => x[0].Sum(), TransposedInput(3, 4));
        GradOk(x => x[0].Sum(1), Input(1, 1));
        GradOk(x => x[0].Sum(), Input(0, 3));
        GradOk(x => x[0].Sum(0), Input(0, 3));
        GradOk(x => x[0].Sum(1), Input(0, 3));
        GradOk(x => x[0].Sum(), Torch.Scalar(2.0, DType.Float64, requiresGrad: true));
        GradOk(x => (x[0].Sum(1, keepdim: true) * x[0]).Sum(0), Input(3, 4));
    }

    [Fact]
    public void MeanOverDims()
    {
        GradOk(x => x[0].Mean(), Input(2, 3, 4));
        GradOk(x => x[0].Mean(1), Input(2, 3, 4));
        GradOk(x => x[0].Mean(-1, keepdim: true), Input(2, 3, 4));
        GradOk(x => x[0].Mean([0, 2]), Input(2, 3, 4));
        GradOk(x => x[0].Mean([2, 0], keepdim: true), Input(2, 3, 4));
        GradOk(x => x[0].Mean(1), TransposedInput(3, 4));
        GradOk(x => x[0].Mean(), Input(1));
        GradOk(x => x[0].Mean(1), Input(0, 3));
    }

    // ---- copies and conversions ----

    [Fact]
    public void Float32RoundTrip()
    {
        // The float32 rounding (about 1e-7 relative) over a 2e-3 central difference stays well inside rtol.
        Assert.True(GradCheck.Check(x => x[0].To(DType.Float32).To(DType.Float64) * 3.0, [Input(2, 3)], eps: 1e-3));
        Assert.True(GradCheck.Check(x => (x[0].To(DType.Float32) * 2.0).To(DType.Float64), [TransposedInput(3, 4)], eps: 1e-3));
        var y = Input(3).To(DType.Float32);
        Assert.True(y.RequiresGrad);
        Assert.Equal(DType.Float32, y.DType);
    }

    [Fact]
    public void CloneAndContiguous()
    {
        GradOk(x => x[0].Clone(), Input(2, 3));
        GradOk(x => x[0].Clone() * x[0], TransposedInput(3, 4));
        GradOk(x => x[0].Contiguous(), Input(2, 3));
        GradOk(x => x[0].Contiguous(), TransposedInput(3, 4));
        GradOk(x => x[0].Contiguous() * 2.0, TransposedInput(3, 4));
        GradOk(x => x[0].Clone(), Input(0));
    }
}
