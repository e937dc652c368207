using Ember.NN;

namespace Ember.Vision;

/// <summary>
/// AlexNet (Krizhevsky et al., 2012) in torchvision's layout: <c>features</c> (five convolutions with ReLU and three
/// 3×3 stride-2 max poolings), <c>avgpool</c> (adaptive, to 6×6) and <c>classifier</c> (dropout, 4096, 4096, classes).
/// Parameter names and shapes equal torchvision's (<c>features.0.weight</c>, <c>classifier.1.weight</c>, …). d2l trains
/// it on Fashion-MNIST resized to 224×224 with one input channel.
/// </summary>
public sealed partial class AlexNet : Module<Tensor, Tensor>
{
    private readonly Sequential _features;
    private readonly AdaptiveAvgPool2d _avgpool = new((6, 6));
    private readonly Sequential _classifier;

    /// <summary>Creates the network.</summary>
    /// <param name="numClasses">Outputs (default 1000).</param>
    /// <param name="inChannels">Input channels (default 3; 1 for Fashion-MNIST).</param>
    /// <param name="dropout">The dropout probability of the classifier (default 0.5).</param>
    /// <param name="generator">The generator for the initial values and the dropout masks (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A size is not positive, or <paramref name="dropout"/> is outside [0, 1].</exception>
    public AlexNet(int numClasses = 1000, int inChannels = 3, double dropout = 0.5, Generator? generator = null)
    {
        _features = new Sequential(
            new Conv2d(inChannels, 64, kernelSize: 11, stride: 4, padding: 2), new ReLU(), new MaxPool2d(kernelSize: 3, stride: 2),
            new Conv2d(64, 192, kernelSize: 5, padding: 2), new ReLU(), new MaxPool2d(kernelSize: 3, stride: 2),
            new Conv2d(192, 384, kernelSize: 3, padding: 1), new ReLU(),
            new Conv2d(384, 256, kernelSize: 3, padding: 1), new ReLU(),
            new Conv2d(256, 256, kernelSize: 3, padding: 1), new ReLU(), new MaxPool2d(kernelSize: 3, stride: 2));
        _classifier = new Sequential(
            new Dropout(dropout, generator: generator), new Linear(256 * 6 * 6, 4096, generator: generator), new ReLU(),
            new Dropout(dropout, generator: generator), new Linear(4096, 4096, generator: generator), new ReLU(),
            new Linear(4096, numClasses, generator: generator));
    }

    /// <summary>Runs the network.</summary>
    /// <param name="input">Images [N, inChannels, H, W] (224×224 in the paper; at least 63×63).</param>
    /// <returns>Logits [N, numClasses].</returns>
    public override Tensor Forward(Tensor input) => _classifier.Call(_avgpool.Call(_features.Call(input)).Flatten(1));
}
