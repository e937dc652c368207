using Ember.NN;
using Ember.NN.Utils;

namespace Ember.Vision;

/// <summary>
/// ResNet's bottleneck block (torchvision's <c>Bottleneck</c>, ResNet-50 and deeper): 1×1 (reduce), 3×3 (carries the
/// stride, as torchvision's "ResNet V1.5") and 1×1 (expand ×4) convolutions with batch normalization, plus the shortcut.
/// </summary>
public sealed partial class Bottleneck : Module<Tensor, Tensor>
{
    /// <summary>The ratio of output to <c>planes</c> channels (4).</summary>
    public const int Expansion = 4;

    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly Conv2d _conv3;
    private readonly BatchNorm2d _bn3;
    private readonly ReLU _relu = new();
    private readonly Sequential? _downsample;

    /// <summary>Creates the block (torchvision's names: <c>conv1</c>…<c>conv3</c>, <c>bn1</c>…<c>bn3</c>, <c>downsample</c>).</summary>
    /// <param name="inplanes">Input channels; positive.</param>
    /// <param name="planes">The bottleneck width; the block outputs <c>planes × 4</c> channels.</param>
    /// <param name="stride">The stride of the 3×3 convolution and of the shortcut (default 1).</param>
    /// <param name="downsample">The shortcut, or null for the identity (default null).</param>
    /// <exception cref="ArgumentException">A channel count or the stride is not positive.</exception>
    public Bottleneck(int inplanes, int planes, int stride = 1, Sequential? downsample = null)
    {
        _conv1 = new Conv2d(inplanes, planes, kernelSize: 1, bias: false);
        _bn1 = new BatchNorm2d(planes);
        _conv2 = new Conv2d(planes, planes, kernelSize: 3, stride: stride, padding: 1, bias: false);
        _bn2 = new BatchNorm2d(planes);
        _conv3 = new Conv2d(planes, planes * Expansion, kernelSize: 1, bias: false);
        _bn3 = new BatchNorm2d(planes * Expansion);
        _downsample = downsample;
    }

    /// <summary>Runs the block.</summary>
    /// <param name="input">[N, inplanes, H, W].</param>
    /// <returns>[N, planes·4, H/stride, W/stride].</returns>
    public override Tensor Forward(Tensor input)
    {
        var identity = _downsample is null ? input : _downsample.Call(input);
        var y = ConvBnInference.Call(_conv1, _bn1, _relu, input);
        y = ConvBnInference.Call(_conv2, _bn2, _relu, y);
        y = ConvBnInference.Call(_conv3, _bn3, null, y);
        return Residual.AddRelu(y, identity, _relu, yIsFresh: !_conv3.HasHooks && !_bn3.HasHooks);
    }
}
