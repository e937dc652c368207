// NativeAOT deployment sample: train a 64-64-10 MLP on the embedded UCI digits for a few epochs and
// report test accuracy. Publish as a native binary (see AotDigits.csproj):
//   dotnet publish samples/AotDigits -c Release -r linux-x64 -p:PublishAot=true
//   samples/AotDigits/bin/Release/net10.0/linux-x64/publish/AotDigits [--epochs N] [--min-accuracy A]
// On the JIT (`dotnet run -c Release --project samples/AotDigits`) it prints the same numbers, up to float
// rounding where the two use different SIMD widths. It exits 1 when the final test accuracy is below
// --min-accuracy (default 0.9).
using System.Globalization;
using System.Runtime.CompilerServices;
using Ember;
using Ember.Data;
using Ember.Data.Formats;
using Ember.NN;
using Ember.Optim;

int epochs = 5;
double minAccuracy = 0.9;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] is "--epochs" && i + 1 < args.Length && int.TryParse(args[i + 1], out var e) && e > 0) { epochs = e; i++; }
    else if (args[i] is "--min-accuracy" && i + 1 < args.Length
             && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)) { minAccuracy = a; i++; }
    else
    {
        Console.Error.WriteLine($"AotDigits: unknown argument '{args[i]}' (usage: AotDigits [--epochs N] [--min-accuracy A])");
        return 2;
    }
}
string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
Console.WriteLine($"AotDigits on {(RuntimeFeature.IsDynamicCodeSupported ? "the JIT" : "NativeAOT")}");
Torch.ManualSeed(0);

// 1. Data: the embedded 8x8 digits scaled to [0, 1], split 80/20.
var digits = EmbeddedDatasets.Digits();
var split = Splits.RandomSplit(TensorDataset.Of(digits.Features / 16.0, digits.Targets), [0.8, 0.2], new Generator(0));
var (train, test) = (split[0], split[1]);
var loader = new DataLoader(train, batchSize: 32, shuffle: true, generator: new Generator(1));

// 2-3. Model, loss, optimizer.
var model = new Sequential(new Linear(64, 64), new ReLU(), new Linear(64, 10));
var lossFn = new CrossEntropyLoss();
var optimizer = new Adam(model.Parameters(), lr: 0.005);
Console.WriteLine(model);

(double Accuracy, long[,] Confusion) Evaluate(Sequential net, Dataset<(Tensor Input, Tensor Target)> data)
{
    net.Eval();
    using var _ = Torch.NoGrad();
    var (x, y) = new DataLoader(data, batchSize: data.Count).First();
    var predicted = net.Forward(x).Argmax(1);
    // confusion[target, predicted], counted with ScatterAdd, read back as a long[,].
    var confusion = Torch.Zeros(new Size(100), DType.Int64).ScatterAdd(0, y * 10 + predicted, Torch.OnesLike(y)).View(10, 10);
    net.Train();
    return (predicted.Eq(y).Sum().Item<long>() / (double)data.Count, (long[,])confusion.ToArray());
}

// 4. Train.
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
    Console.WriteLine(F($"epoch {epoch}/{epochs}  loss {total / batches:F4}  test acc {Evaluate(model, test).Accuracy:F4}"));
}

// A fresh model loaded from the state dict gives the same predictions.
var copy = new Sequential(new Linear(64, 64), new ReLU(), new Linear(64, 10));
copy.LoadStateDict(model.StateDict());
var (accuracy, confusion) = Evaluate(copy, test);
Console.WriteLine("confusion (rows: true digit, columns: predicted):");
for (int r = 0; r < 10; r++)
    Console.WriteLine(string.Join(" ", Enumerable.Range(0, 10).Select(c => confusion[r, c].ToString(CultureInfo.InvariantCulture).PadLeft(3))));

// The CSV reader (CsvHelper) works in a trimmed native binary too.
var table = CsvTable.Parse("pixel,label\n0.5,3\n0.25,7\n");
Console.WriteLine($"csv: {table.RowCount} rows, columns {string.Join(", ", table.Columns)}");

Console.WriteLine(F($"final test accuracy: {accuracy:F4}"));
if (accuracy < minAccuracy)
{
    Console.Error.WriteLine(F($"AotDigits: test accuracy {accuracy:F4} is below {minAccuracy}"));
    return 1;
}
return 0;
