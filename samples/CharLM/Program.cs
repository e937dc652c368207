// A character-level language model (d2l chapter 9): Embedding → LSTM or GRU → Linear, trained on random windows of a
// text with Adam and gradient clipping; prints the perplexity as it falls and text sampled from the model.
// Run: dotnet run -c Release --project samples/CharLM [-- lstm|gru [steps [text-file]]]
// Without a file it reads the texts in /usr/share/common-licenses (as the benchmark's anchor does).
using System.Diagnostics;
using System.Text;
using Ember;
using Ember.NN;
using Ember.Optim;

string cell = args.Length > 0 ? args[0].ToLowerInvariant() : "lstm";
int steps = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 1500;
string text = args.Length > 2 ? File.ReadAllText(args[2]) : LicenseTexts();
if (cell is not ("lstm" or "gru")) throw new ArgumentException($"expected lstm or gru, got {cell}");

var chars = text.Distinct().Order().ToArray();
var index = chars.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (long)p.i);
var data = Torch.FromArray(text.Select(c => index[c]).ToArray());
Console.WriteLine($"{text.Length:N0} characters, vocabulary {chars.Length}, {cell.ToUpperInvariant()}, {steps} steps");

const int Batch = 32, Seq = 35, Hidden = 256;
var g = new Generator(0);
var model = new CharLM(chars.Length, Hidden, cell, g);
var opt = new Adam(model.Parameters(), lr: 2e-3);
var clock = Stopwatch.StartNew();
double running = 0;
for (int step = 1; step <= steps; step++)
{
    using var scope = Torch.NewDisposeScope();
    var starts = Torch.Randint(0, data.Size(0) - Seq - 1, [Batch], g);
    var offsets = Torch.Arange(Seq);
    var x = data.Index(starts.Unsqueeze(1) + offsets);          // [B, T]
    var y = data.Index(starts.Unsqueeze(1) + offsets + 1);
    var (logits, _) = model.Forward(x, null);
    var loss = F.CrossEntropy(logits.Reshape(-1, chars.Length), y.Reshape(-1));
    opt.ZeroGrad();
    loss.Backward();
    ClipGrad.ClipGradNorm_(model.Parameters(), 1.0);
    opt.Step();
    running += loss.Item();
    if (step % 100 == 0)
    {
        Console.WriteLine($"step {step,5}: perplexity {Math.Exp(running / 100):F2} ({clock.Elapsed.TotalSeconds:F0} s)");
        running = 0;
    }
}
Console.WriteLine();
Console.WriteLine(Generate(model, "The ", 300, temperature: 0.8, new Generator(1)));

string Generate(CharLM lm, string prefix, int length, double temperature, Generator generator)
{
    lm.Eval();
    using var _ = Torch.NoGrad();
    var sb = new StringBuilder(prefix);
    var input = Torch.FromArray(prefix.Select(c => index.GetValueOrDefault(c)).ToArray()).Unsqueeze(0);
    object? state = null;
    for (int i = 0; i < length; i++)
    {
        var (logits, next) = lm.Forward(input, state);
        state = next;
        var probs = F.Softmax(logits[0, -1] / temperature, 0).ToArray<float>();
        double u = Torch.Rand([1], generator: generator).Item(), cumulative = 0;
        long c = probs.Length - 1;
        for (int k = 0; k < probs.Length; k++)
            if ((cumulative += probs[k]) > u) { c = k; break; }
        sb.Append(chars[c]);
        input = Torch.FromArray(new[] { c }).Unsqueeze(0);
    }
    return sb.ToString();
}

static string LicenseTexts()
{
    const string dir = "/usr/share/common-licenses";
    if (!Directory.Exists(dir)) throw new FileNotFoundException($"no text file given and {dir} does not exist");
    return string.Concat(Directory.GetFiles(dir).Order(StringComparer.Ordinal)
        .Where(p => !(p.EndsWith("GPL") || p.EndsWith("LGPL") || p.EndsWith("GFDL")))
        .Select(File.ReadAllText));
}

/// <summary>Embedding(V, 64) → LSTM or GRU(64, hidden, batch first) → Linear(hidden, V): next-character logits.</summary>
sealed class CharLM : Module
{
    private readonly Embedding _embedding;
    private readonly LSTM? _lstm;
    private readonly GRU? _gru;
    private readonly Linear _output;

    public CharLM(int vocabulary, int hidden, string cell, Generator generator)
    {
        _embedding = RegisterModule("emb", new Embedding(vocabulary, 64, generator: generator));
        if (cell == "lstm") _lstm = RegisterModule("rnn", new LSTM(64, hidden, batchFirst: true, generator: generator));
        else _gru = RegisterModule("rnn", new GRU(64, hidden, batchFirst: true, generator: generator));
        _output = RegisterModule("out", new Linear(hidden, vocabulary, generator: generator));
    }

    /// <summary>Logits [B, T, V] for tokens [B, T], from the recurrent state (null: zeros) and the state after the last step.</summary>
    public (Tensor Logits, object State) Forward(Tensor tokens, object? state)
    {
        var e = _embedding.Call(tokens);
        if (_lstm is not null)
        {
            var (h, st) = _lstm.Forward(e, ((Tensor, Tensor)?)state);
            return (_output.Call(h), st);
        }
        var (hg, sg) = _gru!.Forward(e, (Tensor?)state);
        return (_output.Call(hg), sg);
    }
}
