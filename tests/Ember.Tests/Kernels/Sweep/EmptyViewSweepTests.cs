namespace Ember.Tests.Kernels.Sweep;

/// <summary>
/// Every kernel family on an empty view whose storage offset lies past the end of its (empty) storage —
/// <c>x[:, 2:]</c> of a [0, 5] tensor is [0, 3] at offset 2 — which a kernel must never index: PyTorch's results.
/// </summary>
public class EmptyViewSweepTests
{
    private static Tensor EmptyView(DType dt) =>
        Torch.FromArray(Array.Empty<double>(), 0, 5).To(dt)[TensorIndex.Colon, TensorIndex.Slice(2)];

    private static void Filled(double expected, int[] shape, Tensor actual)
    {
        Assert.Equal(shape, actual.ShapeArray);
        foreach (var v in actual.ToArray<double>())
            Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void EveryFamily_OnAnEmptyViewPastItsStorage(DType dt)
    {
        var cases = new (string name, Action check)[]
        {
            ("sum(0)", () => Filled(0, [3], Torch.Sum(EmptyView(dt), 0))),
            ("sum()", () => Filled(0, [], Torch.Sum(EmptyView(dt)))),
            ("mean()", () => Filled(double.NaN, [], Torch.Mean(EmptyView(dt)))),
            ("prod()", () => Filled(1, [], Torch.Prod(EmptyView(dt)))),
            ("norm()", () => Filled(0, [], Torch.Norm(EmptyView(dt)))),
            ("std(1)", () => Assert.Equal([0], Torch.Std(EmptyView(dt), 1).ShapeArray)),
            ("prod(0)", () => Filled(1, [3], Torch.Prod(EmptyView(dt), 0))),
            ("mean(0)", () => Filled(double.NaN, [3], Torch.Mean(EmptyView(dt), 0))),
            ("var(0)", () => Filled(double.NaN, [3], Torch.Var(EmptyView(dt), 0))),
            ("logsumexp(0)", () => Filled(double.NegativeInfinity, [3], Torch.LogSumExp(EmptyView(dt), 0))),
            ("max(1)", () => Assert.Equal([0], Torch.Max(EmptyView(dt), 1).Values.ShapeArray)),
            ("argmax(1)", () => Assert.Equal([0], Torch.Argmax(EmptyView(dt), 1).ShapeArray)),
            ("amax(0)", () => Assert.StartsWith("amax(): Expected reduction dim 0 to have non-zero size",
                Assert.Throws<ArgumentException>(() => Torch.Amax(EmptyView(dt), 0)).Message)),
            ("softmax(0)", () => Assert.Equal([0, 3], Torch.Softmax(EmptyView(dt), 0).ShapeArray)),
            ("log_softmax(1)", () => Assert.Equal([0, 3], Torch.LogSoftmax(EmptyView(dt), 1).ShapeArray)),
            ("cumsum(0)", () => Assert.Equal([0, 3], Torch.Cumsum(EmptyView(dt), 0).ShapeArray)),
            ("exp", () => Assert.Equal([0, 3], Torch.Exp(EmptyView(dt)).ShapeArray)),
            ("relu_", () => Assert.Equal([0, 3], EmptyView(dt).Relu_().ShapeArray)),
            ("add", () => Assert.Equal([0, 3], Torch.Add(EmptyView(dt), EmptyView(dt)).ShapeArray)),
            ("mul broadcast", () => Assert.Equal([0, 3], Torch.Mul(EmptyView(dt), Torch.Ones(new Size(3), dt)).ShapeArray)),
            ("mm xᵀ·[0, 4]", () => Filled(0, [3, 4], Torch.Mm(EmptyView(dt).T, Torch.Ones(new Size(0, 4), dt)))),
            ("mm [4, 0]·x", () => Filled(0, [4, 3], Torch.Mm(Torch.Ones(new Size(4, 0), dt), EmptyView(dt)))),
            ("matmul x·[3, 2]", () => Assert.Equal([0, 2], Torch.Matmul(EmptyView(dt), Torch.Ones(new Size(3, 2), dt)).ShapeArray)),
            ("addmm", () => Filled(0.5, [3, 4], Torch.Addmm(Torch.Ones(new Size(4), dt), EmptyView(dt).T, Torch.Ones(new Size(0, 4), dt), beta: 0.5))),
        };
        var failures = new List<string>();
        foreach (var (name, check) in cases)
        {
            try
            {
                check();
            }
            catch (Exception ex)
            {
                failures.Add($"{name} {dt}: {ex.GetType().Name}: {ex.Message}");
            }
        }
        if (failures.Count > 0) Assert.Fail(string.Join("\n", failures));
    }
}
