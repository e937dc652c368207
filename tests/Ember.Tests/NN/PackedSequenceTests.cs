using Ember.NN.Utils;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>pad_sequence, pack_sequence, pack_padded_sequence and pad_packed_sequence against PyTorch 1.13.</summary>
public class PackedSequenceTests
{
    private static readonly Tensor A = Torch.FromArray(new[] { 1.0, 2, 3 });
    private static readonly Tensor B = Torch.FromArray(new[] { 4.0 });
    private static readonly Tensor C = Torch.FromArray(new[] { 5.0, 6 });

    [Fact]
    public void PadSequence()
    {
        var p = Rnn.PadSequence([A, B, C]);
        Assert.Equal([3, 3], p.Shape.ToArray());
        Close([1, 4, 5, 2, 0, 6, 3, 0, 0], p.Contiguous(), 0);
        var q = Rnn.PadSequence([A, B, C], batchFirst: true, paddingValue: -1);
        Close([1, 2, 3, 4, -1, -1, 5, 6, -1], q.Contiguous(), 0);
    }

    [Fact]
    public void PackSequenceUnsortedAndBack()
    {
        var p = Rnn.PackSequence([A, B, C], enforceSorted: false);
        Close([1, 5, 4, 2, 6, 3], p.Data, 0);
        Assert.Equal([3L, 2, 1], p.BatchSizes.ToArray<long>());
        Assert.Equal([0L, 2, 1], p.SortedIndices!.ToArray<long>());
        Assert.Equal([0L, 2, 1], p.UnsortedIndices!.ToArray<long>());
        var (padded, lengths) = Rnn.PadPackedSequence(p, batchFirst: true, paddingValue: 9, totalLength: 5);
        Assert.Equal([3, 5], padded.Shape.ToArray());
        Close([1, 2, 3, 9, 9, 4, 9, 9, 9, 9, 5, 6, 9, 9, 9], padded.Contiguous(), 0);
        Assert.Equal([3L, 1, 2], lengths.ToArray<long>());
    }

    [Fact]
    public void PackPaddedSequenceUnsorted()
    {
        var x = Torch.Arange(24).To(DType.Float64).Reshape(4, 3, 2);
        var p = Rnn.PackPaddedSequence(x, [2, 4, 1], enforceSorted: false);
        Close([2, 3, 0, 1, 4, 5, 8, 9, 6, 7, 14, 15, 20, 21], p.Data, 0);
        Assert.Equal([3L, 2, 1, 1], p.BatchSizes.ToArray<long>());
        Assert.Equal([1L, 0, 2], p.SortedIndices!.ToArray<long>());
        Assert.Equal([1L, 0, 2], p.UnsortedIndices!.ToArray<long>());
        // Sorted lengths pack without a permutation; the tensor overload agrees.
        var q = Rnn.PackPaddedSequence(x, Torch.FromArray(new long[] { 4, 2, 1 }, 3));
        Assert.Null(q.SortedIndices);
        Assert.Equal([3L, 2, 1, 1], q.BatchSizes.ToArray<long>());
        // batch_first round trip
        var xb = x.Transpose(0, 1);
        var pb = Rnn.PackPaddedSequence(xb, [2, 4, 1], batchFirst: true, enforceSorted: false);
        Close(p.Data.ToArray<double>(), pb.Data, 0);
    }

    [Fact]
    public void GradientsFlowThroughPackAndPad()
    {
        GradOk(a =>
        {
            var p = Rnn.PackPaddedSequence(a[0], [2, 3, 1], enforceSorted: false);
            return Rnn.PadPackedSequence(p, totalLength: 4).Padded;
        }, Input(3, 3, 2));
        GradOk(a => Rnn.PackSequence([a[0], a[1]], enforceSorted: false).Data, Input(2, 2), Input(3, 2));
    }

    [Fact]
    public void BadInputs()
    {
        var x = Torch.Zeros(4, 3, 2);
        Assert.StartsWith("pack_padded_sequence: `lengths` array must be sorted in decreasing order when `enforce_sorted` is True, got [2, 4, 1]",
            Assert.Throws<ArgumentException>(() => Rnn.PackPaddedSequence(x, [2, 4, 1])).Message);
        Assert.StartsWith("pack_padded_sequence: length 5 of sequence 1 exceeds the input's time dimension T=4 (input [4, 3, 2]",
            Assert.Throws<ArgumentException>(() => Rnn.PackPaddedSequence(x, [2, 5, 1], enforceSorted: false)).Message);
        Assert.StartsWith("pack_padded_sequence: length of all samples has to be greater than 0",
            Assert.Throws<ArgumentException>(() => Rnn.PackPaddedSequence(x, [2, 0, 1], enforceSorted: false)).Message);
        Assert.StartsWith("pack_padded_sequence: expected len(lengths) to be equal to batch_size, but got 2",
            Assert.Throws<ArgumentException>(() => Rnn.PackPaddedSequence(x, [2, 1])).Message);
        Assert.StartsWith("pad_sequence: received an empty list",
            Assert.Throws<ArgumentException>(() => Rnn.PadSequence([])).Message);
        Assert.StartsWith("pad_sequence: all sequences must have the same trailing dimensions",
            Assert.Throws<ArgumentException>(() => Rnn.PadSequence([Torch.Zeros(2, 3), Torch.Zeros(2, 4)])).Message);
        var p = Rnn.PackSequence([A, C]);
        Assert.StartsWith("pad_packed_sequence: expected total_length to be at least the length of the longest sequence in input, but got total_length=2 and max sequence length being 3",
            Assert.Throws<ArgumentException>(() => Rnn.PadPackedSequence(p, totalLength: 2)).Message);
        Assert.StartsWith("PackedSequence: batch_sizes must be positive and non-increasing",
            Assert.Throws<ArgumentException>(() => new PackedSequence(Torch.Zeros(3), Torch.FromArray(new long[] { 1, 2 }, 2))).Message);
    }
}
