// LeNet on Fashion-MNIST (d2l 6.6 with ReLU and max pooling): convolutions, pooling and the four-step workflow.
// Needs Debian's dataset-fashion-mnist package. Run: dotnet run -c Release --project samples/FashionMnistLeNet [-- epochs]
using System.Diagnostics;
using Ember;
using Ember.Data;
using Ember.Data.Transforms;
using Ember.NN;
using Ember.Optim;
using Ember.Optim.Schedulers;
using Ember.Vision;

int epochs = args.Length > 0 && int.TryParse(args[0], out var e) ? e : 10;

// 1. Data: [N, 1, 28, 28] images, normalized
var train = FashionMnist.Load(FashionMnist.DefaultRoot, train: true, transform: new Normalize(0.2860f, 0.3530f));
var test = FashionMnist.Load(FashionMnist.DefaultRoot, train: false, transform: new Normalize(0.2860f, 0.3530f));
var loader = new DataLoader(train, batchSize: 256, shuffle: true, generator: new Generator(0));

// 2. The model: Conv(1→6, 5×5, pad 2) → ReLU → MaxPool 2 → Conv(6→16, 5×5) → ReLU → MaxPool 2 → 120 → 84 → 10
var model = Models.LeNet(modern: true);
Console.WriteLine(model);

// 3. Loss and optimizer
var lossFn = new CrossEntropyLoss();
var opt = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
var schedule = new CosineAnnealingLR(opt, tMax: epochs);

// 4. Train, with the test accuracy after every epoch
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
        batches++;
    }
    schedule.Step();
    model.Eval();
    long correct = 0;
    using (Torch.NoGrad())
        foreach (var (x, y) in new DataLoader(test, batchSize: 1000))
            correct += model.Call(x).Argmax(1).Eq(y).Sum().Item<long>();
    accuracy = (double)correct / test.Count;
    Console.WriteLine($"epoch {epoch + 1,2}/{epochs}: loss {total / batches:F4}, test accuracy {accuracy:F4} ({clock.Elapsed.TotalSeconds:F1} s)");
}
Console.WriteLine($"final test accuracy: {accuracy:F4}");
