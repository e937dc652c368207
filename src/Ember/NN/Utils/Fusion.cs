namespace Ember.NN.Utils;

/// <summary>
/// Folding batch normalization into the convolution before it, for inference (PyTorch's <c>torch.nn.utils.fusion</c>):
/// in evaluation mode BN is the per-channel affine y = (x − mean)·γ/√(var + eps) + β, so conv followed by BN is one
/// convolution with W' = W·γ/√(var + eps) (per output channel) and b' = (b − mean)·γ/√(var + eps) + β. The fused layer
/// computes the same function up to float rounding and saves BN's pass over the output. Ember already folds on its own
/// in <see cref="Torch.InferenceMode"/> wherever a <see cref="Sequential"/> or a torchvision-style block runs a Conv2d
/// straight into a BatchNorm2d; these functions fold explicitly, e.g. for a model whose forward calls them some other way.
/// </summary>
public static class Fusion
{
    /// <summary>
    /// A new convolution computing <c>bn(conv(x))</c> of the two layers in evaluation mode (PyTorch's
    /// <c>fuse_conv_bn_eval</c>): a copy of <paramref name="conv"/> (same stride, padding, dilation, groups and padding
    /// mode) whose weight and bias are <see cref="FuseConvBnWeights"/> of both layers. The layers are not modified.
    /// </summary>
    /// <param name="conv">The convolution, in evaluation mode.</param>
    /// <param name="bn">The batch normalization after it, in evaluation mode, with running statistics, over conv's output channels.</param>
    /// <returns>The fused convolution (with a bias), in evaluation mode.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A layer is in training mode; bn has no running statistics or another channel
    /// count than conv's outputs; or the dtypes differ.</exception>
    public static Conv2d FuseConvBnEval(Conv2d conv, BatchNorm2d bn)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(bn);
        if (conv.Training || bn.Training)
            throw new ArgumentException($"fuse_conv_bn_eval: Fusion only for eval! (conv.training={conv.Training}, bn.training={bn.Training})", conv.Training ? nameof(conv) : nameof(bn));
        if (bn.RunningMean is null || bn.RunningVar is null)
            throw new ArgumentException("fuse_conv_bn_eval: the batch normalization has no running statistics (track_running_stats=False)", nameof(bn));
        var (weight, bias) = FuseConvBnWeights(conv.Weight, conv.Bias, bn.RunningMean, bn.RunningVar, bn.Eps, bn.Weight, bn.Bias);
        var padding = conv.PaddingString is { } mode ? (ConvPadding)mode : (ConvPadding)conv.Padding.ToArray();
        var fused = new Conv2d(conv.InChannels, conv.OutChannels, conv.KernelSize.ToArray(), conv.Stride.ToArray(), padding,
            conv.Dilation.ToArray(), conv.Groups, bias: true, conv.PaddingMode, conv.Weight.DType)
        {
            Weight = weight,
            Bias = bias,
        };
        fused.Eval();
        return fused;
    }

    /// <summary>
    /// The weight and bias of a convolution followed by batch normalization in evaluation mode (PyTorch's
    /// <c>fuse_conv_bn_weights</c>): W' = W·γ/√(var + eps) per output channel (dimension 0) and
    /// b' = (b − mean)·γ/√(var + eps) + β, computed in the weight's dtype. Both are new parameters (requiring grad), as in PyTorch.
    /// </summary>
    /// <param name="convWeight">The convolution's weight [C_out, C_in/groups, …].</param>
    /// <param name="convBias">Its bias [C_out], or null for zeros.</param>
    /// <param name="runningMean">BN's running mean [C_out].</param>
    /// <param name="runningVar">BN's running variance [C_out].</param>
    /// <param name="eps">BN's eps.</param>
    /// <param name="bnWeight">BN's weight γ [C_out], or null for ones.</param>
    /// <param name="bnBias">BN's bias β [C_out], or null for zeros.</param>
    /// <returns>The fused weight (the convolution weight's shape) and bias [C_out].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="convWeight"/>, <paramref name="runningMean"/> or <paramref name="runningVar"/> is null.</exception>
    /// <exception cref="ArgumentException">A per-channel tensor does not have C_out elements, or the dtypes differ or are not floating point.</exception>
    public static (Parameter Weight, Parameter Bias) FuseConvBnWeights(Tensor convWeight, Tensor? convBias, Tensor runningMean, Tensor runningVar,
        double eps, Tensor? bnWeight, Tensor? bnBias)
    {
        ArgumentNullException.ThrowIfNull(convWeight);
        ArgumentNullException.ThrowIfNull(runningMean);
        ArgumentNullException.ThrowIfNull(runningVar);
        if (convWeight.Dim < 1 || !convWeight.DType.IsFloatingPoint())
            throw new ArgumentException($"fuse_conv_bn_weights: expected a floating-point convolution weight of at least 1 dimension, got {convWeight.Describe()}", nameof(convWeight));
        int c = convWeight.Size(0);
        Check(convBias, nameof(convBias));
        Check(runningMean, nameof(runningMean));
        Check(runningVar, nameof(runningVar));
        Check(bnWeight, nameof(bnWeight));
        Check(bnBias, nameof(bnBias));
        using (Torch.NoGrad())
        {
            var rsqrt = (runningVar + eps).Rsqrt();
            var shape = Enumerable.Repeat(1, convWeight.Dim).ToArray();
            shape[0] = -1;
            var scale = bnWeight is null ? rsqrt : bnWeight * rsqrt;
            var weight = convWeight * scale.Reshape(shape);
            var bias = convBias is null ? -runningMean : convBias - runningMean;
            bias = bias * rsqrt;
            if (bnWeight is not null) bias = bias * bnWeight;
            if (bnBias is not null) bias = bias + bnBias;
            return (new Parameter(weight), new Parameter(bias));
        }

        void Check(Tensor? t, string name)
        {
            if (t is null) return;
            if (t.Numel != c || t.Dim != 1)
                throw new ArgumentException($"fuse_conv_bn_weights: expected {name} of shape [{c}] (the convolution's output channels), got {t.Shape}", name);
            if (t.DType != convWeight.DType)
                throw new ArgumentException($"fuse_conv_bn_weights: expected {name} to have the weight's dtype {convWeight.DType.TorchName()}, got {t.DType.TorchName()}", name);
        }
    }
}
