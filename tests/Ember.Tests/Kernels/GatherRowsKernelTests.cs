using Ember.Kernels;

namespace Ember.Tests.Kernels;

/// <summary>index_select of whole rows on the thread team: the rows asked for, in order, for every dtype; bad indices
/// raise before anything is copied; 1 and 2 threads agree.</summary>
[Collection("Gemm.NumThreads")]
public class GatherRowsKernelTests
{
    private static long[] Indices(int n, int size, int seed)
    {
        var r = new Random(seed);
        var idx = new long[n];
        for (int i = 0; i < n; i++) idx[i] = r.Next(size);
        idx[0] = size - 1;
        if (n > 2) idx[2] = idx[1]; // repeated
        return idx;
    }

    [Theory]
    [InlineData(600, 784, 256)] // a Fashion-MNIST minibatch
    [InlineData(70, 1000, 300)]
    [InlineData(5, 64, 1025)]
    public void RowsAsAskedFor(int size, int row, int n)
    {
        var x = Torch.Randn([size, row], generator: new Generator(size));
        var idx = Indices(n, size, row);
        var y = x.IndexSelect(0, Torch.FromArray(idx));
        Assert.True(GatherRowsKernel.Suits(x, y, 0) || Threading.NumThreads == 1);
        float[] xs = x.ToArray<float>(), ys = y.ToArray<float>();
        for (int i = 0; i < n; i++)
            Assert.Equal(xs.AsSpan((int)idx[i] * row, row).ToArray(), ys.AsSpan(i * row, row).ToArray());
    }

    [Fact]
    public void EveryDTypeAndStridedIndices()
    {
        var baseX = Torch.Arange(300 * 256).Reshape(300, 256);
        var perm = Torch.Randperm(300, new Generator(4));
        var index = perm.Narrow(0, 10, 280)[TensorIndex.Slice(null, null, 2)]; // offset and stride 2
        var expected = baseX.IndexSelect(0, index.Contiguous()).ToArray<long>();
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int64, DType.Int32, DType.UInt8, DType.Bool, DType.Float16, DType.BFloat16 })
        {
            var x = baseX.To(dtype);
            Assert.Equal(x.IndexSelect(0, index.Contiguous()).To(DType.Float64).ToArray<double>(), x.IndexSelect(0, index).To(DType.Float64).ToArray<double>());
        }
        Assert.Equal(expected, baseX.IndexSelect(0, index).ToArray<long>());
        // Three dimensions: rows of 8·16.
        var x3 = Torch.Randn([100, 8, 16], generator: new Generator(5));
        var i3 = Torch.FromArray(Indices(600, 100, 6));
        var y3 = x3.IndexSelect(0, i3);
        Assert.Equal(x3.Reshape(100, 128).IndexSelect(0, i3).Reshape(600, 8, 16).ToArray<float>(), y3.ToArray<float>());
    }

    [Fact]
    public void BadIndicesRaiseBeforeCopying()
    {
        var x = Torch.Randn([50, 2048], generator: new Generator(7));
        foreach (long bad in new[] { -1L, 50L, long.MaxValue })
        {
            var idx = Indices(64, 50, 8);
            idx[40] = bad;
            var e = Assert.Throws<IndexOutOfRangeException>(() => x.IndexSelect(0, Torch.FromArray(idx)));
            Assert.Contains($"index {bad} is out of bounds for dimension 0 with size 50", e.Message);
        }
    }

    [Fact]
    public void OneAndTwoThreadsAgree()
    {
        var x = Torch.Randn([400, 300], generator: new Generator(9));
        var idx = Torch.FromArray(Indices(500, 400, 10));
        int before = Threading.NumThreads;
        try
        {
            Threading.NumThreads = 1;
            var one = x.IndexSelect(0, idx).ToArray<float>();
            Threading.NumThreads = 2;
            Assert.Equal(one, x.IndexSelect(0, idx).ToArray<float>());
        }
        finally { Threading.NumThreads = before; }
    }
}
