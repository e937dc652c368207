using Ember.NN;

namespace Ember.Vision;

/// <summary>
/// The networks of d2l's "modern convolutional networks" chapter, like torchvision's <c>torchvision.models</c>. Each
/// takes <c>numClasses</c> and <c>inChannels</c>, so the same architecture serves ImageNet (3 channels, 1000 classes,
/// 224×224) and Fashion-MNIST as d2l trains it (1 channel, 10 classes, images resized: 28×28 for LeNet, 224×224 for
/// AlexNet/VGG/NiN, 96×96 for GoogLeNet/ResNet/DenseNet). ResNet, VGG, AlexNet and DenseNet have torchvision's layout
/// (their state dicts exchange with torchvision's); LeNet, NiN and GoogLeNet are d2l's <c>nn.Sequential</c> versions.
/// </summary>
/// <example>
/// <code>
/// var net = Models.ResNet18(numClasses: 10, inChannels: 1);
/// var logits = net.Call(Torch.Randn(8, 1, 96, 96));   // [8, 10]
/// </code>
/// </example>
public static class Models
{
    /// <summary>
    /// LeNet-5 as d2l builds it (section 6.6): two 5×5 convolutions (6 and 16 channels, the first padded by 2) each
    /// followed by the activation and 2×2 pooling, then 120, 84 and <paramref name="numClasses"/> units. The original
    /// uses sigmoid and average pooling; <paramref name="modern"/> uses ReLU and max pooling (the benchmark's LeNet).
    /// </summary>
    /// <param name="numClasses">Outputs (default 10).</param>
    /// <param name="inChannels">Input channels (default 1); the input is 28×28.</param>
    /// <param name="modern">ReLU and max pooling instead of sigmoid and average pooling (default false).</param>
    /// <returns>The network, a <see cref="Sequential"/> taking [N, inChannels, 28, 28].</returns>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static Sequential LeNet(int numClasses = 10, int inChannels = 1, bool modern = false)
    {
        Module<Tensor, Tensor> Act() => modern ? new ReLU() : new Sigmoid();
        Module<Tensor, Tensor> Pool() => modern ? new MaxPool2d(kernelSize: 2, stride: 2) : new AvgPool2d(kernelSize: 2, stride: 2);
        return new Sequential(
            new Conv2d(inChannels, 6, kernelSize: 5, padding: 2), Act(), Pool(),
            new Conv2d(6, 16, kernelSize: 5), Act(), Pool(), new Flatten(),
            new Linear(16 * 5 * 5, 120), Act(), new Linear(120, 84), Act(), new Linear(84, numClasses));
    }

    /// <summary>AlexNet in torchvision's layout (see <see cref="Vision.AlexNet"/>).</summary>
    /// <param name="numClasses">Outputs (default 1000).</param>
    /// <param name="inChannels">Input channels (default 3).</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static AlexNet AlexNet(int numClasses = 1000, int inChannels = 3) => new(numClasses, inChannels);

    /// <summary>
    /// VGG-11 (configuration A) in torchvision's layout (see <see cref="Vgg"/>); d2l trains it on Fashion-MNIST with
    /// <paramref name="widthDivisor"/> 4.
    /// </summary>
    /// <param name="numClasses">Outputs (default 1000).</param>
    /// <param name="inChannels">Input channels (default 3).</param>
    /// <param name="widthDivisor">Divides every width (default 1).</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static Vgg Vgg11(int numClasses = 1000, int inChannels = 3, int widthDivisor = 1) =>
        new([(1, 64), (1, 128), (2, 256), (2, 512), (2, 512)], numClasses, inChannels, widthDivisor);

    /// <summary>
    /// Network in Network as d2l builds it (section 7.3): four NiN blocks (a convolution followed by two 1×1
    /// convolutions, each with ReLU; 96, 256, 384 and <paramref name="numClasses"/> channels) with 3×3 stride-2 max
    /// pooling between them and dropout before the last, then global average pooling: no fully connected layer.
    /// </summary>
    /// <param name="numClasses">Outputs (default 10).</param>
    /// <param name="inChannels">Input channels (default 1); the input is 224×224.</param>
    /// <returns>The network, a <see cref="Sequential"/>.</returns>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static Sequential NiN(int numClasses = 10, int inChannels = 1) => new(
        NiNBlock(inChannels, 96, 11, 4, 0), new MaxPool2d(kernelSize: 3, stride: 2),
        NiNBlock(96, 256, 5, 1, 2), new MaxPool2d(kernelSize: 3, stride: 2),
        NiNBlock(256, 384, 3, 1, 1), new MaxPool2d(kernelSize: 3, stride: 2),
        new Dropout(0.5),
        NiNBlock(384, numClasses, 3, 1, 1),
        new AdaptiveAvgPool2d(1), new Flatten());

    /// <summary>d2l's NiN block: a k×k convolution and two 1×1 convolutions, each followed by ReLU.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">The first convolution's kernel size.</param>
    /// <param name="stride">Its stride.</param>
    /// <param name="padding">Its padding.</param>
    /// <returns>The block.</returns>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static Sequential NiNBlock(int inChannels, int outChannels, int kernelSize, int stride, int padding) => new(
        new Conv2d(inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: padding), new ReLU(),
        new Conv2d(outChannels, outChannels, kernelSize: 1), new ReLU(),
        new Conv2d(outChannels, outChannels, kernelSize: 1), new ReLU());

    /// <summary>
    /// GoogLeNet as d2l builds it (section 7.4): a 7×7 stem, a 1×1/3×3 stage, nine <see cref="Inception"/> blocks in
    /// three stages with 3×3 stride-2 max pooling between them, global average pooling and one linear layer (1024 →
    /// classes). d2l trains it on Fashion-MNIST at 96×96.
    /// </summary>
    /// <param name="numClasses">Outputs (default 10).</param>
    /// <param name="inChannels">Input channels (default 1).</param>
    /// <returns>The network, a <see cref="Sequential"/>.</returns>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static Sequential GoogLeNet(int numClasses = 10, int inChannels = 1)
    {
        var b1 = new Sequential(new Conv2d(inChannels, 64, kernelSize: 7, stride: 2, padding: 3), new ReLU(),
            new MaxPool2d(kernelSize: 3, stride: 2, padding: 1));
        var b2 = new Sequential(new Conv2d(64, 64, kernelSize: 1), new ReLU(), new Conv2d(64, 192, kernelSize: 3, padding: 1), new ReLU(),
            new MaxPool2d(kernelSize: 3, stride: 2, padding: 1));
        var b3 = new Sequential(new Inception(192, 64, (96, 128), (16, 32), 32), new Inception(256, 128, (128, 192), (32, 96), 64),
            new MaxPool2d(kernelSize: 3, stride: 2, padding: 1));
        var b4 = new Sequential(new Inception(480, 192, (96, 208), (16, 48), 64), new Inception(512, 160, (112, 224), (24, 64), 64),
            new Inception(512, 128, (128, 256), (24, 64), 64), new Inception(512, 112, (144, 288), (32, 64), 64),
            new Inception(528, 256, (160, 320), (32, 128), 128), new MaxPool2d(kernelSize: 3, stride: 2, padding: 1));
        var b5 = new Sequential(new Inception(832, 256, (160, 320), (32, 128), 128), new Inception(832, 384, (192, 384), (48, 128), 128),
            new AdaptiveAvgPool2d(1), new Flatten());
        return new Sequential(b1, b2, b3, b4, b5, new Linear(1024, numClasses));
    }

    /// <summary>ResNet-18 (basic blocks 2, 2, 2, 2) in torchvision's layout (see <see cref="ResNet"/>).</summary>
    /// <param name="numClasses">Outputs (default 1000).</param>
    /// <param name="inChannels">Input channels (default 3).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static ResNet ResNet18(int numClasses = 1000, int inChannels = 3, Generator? generator = null) =>
        new(bottleneck: false, [2, 2, 2, 2], numClasses, inChannels, generator);

    /// <summary>ResNet-34 (basic blocks 3, 4, 6, 3) in torchvision's layout (see <see cref="ResNet"/>).</summary>
    /// <param name="numClasses">Outputs (default 1000).</param>
    /// <param name="inChannels">Input channels (default 3).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static ResNet ResNet34(int numClasses = 1000, int inChannels = 3, Generator? generator = null) =>
        new(bottleneck: false, [3, 4, 6, 3], numClasses, inChannels, generator);

    /// <summary>ResNet-50 (bottleneck blocks 3, 4, 6, 3) in torchvision's layout (see <see cref="ResNet"/>).</summary>
    /// <param name="numClasses">Outputs (default 1000).</param>
    /// <param name="inChannels">Input channels (default 3).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static ResNet ResNet50(int numClasses = 1000, int inChannels = 3, Generator? generator = null) =>
        new(bottleneck: true, [3, 4, 6, 3], numClasses, inChannels, generator);

    /// <summary>DenseNet-121 (growth 32, blocks 6, 12, 24, 16, 64 initial features) in torchvision's layout (see <see cref="DenseNet"/>).</summary>
    /// <param name="numClasses">Outputs (default 1000).</param>
    /// <param name="inChannels">Input channels (default 3).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static DenseNet DenseNet121(int numClasses = 1000, int inChannels = 3, Generator? generator = null) =>
        new(32, [6, 12, 24, 16], 64, 4, numClasses, inChannels, generator);
}
