using static Ember.Tests.Ops.OpAssert;

namespace Ember.Tests.Ops;

/// <summary>isclose, allclose and equal against PyTorch 1.13.</summary>
public class CloseTests
{
    private const double Inf = double.PositiveInfinity, NaN = double.NaN;

    [Fact]
    public void IscloseDefaultsAndTolerances()
    {
        var a = F64(1, 100, 1e-9, 0, 1, 5);
        var b = F64(1 + 1.1e-5, 100.001, 0, 1e-8, 1 + 0.9e-5, 5.00006);
        Bools([false, true, true, true, true, false], Torch.Isclose(a, b));
        Bools([false, true, true, true, true, false], Torch.Isclose(a.To(DType.Float32), b.To(DType.Float32)));
        Bools([false, true, true, true, true, false], b.Isclose(a));
        Bools([true, true, false, false, true, true], Torch.Isclose(a, b, rtol: 1e-4, atol: 0));
    }

    [Fact]
    public void InfinitiesAndNaN()
    {
        var a = F64(NaN, Inf, -Inf, 1.0);
        var b = F64(NaN, Inf, Inf, 1.0 + 1e-6);
        Bools([false, true, false, true], Torch.Isclose(a, b));
        Bools([true, true, false, true], Torch.Isclose(a, b, equalNan: true));
        Assert.False(Torch.Allclose(a, b));
        Assert.True(Torch.Allclose(a, a, equalNan: true));
    }

    [Fact]
    public void IntegersBoolsAndHalf()
    {
        Bools([true, false, false], Torch.Isclose(Ints(DType.Int64, 1, 2, 300), Ints(DType.Int64, 1, 3, 301)));
        Bools([true, false, true], Torch.Isclose(Ints(DType.Int64, 1, 2, 300), Ints(DType.Int64, 1, 3, 301), rtol: 0.01));
        Bools([true, false], Torch.Isclose(Ints(DType.Bool, 1, 0), Ints(DType.Bool, 1, 1)));
        Bools([true, false], Torch.Isclose(Ints(DType.Bool, 1, 0), Ints(DType.Bool, 1, 1), rtol: 0.1));
        Bools([true, true], Torch.Isclose(Ints(DType.Int64, 5, 7), Ints(DType.Int64, 6, 7), atol: 1, rtol: 0));
        // uint8 differences do not wrap
        Bools([true, true], Torch.Isclose(Ints(DType.UInt8, 5, 7), Ints(DType.UInt8, 6, 7), atol: 1, rtol: 0));
        Bools([true, true], Torch.Isclose(Ints(DType.UInt8, 6, 7), Ints(DType.UInt8, 5, 7), atol: 1, rtol: 0));
        Bools([true, false], Torch.Isclose(F64(1, 2).To(DType.Float16), F64(1.001, 2.01).To(DType.Float16), rtol: 1e-3));
    }

    [Fact]
    public void BroadcastTransposedAndEmpty()
    {
        Shape([2, 3], Torch.Isclose(Torch.Zeros(2, 3), Torch.Zeros(3)));
        Assert.True(Torch.Allclose(Torch.Zeros(2, 3), Torch.Zeros(3)));
        var m = Torch.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        Bools([true, false, false, true], Torch.Isclose(m.T, m));
        Assert.True(Torch.Allclose(Torch.Zeros(0, 3), Torch.Zeros(3)));
        Assert.True(m.Allclose(m + 1e-9));
    }

    [Fact]
    public void IscloseErrors()
    {
        Assert.Contains("isclose: Float did not match Double",
            Assert.Throws<ArgumentException>(() => Torch.Isclose(Torch.Zeros(2), Torch.Zeros(new Size([2]), DType.Float64))).Message);
        Assert.Contains("isclose: Long did not match Int", Assert.Throws<ArgumentException>(() => Torch.Isclose(Ints(DType.Int64, 1), Ints(DType.Int32, 1))).Message);
        Assert.Contains("isclose: rtol must be greater than or equal to zero, but got -1",
            Assert.Throws<ArgumentException>(() => Torch.Isclose(Torch.Zeros(2), Torch.Zeros(2), rtol: -1)).Message);
        Assert.Contains("allclose: atol must be greater than or equal to zero, but got -1",
            Assert.Throws<ArgumentException>(() => Torch.Allclose(Torch.Zeros(2), Torch.Zeros(2), atol: -1)).Message);
        Assert.Throws<ArgumentException>(() => Torch.Allclose(Torch.Zeros(2, 3), Torch.Zeros(4)));
    }

    [Fact]
    public void Equal()
    {
        Assert.True(Torch.Equal(F64(1, 2), Torch.FromArray(new float[] { 1, 2 })));
        Assert.True(Torch.Equal(F64(1, 2), Ints(DType.Int64, 1, 2)));
        Assert.False(Torch.Equal(Torch.Zeros(2, 3), Torch.Zeros(3)));
        Assert.False(Torch.Equal(F64(NaN), F64(NaN)));
        Assert.True(Torch.Equal(F64(0.0), F64(-0.0)));
        Assert.False(F64(1, 2).Equal(F64(1, 3)));
        var m = Torch.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        Assert.True(Torch.Equal(m.T, Torch.FromArray(new double[,] { { 1, 3 }, { 2, 4 } })));
        Assert.True(Torch.Equal(Torch.Zeros(0, 2), Torch.Zeros(0, 2)));
        Assert.True(Torch.Equal(Ints(DType.Bool, 1, 0), Ints(DType.UInt8, 1, 0)));
    }
}
