using Ember.Tests.Ops;

namespace Ember.Tests.Tensors;

/// <summary>
/// Size, stride, offset and element-count arithmetic: sums and products past the int range must give PyTorch's answer
/// or an error that names the op — never a wrapped-around size, an empty tensor where PyTorch raises, an
/// OverflowException or an OutOfMemoryException from the allocator. Huge dimensions are built as expanded views
/// (stride 0), which hold billions of elements over a storage of one.
/// </summary>
public class SizeOverflowTests
{
    private static TEx Throws<TEx>(string op, Func<object?> action, params string[] fragments) where TEx : Exception
    {
        var ex = Assert.Throws<TEx>(() => { action(); });
        Assert.StartsWith(op + ":", ex.Message);
        foreach (var f in fragments) Assert.Contains(f, ex.Message);
        return ex;
    }

    /// <summary>A 1-D float32 view of <paramref name="n"/> zeros over a one-element storage.</summary>
    private static Tensor Huge(int n) => Torch.Zeros(1).Expand(n);

    // ------------------------------------------------------------------ element counts and the allocator

    [Fact]
    public void ATensorHoldsAtMostArrayMaxLengthElements()
    {
        Assert.Equal(Tensor.MaxNumel, Array.MaxLength);
        // Sizes between Array.MaxLength and int.MaxValue used to reach the allocator: OutOfMemoryException.
        Throws<ArgumentException>("zeros", () => Torch.Zeros(int.MaxValue), "2147483647", "2147483591");
        Throws<ArgumentException>("full", () => Torch.Full(new Size(Tensor.MaxNumel + 1), 1.0), "2147483592");
        Throws<ArgumentException>("empty", () => Torch.Empty(new Size(int.MaxValue - 1)));
        Throws<ArgumentException>("rand", () => Torch.Rand(new Size(int.MaxValue)));
        Throws<ArgumentException>("randn", () => Torch.Randn(new Size(int.MaxValue)));
        Throws<ArgumentException>("randint", () => Torch.Randint(10, new Size(int.MaxValue)));
        Throws<ArgumentException>("arange", () => Torch.Arange(2147483600L), "2147483600");
        Throws<ArgumentException>("arange", () => Torch.Arange(0.0, 2147483600.0, 1.0));
        Throws<ArgumentException>("linspace", () => Torch.Linspace(0, 1, int.MaxValue));
        Throws<ArgumentException>("randperm", () => Torch.Randperm(int.MaxValue));
        Throws<ArgumentException>("eye", () => Torch.Eye(1, int.MaxValue));
        Throws<ArgumentException>("eye", () => Torch.Eye(46341));
    }

    [Fact]
    public void AnExpandedViewObeysTheLimitToo()
    {
        // Used to make a view whose Numel threw later, far from the expand.
        Throws<ArgumentException>("expand", () => Torch.Zeros(1).Expand(65536, 65536), "[65536, 65536]", "4294967296");
        Throws<ArgumentException>("expand", () => Torch.BroadcastTo(Torch.Zeros(1, 1), 65536, 65536));
        Assert.Equal(Tensor.MaxNumel, Huge(Tensor.MaxNumel).Numel);
        // A view of no element may have any sizes.
        Assert.Equal(0, Torch.Zeros(0, 1).Expand(0, int.MaxValue).Numel);
    }

    [Fact]
    public void BroadcastResultsNameTheOp()
    {
        // Was "a tensor of shape [65536, 65536] has …" without the op.
        Throws<ArgumentException>("add", () => Torch.Zeros(65536, 1) + Torch.Zeros(1, 65536), "[65536, 65536]");
        Throws<ArgumentException>("mul", () => Torch.Zeros(65536, 1) * Torch.Zeros(1, 65536));
        Throws<ArgumentException>("gt", () => Torch.Zeros(65536, 1) > Torch.Zeros(1, 65536));
        Throws<ArgumentException>("where", () => Torch.Where(Torch.Zeros(new Size(65536, 1), DType.Bool), Torch.Zeros(1, 65536), 0.0));
    }

    [Fact]
    public void MatmulOutputAndBatchSizesNameTheOp()
    {
        Throws<ArgumentException>("matmul", () => Torch.Matmul(Torch.Zeros(65536, 1), Torch.Zeros(1, 65536)), "[65536, 65536]");
        Throws<ArgumentException>("mm", () => Torch.Mm(Torch.Zeros(65536, 1), Torch.Zeros(1, 65536)));
        // The batch dimensions broadcast to [65536, 65536].
        Throws<ArgumentException>("matmul", () => Torch.Matmul(Torch.Zeros(65536, 1, 1, 1), Torch.Zeros(65536, 1, 1)));
        Throws<ArgumentException>("matmul", () => Torch.Matmul(Huge(Tensor.MaxNumel).View(-1, 1), Torch.Zeros(1, 2)));
    }

    [Fact]
    public void CatOfHugePiecesNamesTheOp()
    {
        // 2147483000 + 600 elements: more than a tensor holds but less than int.MaxValue (was OutOfMemoryException).
        Throws<ArgumentException>("cat", () => Torch.Cat([Huge(2147483000), Huge(600)]), "2147483600");
        Throws<ArgumentException>("cat", () => Torch.Cat([Huge(Tensor.MaxNumel), Huge(Tensor.MaxNumel)]), "4294967182");
    }

    // ------------------------------------------------------------------ views: narrow, slice, split, chunk

    [Fact]
    public void NarrowWithAHugeLengthIsAnError()
    {
        // start + length wrapped around to a negative number and gave an empty view. PyTorch:
        // "start (1) + length (2147483647) exceeds dimension size (4)."
        Throws<ArgumentOutOfRangeException>("narrow", () => Torch.Zeros(3, 4).Narrow(1, 1, int.MaxValue), "start (1) + length (2147483647)", "(4)");
        Throws<ArgumentOutOfRangeException>("narrow", () => Torch.Zeros(3, 4).Narrow(1, int.MinValue, 1), "-2147483648");
        Assert.Equal(new Size(3, 3), Torch.Zeros(3, 4).Narrow(1, 1, 3).Shape);
    }

    [Fact]
    public void ASliceWithAHugeStepHasOneElement()
    {
        // end - start + step - 1 wrapped around: the view had size -1. PyTorch: torch.arange(4)[1:2**31-1:2**31-1] is [1].
        var x = Torch.Arange(4)[TensorIndex.Slice(1, int.MaxValue, int.MaxValue)];
        Assert.Equal([1], x.Shape.ToArray());
        OpAssert.Longs([1], x);
        var m = Torch.Arange(12).View(4, 3)[TensorIndex.Slice(0, null, int.MaxValue)];
        OpAssert.Longs([0, 1, 2], m);
    }

    [Fact]
    public void SplitOfAHugeDimensionCountsInSixtyFourBits()
    {
        // size + split_size - 1 wrapped around and gave one piece. PyTorch: [1073741824, 1073741767].
        var pieces = Huge(Tensor.MaxNumel).Split(1 << 30);
        Assert.Equal([1073741824, 1073741767], pieces.Select(p => p.Size(0)));
        Assert.Equal([Tensor.MaxNumel], Huge(Tensor.MaxNumel).Split(int.MaxValue).Select(p => p.Size(0)));
    }

    [Fact]
    public void ChunkingAnEmptyDimensionIntoTooManyPiecesIsAnError()
    {
        // Was new int[int.MaxValue]: OutOfMemoryException.
        Throws<ArgumentOutOfRangeException>("chunk", () => Torch.Zeros(0).Chunk(int.MaxValue), "2147483647", "1048576");
        Assert.Equal(5, Torch.Zeros(0).Chunk(5).Length); // PyTorch: 5 empty pieces
        Assert.Equal(3, Torch.Zeros(3).Chunk(int.MaxValue).Length); // pieces of ceil(3 / chunks) = 1
    }

    [Fact]
    public void AViewShapeWhoseProductWrapsAroundIsInvalid()
    {
        // 384773 · 429509837 · 111620 = 2^64 + 4: the long product wrapped around to the element count 4.
        Throws<ArgumentException>("view", () => Torch.Zeros(4).View(384773, 429509837, 111620), "invalid for input of size 4");
        Throws<ArgumentException>("reshape", () => Torch.Zeros(4).Reshape(384773, 429509837, 111620), "invalid for input of size 4");
        Throws<ArgumentException>("view", () => Torch.Zeros(4).View(384773, 429509837, 111620, -1), "invalid for input of size 4");
        Assert.Equal(new Size(0, 65536, 65536), Torch.Zeros(0).View(0, 65536, 65536).Shape);
    }

    [Fact]
    public void SizeNumelDoesNotWrapAround()
    {
        // Was 4 (a long product modulo 2^64, then checked to int).
        var ex = Assert.Throws<InvalidOperationException>(() => new Size(384773, 429509837, 111620).Numel);
        Assert.StartsWith("numel:", ex.Message);
        Assert.Throws<InvalidOperationException>(() => new Size(65536, 65536).Numel);
        Assert.Equal(0, new Size(0, 65536, 65536, 65536).Numel);
    }

    [Fact]
    public void TheStridesOfAnEmptyTensorDoNotWrapAround()
    {
        // PyTorch: (4294967296, 65536, 1); an int stride cannot hold 2^32, so it is clamped rather than wrapped to 0.
        var strides = Torch.Zeros(0, 65536, 65536).Strides.ToArray();
        Assert.Equal([int.MaxValue, 65536, 1], strides);
    }

    // ------------------------------------------------------------------ repeat, repeat_interleave

    [Fact]
    public void RepeatSizesAreCountedInSixtyFourBits()
    {
        // 4 · 2^30 wrapped around to 0; the error then came from the allocator without the op's name.
        Throws<ArgumentException>("repeat", () => Torch.Zeros(4).Repeat(1 << 30), "4294967296");
        Throws<ArgumentException>("repeat", () => Torch.Zeros(2, 3).Repeat(int.MaxValue, int.MaxValue));
        // An empty result may have huge sizes, but each must fit an int.
        Throws<ArgumentException>("repeat", () => Torch.Zeros(0, 4).Repeat(1, 1 << 30));
        Assert.Equal(new Size(0, 8), Torch.Zeros(0, 4).Repeat(1, 2).Shape);
    }

    [Fact]
    public void RepeatInterleaveSizesAreCountedInSixtyFourBits()
    {
        // [0, 4] repeated 2^30 times along dim 1 gave shape [0, 0] (4 · 2^30 wrapped to 0); PyTorch gives [0, 4294967296].
        Throws<ArgumentException>("repeat_interleave", () => Torch.Zeros(0, 4).RepeatInterleave(1 << 30, dim: 1), "4294967296");
        Throws<ArgumentException>("repeat_interleave", () => Torch.Zeros(4).RepeatInterleave(1 << 30));
        // The total of the counts wrapped around to a negative array length: OverflowException.
        Throws<ArgumentException>("repeat_interleave", () => Torch.RepeatInterleave(Torch.FromArray(new[] { long.MaxValue, 2L })));
        Throws<ArgumentException>("repeat_interleave", () => Torch.RepeatInterleave(Torch.FromArray(new[] { 2147483600L })), "2147483600");
        OpAssert.Longs([0, 2, 2, 2], Torch.RepeatInterleave(Torch.FromArray(new[] { 1L, 0, 3 })));
    }

    // ------------------------------------------------------------------ einsum, randint, division

    [Fact]
    public void EinsumOfAnEmptyOperandDoesNotMergeSizesPastTheIntRange()
    {
        // The matmul path merged i and j (65536 · 32768 = 2^31) into one dimension: "invalid shape dimension -2147483648".
        var a = Torch.Zeros(0, 1, 1, 1).Expand(0, 65536, 32768, 2);
        var y = Torch.Einsum("bijk,bkl->bijl", a, Torch.Zeros(0, 2, 3));
        Assert.Equal(new Size(0, 65536, 32768, 3), y.Shape);
        var z = Torch.Einsum("ik,kj->ij", Torch.Zeros(2, 0), Torch.Zeros(0, 3));
        OpAssert.Values([0, 0, 0, 0, 0, 0], z);
    }

    [Fact]
    public void RandintRangesMustFitTheDtype()
    {
        // Samples were drawn as int64 and wrapped into uint8. PyTorch: "to - 1 is out of bounds for unsigned char".
        Throws<ArgumentException>("randint", () => Torch.Randint(0, 1000, new Size(3), dtype: DType.UInt8), "to - 1 is out of bounds");
        Throws<ArgumentException>("randint", () => Torch.Randint(-1, 3, new Size(3), dtype: DType.UInt8), "from is out of bounds");
        Throws<ArgumentException>("randint", () => Torch.Randint(0, 3, new Size(3), dtype: DType.Bool));
        Throws<ArgumentException>("randint", () => Torch.Randint(0, (1L << 31) + 1, new Size(3), dtype: DType.Int32));
        Assert.Equal(DType.Int32, Torch.Randint(0, 1L << 31, new Size(3), dtype: DType.Int32).DType);
        Assert.All(Torch.Randint(0, 256, new Size(100), new Generator(1), DType.UInt8).ToArray<long>(), v => Assert.InRange(v, 0, 255));
        Assert.All(Torch.Randint(0, 2, new Size(10), new Generator(1), DType.Bool).ToArray<long>(), v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void ADivisorThatConvertsToZeroDividesByZero()
    {
        // int.MinValue is 0 in uint8: the kernel divided by zero with .NET's message. PyTorch: ZeroDivisionError.
        var x = Torch.FromArray(new byte[] { 1, 2, 3 });
        var ex = Assert.Throws<DivideByZeroException>(() => x.FloorDivide_(int.MinValue));
        Assert.StartsWith("div_:", ex.Message);
        Assert.Throws<DivideByZeroException>(() => x.Remainder_(256L));
        OpAssert.Longs([1, 2, 3], x);
    }

    // ------------------------------------------------------------------ more than 16 dimensions

    [Fact]
    public void TensorsWithMoreThanSixteenDimensionsWork()
    {
        // The strided driver refused more than 16 dimensions, even when they coalesce to one.
        int[] ones = [.. Enumerable.Repeat(1, 20), 2, 3];
        var x = Torch.Arange(6).View(ones);
        Assert.Equal(22, x.Dim);
        OpAssert.Longs([1, 2, 3, 4, 5, 6], (x + 1).Reshape(-1));
        Assert.Equal(6, Torch.Zeros(new Size(ones)).Fill_(2.0).Sum().Item() / 2);
        // 17 dimensions of size 2, permuted: nothing coalesces.
        var p = Torch.Arange(1 << 17).View([.. Enumerable.Repeat(2, 17)]).Permute([.. Enumerable.Range(0, 17).Reverse()]);
        var c = p.Contiguous().Reshape(-1).ToArray<long>();
        for (int i = 0; i < c.Length; i++)
        {
            // Element i of the permuted tensor is element reverse-bits(i) of the original.
            int r = 0;
            for (int b = 0; b < 17; b++) r |= ((i >> b) & 1) << (16 - b);
            Assert.Equal(r, c[i]);
        }
        Assert.Equal((1L << 17) * ((1L << 17) - 1), (p * 2).Sum().Item<long>());
    }
}
