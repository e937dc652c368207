using static Ember.Tests.TestUtil;

namespace Ember.Tests.Tensors;

public class TensorTests
{
    /// <summary>[[[0, 1, 2, 3], [4, …]], …] as float32, shape [2, 3, 4].</summary>
    private static Tensor Arange24() => Torch.Arange(0.0, 24.0, 1.0).View(2, 3, 4);

    // ---- creation ----

    [Fact]
    public void ZerosOnesFull()
    {
        var z = Torch.Zeros(2, 3);
        Assert.Equal(new Size(2, 3), z.Shape);
        Assert.Equal(DType.Float32, z.DType);
        Assert.Equal(new float[6], z.ToArray<float>());

        var o = Torch.Ones(new Size(2), DType.Int64);
        Assert.Equal(DType.Int64, o.DType);
        Assert.Equal(new long[] { 1, 1 }, o.ToArray<long>());

        var f = Torch.Full(new Size(2, 2), 2.5, DType.Float64);
        Assert.Equal(new[] { 2.5, 2.5, 2.5, 2.5 }, f.ToArray<double>());
        Assert.Equal(new long[] { 2, 2 }, Torch.Full(new Size(2), 2.9, DType.Int64).ToArray<long>());
        Assert.Equal(new[] { true }, Torch.Full(new Size(1), 0.5, DType.Bool).ToArray<bool>());

        var scalar = Torch.Zeros();
        Assert.Equal(0, scalar.Dim);
        Assert.Equal(1, scalar.Numel);
        Assert.Equal(0, Torch.Zeros(0, 3).Numel);

        Assert.True(Torch.Zeros(new Size(2), requiresGrad: true).RequiresGrad);
        var ex = Assert.Throws<ArgumentException>(() => Torch.Zeros(2, -1));
        Assert.Contains("negative dimension", ex.Message);
    }

    [Fact]
    public void ArangeIntegers()
    {
        var a = Torch.Arange(5);
        Assert.Equal(DType.Int64, a.DType);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, a.ToArray<long>());
        Assert.Equal(new long[] { 0, 3, 6, 9 }, Torch.Arange(0, 10, 3).ToArray<long>());
        Assert.Equal(new long[] { 10, 7, 4, 1 }, Torch.Arange(10, 0, -3).ToArray<long>());
        Assert.Equal(new long[] { -2, -1, 0 }, Torch.Arange(-2, 1).ToArray<long>());
        Assert.Equal(0, Torch.Arange(3, 3).Numel);
        Assert.Equal(0, Torch.Arange(0).Numel);
    }

    [Fact]
    public void ArangeFloatsMatchPyTorch()
    {
        // torch.arange(0, 1, 0.1) has 10 elements.
        var a = Torch.Arange(0.0, 1.0, 0.1);
        Assert.Equal(DType.Float32, a.DType);
        Assert.Equal(10, a.Numel);
        Assert.Equal(new float[] { 0.0f, 0.10000000149011612f, 0.20000000298023224f, 0.30000001192092896f, 0.4000000059604645f, 0.5f,
            0.6000000238418579f, 0.699999988079071f, 0.800000011920929f, 0.8999999761581421f }, a.ToArray<float>());
        Assert.Equal(new[] { 0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9 },
            Torch.Arange(0.0, 1.0, 0.1, DType.Float64).ToArray<double>());
        Assert.Equal(new float[] { -1.0f, -0.699999988079071f, -0.4000000059604645f, -0.10000000149011612f, 0.20000000298023224f, 0.5f, 0.800000011920929f },
            Torch.Arange(-1.0, 1.0, 0.3).ToArray<float>());
        Assert.Equal(new float[] { 5.0f, 3.5f, 2.0f, 0.5f }, Torch.Arange(5.0, 0.0, -1.5).ToArray<float>());
        Assert.Equal(new float[] { 1.0f, 1.5f, 2.0f }, Torch.Arange(1, 2.5, 0.5).ToArray<float>());
        Assert.Equal(0, Torch.Arange(1.0, 1.0, 0.5).Numel);
    }

    [Fact]
    public void ArangeRejectsBadSteps()
    {
        Assert.Contains("step must be nonzero", Assert.Throws<ArgumentException>(() => Torch.Arange(0, 5, 0)).Message);
        Assert.Contains("inconsistent with step sign", Assert.Throws<ArgumentException>(() => Torch.Arange(0, 5, -1)).Message);
        Assert.Contains("inconsistent with step sign", Assert.Throws<ArgumentException>(() => Torch.Arange(0.0, 5.0, -0.5)).Message);
        Assert.Throws<ArgumentException>(() => Torch.Arange(0.0, double.PositiveInfinity, 1.0));
    }

    [Fact]
    public void LinspaceMatchesPyTorch()
    {
        // torch.linspace(...).tolist() in PyTorch 1.13 (float32 is computed in float32).
        Assert.Equal(new float[] { 0.0f, 0.1666666716337204f, 0.3333333432674408f, 0.5f, 0.6666666269302368f, 0.8333333134651184f, 1.0f },
            Torch.Linspace(0, 1, 7).ToArray<float>());
        Assert.Equal(new float[] { -1.0f, -0.6000000238418579f, -0.19999998807907104f, 0.19999998807907104f, 0.6000000238418579f, 1.0f },
            Torch.Linspace(-1, 1, 6).ToArray<float>());
        Assert.Equal(new float[] { 0.0f, 0.10000000149011612f, 0.20000000298023224f, 0.30000001192092896f, 0.4000000059604645f, 0.5f,
            0.6000000238418579f, 0.699999988079071f, 0.800000011920929f, 0.8999999761581421f, 1.0f }, Torch.Linspace(0, 1, 11).ToArray<float>());
        Assert.Equal(new float[] { 1.5f, 1.0f, 0.5f, 0.0f, -0.5f, -1.0f, -1.5f, -2.0f, -2.5f }, Torch.Linspace(1.5, -2.5, 9).ToArray<float>());
        Assert.Equal(new[] { 0.0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666667, 0.8333333333333334, 1.0 },
            Torch.Linspace(0, 1, 7, DType.Float64).ToArray<double>());
        Assert.Equal(new long[] { 0, 2, 5, 7, 10 }, Torch.Linspace(0, 10, 5, DType.Int64).ToArray<long>());
        Assert.Equal(new long[] { 0, 3, 6, 10 }, Torch.Linspace(0, 10, 4, DType.Int64).ToArray<long>());
        // Integer linspace truncates the bounds first, then rounds toward zero.
        Assert.Equal(new long[] { 0, 2, 5, 7, 10 }, Torch.Linspace(0.5, 10.7, 5, DType.Int64).ToArray<long>());
        Assert.Equal(new long[] { -2, 0, 1, 3 }, Torch.Linspace(-2.7, 3.9, 4, DType.Int64).ToArray<long>());
        Assert.Equal(new long[] { 2 }, Torch.Linspace(2.5, 5, 1, DType.Int64).ToArray<long>());
        Assert.Equal(new float[] { 2.0f }, Torch.Linspace(2, 5, 1).ToArray<float>());
        Assert.Equal(new[] { 2.0 }, Torch.Linspace(2, 5, 1, DType.Float64).ToArray<double>());
        Assert.Equal(0, Torch.Linspace(0, 1, 0).Numel);
        Assert.Throws<ArgumentException>(() => Torch.Linspace(0, 1, -1));
    }

    [Fact]
    public void Eye()
    {
        Assert.Equal(new float[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, (float[,])Torch.Eye(3).ToArray());
        Assert.Equal(new float[,] { { 1, 0, 0 }, { 0, 1, 0 } }, (float[,])Torch.Eye(2, 3).ToArray());
        Assert.Equal(new float[,] { { 1, 0 }, { 0, 1 }, { 0, 0 } }, (float[,])Torch.Eye(3, 2).ToArray());
        Assert.Equal(new long[,] { { 1, 0 }, { 0, 1 } }, (long[,])Torch.Eye(2, dtype: DType.Int64).ToArray());
        Assert.Equal(new Size(0, 4), Torch.Eye(0, 4).Shape);
        Assert.Throws<ArgumentException>(() => Torch.Eye(-1));
    }

    [Fact]
    public void RandIsInUnitInterval()
    {
        var r = Torch.Rand(new Size(100_000), generator: new Generator(1)).ToArray<float>();
        Assert.All(r, v => Assert.True(v >= 0 && v < 1));
        Assert.InRange(r.Average(), 0.49, 0.51);
        var d = Torch.Rand(new Size(10_000), DType.Float64, new Generator(2)).ToArray<double>();
        Assert.All(d, v => Assert.True(v >= 0 && v < 1));
        Assert.Equal(DType.Float32, Torch.Rand(2, 3).DType);
        Assert.Throws<ArgumentException>(() => Torch.Rand(new Size(2), DType.Int64));
    }

    [Fact]
    public void RandnIsStandardNormal()
    {
        var x = Torch.Randn(new Size(100_000), generator: new Generator(3)).ToArray<float>();
        double mean = x.Average(v => (double)v);
        double std = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(std, 0.98, 1.02);
        // About 68.3% within one standard deviation.
        Assert.InRange(x.Count(v => Math.Abs(v) < 1) / (double)x.Length, 0.675, 0.69);
        Assert.Throws<ArgumentException>(() => Torch.Randn(new Size(2), DType.Bool));
    }

    [Fact]
    public void RandintCoversItsRange()
    {
        var t = Torch.Randint(3, 7, new Size(10_000), new Generator(4));
        Assert.Equal(DType.Int64, t.DType);
        var v = t.ToArray<long>();
        Assert.All(v, x => Assert.InRange(x, 3, 6));
        Assert.Equal(new long[] { 3, 4, 5, 6 }, v.Distinct().OrderBy(x => x).ToArray());
        Assert.All(Torch.Randint(5, new Size(100), new Generator(5)).ToArray<long>(), x => Assert.InRange(x, 0, 4));
        Assert.Throws<ArgumentException>(() => Torch.Randint(3, 3, new Size(2)));
    }

    [Fact]
    public void SeededGeneratorsRepeat()
    {
        Assert.Equal(Torch.Randn(new Size(50), generator: new Generator(42)).ToArray<float>(),
            Torch.Randn(new Size(50), generator: new Generator(42)).ToArray<float>());
        Assert.NotEqual(Torch.Randn(new Size(50), generator: new Generator(42)).ToArray<float>(),
            Torch.Randn(new Size(50), generator: new Generator(43)).ToArray<float>());

        var g = new Generator(7);
        var first = Torch.Rand(new Size(20), generator: g).ToArray<float>();
        var second = Torch.Rand(new Size(20), generator: g).ToArray<float>();
        Assert.NotEqual(first, second);
        g.ManualSeed(7);
        Assert.Equal(first, Torch.Rand(new Size(20), generator: g).ToArray<float>());
        Assert.Equal(7, g.InitialSeed);

        Assert.Equal(Torch.Randint(0, 1000, new Size(30), new Generator(9)).ToArray<long>(),
            Torch.Randint(0, 1000, new Size(30), new Generator(9)).ToArray<long>());

        // The default generator of this thread.
        Torch.ManualSeed(123);
        var a = Torch.Randn(10).ToArray<float>();
        Torch.ManualSeed(123);
        Assert.Equal(a, Torch.Randn(10).ToArray<float>());
    }

    [Fact]
    public void LikeFactoriesTakeShapeAndDType()
    {
        var x = Torch.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }).T;
        foreach (var t in new[] { Torch.ZerosLike(x), Torch.OnesLike(x), Torch.FullLike(x, 7), Torch.EmptyLike(x), Torch.RandLike(x), Torch.RandnLike(x) })
        {
            Assert.Equal(new Size(3, 2), t.Shape);
            Assert.Equal(DType.Float64, t.DType);
            Assert.True(t.IsContiguous);
            Assert.False(t.RequiresGrad);
        }
        Assert.Equal(new double[6], Torch.ZerosLike(x).ToArray<double>());
        Assert.Equal(Enumerable.Repeat(1.0, 6), Torch.OnesLike(x).ToArray<double>());
        Assert.Equal(Enumerable.Repeat(7.0, 6), Torch.FullLike(x, 7).ToArray<double>());
        Assert.Equal(DType.Int64, Torch.ZerosLike(x, DType.Int64).DType);
        Assert.Equal(new long[] { 3, 3 }, Torch.FullLike(Torch.Arange(2), 3.7).ToArray<long>());
        Assert.Equal(DType.Float32, Torch.RandLike(Torch.Arange(3)).DType);
        Assert.False(Torch.ZerosLike(Torch.Ones(new Size(2), requiresGrad: true)).RequiresGrad);
    }

    [Fact]
    public void FromArrayOfEveryRankAndElementType()
    {
        var s = Torch.Scalar(2.5);
        Assert.Equal(0, s.Dim);
        Assert.Equal(DType.Float32, s.DType);
        Assert.Equal(2.5f, s.Item());
        Assert.Equal(DType.Float64, Torch.Scalar(2.5, DType.Float64).DType);
        Assert.Equal(DType.Int64, Torch.Scalar(3L).DType);
        Assert.Equal(3L, Torch.Scalar(3L).Item<long>());
        Assert.Equal(DType.Bool, Torch.Scalar(true).DType);
        Assert.True(Torch.Scalar(true).Item<bool>());

        var f1 = Torch.FromArray(new float[] { 1, 2, 3 });
        Assert.Equal(new Size(3), f1.Shape);
        Assert.Equal(DType.Float32, f1.DType);
        Assert.Equal(new float[] { 1, 2, 3 }, f1.ToArray<float>());

        var d2 = Torch.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new Size(2, 3), d2.Shape);
        Assert.Equal(DType.Float64, d2.DType);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, d2.ToArray<double>());

        var l3 = Torch.FromArray(new long[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } }, { { 9, 10 }, { 11, 12 } } });
        Assert.Equal(new Size(3, 2, 2), l3.Shape);
        Assert.Equal(DType.Int64, l3.DType);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), l3.ToArray<long>());

        var i1 = Torch.FromArray(new[] { 1, -2, 3 });
        Assert.Equal(DType.Int64, i1.DType);
        Assert.Equal(new long[] { 1, -2, 3 }, i1.ToArray<long>());
        var i2 = Torch.FromArray(new int[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(DType.Int64, i2.DType);
        Assert.Equal(new Size(2, 2), i2.Shape);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, i2.ToArray<long>());
        var i3 = Torch.FromArray(new[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Assert.Equal(new Size(2, 3), i3.Shape);
        Assert.Equal(new long[] { 4, 5, 6 }, i3.Select(0, 1).ToArray<long>());

        var b = Torch.FromArray(new[] { true, false, true });
        Assert.Equal(DType.Bool, b.DType);
        Assert.Equal(new[] { true, false, true }, b.ToArray<bool>());

        var shaped = Torch.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 3, 2);
        Assert.Equal(new Size(3, 2), shaped.Shape);
        Assert.Equal(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, (double[,])shaped.ToArray());

        var converted = Torch.FromArray(new float[,] { { 1.5f, -2.5f } }, DType.Int64);
        Assert.Equal(new long[] { 1, -2 }, converted.ToArray<long>());
        var leaf = Torch.FromArray(new double[,] { { 1 } }, requiresGrad: true);
        Assert.True(leaf.RequiresGrad && leaf.IsLeaf);

        Assert.Equal(0, Torch.FromArray(new float[0]).Numel);
        Assert.Equal(new Size(0, 3), Torch.FromArray(new float[0, 3]).Shape);

        // The source array is copied.
        var src = new float[] { 1, 2 };
        var t = Torch.FromArray(src);
        src[0] = 100;
        Assert.Equal(new float[] { 1, 2 }, t.ToArray<float>());

        Assert.Contains("invalid for input of size", Assert.Throws<ArgumentException>(() => Torch.FromArray(new float[] { 1, 2, 3 }, 2, 2)).Message);
        Assert.Throws<ArgumentException>(() => Torch.FromArray(new short[] { 1, 2 }));
        Assert.Throws<ArgumentException>(() => Torch.FromArray(new decimal[,] { { 1 } }));
    }

    [Fact]
    public void ToArrayGivesTheRankAndElementType()
    {
        // The untyped ToArray names each array type statically (NativeAOT-safe): check the dtypes and every rank up to .NET's 32.
        var b = (bool[,,])Torch.FromArray(new[] { true, false, false, true, true, false, false, true }, 2, 2, 2).ToArray();
        Assert.Equal(new[, ,] { { { true, false }, { false, true } }, { { true, false }, { false, true } } }, b);
        var l = (long[,,,])Torch.Arange(0, 24, 1, DType.Int64).View(1, 2, 3, 4).ToArray();
        Assert.Equal(23L, l[0, 1, 2, 3]);
        Assert.Equal(6L, l[0, 0, 1, 2]);
        Assert.Equal(new[] { 0f, 1f, 2f }, (float[])Torch.Arange(0.0, 3.0, 1.0).ToArray());
        Assert.Equal(new[] { 4.0 }, (double[])Torch.Scalar(4.0, DType.Float64).ToArray());
        for (int rank = 2; rank <= 16; rank++)
        {
            var shape = Enumerable.Repeat(1, rank).ToArray();
            shape[rank - 1] = 2;
            var a = Torch.FromArray(new double[] { 1.5, -2 }, shape).ToArray();
            Assert.Equal(typeof(double).MakeArrayType(rank), a.GetType());
            Assert.Equal(-2.0, (double)a.GetValue(Enumerable.Repeat(0, rank - 1).Append(1).ToArray())!);
        }
        for (int rank = 2; rank <= 32; rank++)
            Assert.Equal(typeof(float).MakeArrayType(rank), Tensor.ArrayTypeOfRank<float>(rank));
        Assert.Contains("33-d", Assert.Throws<NotSupportedException>(() => Tensor.ArrayTypeOfRank<float>(33)).Message);
    }

    // ---- dtypes ----

    [Fact]
    public void Float32IsTheDefault()
    {
        Assert.Equal(DType.Float32, Torch.Zeros(2).DType);
        Assert.Equal(DType.Float32, Torch.Ones(2).DType);
        Assert.Equal(DType.Float32, Torch.Full(new Size(2), 1.0).DType);
        // PyTorch infers the dtype of full from the value: an integer gives int64, a bool gives bool.
        Assert.Equal(DType.Int64, Torch.Full(new Size(2), 1).DType);
        Assert.Equal(DType.Bool, Torch.Full(new Size(2), true).DType);
        Assert.Equal(DType.Float32, Torch.Randn(2).DType);
        Assert.Equal(DType.Float32, Torch.Eye(2).DType);
        Assert.Equal(DType.Float32, Torch.Linspace(0, 1, 3).DType);
        Assert.Equal(DType.Float32, Torch.Arange(0.0, 1.0, 0.5).DType);
        Assert.Equal(DType.Float32, Torch.Scalar(1.0).DType);
        Assert.Equal(DType.Float32, Torch.FromArray(new long[] { 1, 2 }).Exp().DType);
    }

    [Fact]
    public void ConversionsFollowPyTorch()
    {
        // torch.tensor([-1.7, -0.5, 0.5, 1.7, 2.9]).to(torch.int64) == [-1, 0, 0, 1, 2]
        var f = Torch.FromArray(new float[] { -1.7f, -0.5f, 0.5f, 1.7f, 2.9f });
        var l = f.To(DType.Int64);
        Assert.Equal(DType.Int64, l.DType);
        Assert.Equal(new long[] { -1, 0, 0, 1, 2 }, l.ToArray<long>());

        // torch.tensor([0., 0.5, -2, nan]).to(torch.bool) == [False, True, True, True]
        var bools = Torch.FromArray(new[] { 0.0, 0.5, -2, double.NaN }).To(DType.Bool);
        Assert.Equal(DType.Bool, bools.DType);
        Assert.Equal(new[] { false, true, true, true }, bools.ToArray<bool>());

        // PyTorch on x86: NaN, ±inf and out-of-range values become int64 min.
        Assert.Equal(Enumerable.Repeat(long.MinValue, 6),
            Torch.FromArray(new[] { 1e30f, -1e30f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 9.3e18f }).To(DType.Int64).ToArray<long>());
        Assert.Equal(Enumerable.Repeat(long.MinValue, 3), Torch.FromArray(new[] { 1e30, double.NaN, 9.3e18 }).To(DType.Int64).ToArray<long>());
        Assert.Equal(new[] { -(1L << 62), 1L << 62 }, Torch.FromArray(new[] { -4611686018427387904.0, 4611686018427387904.0 }).To(DType.Int64).ToArray<long>());

        var fromBool = Torch.FromArray(new[] { true, false }).To(DType.Float32);
        Assert.Equal(new float[] { 1, 0 }, fromBool.ToArray<float>());
        Assert.Equal(new long[] { 1, 0 }, Torch.FromArray(new[] { true, false }).To(DType.Int64).ToArray<long>());
        Assert.Equal(new[] { false, true, true }, Torch.FromArray(new long[] { 0, 5, -1 }).To(DType.Bool).ToArray<bool>());
        Assert.Equal(new[] { 3.0, -4.0 }, Torch.FromArray(new long[] { 3, -4 }).To(DType.Float64).ToArray<double>());

        var d = Torch.FromArray(new[] { 0.1, 1e40 }).To(DType.Float32);
        Assert.Equal(new[] { 0.1f, float.PositiveInfinity }, d.ToArray<float>());

        // Same dtype: the same tensor.
        Assert.Same(f, f.To(DType.Float32));

        // A converted copy does not share storage.
        var g = f.To(DType.Float64);
        g.Add_(1.0);
        Assert.Equal(-1.7f, f.ToArray<float>()[0]);

        // Transposed input converts element by element in logical order.
        var t = Torch.FromArray(new double[,] { { 1.9, 2.1 }, { 3.5, -4.5 } }).T.To(DType.Int64);
        Assert.Equal(new long[] { 1, 3, 2, -4 }, t.ToArray<long>());
    }

    [Fact]
    public void OnlyFloatingPointTensorsRequireGrad()
    {
        Assert.Throws<InvalidOperationException>(() => Torch.Arange(3).RequiresGrad_());
        Assert.Throws<InvalidOperationException>(() => Torch.FromArray(new[] { true }).RequiresGrad = true);
        var y = Torch.Ones(new Size(2), requiresGrad: true) * 2.0;
        Assert.Contains("leaf", Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false).Message);
        // Asking a non-leaf to require grad changes nothing (PyTorch allows y.requires_grad_(True)).
        Assert.Same(y, y.RequiresGrad_());
        Assert.True(y.RequiresGrad);
        Assert.False(y.IsLeaf);
        Assert.False(Torch.Ones(new Size(2), requiresGrad: true).To(DType.Int64).RequiresGrad);
    }

    // ---- views ----

    [Fact]
    public void ViewOpsShareStorageAndHavePyTorchStrides()
    {
        // Each case: the view, its PyTorch shape, stride() and storage_offset(), and one element
        // (index into the view) with its flat index in the base.
        var cases = new (Func<Tensor, Tensor> View, int[] Shape, int[] Strides, int Offset, int[] Index, int BaseFlat)[]
        {
            (x => x.Transpose(0, 2), [4, 3, 2], [1, 4, 12], 0, [3, 1, 1], 1 * 12 + 1 * 4 + 3),
            (x => x.Permute(2, 0, 1), [4, 2, 3], [1, 12, 4], 0, [2, 1, 2], 1 * 12 + 2 * 4 + 2),
            (x => x.Narrow(1, 1, 2), [2, 2, 4], [12, 4, 1], 4, [1, 1, 3], 1 * 12 + 2 * 4 + 3),
            (x => x.Narrow(2, 1, 2), [2, 3, 2], [12, 4, 1], 1, [0, 2, 1], 2 * 4 + 2),
            (x => x.Select(2, 3), [2, 3], [12, 4], 3, [1, 2], 1 * 12 + 2 * 4 + 3),
            (x => x.Select(0, -1), [3, 4], [4, 1], 12, [2, 0], 12 + 8),
            (x => x.Unsqueeze(1), [2, 1, 3, 4], [12, 12, 4, 1], 0, [1, 0, 2, 3], 23),
            (x => x.Unsqueeze(-1), [2, 3, 4, 1], [12, 4, 1, 1], 0, [1, 1, 1, 0], 17),
            (x => x.View(6, 4), [6, 4], [4, 1], 0, [5, 2], 22),
            (x => x.View(-1), [24], [1], 0, [13], 13),
            (x => x.Reshape(4, 6), [4, 6], [6, 1], 0, [2, 5], 17),
            (x => x.View(2, 1, 12).Squeeze(), [2, 12], [12, 1], 0, [1, 4], 16),
            (x => x.View(2, 1, 12).Squeeze(1), [2, 12], [12, 1], 0, [0, 7], 7),
            (x => x.Flatten(1), [2, 12], [12, 1], 0, [1, 11], 23),
            (x => x.Transpose(0, 2).Narrow(0, 1, 2), [2, 3, 2], [1, 4, 12], 1, [1, 2, 1], 12 + 8 + 2),
        };
        foreach (var (view, shape, strides, offset, index, baseFlat) in cases)
        {
            var x = Arange24();
            var v = view(x);
            Assert.Equal(new Size(shape), v.Shape);
            Assert.Equal(new Size(strides), v.Strides);
            Assert.Equal(offset, v.StorageOffset);
            // Reading through the view.
            Assert.Equal(baseFlat, (int)ElementAt(v, index));
            // Writing through the view changes the base.
            v.Add_(100.0);
            var flat = x.ToArray<float>();
            Assert.Equal(baseFlat + 100, flat[baseFlat]);
            Assert.Equal(v.Numel, flat.Count(e => e >= 100));
        }
    }

    private static float ElementAt(Tensor t, int[] index)
    {
        for (int d = index.Length - 1; d >= 0; d--) t = t.Select(d, index[d]);
        return t.Item<float>();
    }

    [Fact]
    public void ExpandIsAStrideZeroView()
    {
        var x = Torch.FromArray(new float[] { 1, 2, 3 });
        var e = x.View(3, 1).Expand(3, 4);
        Assert.Equal(new Size(3, 4), e.Shape);
        Assert.Equal(new Size(1, 0), e.Strides);
        Assert.False(e.IsContiguous);
        var e2 = x.Expand(2, 3);
        Assert.Equal(new Size(0, 1), e2.Strides);
        Assert.Equal(new float[,] { { 1, 2, 3 }, { 1, 2, 3 } }, (float[,])e2.ToArray());

        // Writing the base shows through every expanded copy.
        x.Mul_(10.0);
        Assert.Equal(new float[,] { { 10, 10, 10, 10 }, { 20, 20, 20, 20 }, { 30, 30, 30, 30 } }, (float[,])e.ToArray());
        Assert.Equal(new Size(2, 3, 4), x.View(3, 1).Expand(2, -1, 4).Shape);
        Assert.Equal(new Size(2, 3), Torch.BroadcastTo(x, 2, 3).Shape);

        var ex = Assert.Throws<ArgumentException>(() => x.Expand(2, 4));
        Assert.Contains("expand", ex.Message);
        Assert.Throws<ArgumentException>(() => Torch.Zeros(2, 3).Expand(3));
    }

    [Fact]
    public void SqueezeLeavesOtherDimsAndNonSingletons()
    {
        var x = Torch.Zeros(2, 1, 3);
        Assert.Equal(new Size(2, 1, 3), x.Squeeze(0).Shape);
        Assert.Equal(new Size(2, 3), x.Squeeze(-2).Shape);
        Assert.Equal(new Size(), Torch.Zeros(1, 1).Squeeze().Shape);
        Assert.Equal(new Size(), Torch.Scalar(1.0).Squeeze(0).Shape);
        Assert.Equal(new Size(), Torch.Scalar(1.0).Squeeze(-1).Shape);
        Assert.Equal(new Size(1), Torch.Scalar(1.0).Unsqueeze(0).Shape);
    }

    [Fact]
    public void ContiguousReturnsSelfOrACopy()
    {
        var x = Torch.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        Assert.True(x.IsContiguous);
        Assert.Same(x, x.Contiguous());

        var t = x.T;
        Assert.False(t.IsContiguous);
        var c = t.Contiguous();
        Assert.NotSame(t, c);
        Assert.True(c.IsContiguous);
        Assert.Equal(new Size(2, 1), c.Strides);
        Assert.Equal(new float[,] { { 1, 3 }, { 2, 4 } }, (float[,])c.ToArray());
        c.Add_(10.0);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, x.ToArray<float>());

        // Size-1 dimensions do not break contiguity; a narrowed row is still contiguous.
        Assert.True(Torch.Zeros(3, 4).Narrow(0, 1, 1).IsContiguous);
        Assert.False(Torch.Zeros(3, 4).Narrow(1, 1, 2).IsContiguous);
        Assert.True(Torch.Zeros(1, 4).T.IsContiguous);
        // PyTorch: torch.zeros(0, 3).t().is_contiguous() is True.
        var empty = Torch.Zeros(0, 3).T;
        Assert.True(empty.IsContiguous);
        Assert.Same(empty, empty.Contiguous());
    }

    [Fact]
    public void ReshapeOfTransposedTensorCopiesAndViewThrows()
    {
        var x = Torch.Arange(0.0, 6.0, 1.0).View(2, 3);
        var t = x.T;
        // torch.arange(6.).view(2, 3).t().reshape(-1) == [0, 3, 1, 4, 2, 5]
        var r = t.Reshape(-1);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, r.ToArray<float>());
        r.Add_(100.0);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, x.ToArray<float>());

        var ex = Assert.Throws<ArgumentException>(() => t.View(-1));
        Assert.Contains("view", ex.Message);
        Assert.Contains("Reshape", ex.Message);

        // Reshape of a viewable tensor is a view.
        var v = x.Reshape(3, 2);
        v.Add_(1.0);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, x.ToArray<float>());
    }

    [Fact]
    public void ViewShapeErrors()
    {
        var x = Torch.Zeros(2, 3);
        Assert.Contains("invalid for input of size 6", Assert.Throws<ArgumentException>(() => x.View(4)).Message);
        Assert.Contains("only one dimension can be inferred", Assert.Throws<ArgumentException>(() => x.View(-1, -1)).Message);
        Assert.Throws<ArgumentException>(() => x.Reshape(5, -1));
        Assert.Equal(new Size(0, 3), Torch.Zeros(0, 3).View(-1, 3).Shape);
        Assert.Equal(new Size(0), Torch.Zeros(0, 3).Reshape(-1).Shape);
    }

    // ---- reading values ----

    [Fact]
    public void ItemReadsOneElement()
    {
        Assert.Equal(2.5f, Torch.Scalar(2.5).Item());
        Assert.Equal(2.5, Torch.Scalar(2.5, DType.Float64).Item<double>());
        Assert.Equal(7L, Torch.FromArray(new long[] { 7 }).Item<long>());
        Assert.Equal(7.0f, Torch.FromArray(new long[] { 7 }).Item());
        Assert.Equal(4f, Torch.FromArray(new float[,] { { 1, 2 }, { 3, 4 } }).Select(1, 1).Select(0, 1).Item());
        Assert.Equal(6L, Torch.Arange(0.0, 10.0, 1.0).Narrow(0, 6, 1).Item<long>());

        var ex = Assert.Throws<InvalidOperationException>(() => Torch.FromArray(new float[] { 1, 2 }).Item());
        Assert.Contains("2 elements", ex.Message);
        Assert.Throws<InvalidOperationException>(() => Torch.Zeros(0).Item());
    }

    [Fact]
    public void ToArrayFlatAndShaped()
    {
        var x = Torch.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, x.ToArray<float>());
        Assert.Equal(new double[] { 1, 4, 2, 5, 3, 6 }, x.T.ToArray<double>());
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, x.ToArray<long>());

        var shaped = x.ToArray();
        Assert.IsType<float[,]>(shaped);
        Assert.Equal(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, (float[,])shaped);
        Assert.Equal(new float[,] { { 1, 4 }, { 2, 5 }, { 3, 6 } }, (float[,])x.T.ToArray());

        Assert.IsType<float[]>(Torch.Ones(3).ToArray());
        Assert.Equal(new float[] { 5 }, (float[])Torch.Scalar(5.0).ToArray());
        Assert.Equal(new long[,,] { { { 0, 1 }, { 2, 3 } }, { { 4, 5 }, { 6, 7 } } }, (long[,,])Torch.Arange(8).View(2, 2, 2).ToArray());
        Assert.Equal(new[,] { { true, false } }, (bool[,])Torch.FromArray(new[] { true, false }).View(1, 2).ToArray());
        Assert.Equal(new double[0, 2], (double[,])Torch.Zeros(new Size(0, 2), DType.Float64).ToArray());
    }

    // ---- comparisons ----

    [Fact]
    public void ComparisonsReturnBoolWithBroadcasting()
    {
        var a = Torch.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = Torch.FromArray(new float[] { 2, 5, 1 });
        var gt = a > b;
        Assert.Equal(DType.Bool, gt.DType);
        // PyTorch: [[False, False, True], [True, False, True]]
        Assert.Equal(new[,] { { false, false, true }, { true, false, true } }, (bool[,])gt.ToArray());
        Assert.Equal(new[,] { { true, true, false }, { false, false, false } }, (bool[,])(a < b).ToArray());
        Assert.Equal(new[,] { { false, false, true }, { true, true, true } }, (bool[,])(a >= b).ToArray());
        Assert.Equal(new[,] { { true, true, false }, { false, true, false } }, (bool[,])(a <= b).ToArray());
        Assert.Equal(new[,] { { false, false, false }, { false, true, false } }, (bool[,])a.Eq(b).ToArray());
        Assert.Equal(new[,] { { true, true, true }, { true, false, true } }, (bool[,])a.Ne(b).ToArray());

        // torch.tensor([1, 2, 3]) > 1.5 == [False, True, True]; int64 == [[1], [3]] broadcasts to [2, 3].
        var i = Torch.FromArray(new long[] { 1, 2, 3 });
        Assert.Equal(new[] { false, true, true }, (i > 1.5).ToArray<bool>());
        Assert.Equal(new[,] { { true, false, false }, { false, false, true } },
            (bool[,])i.Eq(Torch.FromArray(new long[,] { { 1 }, { 3 } })).ToArray());
        Assert.Equal(new[] { false, true, false }, i.Eq(2).ToArray<bool>());

        var nan = Torch.FromArray(new[] { double.NaN, 1.0 });
        Assert.Equal(new[] { false, true }, nan.Eq(nan).ToArray<bool>());
        Assert.Equal(new[] { true, false }, nan.Ne(nan).ToArray<bool>());

        // Transposed operand.
        Assert.Equal(new[,] { { false, false }, { false, true }, { true, true } },
            (bool[,])(a.T > Torch.FromArray(new float[] { 2, 4 })).ToArray());

        // Comparisons never require grad.
        Assert.False((Torch.Ones(new Size(2), requiresGrad: true) > 0.0).RequiresGrad);

        var ex = Assert.Throws<ArgumentException>(() => Torch.Zeros(2, 3) > Torch.Zeros(4));
        Assert.Contains("gt", ex.Message);
    }

    // ---- errors ----

    [Fact]
    public void BadDimensionsThrowOutOfRange()
    {
        var x = Torch.Zeros(2, 3);
        var actions = new Action[]
        {
            () => x.Sum(2),
            () => x.Sum([0, -3]),
            () => x.Mean(5),
            () => x.Transpose(0, 5),
            () => x.Size(-3),
            () => x.Unsqueeze(3),
            () => x.Squeeze(2),
            () => x.Narrow(2, 0, 1),
            () => x.Select(-3, 0),
            () => x.Permute(0, 2),
            () => x.Flatten(0, 2),
            () => Torch.Scalar(1.0).Squeeze(1),
            () => Torch.Scalar(1.0).Sum(1),
        };
        foreach (var a in actions)
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(a);
            Assert.Contains("dimension out of range", ex.Message);
        }
        // PyTorch: "Dimension out of range (expected to be in range of [-2, 1], but got 2)"
        Assert.Contains("[-2, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(2)).Message);
        Assert.Equal(3, x.Size(-1));
        Assert.Equal(2, x.Size(0));

        // A 0-d tensor has no dimension 0 to take the size of.
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Scalar(1.0).Size(0));

        Assert.Throws<IndexOutOfRangeException>(() => x.Select(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 2, 2));
        Assert.Contains("repeated dim", Assert.Throws<ArgumentException>(() => x.Permute(1, 1)).Message);
        Assert.Contains("appears multiple times", Assert.Throws<ArgumentException>(() => x.Sum([1, -1])).Message);
        Assert.Throws<InvalidOperationException>(() => Torch.Zeros(2, 2, 2).T);
    }

    [Fact]
    public void BroadcastingErrorsNameOpAndShapes()
    {
        var cases = new (Func<Tensor> Op, string Name)[]
        {
            (() => Torch.Zeros(2, 3) * Torch.Zeros(2), "mul"),
            (() => Torch.Zeros(2, 3) + Torch.Zeros(2), "add"),
            (() => Torch.Zeros(2, 3) - Torch.Zeros(2), "sub"),
            (() => Torch.Zeros(2, 3) / Torch.Zeros(2), "div"),
        };
        foreach (var (op, name) in cases)
        {
            var ex = Assert.Throws<ArgumentException>(() => op());
            Assert.StartsWith(name, ex.Message);
            Assert.Contains("[2, 3]", ex.Message);
            Assert.Contains("[2]", ex.Message);
            // PyTorch: "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"
            Assert.Contains("size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1", ex.Message);
        }

        // In place, the result must keep this tensor's shape.
        var ex2 = Assert.Throws<ArgumentException>(() => Torch.Zeros(3).Add_(Torch.Zeros(2, 3)));
        Assert.Contains("add_", ex2.Message);
        Assert.Contains("[3]", ex2.Message);
        Assert.Throws<ArgumentException>(() => Torch.Zeros(3).Mul_(Torch.Zeros(2)));
        // An int64 tensor can't hold a float result in place.
        Assert.Throws<ArgumentException>(() => Torch.Arange(3).Mul_(0.5));
    }

    // ---- arithmetic on integers ----

    [Fact]
    public void Int64Arithmetic()
    {
        var a = Torch.FromArray(new long[] { 1, 2, 3 });
        var b = Torch.FromArray(new long[] { 10, 20, 30 });
        AssertLong([11, 22, 33], a + b);
        AssertLong([2, 4, 6], a * 2);
        AssertLong([-9, -18, -27], a - b);
        AssertLong([10, 40, 90], a * b);
        AssertLong([-1, -2, -3], -a);
        AssertLong([1, 2, 3], (-a).Abs());
        AssertLong([6, 7, 8], a + 5);
        AssertLong([9, 8, 7], 10 - a);

        // PyTorch: a / b == [0.1, 0.1, 0.1] (float32); a * 2.5 == [2.5, 5.0, 7.5] (float32); a + tensor([0.5]) is float32.
        var q = a / b;
        Assert.Equal(DType.Float32, q.DType);
        Assert.Equal(new float[] { 0.1f, 0.1f, 0.1f }, q.ToArray<float>());
        var m = a * 2.5;
        Assert.Equal(DType.Float32, m.DType);
        Assert.Equal(new float[] { 2.5f, 5f, 7.5f }, m.ToArray<float>());
        Assert.Equal(DType.Float32, (a + Torch.FromArray(new float[] { 0.5f })).DType);
        Assert.Equal(DType.Float64, (a + Torch.FromArray(new double[] { 0.5 })).DType);

        // bool promotes to int64: tensor([True, False]) + tensor([1, 2]) == [2, 2]
        AssertLong([2, 2], Torch.FromArray(new[] { true, false }) + Torch.FromArray(new long[] { 1, 2 }));

        // In place on int64.
        var c = Torch.FromArray(new long[] { 1, 2, 3 });
        c.Add_(b);
        c.Mul_(2);
        AssertLong([22, 44, 66], c);

        // Large values stay exact (beyond float precision).
        AssertLong([(1L << 53) + 1], Torch.FromArray(new[] { 1L << 53 }) + 1);
    }

    private static void AssertLong(long[] expected, Tensor t)
    {
        Assert.Equal(DType.Int64, t.DType);
        Assert.Equal(expected, t.ToArray<long>());
    }

    [Fact]
    public void SumOfBoolAndIntegersIsInt64()
    {
        var b = Torch.FromArray(new[] { true, false, true, true });
        var s = b.Sum();
        Assert.Equal(DType.Int64, s.DType);
        Assert.Equal(0, s.Dim);
        Assert.Equal(3L, s.Item<long>());

        // torch.tensor([[True, False, True], [True, True, True]]).sum(1) == [2, 3]
        var b2 = Torch.FromArray(new[,] { { true, false, true }, { true, true, true } });
        AssertLong([2, 3], b2.Sum(1));
        AssertLong([2, 1, 2], b2.Sum(0));

        AssertLong([15], Torch.Arange(6).Sum().View(1));
        AssertLong([3, 12], Torch.Arange(6).View(2, 3).Sum(1));
        AssertLong([0], Torch.Zeros(new Size(0), DType.Int64).Sum().View(1));
        Assert.Equal(2L, (Torch.FromArray(new float[] { 1, -2, 3 }) > 0.0).Sum().Item<long>());

        Assert.Contains("mean", Assert.Throws<ArgumentException>(() => Torch.Arange(4).Mean()).Message);
    }

    [Fact]
    public void SumAndMeanValues()
    {
        var x = Arange24();
        Assert.Equal(276f, x.Sum().Item());
        Assert.Equal(new float[] { 12, 15, 18, 21, 48, 51, 54, 57 }, x.Sum(1).ToArray<float>());
        Assert.Equal(new Size(2, 1, 4), x.Sum(1, keepdim: true).Shape);
        // Sum over [0, 2] (non-adjacent): row j sums x[i, j, k] over i, k.
        Assert.Equal(new float[] { 6 + 54, 22 + 70, 38 + 86 }, x.Sum([0, 2]).ToArray<float>());
        Assert.Equal(new float[] { 11.5f }, x.Mean().View(1).ToArray<float>());
        Assert.Equal(new float[] { 1.5f, 5.5f, 9.5f, 13.5f, 17.5f, 21.5f }, x.Mean(-1).ToArray<float>());
        Assert.Equal(new float[] { 12, 15, 18, 21 }, x.Select(0, 0).T.Sum(1).ToArray<float>());
        Assert.True(double.IsNaN(Torch.Zeros(0, 3).Mean().Item()));
        Assert.Equal(new float[] { 0, 0, 0 }, Torch.Zeros(0, 3).Sum(0).ToArray<float>());
    }
}
