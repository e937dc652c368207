using Ember.NN;
using Ember.Vision;

namespace Ember.Tests.Vision;

/// <summary>
/// The model zoo: torchvision-layout models have torchvision 0.14's state-dict keys, order and shapes
/// (<c>TorchvisionStateDicts.txt</c>, generated with torchvision); d2l's Sequential models have the parameter counts
/// and output shapes PyTorch gives for the same definitions; every model trains (gradients reach every parameter).
/// </summary>
[Collection("LargeModels")]
public class ModelZooTests
{
    private static readonly Lazy<Dictionary<string, (string Key, int[] Shape)[]>> Reference = new(Load);

    private static Dictionary<string, (string Key, int[] Shape)[]> Load()
    {
        using var stream = System.Reflection.Assembly.GetExecutingAssembly().GetManifestResourceStream("Ember.Tests.Vision.TorchvisionStateDicts.txt")!;
        using var reader = new StreamReader(stream);
        var models = new Dictionary<string, (string, int[])[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var parts = line.Split('|');
            models[parts[0]] = parts[1].Split(';').Select(e =>
            {
                var kv = e.Split(':');
                return (kv[0], kv[1].Length == 0 ? Array.Empty<int>() : kv[1].Split(',').Select(int.Parse).ToArray());
            }).ToArray();
        }
        return models;
    }

    public static TheoryData<string> TorchvisionModels => ["resnet18/1000", "resnet34/1000", "resnet50/1000", "densenet121/1000", "vgg11/1000", "alexnet/1000", "resnet18/10"];

    private static Module Build(string name) => name switch
    {
        "resnet18/1000" => Models.ResNet18(),
        "resnet34/1000" => Models.ResNet34(),
        "resnet50/1000" => Models.ResNet50(),
        "densenet121/1000" => Models.DenseNet121(),
        "vgg11/1000" => Models.Vgg11(),
        "alexnet/1000" => Models.AlexNet(),
        "resnet18/10" => Models.ResNet18(numClasses: 10),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(TorchvisionModels))]
    public void StateDictKeysOrderAndShapesEqualTorchvisions(string name)
    {
        var expected = Reference.Value[name];
        var actual = Build(name).StateDict().Select(kv => (kv.Key, kv.Value.Shape.ToArray())).ToArray();
        Assert.Equal(expected.Select(e => e.Key), actual.Select(a => a.Key));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Shape.SequenceEqual(actual[i].Item2), $"{expected[i].Key}: expected [{string.Join(", ", expected[i].Shape)}], got [{string.Join(", ", actual[i].Item2)}]");
    }

    [Fact]
    public void D2lModelsHaveTorchsParameterCountsAndOutputShapes()
    {
        using var _ = Torch.NoGrad();
        var g = new Generator(0);
        (Module<Tensor, Tensor> Model, long Params, int[] Input)[] cases =
        [
            (Models.LeNet(), 61706, [2, 1, 28, 28]),
            (Models.LeNet(modern: true), 61706, [2, 1, 28, 28]),
            (Models.NiN(), 1992166, [1, 1, 224, 224]),
            (Models.GoogLeNet(), 5977530, [1, 1, 96, 96]),
        ];
        foreach (var (model, count, input) in cases)
        {
            model.Eval();
            Assert.Equal(count, model.ParameterCount());
            Assert.Equal([input[0], 10], model.Call(Torch.Randn(input, generator: g)).Shape.ToArray());
        }
        // the d2l GoogLeNet's parameter names follow d2l's attribute names
        Assert.Equal(["0.0.weight", "0.0.bias", "1.0.weight", "1.0.bias", "1.2.weight", "1.2.bias"], Models.GoogLeNet().StateDict().Keys.Take(6));
        Assert.StartsWith("2.0.p1_1.weight", string.Join(" ", Models.GoogLeNet().StateDict().Keys.Skip(6)));
    }

    [Fact]
    public void TorchvisionLayoutModelsRunAtFashionMnistSizes()
    {
        using var _ = Torch.NoGrad();
        var g = new Generator(1);
        Assert.Equal(11181642, Models.ResNet18(numClasses: 10).ParameterCount());
        Assert.Equal(6964106, Models.DenseNet121(numClasses: 10).ParameterCount());
        var resnet = Models.ResNet18(numClasses: 10, inChannels: 1);
        resnet.Eval();
        Assert.Equal([2, 10], resnet.Call(Torch.Randn([2, 1, 64, 64], generator: g)).Shape.ToArray());
        var vgg = Models.Vgg11(numClasses: 10, inChannels: 1, widthDivisor: 8);
        vgg.Eval();
        Assert.Equal([1, 10], vgg.Call(Torch.Randn([1, 1, 64, 64], generator: g)).Shape.ToArray());
    }

    [Fact]
    public void GradientsReachEveryParameterOfAResNetAndADenseNetBlock()
    {
        var g = new Generator(2);
        var model = Models.ResNet18(numClasses: 3, inChannels: 1, generator: g);
        var loss = F.CrossEntropy(model.Call(Torch.Randn([2, 1, 32, 32], generator: g)), Torch.FromArray(new long[] { 0, 2 }));
        loss.Backward();
        Assert.All(model.NamedParameters(), p => Assert.True(p.Parameter.Grad is not null && p.Parameter.Grad.Abs().Sum().Item() > 0, p.Name));
        var block = new DenseBlock(2, 4, 2, 3);
        var x = Torch.Randn([2, 4, 5, 5], generator: g).RequiresGrad_();
        var y = block.Call(x);
        Assert.Equal([2, 4 + 2 * 3, 5, 5], y.Shape.ToArray());
        (y * y).Sum().Backward();
        Assert.All(block.Parameters(), p => Assert.NotNull(p.Grad));
        Assert.NotNull(x.Grad);
    }

    [Fact]
    public void BadArgumentsAreClearErrors()
    {
        Assert.Throws<ArgumentException>(() => new ResNet(false, [2, 2, 2], 10));
        Assert.Throws<ArgumentException>(() => new Vgg([], 10));
        Assert.Throws<ArgumentException>(() => Models.Vgg11(widthDivisor: 128));
        Assert.Throws<ArgumentException>(() => new DenseNet(32, [], 64));
    }
}

/// <summary>
/// Tests that build ImageNet-size models (VGG-11 alone holds 133 million parameters, half a gigabyte) run alone, so
/// that the memory they hold never overlaps a test that bounds the process's heap.
/// </summary>
[CollectionDefinition("LargeModels", DisableParallelization = true)]
public class LargeModelsCollection { }
