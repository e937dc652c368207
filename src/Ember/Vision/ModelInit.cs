using Ember.NN;

namespace Ember.Vision;

/// <summary>The initialization torchvision's models apply after construction.</summary>
internal static class ModelInit
{
    /// <summary>
    /// Every convolution's weight from Kaiming normal for ReLU (fan_out as ResNet/VGG, fan_in as DenseNet), its bias
    /// zero; every batch normalization's weight one and bias zero.
    /// </summary>
    public static void ResetConvAndNorm(Module model, bool fanOut, Generator? generator)
    {
        using var _ = Torch.NoGrad();
        foreach (var m in model.Modules())
        {
            switch (m)
            {
                case Conv2d conv:
                    Init.KaimingNormal_(conv.Weight, mode: fanOut ? "fan_out" : "fan_in", nonlinearity: "relu", generator: generator);
                    if (conv.Bias is { } b) Init.Zeros_(b);
                    break;
                case BatchNorm bn:
                    if (bn.Weight is { } w) Init.Ones_(w);
                    if (bn.Bias is { } bias) Init.Zeros_(bias);
                    break;
            }
        }
    }

    /// <summary>Every linear layer's weight from N(0, std²) and its bias zero (torchvision's VGG).</summary>
    public static void ResetLinear(Module model, double std, Generator? generator)
    {
        using var _ = Torch.NoGrad();
        foreach (var m in model.Modules())
        {
            if (m is not Linear linear) continue;
            Init.Normal_(linear.Weight, 0, std, generator);
            if (linear.Bias is { } b) Init.Zeros_(b);
        }
    }
}
