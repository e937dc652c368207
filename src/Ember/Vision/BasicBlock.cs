using Ember.NN;
using Ember.NN.Utils;

namespace Ember.Vision;

/// <summary>
/// ResNet's basic residual block (torchvision's <c>BasicBlock</c>, d2l's <c>Residual</c>): two 3×3 convolutions with batch
/// normalization, y = ReLU(BN(conv2(ReLU(BN(conv1(x))))) + shortcut(x)), the shortcut a 1×1 convolution with batch
/// normalization (<see cref="Downsample"/>) when the stride or the channel count changes. Expansion 1.
/// </summary>
public sealed partial class BasicBlock : Module<Tensor, Tensor>
{
    /// <summary>The ratio of output to <c>planes</c> channels (1).</summary>
    public const int Expansion = 1;

    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly ReLU _relu = new();
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly Sequential? _downsample;

    /// <summary>Creates the block (torchvision's parameter names: <c>conv1</c>, <c>bn1</c>, <c>conv2</c>, <c>bn2</c>, <c>downsample.0</c>, <c>downsample.1</c>).</summary>
    /// <param name="inplanes">Input channels; positive.</param>
    /// <param name="planes">Output channels; positive.</param>
    /// <param name="stride">The stride of the first convolution and of the shortcut (default 1).</param>
    /// <param name="downsample">The shortcut, or null for the identity (default: null; pass one when the stride is not 1 or
    /// <paramref name="inplanes"/> ≠ <paramref name="planes"/>, see <see cref="Shortcut"/>).</param>
    /// <exception cref="ArgumentException">A channel count or the stride is not positive.</exception>
    public BasicBlock(int inplanes, int planes, int stride = 1, Sequential? downsample = null)
    {
        _conv1 = new Conv2d(inplanes, planes, kernelSize: 3, stride: stride, padding: 1, bias: false);
        _bn1 = new BatchNorm2d(planes);
        _conv2 = new Conv2d(planes, planes, kernelSize: 3, stride: 1, padding: 1, bias: false);
        _bn2 = new BatchNorm2d(planes);
        _downsample = downsample;
    }

    /// <summary>The shortcut (a 1×1 convolution and batch normalization), or null for the identity.</summary>
    public Sequential? Downsample => _downsample;

    /// <summary>The 1×1 convolution + batch normalization shortcut torchvision uses when a block changes size.</summary>
    /// <param name="inplanes">Input channels.</param>
    /// <param name="outplanes">Output channels.</param>
    /// <param name="stride">The stride.</param>
    /// <exception cref="ArgumentException">A channel count or the stride is not positive.</exception>
    public static Sequential Shortcut(int inplanes, int outplanes, int stride) =>
        new(new Conv2d(inplanes, outplanes, kernelSize: 1, stride: stride, bias: false), new BatchNorm2d(outplanes));

    /// <summary>Runs the block.</summary>
    /// <param name="input">[N, inplanes, H, W].</param>
    /// <returns>[N, planes, H/stride, W/stride].</returns>
    public override Tensor Forward(Tensor input)
    {
        var identity = _downsample is null ? input : _downsample.Call(input);
        var y = ConvBnInference.Call(_conv1, _bn1, _relu, input);
        y = ConvBnInference.Call(_conv2, _bn2, null, y);
        return Residual.AddRelu(y, identity, _relu, yIsFresh: !_conv2.HasHooks && !_bn2.HasHooks);
    }
}
