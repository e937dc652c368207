using Ember.Data;

namespace Ember.Tests.Data;

/// <summary>
/// <see cref="Collate"/> as PyTorch's <c>default_collate</c> for every dtype: tensors are stacked (<c>torch.stack</c>, which
/// promotes mixed dtypes), each field of a sample on its own, and numbers become tensors as <c>torch.tensor(batch)</c> makes them.
/// </summary>
public class CollateDTypeTests
{
    private static readonly DType[] AllDTypes =
        [DType.Float32, DType.Float64, DType.Float16, DType.BFloat16, DType.Int64, DType.Int32, DType.UInt8, DType.Bool];

    [Fact]
    public void StacksEveryDType()
    {
        foreach (var dt in AllDTypes)
        {
            var a = Torch.Arange(6).View(2, 3).To(dt);
            var b = (Torch.Arange(6).View(3, 2).T + 1).To(dt);   // strided
            var batch = Collate.Stack([a, b]);
            Assert.Equal(dt, batch.DType);
            Assert.Equal(new[] { 2, 2, 3 }, batch.Shape.ToArray());
            Assert.Equal(a.ToArray<double>().Concat(b.ToArray<double>()), batch.ToArray<double>());
            var scalars = Collate.Stack([Torch.Scalar(1L).To(dt), Torch.Scalar(0L).To(dt)]);
            Assert.Equal(new[] { 2 }, scalars.Shape.ToArray());
            Assert.Equal(dt, scalars.DType);
        }
    }

    // torch.stack (and so default_collate) promotes: float16 + bfloat16 → float32, uint8 + int32 → int32, bool + uint8 → uint8.
    [Theory]
    [InlineData(DType.Float16, DType.BFloat16, DType.Float32)]
    [InlineData(DType.UInt8, DType.Int32, DType.Int32)]
    [InlineData(DType.Bool, DType.UInt8, DType.UInt8)]
    [InlineData(DType.Int64, DType.Float32, DType.Float32)]
    [InlineData(DType.Float32, DType.Float64, DType.Float64)]
    public void PromotesMixedDTypesAsTorchStack(DType a, DType b, DType expected)
    {
        var x = Torch.FromArray(new[] { 1.0, 0.0, 2.0 }).To(a);
        var y = Torch.FromArray(new[] { 1.0, 1.0, 0.0 }).To(b).Narrow(0, 0, 3);
        var batch = Collate.Stack([x, y, x]);
        Assert.Equal(expected, batch.DType);
        Assert.Equal(expected, Torch.Stack([x, y, x]).DType);
        Assert.Equal(Torch.Stack([x, y, x]).ToArray<double>(), batch.ToArray<double>());
    }

    [Fact]
    public void NumbersBecomeTensorsAsTorchTensorMakesThem()
    {
        // default_collate([1, 2]) → int64, ([1.0, 2.0]) → float64, ([True, False]) → bool; NumPy float32/uint8 scalars keep their dtype.
        var ints = Collate.Numbers([1, 2]);
        Assert.Equal(DType.Int64, ints.DType);
        Assert.Equal(new[] { 1L, 2L }, ints.ToArray<long>());
        Assert.Equal(DType.Int64, Collate.Numbers([3L]).DType);
        var doubles = Collate.Numbers([1.5, 2.0]);
        Assert.Equal(DType.Float64, doubles.DType);
        Assert.Equal(new[] { 1.5, 2.0 }, doubles.ToArray<double>());
        Assert.Equal(DType.Float32, Collate.Numbers([1f]).DType);
        Assert.Equal(DType.Bool, Collate.Numbers([true, false]).DType);
        Assert.Equal(DType.UInt8, Collate.Numbers(new byte[] { 7 }).DType);
        Assert.Equal(DType.Float16, Collate.Numbers([(Half)1]).DType);
        Assert.Equal(DType.BFloat16, Collate.Numbers([(BFloat16)1f]).DType);
        var e = Assert.Throws<NotSupportedException>(() => Collate.Numbers(new short[] { 1 }));
        Assert.StartsWith("collate:", e.Message);
        Assert.Contains("Int16", e.Message);
        Assert.Throws<ArgumentException>(() => Collate.Numbers(Array.Empty<int>()));
    }

    [Fact]
    public void PairsCollateEachFieldOnItsOwn()
    {
        // default_collate([(uint8 image, 3), (uint8 image, 1)]) → (uint8 [2, 2, 2], int64 [2]).
        var img = Torch.Arange(4).View(2, 2).To(DType.UInt8);
        var (x, y) = Collate.Pairs<int>([(img, 3), (img + 1, 1)]);
        Assert.Equal(DType.UInt8, x.DType);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 1, 2, 3, 4 }, x.ToArray<byte>());
        Assert.Equal(DType.Int64, y.DType);
        Assert.Equal(new[] { 3L, 1L }, y.ToArray<long>());
        var (_, t) = Collate.Pairs<double>([(img, 0.5), (img, 1.5)]);
        Assert.Equal(DType.Float64, t.DType);
        // Tensor pairs: a uint8 input and an int64 target stay what they are.
        var (xi, yi) = Collate.Pairs([(img, Torch.Scalar(2L)), (img, Torch.Scalar(5L))]);
        Assert.Equal(DType.UInt8, xi.DType);
        Assert.Equal(DType.Int64, yi.DType);
    }

    [Fact]
    public void LoaderBatchesUInt8Data()
    {
        var data = Torch.Arange(5 * 4).View(5, 2, 2).To(DType.UInt8);
        var ds = TensorDataset.Of(data, Torch.Arange(5));
        var batches = new DataLoader(ds, batchSize: 2).ToList();
        Assert.Equal(3, batches.Count);
        Assert.Equal(DType.UInt8, batches[0].Input.DType);
        Assert.Equal(new[] { 2, 2, 2 }, batches[0].Input.Shape.ToArray());
        Assert.Equal(data.ToArray<byte>()[8..16], batches[1].Input.ToArray<byte>());
        var arrays = new DataLoader<Tensor[], Tensor[]>(new TensorDataset(data, Torch.Arange(5).To(DType.Float16)), Collate.Arrays, batchSize: 5).Single();
        Assert.Equal(DType.UInt8, arrays[0].DType);
        Assert.Equal(DType.Float16, arrays[1].DType);
    }
}
