namespace Ember.Tests.Ops;

/// <summary>
/// Several tensor indices in one expression (PyTorch's advanced indexing): broadcasting between index tensors,
/// the placement of the broadcast dimensions (in place when adjacent, else first), masks standing for one index per
/// dimension, reading, writing and autograd. Reference values from PyTorch 1.13.
/// </summary>
public class AdvancedIndexingTests
{
    private static Tensor X() => Torch.Arange(0.0, 24.0, 1.0, DType.Float64).View(2, 3, 4);

    private static Tensor L(params long[] v) => Torch.FromArray(v);

    private static void Is(int[] shape, double[] values, Tensor t)
    {
        Assert.Equal(new Size(shape), t.Shape);
        Assert.Equal(values, t.ToArray<double>());
    }

    [Fact]
    public void ReadingMatchesPyTorch()
    {
        var x = X();
        Is([2, 4], [4, 5, 6, 7, 20, 21, 22, 23], x[L(0, 1), L(1, 2)]);
        Is([2, 2], [1, 6, 13, 18], x[.., L(0, 1), L(1, 2)]);
        Is([2, 3], [1, 5, 9, 14, 18, 22], x[L(0, 1), .., L(1, 2)]);      // separated: broadcast dims first
        Is([3, 2], [1, 2, 5, 6, 9, 10], x[0, .., L(1, 2)]);               // integers are selections first
        Is([2, 2, 4], [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23], x[Torch.FromArray(new long[,] { { 0 }, { 1 } }), L(0, 2)]);
        Is([3, 4], [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19], x[Torch.FromArray(new[,] { { true, false, true }, { false, true, false } })]);
        Is([2, 3, 2], [0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20, 23], x[TensorIndex.Ellipsis, L(0, -1)]);
        Is([1, 2, 2, 4], [4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23], x[TensorIndex.None, L(0, 1), 1..]);
        Is([2, 2], [3, 8, 15, 20], x[.., Torch.FromArray(new[] { true, false, true }), L(3, 0)]);
        Is([2, 2, 2, 1], [4, 6, 8, 10, 16, 18, 20, 22], x[.., 1.., Torch.FromArray(new long[,] { { 0 }, { 2 } })]);
        Assert.Equal(new Size(1, 2, 3, 4), x[Torch.Scalar(true)].Shape);
        Assert.Equal(new Size(0, 2, 3, 4), x[Torch.Scalar(false)].Shape);
        Assert.Equal(new Size(2, 1, 3, 4), x[.., Torch.Scalar(true)].Shape);
    }

    [Fact]
    public void PickIdiomAndGradients()
    {
        // d2l: y_hat[range(n), y]
        var yHat = Torch.FromArray(new[,] { { 0.1, 0.3, 0.6 }, { 0.3, 0.2, 0.5 } }).RequiresGrad_();
        var y = L(0, 2);
        var p = yHat[Torch.Arange(2), y];
        Assert.Equal(new[] { 0.1, 0.5 }, p.ToArray<double>());
        (p * Torch.FromArray(new[] { 2.0, 3.0 })).Sum().Backward();
        Assert.Equal(new[] { 2.0, 0, 0, 0, 0, 3 }, yHat.Grad!.ToArray<double>());

        var w = Torch.Arange(0.0, 12.0, 1.0, DType.Float64).View(3, 4).RequiresGrad_();
        (w.T[L(1, 3), L(0, 2)] * Torch.FromArray(new[] { 5.0, 7.0 })).Sum().Backward();
        Assert.Equal(new[] { 0.0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7 }, w.Grad!.ToArray<double>());

        var w2 = Torch.Arange(0.0, 12.0, 1.0, DType.Float64).View(3, 4).RequiresGrad_();
        w2[L(0, 0, 2), L(1, 1, 3)].Sum().Backward(); // repeated positions accumulate
        Assert.Equal(new[] { 0.0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, w2.Grad!.ToArray<double>());

        TestUtil.GradOk(t => t[0][L(0, 1, 1), L(2, 0, 2)] * 1.0, TestUtil.Input(3, 4));
        TestUtil.GradOk(t => t[0][L(1, 0), .., L(0, 3)], TestUtil.Input(2, 3, 4));
    }

    [Fact]
    public void WritingMatchesPyTorch()
    {
        var z = Torch.Zeros([3, 4], DType.Float64);
        z[L(0, 2), L(1, 3)] = Torch.FromArray(new[] { 5.0, 6.0 });
        Assert.Equal(new[] { 0.0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6 }, z.ToArray<double>());

        var z2 = Torch.Zeros([2, 3, 4], DType.Float64);
        z2[.., L(0, 2), L(1, 3)] = Torch.FromArray(new[,] { { 1.0, 2 }, { 3, 4 } });
        Assert.Equal(new[] { 0.0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4 }, z2.ToArray<double>());

        var z3 = Torch.Zeros([2, 3, 4], DType.Float64);
        z3[L(0, 1), .., L(1, 3)] = Torch.Arange(0.0, 6.0, 1.0, DType.Float64).View(2, 3);
        Assert.Equal(new[] { 0.0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5 }, z3.ToArray<double>());

        var z4 = Torch.Zeros([3, 4], DType.Float64);
        z4.IndexPut_(9, L(0, 2), L(1, 3));
        Assert.Equal(new[] { 0.0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9 }, z4.ToArray<double>());

        // into a transposed (non-contiguous) tensor
        var z5 = Torch.Zeros([3, 4], DType.Float64).T;
        z5[L(0, 2), L(1, 2)] = Torch.FromArray(new[] { 5.0, 6.0 });
        Assert.Equal(new[] { 0.0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 6, 0 }, z5.T.ToArray<double>());
    }

    [Fact]
    public void WritingWithAutograd()
    {
        // PyTorch: a.grad = [3, 6, 0, 0, 15, 18], val.grad = [3, 4]
        var a = Torch.Arange(1.0, 7.0, 1.0, DType.Float64).View(2, 3).RequiresGrad_();
        var val = Torch.FromArray(new[] { 10.0, 20.0 }).RequiresGrad_();
        var h = a * 3.0;
        h[L(0, 1), L(2, 0)] = val;
        (h * Torch.Arange(1.0, 7.0, 1.0, DType.Float64).View(2, 3)).Sum().Backward();
        Assert.Equal(new[] { 3.0, 6, 0, 0, 15, 18 }, a.Grad!.ToArray<double>());
        Assert.Equal(new[] { 3.0, 4 }, val.Grad!.ToArray<double>());
    }

    [Fact]
    public void Errors()
    {
        var x = X();
        var broadcast = Assert.Throws<ArgumentException>(() => x[L(0, 1), L(0, 1, 2)]);
        Assert.Contains("shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]", broadcast.Message);
        var oob = Assert.Throws<IndexOutOfRangeException>(() => x[L(0, 5)]);
        Assert.Contains("index 5 is out of bounds for dimension 0 with size 2", oob.Message);
        var dt = Assert.Throws<ArgumentException>(() => x[Torch.FromArray(new long[] { 0 }).To(DType.Int32)]);
        Assert.Contains("torch.int32", dt.Message);
        var value = Assert.Throws<ArgumentException>(() => x[L(0, 1), L(1, 2)] = Torch.Zeros([3], DType.Float64));
        Assert.Contains("shape mismatch", value.Message);
        // A uint8 tensor is a mask, as in PyTorch.
        Assert.Equal(new Size(2, 3, 4), x[Torch.FromArray(new byte[] { 1, 1 })].Shape);
    }
}
