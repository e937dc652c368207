using Ember.NN;

namespace Ember.Vision;

/// <summary>
/// VGG (Simonyan and Zisserman, 2014) in torchvision's layout: <c>features</c> (blocks of 3×3 convolutions with ReLU,
/// each block ending in a 2×2 max pooling), <c>avgpool</c> (adaptive, to 7×7) and <c>classifier</c> (4096, 4096,
/// classes, with dropout). With <c>widthDivisor</c> 1 the names, shapes and initialization equal torchvision's
/// <c>vgg11</c>; d2l trains VGG-11 on Fashion-MNIST with every width divided by 4 (<see cref="Models.Vgg11"/>).
/// </summary>
public sealed partial class Vgg : Module<Tensor, Tensor>
{
    private readonly Sequential _features;
    private readonly AdaptiveAvgPool2d _avgpool = new((7, 7));
    private readonly Sequential _classifier;

    /// <summary>Creates the network from its blocks.</summary>
    /// <param name="blocks">(number of convolutions, output channels) per block; VGG-11: (1, 64), (1, 128), (2, 256), (2, 512), (2, 512).</param>
    /// <param name="numClasses">Outputs (default 1000).</param>
    /// <param name="inChannels">Input channels (default 3).</param>
    /// <param name="widthDivisor">Divides every convolution's channels and the classifier's 4096 (default 1; d2l uses 4 for Fashion-MNIST).</param>
    /// <param name="dropout">The classifier's dropout probability (default 0.5).</param>
    /// <param name="generator">The generator for the initial values and the dropout masks (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">No blocks, a count or size that is not positive, or a width the divisor leaves at zero.</exception>
    public Vgg((int Convs, int Channels)[] blocks, int numClasses = 1000, int inChannels = 3, int widthDivisor = 1, double dropout = 0.5,
        Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Length == 0) throw new ArgumentException("Vgg: expected at least one block", nameof(blocks));
        if (widthDivisor <= 0) throw new ArgumentException($"Vgg: widthDivisor must be positive, got {widthDivisor}", nameof(widthDivisor));
        _features = new Sequential();
        int channels = inChannels;
        foreach (var (convs, width) in blocks)
        {
            if (convs <= 0 || width / widthDivisor <= 0)
                throw new ArgumentException($"Vgg: block ({convs}, {width}) with widthDivisor {widthDivisor} has no convolution or no channel", nameof(blocks));
            for (int i = 0; i < convs; i++)
            {
                _features.Append(new Conv2d(channels, width / widthDivisor, kernelSize: 3, padding: 1));
                _features.Append(new ReLU());
                channels = width / widthDivisor;
            }
            _features.Append(new MaxPool2d(kernelSize: 2, stride: 2));
        }
        int hidden = 4096 / widthDivisor;
        _classifier = new Sequential(
            new Linear(channels * 7 * 7, hidden, generator: generator), new ReLU(), new Dropout(dropout, generator: generator),
            new Linear(hidden, hidden, generator: generator), new ReLU(), new Dropout(dropout, generator: generator),
            new Linear(hidden, numClasses, generator: generator));
        ModelInit.ResetConvAndNorm(this, fanOut: true, generator);
        ModelInit.ResetLinear(this, std: 0.01, generator);
    }

    /// <summary>Runs the network.</summary>
    /// <param name="input">Images [N, inChannels, H, W] (224×224 in the paper; at least 2^blocks).</param>
    /// <returns>Logits [N, numClasses].</returns>
    public override Tensor Forward(Tensor input) => _classifier.Call(_avgpool.Call(_features.Call(input)).Flatten(1));
}
