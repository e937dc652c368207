using Ember.NN;

namespace Ember.Vision;

/// <summary>The end of a residual block, relu(y + identity).</summary>
internal static class Residual
{
    /// <summary>
    /// relu(y + identity). In inference mode, when <paramref name="yIsFresh"/> (y was just made by the block's last
    /// convolution or batch normalization, which no hook could have replaced) and the shapes and dtypes match, the sum and
    /// the ReLU are one pass in place on y instead of two allocating ones.
    /// </summary>
    public static Tensor AddRelu(Tensor y, Tensor identity, ReLU relu, bool yIsFresh)
    {
        if (yIsFresh && Autograd.InferenceMode.IsEnabled && !relu.HasHooks && Kernels.AddReluKernel.TryInPlace(y, identity))
            return y;
        return relu.Call(y + identity);
    }
}
