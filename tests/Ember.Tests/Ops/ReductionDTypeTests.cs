namespace Ember.Tests.Ops;

/// <summary>
/// Reductions on the new dtypes, against PyTorch 1.13: integers sum and multiply as int64, max/min keep the dtype,
/// and float16/bfloat16 accumulate in float32 and round once (reference values generated with PyTorch; prod and
/// float16 logsumexp, which PyTorch 1.13's CPU lacks, are checked against the float32 computation rounded).
/// </summary>
public class ReductionDTypeTests
{
    private static Tensor H(DType dt) => Torch.FromArray(new[,] { { 1.5, -2.25, 3.0 }, { 0.1, 100.0, -7.5 } }).To(dt);

    private static Tensor I(DType dt) => Torch.FromArray(new long[,] { { 1, -2, 3 }, { 250, 100, -7 } }).To(dt);

    private static void Is(DType dt, double[] expected, Tensor actual)
    {
        Assert.Equal(dt, actual.DType);
        Assert.Equal(expected, actual.ToArray<double>());
    }

    [Fact]
    public void Float16()
    {
        var h = H(DType.Float16);
        Is(DType.Float16, [94.875], h.Sum());
        Is(DType.Float16, [2.25, 92.625], h.Sum(1));
        Is(DType.Float16, [15.8125], h.Mean());
        Is(DType.Float16, [0.7998046875, 48.875, -2.25], h.Mean(0));
        Is(DType.Float16, [3.0, 100.0], h.Amax([1]));
        Is(DType.Float16, [0.0999755859375, -2.25, -7.5], h.Amin([0]));
        Is(DType.Int64, [2, 1], h.Argmax(1));
        Is(DType.Int64, [5], h.Argmin());
        Is(DType.Float16, [7.3125, 3600.0], h.Var(1));
        Is(DType.Float16, [41.40625], h.Std());
        Is(DType.Float16, [100.375], h.Norm());
        Is(DType.Float16, [1.5, 100.0, 3.0], h.Max(0).Values);
        Assert.Equal(h.To(DType.Float32).Prod(1).To(DType.Float16).ToArray<double>(), h.Prod(1).ToArray<double>());
        Assert.Equal(h.To(DType.Float32).LogSumExp([1]).To(DType.Float16).ToArray<double>(), h.LogSumExp([1]).ToArray<double>());
    }

    [Fact]
    public void BFloat16()
    {
        var h = H(DType.BFloat16);
        Is(DType.BFloat16, [95.0], h.Sum());
        Is(DType.BFloat16, [2.25, 92.5], h.Sum(1));
        Is(DType.BFloat16, [15.8125], h.Mean());
        Is(DType.BFloat16, [0.80078125, 49.0, -2.25], h.Mean(0));
        Is(DType.BFloat16, [0.10009765625, -2.25, -7.5], h.Amin([0]));
        Is(DType.BFloat16, [7.3125, 3600.0], h.Var(1));
        Is(DType.BFloat16, [41.5], h.Std());
        Is(DType.BFloat16, [100.5], h.Norm());
        Is(DType.BFloat16, [3.203125, 100.0], h.LogSumExp([1]));
    }

    [Fact]
    public void Integers()
    {
        var i = I(DType.Int32);
        Is(DType.Int64, [345], i.Sum());
        Is(DType.Int64, [2, 343], i.Sum(1));
        Is(DType.Int64, [-6, -175000], i.Prod(1));
        Is(DType.Int32, [3, 250], i.Amax([1]));
        Is(DType.Int32, [1, -2, -7], i.Amin([0]));
        Is(DType.Int64, [2, 0], i.Argmax(1));
        Is(DType.Int32, [250, 100, 3], i.Max(0).Values);
        var u = I(DType.UInt8);
        Is(DType.Int64, [857], u.Sum());
        Is(DType.Int64, [258, 599], u.Sum(1));
        Is(DType.Int64, [762, 6225000], u.Prod(1));
        Is(DType.UInt8, [254, 250], u.Amax([1]));
        Is(DType.UInt8, [1, 100, 3], u.Amin([0]));
        Is(DType.Int64, [1, 0], u.Argmax(1));
        Is(DType.UInt8, [250, 254, 249], u.Max(0).Values);
        var ex = Assert.Throws<ArgumentException>(() => i.Mean());
        Assert.Contains("torch.int32", ex.Message);
    }

    [Fact]
    public void HalfReductionsAreDifferentiable()
    {
        var x = H(DType.BFloat16).RequiresGrad_();
        (x.Sum() + x.Mean() + x.Amax([1]).Sum()).Backward();
        Assert.Equal(DType.BFloat16, x.Grad!.DType);
        // Accumulated in bfloat16 (each gradient sum rounds): within one bfloat16 ulp of the exact values.
        TestUtil.Close([1 + 1 / 6.0, 1 + 1 / 6.0, 2 + 1 / 6.0, 1 + 1 / 6.0, 2 + 1 / 6.0, 1 + 1 / 6.0], x.Grad, 1.0 / 128);
    }
}
