using Ember.Autograd;

namespace Ember.Tests;

/// <summary>Shared helpers: random float64 inputs in the three layouts the quality bar asks for, and assertions.</summary>
internal static class TestUtil
{
    /// <summary>A float64 leaf that requires grad, filled from a fixed seed.</summary>
    public static Tensor Input(params int[] shape) => Torch.Randn(shape, DType.Float64, new Generator(shape.Sum() * 7919 + shape.Length)).RequiresGrad_();

    /// <summary>A float64 leaf of <paramref name="shape"/> stored transposed (a non-contiguous view), requiring grad.</summary>
    public static Tensor TransposedInput(int rows, int cols)
    {
        var storage = Torch.Randn(new[] { cols, rows }, DType.Float64, new Generator(rows * 31 + cols));
        var t = storage.T;
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>A positive float64 leaf (for log, sqrt, …) that requires grad.</summary>
    public static Tensor PositiveInput(params int[] shape) =>
        (Torch.Rand(shape, DType.Float64, new Generator(shape.Sum() * 104729 + 1)) + 0.5).Detach().RequiresGrad_();

    /// <summary>Runs the float64 gradient check with PyTorch's defaults; it throws a descriptive exception on a mismatch.</summary>
    public static void GradOk(Func<Tensor[], Tensor> f, params Tensor[] inputs) => Assert.True(GradCheck.Check(f, inputs));

    public static void Close(IReadOnlyList<double> expected, Tensor actual, double tol = 1e-6)
    {
        var a = actual.ToArray<double>();
        Assert.Equal(expected.Count, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= tol * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {a[i]}");
    }
}
