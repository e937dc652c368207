using System.Diagnostics;
using Ember.NN;
using Ember.Optim;

namespace Ember.Bench;

/// <summary>
/// W4, the anchor's character LSTM language model (anchors/bench_torch.py): the texts of /usr/share/common-licenses
/// (without the GPL family), Embedding(V, 64) → LSTM(64, 256, batch first) → Linear(256, V), batch 32 of 35-character
/// windows, cross-entropy, Adam(1e-3), gradient clipping at norm 1; the time per step over 100 steps (30 with
/// <c>--quick</c>) after the warm-up.
/// </summary>
internal static class RnnBench
{
    private const int Batch = 32, Seq = 35, Hidden = 256;

    /// <summary>Adds <c>lstm_ms_per_step</c>, <c>lstm_corpus_chars</c> and <c>lstm_vocab</c>.</summary>
    public static void Run(Dictionary<string, object> results, BenchOptions options)
    {
        const string dir = "/usr/share/common-licenses";
        if (!Directory.Exists(dir))
        {
            BenchOptions.Log($"lstm: skipped, {dir} not found");
            return;
        }
        var text = string.Concat(Directory.GetFiles(dir).Order(StringComparer.Ordinal)
            .Where(p => !(p.EndsWith("GPL", StringComparison.Ordinal) || p.EndsWith("GFDL", StringComparison.Ordinal)))
            .Select(File.ReadAllText));
        var chars = text.Distinct().Order().ToArray();
        var index = chars.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (long)p.i);
        var data = Torch.FromArray(text.Select(c => index[c]).ToArray());
        int vocabulary = chars.Length;

        var g = new Generator(0);
        var emb = new Embedding(vocabulary, 64, generator: g);
        var lstm = new LSTM(64, Hidden, batchFirst: true, generator: g);
        var head = new Linear(Hidden, vocabulary, generator: g);
        var parameters = emb.Parameters().Concat(lstm.Parameters()).Concat(head.Parameters()).ToList();
        var opt = new Adam(parameters, lr: 1e-3);
        var offsets = Torch.Arange(Seq);
        void Step()
        {
            using var scope = Torch.NewDisposeScope();
            var starts = Torch.Randint(0, data.Size(0) - Seq - 1, [Batch], g).Unsqueeze(1);
            var x = data.Index(starts + offsets);
            var y = data.Index(starts + offsets + 1);
            var (h, _) = lstm.Call(emb.Call(x));
            var loss = F.CrossEntropy(head.Call(h).Reshape(-1, vocabulary), y.Reshape(-1));
            opt.ZeroGrad();
            loss.Backward();
            ClipGrad.ClipGradNorm_(parameters, 1.0);
            opt.Step();
        }
        var warm = Stopwatch.StartNew();
        do Step(); while (warm.Elapsed < options.WarmUp);
        int steps = options.Quick ? 30 : 100;
        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++) Step();
        double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds / steps;
        results["lstm_ms_per_step"] = Math.Round(ms, 2);
        results["lstm_corpus_chars"] = text.Length;
        results["lstm_vocab"] = vocabulary;
        BenchOptions.Log($"lstm: {ms:F2} ms per step ({text.Length} characters, vocabulary {vocabulary})");
    }
}
