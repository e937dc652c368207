using Ember.NN;
using Ember.NN.Utils;

namespace Ember.Vision;

/// <summary>
/// torchvision's ResNet (He et al., 2015; the "V1.5" variant with the stride on the 3×3 convolution): a 7×7 stride-2
/// stem, max pooling, four stages of residual blocks (64, 128, 256, 512 planes; stages 2–4 halve the resolution),
/// global average pooling and a linear classifier. Parameter names, shapes, order and initialization equal torchvision
/// 0.14's (<c>conv1.weight</c>, <c>bn1.running_mean</c>, <c>layer1.0.conv1.weight</c>, <c>layer2.0.downsample.0.weight</c>,
/// <c>fc.weight</c>, …), so its state dict exchanges with torchvision's. Build one with <see cref="Models.ResNet18"/>,
/// <see cref="Models.ResNet34"/> or <see cref="Models.ResNet50"/>.
/// </summary>
public sealed partial class ResNet : Module<Tensor, Tensor>
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly ReLU _relu = new();
    private readonly MaxPool2d _maxpool = new(kernelSize: 3, stride: 2, padding: 1);
    private readonly Sequential _layer1;
    private readonly Sequential _layer2;
    private readonly Sequential _layer3;
    private readonly Sequential _layer4;
    private readonly AdaptiveAvgPool2d _avgpool = new(1);
    private readonly Linear _fc;

    /// <summary>Creates a ResNet of basic or bottleneck blocks.</summary>
    /// <param name="bottleneck">Bottleneck blocks (ResNet-50 and deeper) instead of basic blocks.</param>
    /// <param name="layers">The number of blocks in each of the four stages (ResNet-18: 2, 2, 2, 2).</param>
    /// <param name="numClasses">Outputs of the classifier (default 1000).</param>
    /// <param name="inChannels">Channels of the input images (default 3; 1 for Fashion-MNIST).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="layers"/> does not have four positive counts, or a size is not positive.</exception>
    public ResNet(bool bottleneck, int[] layers, int numClasses = 1000, int inChannels = 3, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length != 4 || layers.Any(n => n <= 0))
            throw new ArgumentException($"ResNet: expected four positive block counts, got [{string.Join(", ", layers)}]", nameof(layers));
        int expansion = bottleneck ? Bottleneck.Expansion : BasicBlock.Expansion;
        int inplanes = 64;
        _conv1 = new Conv2d(inChannels, 64, kernelSize: 7, stride: 2, padding: 3, bias: false);
        _bn1 = new BatchNorm2d(64);
        _layer1 = Stage(bottleneck, ref inplanes, 64, layers[0], 1);
        _layer2 = Stage(bottleneck, ref inplanes, 128, layers[1], 2);
        _layer3 = Stage(bottleneck, ref inplanes, 256, layers[2], 2);
        _layer4 = Stage(bottleneck, ref inplanes, 512, layers[3], 2);
        _fc = new Linear(512 * expansion, numClasses, generator: generator);
        ModelInit.ResetConvAndNorm(this, fanOut: true, generator);
    }

    private static Sequential Stage(bool bottleneck, ref int inplanes, int planes, int blocks, int stride)
    {
        int expansion = bottleneck ? Bottleneck.Expansion : BasicBlock.Expansion;
        var downsample = stride != 1 || inplanes != planes * expansion ? BasicBlock.Shortcut(inplanes, planes * expansion, stride) : null;
        var stage = new Sequential();
        stage.Append(bottleneck ? new Bottleneck(inplanes, planes, stride, downsample) : new BasicBlock(inplanes, planes, stride, downsample));
        inplanes = planes * expansion;
        for (int i = 1; i < blocks; i++)
            stage.Append(bottleneck ? new Bottleneck(inplanes, planes) : new BasicBlock(inplanes, planes));
        return stage;
    }

    /// <summary>The classifier (<c>fc</c>): replace it to fine-tune on another number of classes.</summary>
    public Linear Fc => _fc;

    /// <summary>Runs the network.</summary>
    /// <param name="input">Images [N, inChannels, H, W] (H, W ≥ 32 or so: five halvings).</param>
    /// <returns>Logits [N, numClasses].</returns>
    public override Tensor Forward(Tensor input)
    {
        var x = _maxpool.Call(ConvBnInference.Call(_conv1, _bn1, _relu, input));
        x = _layer4.Call(_layer3.Call(_layer2.Call(_layer1.Call(x))));
        return _fc.Call(_avgpool.Call(x).Flatten(1));
    }
}
