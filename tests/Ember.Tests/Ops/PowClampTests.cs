using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>
/// Pow, Clamp, Maximum/Minimum and Fill_/Zero_: forward values against PyTorch 1.13 reference values
/// (pasted literals), gradients against PyTorch and float64 gradcheck, and error messages.
/// </summary>
public class PowClampTests
{
    private const double NaN = double.NaN;
    private const double Inf = double.PositiveInfinity;

    /// <summary>Checks dtype, shape and values; NaN must match NaN and infinities must match exactly.</summary>
    private static void Same(double[] expected, Tensor actual, DType dtype, int[]? shape = null, double tol = 1e-6)
    {
        Assert.Equal(dtype, actual.DType);
        if (shape is not null) Assert.Equal(shape, actual.Shape.ToArray());
        var a = actual.ToArray<double>();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(expected[i]) || double.IsInfinity(expected[i]))
                Assert.True(expected[i].Equals(a[i]), $"element {i}: expected {expected[i]}, got {a[i]}");
            else
                Assert.True(Math.Abs(expected[i] - a[i]) <= tol * Math.Max(1, Math.Abs(expected[i])),
                    $"element {i}: expected {expected[i]}, got {a[i]}");
        }
    }

    /// <summary>A float64 leaf requiring grad with the given values.</summary>
    private static Tensor Leaf(double[] values, params int[] shape) =>
        Torch.FromArray(values, shape.Length == 0 ? [values.Length] : shape).RequiresGrad_();

    /// <summary>A positive float64 leaf of shape [rows, cols] stored transposed.</summary>
    private static Tensor PositiveTransposed(int rows, int cols)
    {
        var t = PositiveInput(cols, rows).Detach().T;
        t.RequiresGrad = true;
        return t;
    }

    private static readonly float[] PowBase = [-2f, -0.5f, 0f, 0.5f, 1.5f, 3f];

    // ---------------------------------------------------------------- Pow: forward

    [Theory]
    [InlineData(2.0, new[] { 4.0, 0.25, 0.0, 0.25, 2.25, 9.0 })]
    [InlineData(3.0, new[] { -8.0, -0.125, 0.0, 0.125, 3.375, 27.0 })]
    [InlineData(0.5, new[] { NaN, NaN, 0.0, 0.7071067690849304, 1.2247449159622192, 1.7320507764816284 })]
    [InlineData(-0.5, new[] { NaN, NaN, Inf, 1.4142135381698608, 0.8164965510368347, 0.5773502588272095 })]
    [InlineData(-1.0, new[] { -0.5, -2.0, Inf, 2.0, 0.6666666865348816, 0.3333333432674408 })]
    [InlineData(-2.0, new[] { 0.25, 4.0, Inf, 4.0, 0.4444444477558136, 0.1111111119389534 })]
    [InlineData(1.7, new[] { NaN, NaN, 0.0, 0.30778610706329346, 1.9923018217086792, 6.473007678985596 })]
    [InlineData(0.0, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 })]
    [InlineData(1.0, new[] { -2.0, -0.5, 0.0, 0.5, 1.5, 3.0 })]
    public void PowScalarExponentMatchesPyTorch(double exponent, double[] expected)
    {
        var x = Torch.FromArray(PowBase);
        Same(expected, x.Pow(exponent), DType.Float32);
        // The strided path (a transposed view) gives the same values.
        var strided = Torch.FromArray(PowBase, 1, 6).T;
        Same(expected, Torch.Pow(strided, exponent), DType.Float32, [6, 1]);
    }

    [Fact]
    public void PowFloat64MatchesPyTorch()
    {
        var x = Torch.FromArray(new[] { -2.0, -0.5, 0.0, 0.5, 1.5, 3.0 });
        Same([NaN, NaN, 0.0, 0.3077861033362291, 1.9923018599150013, 6.473007839923779], x.Pow(1.7), DType.Float64, tol: 1e-14);
        Same([-8.0, -0.125, 0.0, 0.125, 3.375, 27.0], x.Pow(3), DType.Float64, tol: 0);
        Same([NaN, NaN, Inf, 1.414213562373095, 0.8164965809277261, 0.5773502691896258], x.Pow(-0.5), DType.Float64, tol: 1e-15);
    }

    [Fact]
    public void PowOfIntegersStaysInt64WithIntegralExponents()
    {
        var x = Torch.FromArray(new long[] { -3, -1, 0, 2, 5 });
        Same([-27, -1, 0, 8, 125], x.Pow(3), DType.Int64);
        Same([1, 1, 1, 1, 1], x.Pow(0), DType.Int64);
        Same([9, 1, 0, 4, 25], x.Pow(2), DType.Int64);
        Same([NaN, NaN, 0.0, 5.656854152679443, 55.90169906616211], x.Pow(2.5), DType.Float32);
        Same([1, 0], Torch.FromArray(new[] { true, false }).Pow(2), DType.Int64);
        // Integer overflow wraps, as in PyTorch.
        long wrapped = 1;
        for (int i = 0; i < 41; i++) wrapped = unchecked(wrapped * 3);
        Assert.Equal(wrapped, Torch.Scalar(3L).Pow(41).Item<long>());
    }

    [Fact]
    public void IntegerToNegativeIntegerPowerIsAnError()
    {
        var ex = Assert.Throws<ArgumentException>(() => Torch.FromArray(new long[] { 2 }).Pow(-1));
        Assert.StartsWith("pow: Integers to negative integer powers are not allowed", ex.Message);
        Assert.Contains("torch.int64", ex.Message);
        Assert.Throws<ArgumentException>(() => Torch.FromArray(new long[] { 2 }).Pow_(-2));
    }

    [Fact]
    public void PowWithTensorExponentBroadcastsAndPromotes()
    {
        var b = Torch.FromArray(new float[,] { { 1.5f, 2f, 0.5f }, { 3f, 0.25f, 4f } });
        var e = Torch.FromArray(new[] { 2f, 0.5f, -1f });
        Same([2.25, 1.4142135381698608, 2.0, 9.0, 0.5, 0.25], b.Pow(e), DType.Float32, [2, 3]);
        // Integer tensors: negative exponents give 0, or ±1 for bases ±1.
        Same([0, 1, -1, 81], Torch.Pow(Torch.FromArray(new long[] { 2, 1, -1, 3 }), Torch.FromArray(new long[] { -1, -2, -3, 4 })), DType.Int64);
        Same([1.4142135381698608, 9.0], Torch.FromArray(new long[] { 2, 3 }).Pow(Torch.FromArray(new[] { 0.5f, 2f })), DType.Float32);
        var ex = Assert.Throws<ArgumentException>(() => Torch.Zeros(2, 3).Pow(Torch.Zeros(4)));
        Assert.StartsWith("pow:", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4]", ex.Message);
    }

    [Fact]
    public void PowWithScalarBase()
    {
        Same([0.5, 1.4142135381698608, 8.0], Torch.Pow(2.0, Torch.FromArray(new[] { -1f, 0.5f, 3f })), DType.Float32);
        // A C# integer base keeps an integer exponent tensor's dtype; a double base gives the default float dtype.
        Same([0, 4, 1024], Torch.Pow(2, Torch.FromArray(new long[] { -1, 2, 10 })), DType.Int64);
        Same([0.5, 4, 1024], Torch.Pow(2.0, Torch.FromArray(new long[] { -1, 2, 10 })), DType.Float32);
        Same([0.6666666666666666, 1.224744871391589, 3.375], Torch.Pow(1.5, Torch.FromArray(new[] { -1.0, 0.5, 3.0 })), DType.Float64, tol: 1e-15);
    }

    [Fact]
    public void PowInPlace()
    {
        var x = Torch.FromArray(new[] { 1.5f, -2f, 3f });
        var r = x.Pow_(2);
        Assert.Same(x, r);
        Same([2.25, 4.0, 9.0], x, DType.Float32);
        x.Pow_(Torch.FromArray(new[] { 0.5f, 0.5f, 1f }));
        Same([1.5, 2.0, 9.0], x, DType.Float32);
        // An int64 tensor cannot hold a float result.
        var ex = Assert.Throws<ArgumentException>(() => Torch.FromArray(new long[] { 2, 3 }).Pow_(0.5));
        Assert.StartsWith("pow_:", ex.Message);
        // A leaf that requires grad is rejected while grad mode is on.
        var leaf = Input(3);
        Assert.Throws<InvalidOperationException>(() => leaf.Pow_(2));
    }

    // ---------------------------------------------------------------- Pow: gradients

    [Fact]
    public void PowGradientsMatchPyTorchAtSpecialPoints()
    {
        var x = Torch.FromArray(new[] { 0f, 1f, 2f }, requiresGrad: true);
        var e = Torch.FromArray(new[] { 0f, 2f, -1f }, requiresGrad: true);
        x.Pow(e).Backward(Torch.Ones(3));
        Same([0.0, 2.0, -0.25], x.Grad!, DType.Float32);
        Same([0.0, 0.0, 0.3465735912322998], e.Grad!, DType.Float32);

        // Exponent 0: the gradient is 0 even at x = 0.
        var x0 = Torch.FromArray(new[] { 0f, 1f, 2f }, requiresGrad: true);
        x0.Pow(0).Sum().Backward();
        Same([0.0, 0.0, 0.0], x0.Grad!, DType.Float32);

        var xh = Torch.FromArray(new[] { 0f, 1f, 2f }, requiresGrad: true);
        xh.Pow(0.5).Sum().Backward();
        Same([Inf, 0.5, 0.3535533845424652], xh.Grad!, DType.Float32);

        // Base 0: the exponent's gradient is masked to 0 where e ≥ 0.
        var e0 = Torch.FromArray(new[] { -1f, 0f, 2f }, requiresGrad: true);
        Torch.Pow(0.0, e0).Sum().Backward();
        Same([double.NegativeInfinity, 0.0, 0.0], e0.Grad!, DType.Float32);
    }

    [Fact]
    public void PowNodeNamesFollowPyTorch()
    {
        var x = Input(2);
        Assert.Equal("PowBackward0", x.Pow(2).GradFn!.Name);
        Assert.Equal("PowBackward1", x.Pow(x).GradFn!.Name);
        Assert.Equal("PowBackward2", Torch.Pow(2.0, x).GradFn!.Name);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    [InlineData(-1.0)]
    [InlineData(3.0)]
    [InlineData(-0.5)]
    [InlineData(-2.0)]
    [InlineData(1.7)]
    [InlineData(0.0)]
    public void PowScalarExponentGradCheck(double exponent)
    {
        GradOk(x => x[0].Pow(exponent), PositiveInput(2, 3));
        GradOk(x => x[0].Pow(exponent), PositiveTransposed(3, 4));
        GradOk(x => x[0].Pow(exponent), PositiveInput(1));
        GradOk(x => x[0].Pow(exponent), PositiveInput(0, 3));
        if (exponent == Math.Floor(exponent))
            GradOk(x => x[0].Pow(exponent), Input(2, 3)); // negative bases are fine for integral exponents
    }

    [Fact]
    public void PowTensorExponentGradCheck()
    {
        GradOk(x => x[0].Pow(x[1]), PositiveInput(2, 3), Input(2, 3));
        GradOk(x => x[0].Pow(x[1]), PositiveTransposed(3, 4), TransposedInput(3, 4));
        GradOk(x => x[0].Pow(x[1]), PositiveInput(3, 1), Input(4));   // broadcast
        GradOk(x => x[0].Pow(x[1]), PositiveInput(1), Input(1));
        GradOk(x => x[0].Pow(x[1]), PositiveInput(0, 3), Input(3));
        GradOk(x => Torch.Pow(2.5, x[0]), Input(2, 3));
        GradOk(x => Torch.Pow(2.5, x[0]), TransposedInput(3, 4));
        // A base that does not require grad, and an exponent that does not.
        var fixedBase = PositiveInput(2, 3).Detach();
        GradOk(x => fixedBase.Pow(x[0]), Input(2, 3));
        var fixedExp = Input(3).Detach();
        GradOk(x => x[0].Pow(fixedExp), PositiveInput(2, 3));
    }

    // ---------------------------------------------------------------- Clamp

    private static readonly float[] ClampInput = [-2f, -0.5f, 0.3f, 1.2f, float.NaN, float.PositiveInfinity, float.NegativeInfinity];

    [Fact]
    public void ClampMatchesPyTorch()
    {
        var c = Torch.FromArray(ClampInput);
        Same([-1.0, -0.5, 0.30000001192092896, 1.0, NaN, 1.0, -1.0], c.Clamp(-1, 1), DType.Float32);
        Same([0.0, 0.0, 0.30000001192092896, 1.2000000476837158, NaN, Inf, 0.0], c.Clamp(min: 0), DType.Float32);
        Same([-2.0, -0.5, 0.30000001192092896, 0.5, NaN, 0.5, double.NegativeInfinity], c.Clamp(max: 0.5), DType.Float32);
        // min > max: everything becomes max.
        Same([-1.0, -1.0, -1.0, -1.0, NaN, -1.0, -1.0], Torch.Clamp(c, 1, -1), DType.Float32);
        Same([0.0, 0.0, 0.30000001192092896, 1.2000000476837158, NaN, Inf, 0.0], c.ClampMin(0), DType.Float32);
        Same([-2.0, -0.5, 0.30000001192092896, 0.5, NaN, 0.5, double.NegativeInfinity], c.ClampMax(0.5), DType.Float32);
        // Transposed input.
        var t = Torch.FromArray(new[] { -2.0, 0.25, 3.0, -0.75 }, 2, 2).T;
        Same([-1.0, 1.0, 0.25, -0.75], t.Clamp(-1, 1), DType.Float64, [2, 2]);
    }

    [Fact]
    public void ClampOfIntegersAndBools()
    {
        var ci = Torch.FromArray(new long[] { -3, 0, 2, 7 });
        Same([0, 0, 2, 5], ci.Clamp(0, 5), DType.Int64);
        Same([0.5, 0.5, 2.0, 7.0], ci.Clamp(min: 0.5), DType.Float32);
        Same([1, 0], Torch.FromArray(new[] { true, false }).Clamp(min: 0), DType.Int64);
    }

    [Fact]
    public void ClampNeedsABound()
    {
        var x = Torch.Zeros(3);
        var ex = Assert.Throws<ArgumentException>(() => Torch.Clamp(x, (double?)null, null));
        Assert.Equal("clamp: At least one of 'min' or 'max' must not be None", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Torch.Clamp(x, (Tensor?)null, null));
        Assert.Equal("clamp: At least one of 'min' or 'max' must not be None", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => x.Clamp_());
        Assert.StartsWith("clamp_: At least one of 'min' or 'max' must not be None", ex.Message);
    }

    [Fact]
    public void ClampInPlace()
    {
        var c = Torch.FromArray(ClampInput);
        Assert.Same(c, c.Clamp_(-1, 1));
        Same([-1.0, -0.5, 0.30000001192092896, 1.0, NaN, 1.0, -1.0], c, DType.Float32);
        var v = Torch.FromArray(new[] { -3.0, 0.5, 4.0 });
        v.ClampMin_(0).ClampMax_(1);
        Same([0.0, 0.5, 1.0], v, DType.Float64);
        var ex = Assert.Throws<ArgumentException>(() => Torch.FromArray(new long[] { 1, 5 }).Clamp_(min: 2.5));
        Assert.StartsWith("clamp_:", ex.Message);
        Assert.Contains("torch.int64", ex.Message);
    }

    [Fact]
    public void ClampGradientIsOneAtTheBounds()
    {
        var x = Torch.FromArray(new[] { -1f, 0f, 1f, 2f }, requiresGrad: true);
        var y = x.Clamp(0, 1);
        Assert.Equal("ClampBackward1", y.GradFn!.Name);
        y.Backward(Torch.Ones(4));
        Same([0.0, 1.0, 1.0, 0.0], x.Grad!, DType.Float32);
        // NaN inputs get no gradient.
        var n = Torch.FromArray(new[] { float.NaN, 0.5f }, requiresGrad: true);
        n.Clamp(0, 1).Sum().Backward();
        Same([0.0, 1.0], n.Grad!, DType.Float32);
        Assert.Equal("ClampMinBackward0", Input(2).ClampMin(0).GradFn!.Name);
        Assert.Equal("ClampMaxBackward0", Input(2).Clamp(max: 0).GradFn!.Name);
    }

    // Values 0.3 away from the bounds ±0.5, so finite differences never cross a kink.
    private static readonly double[] AwayFromBounds = [-1.2, -0.8, -0.2, 0.2, 0.8, 1.3];

    [Fact]
    public void ClampScalarGradCheck()
    {
        GradOk(x => x[0].Clamp(-0.5, 0.5), Leaf(AwayFromBounds, 2, 3));
        GradOk(x => x[0].Clamp(min: -0.5), Leaf(AwayFromBounds, 2, 3));
        GradOk(x => x[0].Clamp(max: 0.5), Leaf(AwayFromBounds, 2, 3));
        var transposed = Torch.FromArray(AwayFromBounds, 3, 2).T;
        transposed.RequiresGrad = true;
        GradOk(x => x[0].Clamp(-0.5, 0.5), transposed);
        GradOk(x => x[0].Clamp(-0.5, 0.5), Leaf([0.2], 1));
        GradOk(x => x[0].Clamp(-0.5, 0.5), Input(0, 3));
    }

    [Fact]
    public void ClampWithTensorBoundsMatchesPyTorch()
    {
        var x = Torch.FromArray(new[] { 0.5f, 1.5f, 2.5f, 1.0f, 3.0f }, requiresGrad: true);
        var lo = Torch.FromArray(new[] { 1f, 1f, 3f, 1f, 2f }, requiresGrad: true);
        var hi = Torch.FromArray(new[] { 2f, 2f, 2f, 2f, 2f }, requiresGrad: true);
        var y = Torch.Clamp(x, lo, hi);
        Assert.Equal("ClampBackward0", y.GradFn!.Name);
        Same([1.0, 1.5, 2.0, 1.0, 2.0], y, DType.Float32);
        y.Backward(Torch.FromArray(new[] { 1f, 2f, 3f, 4f, 5f }));
        Same([0.0, 2.0, 0.0, 4.0, 0.0], x.Grad!, DType.Float32);
        Same([1.0, 0.0, 0.0, 0.0, 0.0], lo.Grad!, DType.Float32);
        Same([0.0, 0.0, 3.0, 0.0, 5.0], hi.Grad!, DType.Float32);

        var b = Torch.Clamp(Torch.FromArray(new float[,] { { 0, 1, 2 }, { 3, 4, 5 } }),
            Torch.FromArray(new float[,] { { 1 }, { 3.5f } }), Torch.FromArray(new[] { 1.5f, 4f, 4.5f }));
        Same([1.0, 1.0, 2.0, 1.5, 4.0, 4.5], b, DType.Float32, [2, 3]);
        // With tensor bounds a NaN bound gives NaN (unlike scalar bounds).
        var n = Torch.Clamp(Torch.FromArray(new[] { 1f, float.NaN, 3f }), Torch.FromArray(new[] { float.NaN, 0f, 0f }), Torch.FromArray(new[] { 2f, 2f, float.NaN }));
        Same([NaN, NaN, NaN], n, DType.Float32);
        Same([2.5, 5.0], Torch.FromArray(new long[] { 1, 5 }).ClampMin(Torch.FromArray(new[] { 2.5f })), DType.Float32);
        Same([1.0, 2.0], Torch.FromArray(new[] { 1f, 5f }).ClampMax(Torch.Scalar(2.0)), DType.Float32);
        var ex = Assert.Throws<ArgumentException>(() => Torch.Clamp(Torch.Zeros(2, 3), Torch.Zeros(4), null));
        Assert.StartsWith("clamp:", ex.Message);
    }

    [Fact]
    public void ClampTensorBoundsGradCheck()
    {
        // x, lo, hi pairwise at least 0.3 apart; the third column has lo > hi.
        double[] xs = [-1.0, 0.0, 1.0, 2.0, -0.5, 0.6];
        double[] los = [-0.5, -0.5, 1.5, 1.0, 0.5, 0.0];
        double[] his = [0.5, 0.5, 0.5, 1.5, 1.0, 1.0];
        GradOk(x => Torch.Clamp(x[0], x[1], x[2]), Leaf(xs, 2, 3), Leaf(los, 2, 3), Leaf(his, 2, 3));
        GradOk(x => Torch.Clamp(x[0], x[1], null), Leaf(xs, 2, 3), Leaf(los, 2, 3));
        GradOk(x => Torch.Clamp(x[0], null, x[1]), Leaf(xs, 2, 3), Leaf(his, 2, 3));
        // Transposed input, broadcast bounds: a row of lows and a column of highs.
        var t = Torch.FromArray(xs, 3, 2).T;
        t.RequiresGrad = true;
        GradOk(x => Torch.Clamp(x[0], x[1], x[2]), t, Leaf([-0.3, 0.35, 0.3], 3), Leaf([1.65, 1.3], 2, 1));
        GradOk(x => Torch.Clamp(x[0], x[1], x[2]), Leaf([0.2], 1), Leaf([-0.5], 1), Leaf([0.5], 1));
        GradOk(x => Torch.Clamp(x[0], x[1], x[2]), Input(0, 3), Leaf([-0.5, -0.5, -0.5], 3), Leaf([0.5], 1));
    }

    // ---------------------------------------------------------------- Maximum / Minimum

    [Fact]
    public void MaximumMinimumMatchPyTorch()
    {
        var a = Torch.FromArray(new[] { 1f, float.NaN, 3f, -2f });
        var b = Torch.FromArray(new[] { float.NaN, 1f, 2f, 5f });
        Same([NaN, NaN, 3.0, 5.0], Torch.Maximum(a, b), DType.Float32);
        Same([NaN, NaN, 2.0, -2.0], Torch.Minimum(a, b), DType.Float32);
        // NaN also propagates on the strided path.
        Same([NaN, NaN, 3.0, 5.0], Torch.Maximum(a.Reshape(4, 1).Expand(4, 2), b.Reshape(4, 1)).Select(1, 1), DType.Float32);
        Same([2.0, 5.0, 3.0, 0.0], Torch.Maximum(Torch.FromArray(new float[,] { { 1, 5 }, { 3, -1 } }), Torch.FromArray(new[] { 2f, 0f })), DType.Float32, [2, 2]);
        Same([2.5, 5.0], Torch.FromArray(new long[] { 1, 5 }).Maximum(Torch.FromArray(new[] { 2.5f, 1f })), DType.Float32);
        Same([3, 5], Torch.FromArray(new long[] { 1, 5 }).Maximum(Torch.FromArray(new long[] { 3, -1 })), DType.Int64);
        Assert.Equal(new[] { true, false, true }, Torch.Maximum(Torch.FromArray(new[] { true, false, false }), Torch.FromArray(new[] { false, false, true })).ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, Torch.Minimum(Torch.FromArray(new[] { true, true, false }), Torch.FromArray(new[] { false, true, true })).ToArray<bool>());
        var ex = Assert.Throws<ArgumentException>(() => Torch.Maximum(Torch.Zeros(2, 3), Torch.Zeros(4)));
        Assert.StartsWith("maximum:", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
    }

    [Fact]
    public void MaximumMinimumSplitTheGradientOnTies()
    {
        var x = Torch.FromArray(new[] { 1f, 2f, 3f }, requiresGrad: true);
        var y = Torch.FromArray(new[] { 1f, 3f, 2f }, requiresGrad: true);
        var m = Torch.Maximum(x, y);
        Assert.Equal("MaximumBackward0", m.GradFn!.Name);
        m.Backward(Torch.Full(new Size(3), 2.0));
        Same([1.0, 0.0, 2.0], x.Grad!, DType.Float32);
        Same([1.0, 2.0, 0.0], y.Grad!, DType.Float32);

        x.Grad = null;
        y.Grad = null;
        Torch.Minimum(x, y).Backward(Torch.Full(new Size(3), 2.0));
        Same([1.0, 2.0, 0.0], x.Grad!, DType.Float32);
        Same([1.0, 0.0, 2.0], y.Grad!, DType.Float32);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MaximumMinimumGradCheck(bool max)
    {
        Func<Tensor, Tensor, Tensor> f = max ? Torch.Maximum : Torch.Minimum;
        GradOk(x => f(x[0], x[1]), Input(2, 3), PositiveInput(2, 3));
        GradOk(x => f(x[0], x[1]), TransposedInput(3, 4), Input(3, 4));
        GradOk(x => f(x[0], x[1]), Input(3, 1), Input(4));   // broadcast
        GradOk(x => f(x[0], x[1]), Input(1), PositiveInput(1));
        GradOk(x => f(x[0], x[1]), Input(0, 3), Input(3));
        var fixedOther = Input(3).Detach();
        GradOk(x => f(x[0], fixedOther), Input(2, 3));
    }

    // ---------------------------------------------------------------- Fill_ / Zero_

    [Fact]
    public void FillWritesThroughAnyLayout()
    {
        var baseT = Torch.Arange(0.0, 12.0, 1.0).Reshape(3, 4);
        var r = baseT.T.Narrow(0, 1, 2).Fill_(-1);   // columns 1 and 2 of the base, as a strided view
        Assert.Equal(new[] { 2, 3 }, r.Shape.ToArray());
        Same([0, -1, -1, 3, 4, -1, -1, 7, 8, -1, -1, 11], baseT, DType.Float32);
        Assert.Same(baseT, baseT.Zero_());
        Same(new double[12], baseT, DType.Float32);

        var ints = Torch.Zeros(new Size(2, 3), DType.Int64);
        Same([2, 2, 2, 2, 2, 2], ints.Fill_(2.7), DType.Int64);
        var bools = Torch.Zeros(new Size(2), DType.Bool).Fill_(3);
        Assert.Equal(new[] { true, true }, bools.ToArray<bool>());
        Torch.Zeros(0, 3).Fill_(1); // empty: nothing to do
    }

    [Fact]
    public void FillRejectsLeavesThatRequireGradUnlessNoGrad()
    {
        var w = Input(3);
        var ex = Assert.Throws<InvalidOperationException>(() => w.Fill_(1));
        Assert.StartsWith("fill_:", ex.Message);
        ex = Assert.Throws<InvalidOperationException>(() => w.Zero_());
        Assert.StartsWith("zero_:", ex.Message);
        using (Torch.NoGrad())
        {
            w.Fill_(0.5);
            Same([0.5, 0.5, 0.5], w, DType.Float64);
            w.Zero_();
        }
        Same([0, 0, 0], w, DType.Float64);
        Assert.True(w.RequiresGrad);
        Assert.True(w.IsLeaf);
    }

    [Fact]
    public void FillBumpsTheVersionSoStaleSavedTensorsAreCaught()
    {
        var w = Input(3);
        var h = w * 1.0;
        var y = h * h;  // saves h
        int before = h.Version;
        h.Zero_();
        Assert.True(h.Version > before);
        var ex = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("modified by an inplace operation", ex.Message);
    }

    [Fact]
    public void FillOfANonLeafCutsTheGradientOfItsOldValue()
    {
        var w = Torch.FromArray(new[] { 1f, 2f, 3f }, requiresGrad: true);
        var h = w * 2.0;
        h.Fill_(3);
        Assert.Equal("FillBackward2", h.GradFn!.Name);
        (h * w).Sum().Backward();
        Same([3.0, 3.0, 3.0], w.Grad!, DType.Float32);
    }
}
