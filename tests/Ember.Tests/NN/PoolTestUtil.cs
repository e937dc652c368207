using Ember.NN;

namespace Ember.Tests.NN;

/// <summary>The deterministic inputs of the pooling and interpolation reference tests (the same formulas made the PyTorch values).</summary>
internal static class PoolTestUtil
{
    /// <summary>A float64 leaf requiring grad with x[i] = sin(1.3·i + 0.2) in row-major order.</summary>
    public static Tensor Seq(params int[] shape)
    {
        int n = 1;
        foreach (var s in shape) n *= s;
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.Sin(i * 1.3 + 0.2);
        return Torch.FromArray(v).Reshape(shape).Detach().RequiresGrad_();
    }

    /// <summary>The upstream gradient g[j] = cos(0.7·j), of <paramref name="like"/>'s shape and dtype.</summary>
    public static Tensor Up(Tensor like)
    {
        var v = new double[like.Numel];
        for (int j = 0; j < v.Length; j++) v[j] = Math.Cos(j * 0.7);
        return Torch.FromArray(v).Reshape(like.ShapeArray).To(like.DType);
    }

    /// <summary>max_pool2d(x, 2) then max_unpool2d to <paramref name="outputSize"/>.</summary>
    public static Tensor Unpool(Tensor x, int[] outputSize)
    {
        var (y, ind) = F.MaxPool2dWithIndices(x, 2);
        return F.MaxUnpool2d(y, ind, 2, outputSize: outputSize);
    }
}
