using Ember.Kernels;
using Ember.NN;
using Ember.Optim;

namespace Ember.Tests.Kernels;

[Collection("Gemm.NumThreads")]
public class ThreadTeamTests
{
    private static void WithThreads(int n, Action body)
    {
        int saved = Threading.NumThreads;
        Threading.NumThreads = n;
        try { body(); }
        finally { Threading.NumThreads = saved; }
    }

    [Fact]
    public void EveryPart_RunsExactlyOnce()
    {
        foreach (int threads in new[] { 1, 2, 3, 5 })
            WithThreads(threads, () =>
            {
                for (int parts = 0; parts <= 40; parts++)
                {
                    var hits = new int[parts];
                    ThreadTeam.For(parts, i => Interlocked.Increment(ref hits[i]));
                    Assert.All(hits, h => Assert.Equal(1, h));
                }
            });
    }

    [Fact]
    public void UsesWorkers_AndNeverMoreThreadsThanAsked()
    {
        WithThreads(3, () =>
        {
            var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
            for (int rep = 0; rep < 50 && seen.Count < 2; rep++)
                ThreadTeam.For(64, i => { seen[Environment.CurrentManagedThreadId] = true; Thread.SpinWait(20000); });
            Assert.InRange(seen.Count, 2, 3);
            Assert.True(ThreadTeam.WorkerCount >= 1);
        });
        WithThreads(2, () =>
        {
            for (int rep = 0; rep < 20; rep++)
            {
                var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
                ThreadTeam.For(16, i => { seen[Environment.CurrentManagedThreadId] = true; Thread.SpinWait(5000); });
                Assert.InRange(seen.Count, 1, 2);
            }
        });
    }

    [Fact]
    public void NestedLoop_RunsOnTheThreadOfItsPart()
    {
        WithThreads(4, () =>
        {
            var wrong = 0;
            var total = 0;
            ThreadTeam.For(8, i =>
            {
                int me = Environment.CurrentManagedThreadId;
                Assert.True(ThreadTeam.RunsSerially);
                ThreadTeam.For(8, j =>
                {
                    Interlocked.Increment(ref total);
                    if (Environment.CurrentManagedThreadId != me) Interlocked.Increment(ref wrong);
                });
            });
            Assert.Equal(64, total);
            Assert.Equal(0, wrong);
        });
    }

    [Fact]
    public void SerialThread_RunsEveryPartOnTheCaller()
    {
        WithThreads(4, () =>
        {
            Exception? error = null;
            var t = new Thread(() =>
            {
                try
                {
                    ThreadTeam.SerialThread = true;
                    int me = Environment.CurrentManagedThreadId, other = 0;
                    ThreadTeam.For(32, i => { if (Environment.CurrentManagedThreadId != me) Interlocked.Increment(ref other); });
                    Assert.Equal(0, other);
                }
                catch (Exception e) { error = e; }
            });
            t.Start();
            t.Join();
            Assert.Null(error);
        });
    }

    [Fact]
    public void Exception_IsRethrownOnTheCaller_AndTheTeamStaysUsable()
    {
        WithThreads(3, () =>
        {
            var e = Assert.Throws<InvalidOperationException>(() =>
                ThreadTeam.For(50, i => { if (i == 17) throw new InvalidOperationException("part 17"); Thread.SpinWait(1000); }));
            Assert.Equal("part 17", e.Message);
            var hits = new int[100];
            ThreadTeam.For(100, i => Interlocked.Increment(ref hits[i]));
            Assert.All(hits, h => Assert.Equal(1, h));
            Assert.False(ThreadTeam.RunsSerially);
        });
    }

    [Fact]
    public void ConcurrentCallers_AllFinish_WithoutDeadlock()
    {
        WithThreads(2, () =>
        {
            const int callers = 6;
            var sums = new long[callers];
            var threads = Enumerable.Range(0, callers).Select(c => new Thread(() =>
            {
                for (int rep = 0; rep < 200; rep++)
                    ThreadTeam.For(10, i => Interlocked.Add(ref sums[c], i));
            })).ToArray();
            foreach (var t in threads) t.Start();
            Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(60))));
            Assert.All(sums, s => Assert.Equal(200L * 45, s));
        });
    }

    [Fact]
    public void IdleWorkers_Park()
    {
        WithThreads(3, () =>
        {
            ThreadTeam.For(4, _ => Thread.SpinWait(1000));
            // Other tests may use the team meanwhile: it is enough that at some instant every worker is parked.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            bool allParked = false;
            while (!allParked && clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                Thread.Sleep(5);
                allParked = ThreadTeam.ParkedWorkers == ThreadTeam.WorkerCount;
            }
            Assert.True(allParked, $"{ThreadTeam.ParkedWorkers} of {ThreadTeam.WorkerCount} kernel workers parked after 5 s");
        });
    }

    /// <summary>A few training steps of a small CNN (conv, batch norm, pooling, linear, softmax cross-entropy, Adam)
    /// give bit-identical parameters whatever the thread count.</summary>
    [Fact]
    public void TrainingSteps_DoNotDependOnTheThreadCount()
    {
        float[] Train(int threads)
        {
            float[] result = [];
            WithThreads(threads, () =>
            {
                var g = new Generator(5);
                var model = new Sequential(
                    new Conv2d(3, 16, 3, padding: 1, generator: g), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2),
                    new Conv2d(16, 32, 3, padding: 1, generator: g), new ReLU(), new AdaptiveAvgPool2d(1), new Flatten(),
                    new Linear(32, 10, generator: g));
                var opt = new Adam(model.Parameters(), lr: 1e-2);
                var x = Torch.Randn([64, 3, 24, 24], generator: g);
                var y = Torch.Randint(0, 10, [64], generator: g);
                for (int step = 0; step < 3; step++)
                {
                    opt.ZeroGrad();
                    var loss = F.CrossEntropy(model.Call(x), y);
                    loss.Backward();
                    opt.Step();
                }
                result = model.Parameters().SelectMany(p => p.Detach().Flatten().ToArray<float>()).ToArray();
            });
            return result;
        }
        var one = Train(1);
        Assert.Equal(one, Train(2));
        Assert.Equal(one, Train(3));
    }
}
