using Ember.NN;

namespace Ember.Vision;

/// <summary>
/// DenseNet (Huang et al., 2016) in torchvision's layout: <c>features</c> (a 7×7 stride-2 stem <c>conv0</c>/<c>norm0</c>/
/// <c>relu0</c>/<c>pool0</c>, dense blocks <c>denseblock1</c>… separated by <c>transition1</c>…, and <c>norm5</c>), then
/// ReLU, global average pooling and <c>classifier</c>. Parameter names, shapes and initialization equal torchvision 0.14's
/// (<c>features.denseblock1.denselayer1.norm1.weight</c>, …). <see cref="Models.DenseNet121"/> builds DenseNet-121.
/// </summary>
public sealed partial class DenseNet : Module<Tensor, Tensor>
{
    private readonly Sequential _features;
    private readonly Linear _classifier;

    /// <summary>Creates the network.</summary>
    /// <param name="growthRate">Channels each layer adds (DenseNet-121: 32).</param>
    /// <param name="blockConfig">Layers per dense block (DenseNet-121: 6, 12, 24, 16).</param>
    /// <param name="numInitFeatures">Channels of the stem (DenseNet-121: 64).</param>
    /// <param name="bnSize">The bottleneck width factor: each layer's 1×1 convolution has bnSize × growthRate channels (default 4).</param>
    /// <param name="numClasses">Outputs (default 1000).</param>
    /// <param name="inChannels">Input channels (default 3).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">No blocks, or a count or size that is not positive.</exception>
    public DenseNet(int growthRate, int[] blockConfig, int numInitFeatures, int bnSize = 4, int numClasses = 1000, int inChannels = 3,
        Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(blockConfig);
        if (blockConfig.Length == 0 || blockConfig.Any(n => n <= 0) || growthRate <= 0 || numInitFeatures <= 0 || bnSize <= 0)
            throw new ArgumentException($"DenseNet: expected positive sizes, got growthRate {growthRate}, blockConfig [{string.Join(", ", blockConfig)}], " +
                                        $"numInitFeatures {numInitFeatures}, bnSize {bnSize}", nameof(blockConfig));
        _features = new Sequential(
            ("conv0", new Conv2d(inChannels, numInitFeatures, kernelSize: 7, stride: 2, padding: 3, bias: false)),
            ("norm0", new BatchNorm2d(numInitFeatures)),
            ("relu0", new ReLU()),
            ("pool0", new MaxPool2d(kernelSize: 3, stride: 2, padding: 1)));
        int features = numInitFeatures;
        for (int i = 0; i < blockConfig.Length; i++)
        {
            _features.Add($"denseblock{i + 1}", new DenseBlock(blockConfig[i], features, bnSize, growthRate));
            features += blockConfig[i] * growthRate;
            if (i == blockConfig.Length - 1) continue;
            _features.Add($"transition{i + 1}", new DenseTransition(features, features / 2));
            features /= 2;
        }
        _features.Add("norm5", new BatchNorm2d(features));
        _classifier = new Linear(features, numClasses, generator: generator);
        ModelInit.ResetConvAndNorm(this, fanOut: false, generator);
        using (Torch.NoGrad())
            if (_classifier.Bias is { } b) Init.Zeros_(b);
    }

    /// <summary>Runs the network.</summary>
    /// <param name="input">Images [N, inChannels, H, W].</param>
    /// <returns>Logits [N, numClasses].</returns>
    public override Tensor Forward(Tensor input)
    {
        var x = F.Relu(_features.Call(input));
        return _classifier.Call(F.AdaptiveAvgPool2d(x, 1).Flatten(1));
    }
}

/// <summary>
/// A dense block (torchvision's <c>_DenseBlock</c>): each of its layers (<c>denselayer1</c>, …) sees the concatenation of
/// the block's input and every earlier layer's output and adds growthRate channels.
/// </summary>
public sealed class DenseBlock : Module<Tensor, Tensor>
{
    private readonly DenseLayer[] _layers;

    /// <summary>Creates the block.</summary>
    /// <param name="numLayers">How many layers.</param>
    /// <param name="numInputFeatures">Input channels.</param>
    /// <param name="bnSize">The bottleneck width factor.</param>
    /// <param name="growthRate">Channels each layer adds.</param>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public DenseBlock(int numLayers, int numInputFeatures, int bnSize, int growthRate)
    {
        _layers = new DenseLayer[numLayers];
        for (int i = 0; i < numLayers; i++)
            _layers[i] = RegisterModule($"denselayer{i + 1}", new DenseLayer(numInputFeatures + i * growthRate, growthRate, bnSize));
    }

    /// <summary>Runs the layers, each on everything before it.</summary>
    /// <param name="input">[N, numInputFeatures, H, W].</param>
    /// <returns>[N, numInputFeatures + numLayers·growthRate, H, W].</returns>
    public override Tensor Forward(Tensor input)
    {
        var features = new List<Tensor>(_layers.Length + 1) { input };
        foreach (var layer in _layers) features.Add(layer.Call(Torch.Cat(features.ToArray(), 1)));
        return Torch.Cat(features.ToArray(), 1);
    }
}

/// <summary>A dense layer (torchvision's <c>_DenseLayer</c>): BN, ReLU, 1×1 convolution, BN, ReLU, 3×3 convolution.</summary>
public sealed partial class DenseLayer : Module<Tensor, Tensor>
{
    private readonly BatchNorm2d _norm1;
    private readonly ReLU _relu1 = new();
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _norm2;
    private readonly ReLU _relu2 = new();
    private readonly Conv2d _conv2;

    /// <summary>Creates the layer.</summary>
    /// <param name="numInputFeatures">Input channels.</param>
    /// <param name="growthRate">Output channels.</param>
    /// <param name="bnSize">The bottleneck has bnSize × growthRate channels.</param>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public DenseLayer(int numInputFeatures, int growthRate, int bnSize)
    {
        _norm1 = new BatchNorm2d(numInputFeatures);
        _conv1 = new Conv2d(numInputFeatures, bnSize * growthRate, kernelSize: 1, bias: false);
        _norm2 = new BatchNorm2d(bnSize * growthRate);
        _conv2 = new Conv2d(bnSize * growthRate, growthRate, kernelSize: 3, padding: 1, bias: false);
    }

    /// <summary>Runs the layer.</summary>
    /// <param name="input">[N, numInputFeatures, H, W].</param>
    /// <returns>[N, growthRate, H, W].</returns>
    public override Tensor Forward(Tensor input) =>
        _conv2.Call(_relu2.Call(_norm2.Call(_conv1.Call(_relu1.Call(_norm1.Call(input))))));
}

/// <summary>A transition between dense blocks (torchvision's <c>_Transition</c>): BN, ReLU, 1×1 convolution, 2×2 average pooling.</summary>
public sealed partial class DenseTransition : Module<Tensor, Tensor>
{
    private readonly BatchNorm2d _norm;
    private readonly ReLU _relu = new();
    private readonly Conv2d _conv;
    private readonly AvgPool2d _pool = new(kernelSize: 2, stride: 2);

    /// <summary>Creates the transition.</summary>
    /// <param name="numInputFeatures">Input channels.</param>
    /// <param name="numOutputFeatures">Output channels.</param>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public DenseTransition(int numInputFeatures, int numOutputFeatures)
    {
        _norm = new BatchNorm2d(numInputFeatures);
        _conv = new Conv2d(numInputFeatures, numOutputFeatures, kernelSize: 1, bias: false);
    }

    /// <summary>Runs the transition.</summary>
    /// <param name="input">[N, numInputFeatures, H, W].</param>
    /// <returns>[N, numOutputFeatures, H/2, W/2].</returns>
    public override Tensor Forward(Tensor input) => _pool.Call(_conv.Call(_relu.Call(_norm.Call(input))));
}
