using System.Diagnostics;
using System.Globalization;
using Ember;
using Ember.Cli;

// ember: trains a small network on the embedded digits set with Ember's tensors and autograd.
int epochs = 30;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] is "--epochs" && i + 1 < args.Length && int.TryParse(args[i + 1], out var e) && e > 0) { epochs = e; i++; }
    else if (args[i] is "-h" or "--help")
    {
        Console.WriteLine("usage: ember [--epochs N]   train a 64-64-10 MLP on the embedded UCI digits set");
        return 0;
    }
    else
    {
        Console.Error.WriteLine($"ember: unknown argument '{args[i]}' (try --help)");
        return 2;
    }
}

Torch.ManualSeed(0);
var (features, labels) = DigitsData.Load();
int n = labels.Numel, nTest = n / 5, nTrain = n - nTest;
var perm = Torch.Randperm(n);
var (trainIdx, testIdx) = (perm.Narrow(0, 0, nTrain), perm.Narrow(0, nTrain, nTest));
var (xTrain, yTrain) = (features.IndexSelect(0, trainIdx), labels.IndexSelect(0, trainIdx));
var (xTest, yTest) = (features.IndexSelect(0, testIdx), labels.IndexSelect(0, testIdx));

Console.WriteLine($"Ember: training a 64-64-10 MLP on UCI digits ({nTrain} train / {nTest} test images, 8x8), SGD lr 0.1, batch 32, {epochs} epochs");
Tensor Param(int fanIn, params int[] shape) => ((Torch.Rand(shape) * 2 - 1) / Math.Sqrt(fanIn)).Detach().RequiresGrad_();
var w1 = Param(64, 64, 64);
var b1 = Param(64, 64);
var w2 = Param(64, 10, 64);
var b2 = Param(64, 10);
Tensor[] parameters = [w1, b1, w2, b2];
Tensor Forward(Tensor x) => (x.Matmul(w1.T) + b1).Relu().Matmul(w2.T) + b2;
Tensor CrossEntropy(Tensor logits, Tensor y) => -logits.LogSoftmax(1).Gather(1, y.Unsqueeze(1)).Mean();
double Accuracy(Tensor x, Tensor y)
{
    using var _ = Torch.NoGrad();
    return Forward(x).Argmax(1).Eq(y).To(DType.Float32).Mean().Item();
}

const int batchSize = 32;
var clock = Stopwatch.StartNew();
for (int epoch = 1; epoch <= epochs; epoch++)
{
    var order = Torch.Randperm(nTrain);
    double total = 0;
    int batches = 0;
    for (int start = 0; start < nTrain; start += batchSize)
    {
        var idx = order.Narrow(0, start, Math.Min(batchSize, nTrain - start));
        var loss = CrossEntropy(Forward(xTrain.IndexSelect(0, idx)), yTrain.IndexSelect(0, idx));
        foreach (var p in parameters) p.Grad = null;
        loss.Backward();
        using (Torch.NoGrad())
            foreach (var p in parameters) p.Sub_(p.Grad! * 0.1);
        total += loss.Item();
        batches++;
    }
    if (epoch == 1 || epoch % 5 == 0 || epoch == epochs)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch,3}/{epochs}  loss {total / batches:F4}  train acc {Accuracy(xTrain, yTrain):F3}  test acc {Accuracy(xTest, yTest):F3}  ({clock.Elapsed.TotalSeconds:F1} s)"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final test accuracy: {Accuracy(xTest, yTest):F4}"));
return 0;
