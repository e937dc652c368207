// A small ResNet on Fashion-MNIST (d2l 8.6's residual blocks at CIFAR-ResNet widths: 16, 32, 64 channels), built from
// Ember.Vision's BasicBlock. Needs Debian's dataset-fashion-mnist package.
// Run: dotnet run -c Release --project samples/FashionMnistResNet [-- epochs]
using System.Diagnostics;
using Ember;
using Ember.Data;
using Ember.Data.Transforms;
using Ember.NN;
using Ember.Optim;
using Ember.Optim.Schedulers;
using Ember.Vision;

int epochs = args.Length > 0 && int.TryParse(args[0], out var e) ? e : 3;

var train = FashionMnist.Load(FashionMnist.DefaultRoot, train: true, transform: new Normalize(0.2860f, 0.3530f));
var test = FashionMnist.Load(FashionMnist.DefaultRoot, train: false, transform: new Normalize(0.2860f, 0.3530f));
var loader = new DataLoader(train, batchSize: 128, shuffle: true, generator: new Generator(0));

// stem, then three stages of two basic blocks (the first block of stages 2 and 3 halves the resolution), global pooling
static Sequential Stage(int inplanes, int planes, int stride) => new(
    new BasicBlock(inplanes, planes, stride, stride != 1 || inplanes != planes ? BasicBlock.Shortcut(inplanes, planes, stride) : null),
    new BasicBlock(planes, planes));
var model = new Sequential(
    new Conv2d(1, 16, kernelSize: 3, padding: 1, bias: false), new BatchNorm2d(16), new ReLU(),
    Stage(16, 16, 1), Stage(16, 32, 2), Stage(32, 64, 2),
    new AdaptiveAvgPool2d(1), new Flatten(), new Linear(64, 10));
Console.WriteLine($"{model.ParameterCount():N0} parameters");

var lossFn = new CrossEntropyLoss();
var opt = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9, weightDecay: 5e-4);
var schedule = new CosineAnnealingLR(opt, tMax: epochs);

double accuracy = 0;
for (int epoch = 0; epoch < epochs; epoch++)
{
    var clock = Stopwatch.StartNew();
    double total = 0;
    int batches = 0;
    model.Train();
    foreach (var (x, y) in loader)
    {
        using var scope = Torch.NewDisposeScope();
        var loss = lossFn.Forward(model.Call(x), y);
        opt.ZeroGrad();
        loss.Backward();
        opt.Step();
        total += loss.Item();
        if (++batches % 100 == 0) Console.WriteLine($"  batch {batches}: running loss {total / batches:F4} ({clock.Elapsed.TotalSeconds:F0} s)");
    }
    schedule.Step();
    model.Eval();
    long correct = 0;
    using (Torch.NoGrad())
        foreach (var (x, y) in new DataLoader(test, batchSize: 500))
            correct += model.Call(x).Argmax(1).Eq(y).Sum().Item<long>();
    accuracy = (double)correct / test.Count;
    Console.WriteLine($"epoch {epoch + 1}/{epochs}: loss {total / batches:F4}, test accuracy {accuracy:F4} ({clock.Elapsed.TotalSeconds:F1} s)");
}
Console.WriteLine($"final test accuracy: {accuracy:F4}");
