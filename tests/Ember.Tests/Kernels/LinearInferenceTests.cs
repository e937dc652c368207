using Ember.Kernels;
using Ember.NN;

namespace Ember.Tests.Kernels;

/// <summary>
/// <c>F.Linear</c> in inference mode (bias written first and the product accumulated onto it; the weight packed once from
/// the second call with 16 rows or more) against the autograd path's matmul + add, in float32 and float64, with 1-D,
/// 2-D and 3-D inputs; a weight written between calls; inputs and biases the fast path declines.
/// </summary>
[Collection("Gemm.NumThreads")]
public class LinearInferenceTests
{
    [Theory]
    [InlineData(1, 784, 256, true)]
    [InlineData(3, 7, 10, false)]
    [InlineData(16, 784, 256, true)]
    [InlineData(33, 1, 1, true)]
    [InlineData(256, 256, 10, true)]
    [InlineData(20, 0, 5, true)]
    [InlineData(40, 0, 5, false)]
    public void MatchesMatmulPlusBias(int rows, int inF, int outF, bool bias)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var g = new Generator(rows * 31 + inF + outF);
            var x = Torch.Randn([rows, inF], dtype: dtype, generator: g);
            var w = Torch.Randn([outF, inF], dtype: dtype, generator: g);
            var b = bias ? Torch.Randn([outF], dtype: dtype, generator: g) : null;
            var expected = Reference(x, w, b);
            using (Torch.InferenceMode())
                for (int call = 0; call < 3; call++)
                {
                    var y = F.Linear(x, w, b);
                    Assert.True(y.IsInference);
                    AssertClose(expected, y, $"{dtype} call {call}");
                }
        }
    }

    [Fact]
    public void ThreeDimensionalAndOneDimensionalInputs()
    {
        var g = new Generator(3);
        var x = Torch.Randn([4, 9, 12], generator: g);
        var w = Torch.Randn([6, 12], generator: g);
        var b = Torch.Randn([6], generator: g);
        var expected = Reference(x.Reshape(36, 12), w, b).Reshape(4, 9, 6);
        var v = Torch.Randn([12], generator: g);
        var expectedV = Reference(v.Reshape(1, 12), w, b).Reshape(6);
        using (Torch.InferenceMode())
            for (int call = 0; call < 2; call++)
            {
                var y = F.Linear(x, w, b);
                Assert.Equal(new[] { 4, 9, 6 }, y.ShapeArray.ToArray());
                AssertClose(expected, y, "3-D");
                var yv = F.Linear(v, w, b);
                Assert.Equal(new[] { 6 }, yv.ShapeArray.ToArray());
                AssertClose(expectedV, yv, "1-D");
            }
    }

    [Fact]
    public void AWeightWrittenBetweenCallsIsPackedAgain()
    {
        var g = new Generator(5);
        var x = Torch.Randn([64, 32], generator: g);
        var w = Torch.Randn([20, 32], generator: g);
        var b = Torch.Randn([20], generator: g);
        using (Torch.NoGrad())
            for (int round = 0; round < 3; round++)
            {
                var expected = Reference(x, w, b);
                using (Torch.InferenceMode())
                {
                    AssertClose(expected, F.Linear(x, w, b), $"round {round}, first call");
                    AssertClose(expected, F.Linear(x, w, b), $"round {round}, packed");
                }
                w.Mul_(-0.5).Add_(1.0);
            }
    }

    [Fact]
    public void DeclinedInputsStillGiveTheProduct()
    {
        var g = new Generator(7);
        var x = Torch.Randn([12, 40], generator: g).T;         // [40, 12], not contiguous
        var w = Torch.Randn([24, 12], generator: g);
        var b = Torch.Randn([1], generator: g);                // broadcast bias
        var expected = Reference(x.Contiguous(), w, b);
        using (Torch.InferenceMode())
            AssertClose(expected, F.Linear(x, w, b), "declined");
    }

    /// <summary>x·Wᵀ + b outside inference mode (the autograd path: matmul, then add).</summary>
    private static Tensor Reference(Tensor x, Tensor w, Tensor? b)
    {
        var y = x.Matmul(w.T);
        return b is null ? y : y + b;
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.ShapeArray.ToArray(), actual.ShapeArray.ToArray());
        var e = expected.To(DType.Float64).ToArray<double>();
        var a = actual.To(DType.Float64).ToArray<double>();
        double scale = 1 + e.Select(Math.Abs).DefaultIfEmpty(0).Max();
        double tol = actual.DType == DType.Float64 ? 1e-12 : 1e-5;
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tol * scale, $"{what}: element {i} is {a[i]}, expected {e[i]}");
    }

    /// <summary>A Sequential's Linear → ReLU runs as one pass in inference mode (the ReLU in the packed product's epilogue,
    /// or after the unpacked one); NaN stays NaN.</summary>
    [Theory]
    [InlineData(1, 784, 256)]
    [InlineData(16, 40, 64)]     // packed, split by columns
    [InlineData(256, 784, 256)]  // packed, split by bands of rows
    [InlineData(300, 33, 10)]    // few outputs: unpacked
    public void SequentialLinearReluMatchesTheModules(int rows, int inF, int outF)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var g = new Generator(rows + inF + outF);
            var seq = new Sequential(new Linear(inF, outF, generator: g), new ReLU(), new Linear(outF, 7, bias: false, generator: g), new ReLU());
            seq.To(dtype);
            var x = Torch.Randn([rows, inF], dtype: dtype, generator: g);
            using (Torch.NoGrad()) x[0, 0].Fill_(double.NaN);
            var firstLayer = F.Relu(F.Linear(x, ((Linear)seq[0]).Weight, ((Linear)seq[0]).Bias)).ToArray<double>();
            Tensor expected;
            using (Torch.NoGrad()) expected = seq.Call(x);
            using (Torch.InferenceMode())
                for (int call = 0; call < 3; call++)
                {
                    var y = seq.Call(x).ToArray<double>();
                    var e = expected.ToArray<double>();
                    Assert.Equal(e.Length, y.Length);
                    Assert.True(double.IsNaN(y[0]));
                    for (int i = 0; i < e.Length; i++)
                        Assert.True(double.IsNaN(e[i]) ? double.IsNaN(y[i]) : Math.Abs(e[i] - y[i]) <= 1e-4 * Math.Max(1, Math.Abs(e[i])),
                            $"{dtype} rows {rows} call {call} element {i}: expected {e[i]}, got {y[i]}");
                    // The fused first pair alone: ReLU applied (no negative), NaN row kept.
                    var h = LinearInference.TryForward(x, ((Linear)seq[0]).Weight, ((Linear)seq[0]).Bias, relu: true)!.ToArray<double>();
                    Assert.Equal(firstLayer.Length, h.Length);
                    for (int i = 0; i < h.Length; i++)
                        Assert.True(double.IsNaN(firstLayer[i]) ? double.IsNaN(h[i]) : h[i] >= 0 && Math.Abs(h[i] - firstLayer[i]) <= 1e-4 * Math.Max(1, Math.Abs(firstLayer[i])),
                            $"{dtype} rows {rows} element {i}: expected {firstLayer[i]}, got {h[i]}");
                }
        }
    }

    /// <summary>The unpacked product of few outputs runs in bands of rows; the bits do not depend on the thread count.</summary>
    [Theory]
    [InlineData(300, 256, 10, true)]
    [InlineData(256, 784, 7, false)]
    public void BandsGiveTheSameBitsOnAnyThreadCount(int rows, int inF, int outF, bool relu)
    {
        var g = new Generator(rows + outF);
        var x = Torch.Randn([rows, inF], generator: g);
        var w = Torch.Randn([outF, inF], generator: g);
        var b = Torch.Randn([outF], generator: g);
        var expected = Reference(x, w, b);
        if (relu) expected = F.Relu(expected);
        int saved = Threading.NumThreads;
        try
        {
            float[]? first = null;
            foreach (int threads in new[] { 1, 2, 3 })
            {
                Threading.NumThreads = threads;
                using var inference = Torch.InferenceMode();
                var y = LinearInference.TryForward(x, w, b, relu)!;
                AssertClose(expected, y, $"{threads} threads");
                var bits = y.ToArray<float>();
                if (first is null) first = bits;
                else Assert.Equal(first, bits);
            }
        }
        finally { Threading.NumThreads = saved; }
    }
}
