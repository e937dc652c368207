// The README's four-step workflow on Fashion-MNIST (needs Debian's dataset-fashion-mnist package).
// Run: dotnet run -c Release --project samples/FashionMnistMlp [-- epochs]
using System.Diagnostics;
using Ember;
using Ember.Data;
using Ember.Data.Transforms;
using Ember.NN;
using Ember.Optim;

int epochs = args.Length > 0 && int.TryParse(args[0], out var e) ? e : 10;

// 1. Prepare data (Fashion-MNIST from Debian's dataset-fashion-mnist package)
var train = FashionMnist.Load(FashionMnist.DefaultRoot, train: true, transform: new Normalize(0.2860f, 0.3530f));
var test = FashionMnist.Load(FashionMnist.DefaultRoot, train: false, transform: new Normalize(0.2860f, 0.3530f));
var loader = new DataLoader(train, batchSize: 256, shuffle: true);

// 2. Design the model
var model = new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Linear(256, 10));

// 3. Loss and optimizer
var lossFn = new CrossEntropyLoss();
var opt = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);

// 4. Train
for (int epoch = 0; epoch < epochs; epoch++)
{
    var clock = Stopwatch.StartNew();
    double total = 0;
    int batches = 0;
    foreach (var (x, y) in loader)
    {
        var loss = lossFn.Forward(model.Forward(x), y);
        opt.ZeroGrad();
        loss.Backward();
        opt.Step();
        total += loss.Item();
        batches++;
    }
    model.Eval();
    long correct = 0;
    using (Torch.NoGrad())
        foreach (var (x, y) in new DataLoader(test, batchSize: 1000))
            correct += model.Forward(x).Argmax(1).Eq(y).Sum().Item<long>();
    model.Train();
    Console.WriteLine($"epoch {epoch + 1}: loss {total / batches:F4}, test accuracy {(double)correct / test.Count:F4} ({clock.Elapsed.TotalSeconds:F1} s)");
}
