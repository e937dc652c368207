using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

public class SoftmaxTests
{
    // Fixed inputs; the expected values below come from PyTorch 1.13 on the same literals.
    private static Tensor A() => Torch.FromArray(new float[,] { { 1.5f, -2, 3 }, { 0.5f, 4, -1 } });

    private static Tensor B() => Torch.FromArray(new float[,,]
    {
        { { 1, 2 }, { 3, 4 }, { 5, 6 } },
        { { -1, 0.5f }, { 2, -3 }, { 0.25f, 7 } },
    });

    private static Tensor Big() => Torch.FromArray(new float[,] { { 1000, 0, -1000 }, { 1000, 1000, 1000 }, { -1000, -999, -1000 } });

    private const double F32 = 1e-5;

    [Fact]
    public void SoftmaxMatchesPyTorch()
    {
        Close([0.18142607808113098, 0.0054785930551588535, 0.8130952715873718, 0.02912176214158535, 0.9643803238868713, 0.0064979433082044125],
            A().Softmax(1), F32);
        Close([0.18142607808113098, 0.0054785930551588535, 0.8130952715873718, 0.02912176214158535, 0.9643803238868713, 0.0064979433082044125],
            A().Softmax(-1), F32);
        Close([0.7310585975646973, 0.0024726232513785362, 0.9820137619972229, 0.2689414322376251, 0.9975274205207825, 0.01798621006309986],
            Torch.Softmax(A(), 0), F32);
        var b = B().Softmax(1);
        Assert.Equal([2, 3, 2], b.Shape.ToArray());
        Close([0.01587624102830887, 0.01587624102830887, 0.11731042712926865, 0.11731042712926865, 0.8668133616447449, 0.8668133616447449,
            0.04069029912352562, 0.0015011141076683998, 0.8172865509986877, 4.532972161541693e-05, 0.14202311635017395, 0.9984534978866577], b, F32);
    }

    [Fact]
    public void LogSoftmaxMatchesPyTorch()
    {
        Close([-1.706907033920288, -5.206906795501709, -0.2069069892168045, -3.5362696647644043, -0.03626956418156624, -5.036269664764404],
            A().LogSoftmax(1), F32);
        Close([-0.12692804634571075, -0.2014133334159851, -0.31326165795326233, -0.0009114163694903255, -0.008614521473646164, -1.31326162815094,
            -2.1269280910491943, -1.7014133930206299, -1.31326162815094, -7.000911235809326, -4.758614540100098, -0.31326165795326233],
            Torch.LogSoftmax(B(), 0), F32);
    }

    [Fact]
    public void LargeLogitsGiveFiniteCorrectResults()
    {
        var s = Big().Softmax(1);
        Assert.All(s.ToArray<float>(), v => Assert.True(float.IsFinite(v)));
        Close([1.0, 0.0, 0.0, 0.3333333432674408, 0.3333333432674408, 0.3333333432674408, 0.21194157004356384, 0.5761169195175171, 0.21194157004356384], s, F32);
        var l = Big().LogSoftmax(1);
        Assert.All(l.ToArray<float>(), v => Assert.True(float.IsFinite(v)));
        Close([0.0, -1000.0, -2000.0, -1.0986123085021973, -1.0986123085021973, -1.0986123085021973, -1.55144464969635, -0.5514446496963501, -1.55144464969635], l, F32);
        // the same along dim 0 (the strided-column kernel)
        Close([0.5, 0.0, 0.0, 0.5, 1.0, 1.0, 0.0, 0.0, 0.0], Big().Softmax(0), F32);
        Close([-0.6931471824645996, -1000.0, -2000.0, -0.6931471824645996, 0.0, 0.0, -2000.693115234375, -1999.0, -2000.0], Big().LogSoftmax(0), F32);
        // gradients stay finite too
        var x = Big().To(DType.Float64).RequiresGrad_();
        (x.Softmax(1) * Torch.Arange(9).To(DType.Float64).View(3, 3)).Sum().Backward();
        Assert.All(x.Grad!.ToArray<double>(), v => Assert.True(double.IsFinite(v)));
        x.Grad = null;
        x.LogSoftmax(0).Select(1, 0).Sum().Backward();
        Assert.All(x.Grad!.ToArray<double>(), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void EqualValuesGiveUniform()
    {
        foreach (int n in new[] { 1, 3, 16, 37, 100 })
        {
            var s = Torch.Full(new[] { 2, n }, 7.25).Softmax(1);
            Close(Enumerable.Repeat(1.0 / n, 2 * n).ToArray(), s, 1e-6);
            var l = Torch.Full(new[] { n, 2 }, -3.0, DType.Float64).LogSoftmax(0);
            Close(Enumerable.Repeat(-Math.Log(n), 2 * n).ToArray(), l, 1e-12);
        }
    }

    [Fact]
    public void NaNPoisonsItsSliceOnly()
    {
        var x = Torch.FromArray(new float[,] { { 1, float.NaN, 2 }, { 1, 2, 3 } });
        var s = x.Softmax(1).ToArray<float>();
        Assert.All(s.Take(3), v => Assert.True(float.IsNaN(v)));
        Assert.All(s.Skip(3), v => Assert.False(float.IsNaN(v)));
        var l = x.LogSoftmax(0).ToArray<float>();
        Assert.True(float.IsNaN(l[1]) && float.IsNaN(l[4]));
        Assert.False(float.IsNaN(l[0]) || float.IsNaN(l[2]) || float.IsNaN(l[3]) || float.IsNaN(l[5]));
    }

    [Fact]
    public void LongRowsMatchScalarReference()
    {
        // exercises the vectorized last-dim path (with tails) and the parallel path, in both dtypes
        var g = new Generator(99);
        foreach (var shape in new[] { new[] { 3, 1000 }, new[] { 5, 33 }, new[] { 40000, 3 }, new[] { 2, 17, 9 } })
        {
            var x = Torch.Randn(shape, DType.Float64, g) * 4.0;
            foreach (int dim in new[] { -1, 0 })
            {
                var expectedS = Reference(x, dim, log: false);
                var expectedL = Reference(x, dim, log: true);
                Close(expectedS, x.Softmax(dim), 1e-12);
                Close(expectedL, x.LogSoftmax(dim), 1e-12);
                Close(expectedS, x.To(DType.Float32).Softmax(dim), 1e-5);
                Close(expectedL, x.To(DType.Float32).LogSoftmax(dim), 1e-5);
            }
        }
    }

    /// <summary>A naive double-precision softmax along <paramref name="dim"/>, through a permutation to the last dim.</summary>
    private static double[] Reference(Tensor x, int dim, bool log)
    {
        int nd = x.Dim, d = dim < 0 ? dim + nd : dim;
        var perm = Enumerable.Range(0, nd).Where(i => i != d).Append(d).ToArray();
        var moved = x.Permute(perm).Contiguous();
        var data = moved.ToArray<double>();
        int n = x.Shape[d];
        for (int r = 0; r < data.Length / n; r++)
        {
            double m = double.NegativeInfinity, s = 0;
            for (int k = 0; k < n; k++) m = Math.Max(m, data[r * n + k]);
            for (int k = 0; k < n; k++) s += Math.Exp(data[r * n + k] - m);
            for (int k = 0; k < n; k++) data[r * n + k] = log ? data[r * n + k] - m - Math.Log(s) : Math.Exp(data[r * n + k] - m) / s;
        }
        var inverse = new int[nd];
        for (int i = 0; i < nd; i++) inverse[perm[i]] = i;
        return Torch.FromArray(data, moved.Shape.ToArray()).Permute(inverse).Contiguous().ToArray<double>();
    }

    [Fact]
    public void SoftmaxGradCheck()
    {
        foreach (var log in new[] { false, true })
        {
            Func<Tensor, int, Tensor> f = log ? (t, d) => t.LogSoftmax(d) : (t, d) => t.Softmax(d);
            GradOk(t => f(t[0], 1), Input(2, 3));
            GradOk(t => f(t[0], 0), Input(2, 3));
            GradOk(t => f(t[0], -1), TransposedInput(3, 4));
            GradOk(t => f(t[0], 0), TransposedInput(3, 4));
            GradOk(t => f(t[0], 1), Input(2, 3, 4));
            GradOk(t => f(t[0], 1), Input(1, 1));
            GradOk(t => f(t[0], 0), Input(1, 1));
            GradOk(t => f(t[0], 1), Input(0, 3));
            GradOk(t => f(t[0], 0), Input(0, 3));
            GradOk(t => f(t[0], 0), Torch.Scalar(0.5, DType.Float64, requiresGrad: true));
            // broadcast input (stride-0 view)
            GradOk(t => f(t[0].Expand(3, 4), 1), Input(3, 1));
        }
    }

    [Fact]
    public void FusedBackwardMatchesComposedBackward()
    {
        // Backward without createGraph uses a fused kernel; with createGraph it is built from tensor ops.
        foreach (var shape in new[] { new[] { 3, 7 }, new[] { 2, 5, 9 }, new[] { 4, 40 } })
            foreach (int dim in new[] { 0, 1, -1 })
                foreach (var log in new[] { false, true })
                {
                    var w = Torch.Randn(shape, DType.Float64, new Generator(shape.Sum() + dim));
                    Tensor[] grads = new Tensor[2];
                    for (int k = 0; k < 2; k++)
                    {
                        var x = Torch.Randn(shape, DType.Float64, new Generator(11)).RequiresGrad_();
                        var y = log ? x.LogSoftmax(dim) : x.Softmax(dim);
                        (y * w).Sum().Backward(createGraph: k == 1);
                        grads[k] = x.Grad!.Detach();
                    }
                    Close(grads[1].ToArray<double>(), grads[0], 1e-12);
                }
        // a non-contiguous (transposed) incoming gradient
        var a = Input(3, 4);
        var t = a.Softmax(0).T;
        t.Backward(Torch.Arange(12).To(DType.Float64).View(4, 3));
        var b = Input(3, 4);
        var u = b.Softmax(0).T;
        u.Backward(Torch.Arange(12).To(DType.Float64).View(4, 3), createGraph: true);
        Close(b.Grad!.Detach().ToArray<double>(), a.Grad!, 1e-12);
    }

    [Fact]
    public void SoftmaxSumsToOneAndShapes()
    {
        var x = Torch.Randn(new[] { 4, 5, 6 }, DType.Float32, new Generator(3));
        foreach (int d in new[] { 0, 1, 2, -1 })
        {
            var s = x.Softmax(d);
            Assert.Equal(x.Shape.ToArray(), s.Shape.ToArray());
            Assert.True(s.IsContiguous);
            Close(Enumerable.Repeat(1.0, x.Numel / x.Shape[d < 0 ? d + 3 : d]).ToArray(), s.Sum(d), 1e-5);
            Close(s.ToArray<double>(), x.LogSoftmax(d).Exp(), 1e-5);
        }
    }

    [Fact]
    public void ValidationNamesTheOp()
    {
        var ex = Assert.Throws<ArgumentException>(() => Torch.FromArray(new long[] { 1, 2 }).Softmax(0));
        Assert.StartsWith("softmax:", ex.Message);
        Assert.Contains("torch.int64", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Torch.FromArray(new bool[] { true }).LogSoftmax(0));
        Assert.StartsWith("log_softmax:", ex.Message);
        var oor = Assert.Throws<ArgumentOutOfRangeException>(() => A().Softmax(2));
        Assert.StartsWith("softmax:", oor.Message);
        oor = Assert.Throws<ArgumentOutOfRangeException>(() => A().LogSoftmax(-3));
        Assert.StartsWith("log_softmax:", oor.Message);
    }
}
