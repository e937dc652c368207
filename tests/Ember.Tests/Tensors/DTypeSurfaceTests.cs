namespace Ember.Tests.Tensors;

/// <summary>
/// The new dtypes end to end: creation, printing, indexing, copy, matmul and the checked scalar conversions of
/// fills and factories, against PyTorch 1.13 (reference values generated with it).
/// </summary>
public class DTypeSurfaceTests
{
    [Fact]
    public void PrintsLikePyTorch()
    {
        Assert.Equal("tensor([  1,   2, 250], dtype=torch.uint8)", Torch.FromArray(new byte[] { 1, 2, 250 }).ToString());
        Assert.Equal("tensor([[ 1, -2],\n        [ 3,  4]], dtype=torch.int32)", Torch.FromArray(new long[,] { { 1, -2 }, { 3, 4 } }, DType.Int32).ToString());
        Assert.Equal("tensor([ 1.5000e+00, -2.2500e+00,  6.5504e+04], dtype=torch.float16)", Torch.FromArray(new[] { 1.5, -2.25, 65504 }).To(DType.Float16).ToString());
        Assert.Equal("tensor([ 1.5000e+00, -2.2500e+00,  1.0003e+30], dtype=torch.bfloat16)", Torch.FromArray(new[] { 1.5, -2.25, 1e30 }).To(DType.BFloat16).ToString());
        Assert.Equal("tensor(2.5000, dtype=torch.float16)", Torch.Scalar(2.5, DType.Float16).ToString());
        Assert.Equal("tensor([], dtype=torch.uint8)", Torch.Zeros(new Size(0), DType.UInt8).ToString());
        Assert.Equal("tensor([], size=(2, 0), dtype=torch.int32)", Torch.Zeros(new Size(2, 0), DType.Int32).ToString());
        Assert.Equal("tensor([1.0010e-01, 1.0000e+03], dtype=torch.bfloat16)", Torch.FromArray(new[] { 0.1, 1000.5 }).To(DType.BFloat16).ToString());
    }

    [Fact]
    public void CreationInfersTheDTypeFromTheCSharpValue()
    {
        Assert.Equal(DType.Int64, Torch.Full([2, 3], 7).DType);
        Assert.Equal(DType.Float32, Torch.Full([2, 3], 7.0).DType);
        Assert.Equal(DType.Bool, Torch.Full([2], true).DType);
        Assert.Equal(DType.Int64, Torch.Scalar(3).DType);
        Assert.Equal(DType.Float32, Torch.Scalar(3.0).DType);
        Assert.Equal(DType.Int64, Torch.Arange(5).DType);
        Assert.Equal(DType.Float32, Torch.Arange(0.0, 1.0, 0.25).DType);
        Assert.Equal(DType.UInt8, Torch.Arange(0, 300, 100, DType.UInt8).DType);
        Assert.Equal(new byte[] { 0, 100, 200 }, Torch.Arange(0, 300, 100, DType.UInt8).ToArray<byte>());
        Assert.Equal(DType.UInt8, Torch.FromArray(new byte[] { 1 }).DType);
        Assert.Equal(DType.Float16, Torch.FromArray(new[] { (Half)1 }).DType);
        Assert.Equal(DType.BFloat16, Torch.FromArray(new[] { (BFloat16)1f }).DType);
        // Every factory takes the shape as a collection expression and a dtype.
        Assert.Equal(DType.Int32, Torch.Zeros([2, 3], DType.Int32).DType);
        Assert.Equal(new Size(2, 3), Torch.Ones([2, 3], DType.Float16).Shape);
        Assert.Equal(DType.Float16, Torch.Randn([4], DType.Float16).DType);
        Assert.Equal(DType.Int32, Torch.Randint(0, 5, [3], dtype: DType.Int32).DType);
        Assert.Equal(new[] { 1.0, 0, 0, 1 }, Torch.Eye(2, dtype: DType.UInt8).ToArray<double>());
    }

    [Fact]
    public void FillsAndFactoriesRejectValuesThatDoNotFit()
    {
        // PyTorch: "value cannot be converted to type … without overflow".
        void Overflows(Func<object> f, params string[] fragments)
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(f);
            Assert.Contains("without overflow", ex.Message);
            foreach (var s in fragments) Assert.Contains(s, ex.Message);
        }
        Overflows(() => Torch.Full([1], 1e300), "full", "torch.float32");
        Overflows(() => Torch.Full([1], double.NaN, DType.Int64), "full", "torch.int64");
        Overflows(() => Torch.Full([1], 1e20, DType.Int64), "torch.int64");
        Overflows(() => Torch.Full([1], 256, DType.UInt8), "256", "torch.uint8");
        Overflows(() => Torch.Full([1], -1.0, DType.UInt8), "torch.uint8");
        Overflows(() => Torch.Full([1], 65520.0, DType.Float16), "torch.float16");
        Overflows(() => Torch.Full([1], 3.4e38, DType.BFloat16), "torch.bfloat16");
        Overflows(() => Torch.Full([1], 1L << 31, DType.Int32), "torch.int32");
        Overflows(() => Torch.Zeros(new Size(2), DType.Int64).Fill_(double.NaN), "fill_");
        Overflows(() => Torch.Zeros(2).Fill_(1e300), "fill_");
        Overflows(() => Torch.Zeros(new Size(2), DType.Int64).MaskedFill(Torch.Ones(new Size(2), DType.Bool), 1e20), "masked_fill");
        Overflows(() => Torch.Zeros(2).MaskedFill_(Torch.Ones(new Size(2), DType.Bool), 1e300), "masked_fill_");
        Overflows(() => Torch.Where(Torch.Ones(new Size(2), DType.Bool), Torch.Zeros(new Size(2), DType.UInt8), 300), "where", "torch.uint8");
        Overflows(() => Torch.Ones(2).Clamp(min: 1e300), "clamp", "torch.float32");
        // What fits: PyTorch wraps -1 into uint8 as 255, keeps NaN and inf in floats, truncates 2.5 into int64.
        Assert.Equal(new byte[] { 255 }, Torch.Full([1], -1, DType.UInt8).ToArray<byte>());
        Assert.True(double.IsNaN(Torch.Full([1], double.NaN).Item()));
        Assert.Equal(double.PositiveInfinity, Torch.Full([1], double.PositiveInfinity, DType.Float16).Item());
        Assert.Equal(2L, Torch.Full([1], 2.5, DType.Int64).Item<long>());
        Assert.Equal(new[] { true }, Torch.Full([1], double.NaN, DType.Bool).ToArray<bool>());
        // An int64 tensor clamped by an integer stays int64; by a huge float it becomes float (PyTorch).
        Assert.Equal(DType.Int64, Torch.Ones(new Size(2), DType.Int64).Clamp(0, 5).DType);
        Assert.Equal(DType.Float32, Torch.Ones(new Size(2), DType.Int64).Clamp(min: 1e30).DType);
    }

    [Fact]
    public void IndexingCopyAndComparisonWorkForEveryDType()
    {
        foreach (var dt in DTypeExtensions.All)
        {
            var x = Torch.Arange(6).To(dt).View(2, 3);
            var picked = x.IndexSelect(1, Torch.FromArray(new long[] { 2, 0 }));
            Assert.Equal(dt, picked.DType);
            var expected = dt == DType.Bool ? new[] { 1.0, 0, 1, 1 } : new[] { 2.0, 0, 5, 3 };
            Assert.Equal(expected, picked.ToArray<double>());
            Assert.Equal(dt, x.T.Contiguous().DType);
            Assert.Equal(x.ToArray<double>(), x.Clone().ToArray<double>());
            var same = x == x.Clone();
            Assert.Equal(DType.Bool, same.DType);
            Assert.True(same.ToArray<bool>().All(b => b), dt.ToString());
            var g = x.Gather(1, Torch.FromArray(new long[,] { { 1 }, { 2 } }));
            Assert.Equal(dt == DType.Bool ? new[] { 1.0, 1 } : new[] { 1.0, 5 }, g.ToArray<double>());
            var w = Torch.Where(x > 2L, x, Torch.ZerosLike(x));
            Assert.Equal(dt, w.DType);
            var masked = x.MaskedSelect(x > 2L);
            Assert.Equal(dt == DType.Bool ? 0 : 3, masked.Numel);
            var c = Torch.Cat([x, x], 0);
            Assert.Equal(new Size(4, 3), c.Shape);
            Assert.Equal(dt, c.DType);
        }
    }

    [Fact]
    public void MatmulForIntegerAndHalfDTypes()
    {
        Assert.Equal(new[] { 3, 3, 3, 3 }, (Torch.Ones([2, 3], DType.Int32).Matmul(Torch.Ones([3, 2], DType.Int32))).ToArray<int>());
        // uint8 wraps: 200·2 + 100·1 = 500 ≡ 244 (PyTorch).
        var u = Torch.FromArray(new byte[] { 200, 100 }, 1, 2).Matmul(Torch.FromArray(new byte[] { 2, 1 }, 2, 1));
        Assert.Equal(DType.UInt8, u.DType);
        Assert.Equal(new byte[] { 244 }, u.ToArray<byte>());
        // bfloat16 accumulates in float32 and rounds once (PyTorch: [[9.0625, 13.25], [16.5, 24.25]]).
        var a = Torch.FromArray(new[,] { { 1.5, 2.25 }, { 3, 4 } }).To(DType.BFloat16);
        var b = Torch.FromArray(new[,] { { 1.1, 2.2 }, { 3.3, 4.4 } }).To(DType.BFloat16);
        var y = a.Matmul(b);
        Assert.Equal(DType.BFloat16, y.DType);
        Assert.Equal(new[] { 9.0625, 13.25, 16.5, 24.25 }, y.ToArray<double>());
        var ex = Assert.Throws<ArgumentException>(() => Torch.Ones(2, 3).Matmul(Torch.Ones([3, 2], DType.Float64)));
        Assert.Contains("torch.float64", ex.Message);
    }

    [Fact]
    public void IntegerArithmeticWrapsAndHalfFloatsRoundOncePerOp()
    {
        // int32 and uint8 wrap like C (PyTorch).
        Assert.Equal(new[] { int.MinValue }, (Torch.Full([1], int.MaxValue, DType.Int32) + 1).ToArray<int>());
        Assert.Equal(new byte[] { 44 }, (Torch.Full([1], 200, DType.UInt8) + 100).ToArray<byte>());
        Assert.Equal(new byte[] { 255 }, (-Torch.Full([1], 1, DType.UInt8)).ToArray<byte>());
        Assert.Equal(new[] { long.MinValue }, Torch.Full([1], long.MinValue).Abs().ToArray<long>());
        // x + 2 keeps the integer dtype; x + 2.0 gives the default float dtype (C# long and double overloads).
        var i = Torch.Arange(0, 3, 1, DType.Int32);
        Assert.Equal(DType.Int32, (i + 2).DType);
        Assert.Equal(DType.Float32, (i + 2.0).DType);
        Assert.Equal(DType.Float32, (i / 2).DType);
        // float16 arithmetic: each op rounds its float32 result once (1 + 2^-11 is a tie, to even).
        var h = Torch.Full([1], 1.0, DType.Float16);
        Assert.Equal(1.0, (h + Math.Pow(2, -11)).Item());
        Assert.Equal(1.0009765625, (h + Math.Pow(2, -10)).Item());
    }

    [Fact]
    public void UnsupportedDTypesRaiseNotSupportedNamingTheOp()
    {
        var ex = Assert.Throws<NotSupportedException>(() => Torch.Ones(new Size(2), DType.Bool).Abs());
        Assert.Contains("abs", ex.Message);
        Assert.Contains("torch.bool", ex.Message);
        Assert.Throws<NotSupportedException>(() => Torch.Ones(new Size(2), DType.Bool).Relu());
    }
}

/// <summary>Tests that change the process-wide default dtype, run alone (every other test assumes float32).</summary>
[CollectionDefinition("DefaultDType", DisableParallelization = true)]
public class DefaultDTypeCollection { }

[Collection("DefaultDType")]
public class DefaultDTypeTests
{
    [Fact]
    public void DefaultDTypeIsSettable()
    {
        try
        {
            Torch.SetDefaultDType(DType.Float64);
            Assert.Equal(DType.Float64, Torch.Zeros(2).DType);
            Assert.Equal(DType.Float64, Torch.Full([1], 2.5).DType);
            Assert.Equal(DType.Float64, (Torch.Arange(3) + 0.5).DType);
            Assert.Equal(DType.Float64, Torch.Arange(3).Exp().DType);
            Assert.Equal("tensor([0.5000, 1.5000])", (Torch.Arange(2) + 0.5).ToString());
            Assert.Equal("tensor([0., 1.], dtype=torch.float32)", Torch.Arange(0.0, 2.0, 1.0, DType.Float32).ToString());
            var ex = Assert.Throws<ArgumentException>(() => Torch.SetDefaultDType(DType.Int64));
            Assert.Contains("torch.int64", ex.Message);
        }
        finally
        {
            Torch.SetDefaultDType(DType.Float32);
        }
    }
}

/// <summary>Shapes flow between calls in any form: params, arrays, collection expressions and <see cref="Size"/>.</summary>
public class ShapeFormsTests
{
    [Fact]
    public void EveryShapeFormIsAccepted()
    {
        var x = Torch.Arange(0.0, 6.0, 1.0);
        var other = Torch.Zeros(3, 2);
        int[] arr = [2, 3];
        Assert.Equal(new Size(2, 3), x.View(2, 3).Shape);
        Assert.Equal(new Size(2, 3), x.View([2, 3]).Shape);
        Assert.Equal(new Size(2, 3), x.View(arr).Shape);
        Assert.Equal(new Size(3, 2), x.View(other.Shape).Shape);
        Assert.Equal(new Size(3, 2), x.Reshape(other.Shape).Shape);
        Assert.Equal(new Size(6, 1), x.Reshape([.. x.Shape, 1]).Shape);
        Assert.Equal(new Size(2, 6), x.Expand([2, 6]).Shape);
        Assert.Equal(new Size(2, 6), x.Expand(new Size(2, 6)).Shape);
        Assert.Equal(new Size(2, 3), Torch.Zeros([2, 3]).Shape);
        Assert.Equal(new Size(3, 2), Torch.Zeros(other.Shape).Shape);
        Assert.Equal(new Size(2, 3), Torch.Ones(arr).Shape);
        Size s = [4, 5];
        Assert.Equal(new Size(4, 5), Torch.Randn(s).Shape);
        Assert.Equal(DType.Float64, Torch.Zeros(s, DType.Float64, requiresGrad: true).DType);
    }
}
