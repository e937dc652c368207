using System.Diagnostics;
using System.Globalization;
using Ember;
using Ember.Data;
using Ember.NN;
using Ember.Optim;

// The main job: train an MLP on the embedded UCI digits set with Ember's four-step workflow,
// printing progress, then report test accuracy.
int epochs = 20;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] is "--epochs" && i + 1 < args.Length && int.TryParse(args[i + 1], out var e) && e > 0) { epochs = e; i++; }
    else if (args[i] is "-h" or "--help")
    {
        Console.WriteLine("usage: dotnet run --project src/Ember.Cli [-- --epochs N]   train a 64-128-10 MLP on the embedded UCI digits set");
        return 0;
    }
    else
    {
        Console.Error.WriteLine($"ember: unknown argument '{args[i]}' (try --help)");
        return 2;
    }
}
Torch.ManualSeed(0);

// 1. Prepare data: 1,797 8x8 digits (pixel values 0..16) scaled to [0, 1], split 80/20.
var digits = EmbeddedDatasets.Digits();
var dataset = TensorDataset.Of(digits.Features / 16.0, digits.Targets);
var split = Splits.RandomSplit(dataset, [0.8, 0.2], new Generator(0));
var (train, test) = (split[0], split[1]);
var loader = new DataLoader(train, batchSize: 32, shuffle: true, generator: new Generator(1));

// 2. Design the model.
var model = new Sequential(new Linear(64, 128), new ReLU(), new Dropout(0.1), new Linear(128, 10));

// 3. Loss and optimizer.
var lossFn = new CrossEntropyLoss();
var optimizer = new SGD(model.Parameters(), lr: 0.05, momentum: 0.9, weightDecay: 1e-4);
var scheduler = new Ember.Optim.Schedulers.CosineAnnealingLR(optimizer, tMax: epochs);

Console.WriteLine($"Ember: training on UCI digits ({train.Count} train / {test.Count} test images, 8x8, 10 classes)");
Console.WriteLine(model);
Console.WriteLine($"{model.ParameterCount():N0} parameters; SGD lr 0.05 momentum 0.9, cosine schedule, batch 32, {epochs} epochs");

double Accuracy(Dataset<(Tensor Input, Tensor Target)> data)
{
    model.Eval();
    using var _ = Torch.NoGrad();
    long correct = 0;
    foreach (var (x, y) in new DataLoader(data, batchSize: 512))
        correct += model.Forward(x).Argmax(1).Eq(y).Sum().Item<long>();
    model.Train();
    return (double)correct / data.Count;
}

// 4. Train.
var clock = Stopwatch.StartNew();
for (int epoch = 1; epoch <= epochs; epoch++)
{
    double total = 0;
    int batches = 0;
    foreach (var (x, y) in loader)
    {
        var loss = lossFn.Forward(model.Forward(x), y);
        optimizer.ZeroGrad();
        loss.Backward();
        optimizer.Step();
        total += loss.Item();
        batches++;
    }
    scheduler.Step();
    if (epoch == 1 || epoch % 5 == 0 || epoch == epochs)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch,3}/{epochs}  loss {total / batches:F4}  train acc {Accuracy(train):F3}  test acc {Accuracy(test):F3}  ({clock.Elapsed.TotalSeconds:F1} s)"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final test accuracy: {Accuracy(test):F4}"));
return 0;
