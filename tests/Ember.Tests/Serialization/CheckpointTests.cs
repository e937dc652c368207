using System.Diagnostics;
using Ember.Data;
using Ember.NN;
using Ember.Optim;
using Ember.Optim.Schedulers;
using Ember.Serialization;
using Ember.Tests.Oracles;
using Xunit.Abstractions;

namespace Ember.Tests.Serialization;

public partial class CheckpointTests(ITestOutputHelper output)
{
    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ember-ckpt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private sealed partial class Net : Module<Tensor, Tensor>
    {
        private readonly Linear _a = new(6, 16);
        private readonly Dropout _drop = new(0.3);
        private readonly Linear _b = new(16, 3);

        public override Tensor Forward(Tensor x) => _b.Call(_drop.Call(F.Relu(_a.Call(x))));
    }

    private static SupervisedTensorDataset Data()
    {
        var g = new Generator(5);
        var x = Torch.Randn([40, 6], generator: g);
        var y = Torch.Randint(0, 3, [40], generator: g);
        return TensorDataset.Of(x, y);
    }

    /// <summary>Trains epochs [from, to) and returns every step's loss; checkpoints after epoch <paramref name="saveAfter"/>.</summary>
    private static List<float> Train(Net model, Adam opt, StepLR sched, DataLoader loader, int from, int to, string? savePath = null, int saveAfter = -1)
    {
        var losses = new List<float>();
        for (int epoch = from; epoch < to; epoch++)
        {
            model.Train();
            foreach (var (x, y) in loader)
            {
                opt.ZeroGrad();
                var loss = F.CrossEntropy(model.Call(x), y);
                loss.Backward();
                opt.Step();
                losses.Add(loss.Item<float>());
            }
            sched.Step();
            if (epoch + 1 == saveAfter) Checkpoint.Save(savePath!, model, opt, sched, epoch + 1, new Dictionary<string, object?> { ["best"] = 0.5, ["note"] = "mid-run" });
        }
        return losses;
    }

    [Fact]
    public void ResumingContinuesOnExactlyTheUninterruptedTrajectory()
    {
        string dir = TempDir();
        try
        {
            string path = Path.Combine(dir, "ckpt.pt");
            Torch.ManualSeed(11);
            var model = new Net();
            var opt = new Adam(model.Parameters(), lr: 0.01);
            var sched = new StepLR(opt, 2, 0.5);
            var loader = new DataLoader(Data(), batchSize: 8, shuffle: true);
            var uninterrupted = Train(model, opt, sched, loader, 0, 6, path, saveAfter: 3);

            // A fresh process's worth of objects: other seed, other initial weights; everything comes from the file.
            Torch.ManualSeed(999);
            var model2 = new Net();
            var opt2 = new Adam(model2.Parameters(), lr: 0.01);
            var sched2 = new StepLR(opt2, 2, 0.5);
            var info = Checkpoint.Load(path, model2, opt2, sched2);
            Assert.Equal(3, info.Epoch);
            Assert.Equal(0.5, info.Extra["best"]);
            Assert.Equal("mid-run", info.Extra["note"]);
            var resumed = Train(model2, opt2, sched2, new DataLoader(Data(), batchSize: 8, shuffle: true), 3, 6);
            Assert.Equal(uninterrupted.Skip(uninterrupted.Count - resumed.Count), resumed); // bit for bit
            Assert.True(Torch.Equal(model.StateDict()["b.weight"], model2.StateDict()["b.weight"]));

            // Without the RNG state the dropout masks and shuffles differ, so the check above can fail.
            Torch.ManualSeed(999);
            var model3 = new Net();
            var opt3 = new Adam(model3.Parameters(), lr: 0.01);
            var sched3 = new StepLR(opt3, 2, 0.5);
            Checkpoint.Load(path, model3, opt3, sched3, restoreRng: false);
            var drifted = Train(model3, opt3, sched3, new DataLoader(Data(), batchSize: 8, shuffle: true), 3, 6);
            Assert.NotEqual(resumed, drifted);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void WrongOrIncompleteCheckpointsAreClearErrors()
    {
        string dir = TempDir();
        try
        {
            var model = new Net();
            string path = Path.Combine(dir, "model-only.pt");
            Checkpoint.Save(path, model);
            var e = Assert.Throws<ModelFormatException>(() => Checkpoint.Load(path, new Net(), new Adam(new Net().Parameters())));
            Assert.Contains("'optimizer'", e.Message);
            Assert.Equal(0, Checkpoint.Load(path, new Net()).Epoch);

            var other = new Sequential(new Linear(6, 4));
            var mismatch = Assert.Throws<ArgumentException>(() => Checkpoint.Load(path, other));
            Assert.Contains("Missing key(s)", mismatch.Message);

            string stateDictOnly = Path.Combine(dir, "sd.pt");
            PyTorchFile.Save(model.StateDict(), stateDictOnly);
            Assert.Contains("'model'", Assert.Throws<ModelFormatException>(() => Checkpoint.Load(stateDictOnly, new Net())).Message);
            Assert.Throws<ModelFormatException>(() => Checkpoint.Load(Path.Combine(dir, "sd.pt"), new Net(), restoreRng: false));
            File.WriteAllBytes(Path.Combine(dir, "junk.pt"), [1, 2, 3]);
            Assert.Throws<ModelFormatException>(() => Checkpoint.Load(Path.Combine(dir, "junk.pt"), new Net()));
            Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(Path.Combine(dir, "none.pt"), new Net()));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task KillingTheWriterMidSaveAlwaysLeavesAWholeCheckpoint()
    {
        string dir = TempDir();
        try
        {
            string path = Path.Combine(dir, "ckpt.pt");
            string child = Path.Combine(AppContext.BaseDirectory, "Ember.CheckpointChild.dll");
            Assert.True(File.Exists(child), child);
            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            var rng = new Random(2026);
            int trials = 12, midWrite = 0;
            for (int trial = 0; trial < trials; trial++)
            {
                var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, ArgumentList = { child, path } };
                using var process = Process.Start(info)!;
                long last = 0;
                string? line = process.StandardOutput.ReadLine(); // waits for its first complete save
                Assert.Equal("saved 1", line);
                var until = Stopwatch.StartNew();
                int delay = rng.Next(5, 400);
                var reader = Task.Run(() =>
                {
                    while (process.StandardOutput.ReadLine() is { } l) Interlocked.Exchange(ref last, long.Parse(l[6..]));
                });
                await Task.Delay(delay);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                await reader;
                long printed = Math.Max(1, Interlocked.Read(ref last));

                var stale = Directory.GetFiles(dir, ".ckpt.pt.*.tmp");
                if (stale.Length > 0) midWrite++;
                foreach (var s in stale) File.Delete(s);
                var model = new Sequential(new Linear(1024, 1024), new Linear(1024, 512));
                var opt = new Adam(model.Parameters(), lr: 0.1);
                var loaded = Checkpoint.Load(path, model, opt, restoreRng: false);
                // The file holds the last version announced, or the one whose rename happened just before the kill.
                Assert.InRange(loaded.Epoch, printed, printed + 1);
                foreach (var p in model.Parameters()) Assert.True(Torch.Equal(p, Torch.FullLike(p, loaded.Epoch)), $"trial {trial}: a parameter is not all {loaded.Epoch}");
                foreach (var entries in opt.StateDict().State.Values)
                    Assert.True(Torch.Equal((Tensor)entries["exp_avg"], Torch.FullLike((Tensor)entries["exp_avg"], 1.0)), $"trial {trial}: a moment is not all 1");
            }
            output.WriteLine($"{trials} kills, {midWrite} of them mid-write (a temporary file was left); every checkpoint loaded whole");
            Assert.True(midWrite > 0, "no kill landed mid-write: the test did not exercise the atomic write");
        }
        finally { Directory.Delete(dir, true); }
    }

    [PythonFact("torch")]
    public void PyTorchReadsACheckpointWithWeightsOnly()
    {
        string dir = TempDir();
        try
        {
            string path = Path.Combine(dir, "ckpt.pt");
            Torch.ManualSeed(1);
            var model = new Net();
            var opt = new Adam(model.Parameters(), lr: 0.01);
            var sched = new StepLR(opt, 2, 0.5);
            Train(model, opt, sched, new DataLoader(Data(), batchSize: 8, shuffle: true), 0, 1);
            Checkpoint.Save(path, model, opt, sched, 1);
            string seen = PythonOracle.Run("checkpoint_read.py", path).Trim();
            float wsum = model.StateDict()["a.weight"].Sum().Item<float>();
            Assert.Equal($"keys=epoch,extra,model,optimizer,rng_state,scheduler epoch=1 model=a.weight,a.bias,b.weight,b.bias "
                + $"groups=1 params=[0, 1, 2, 3] states=4 step=5.0 last_epoch=1 rng=torch.uint8:49", seen[..seen.LastIndexOf(" wsum=", StringComparison.Ordinal)]);
            Assert.Equal(wsum, float.Parse(seen[(seen.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture), 5);
        }
        finally { Directory.Delete(dir, true); }
    }
}
