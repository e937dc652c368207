using System.Numerics;
using Ember.Kernels;
using Ember.Tests.Kernels;
using Xunit;

namespace Ember.Tests.Optim;

/// <summary>
/// The optimizer rules on the vector driver against the scalar loops they replaced (<see cref="OldSgdRule"/> and the
/// others, kept verbatim in the tests), bit for bit: every option combination (momentum, dampening, Nesterov, weight
/// decay, maximize; AMSGrad, decoupled; centered), float32 and float64, three steps, every length 0..257 and 1003, 4099,
/// parameters, gradients and states at unaligned offsets, with NaN, ±∞, ±0 and subnormals in the data.
/// </summary>
public class UpdateRuleVectorTests
{
    private static readonly int[] Lengths = [.. Enumerable.Range(0, 258), 1003, 4099];

    /// <summary>Runs three steps of the new and the old rule (made by <paramref name="rules"/> for each step) from the same
    /// data and compares the parameter and every used state.</summary>
    private static void Check<T>(Func<int, (IUpdateRule New, IOldRule Old)> rules, bool[] used, string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Random(name.Aggregate(17, (h, ch) => unchecked(h * 31 + ch)) & 0xffff); // a stable seed (string.GetHashCode changes per process)
        foreach (int n in Lengths)
        {
            int off = n % 4;
            var p = VectorBits.Data<T>(n, off, r, true);
            var s = used.Select(u => u ? VectorBits.Data<T>(n, 3 - off, r, true, 0, 1) : []).ToArray();
            var op = (T[])p.Clone();
            var os = s.Select(a => (T[])a.Clone()).ToArray();
            for (int step = 1; step <= 3; step++)
            {
                var g = VectorBits.Data<T>(n, 1, r, step == 2);
                var (nr, or) = rules(step);
                nr.Update<T>(p.AsSpan(off), g.AsSpan(1), State(s[0], off), State(s[1], off), State(s[2], off));
                or.Update<T>(op.AsSpan(off), g.AsSpan(1), State(os[0], off), State(os[1], off), State(os[2], off));
                string ctx = $"{name} {typeof(T).Name} n={n} step {step}";
                VectorBits.Equal<T>(op, p, ctx + " p");
                for (int k = 0; k < 3; k++) VectorBits.Equal<T>(os[k], s[k], ctx + " s" + k);
            }
        }
    }

    private static Span<T> State<T>(T[] a, int off) => a.Length == 0 ? default : a.AsSpan(3 - off);

    private static void Both(Func<int, (IUpdateRule, IOldRule)> rules, bool[] used, string name)
    {
        Check<float>(rules, used, name);
        Check<double>(rules, used, name);
    }

    private static readonly bool[] Bools = [false, true];

    [Fact]
    public void SgdMatchesTheScalarLoop()
    {
        foreach (double momentum in new[] { 0.0, 0.9 })
            foreach (double dampening in new[] { 0.0, 0.1 })
                foreach (double wd in new[] { 0.0, 1e-2 })
                    foreach (bool nesterov in Bools)
                        foreach (bool maximize in Bools)
                            Both(step => (new SgdRule(0.05, wd, momentum, dampening, nesterov, maximize, step == 1),
                                new OldSgdRule(0.05, wd, momentum, dampening, nesterov, maximize, step == 1)),
                                [momentum != 0, false, false], $"sgd m={momentum} d={dampening} wd={wd} nesterov={nesterov} max={maximize}");
    }

    [Fact]
    public void AdamAndAdamWMatchTheScalarLoop()
    {
        foreach (bool decoupled in Bools)
            foreach (bool amsgrad in Bools)
                foreach (bool maximize in Bools)
                    foreach (double wd in new[] { 0.0, 1e-2 })
                        Both(step => (new AdamRule(step, 1e-3, 0.9, 0.999, 1e-8, wd, decoupled, amsgrad, maximize),
                            new OldAdamRule(step, 1e-3, 0.9, 0.999, 1e-8, wd, decoupled, amsgrad, maximize)),
                            [true, true, amsgrad], $"adam decoupled={decoupled} amsgrad={amsgrad} max={maximize} wd={wd}");
    }

    [Fact]
    public void RmspropMatchesTheScalarLoop()
    {
        foreach (bool centered in Bools)
            foreach (double momentum in new[] { 0.0, 0.5 })
                foreach (bool maximize in Bools)
                    foreach (double wd in new[] { 0.0, 1e-2 })
                        Both(_ => (new RmspropRule(1e-2, 0.99, 1e-8, wd, momentum, centered, maximize),
                            new OldRmspropRule(1e-2, 0.99, 1e-8, wd, momentum, centered, maximize)),
                            [true, centered, momentum > 0], $"rmsprop centered={centered} m={momentum} max={maximize} wd={wd}");
    }

    [Fact]
    public void AdagradMatchesTheScalarLoop()
    {
        foreach (bool maximize in Bools)
            foreach (double wd in new[] { 0.0, 1e-2 })
                Both(step => (new AdagradRule(1e-2 / (1 + (step - 1) * 1e-3), wd, 1e-10, maximize),
                    new OldAdagradRule(1e-2 / (1 + (step - 1) * 1e-3), wd, 1e-10, maximize)),
                    [true, false, false], $"adagrad max={maximize} wd={wd}");
    }

    [Fact]
    public void AdadeltaMatchesTheScalarLoop()
    {
        foreach (bool maximize in Bools)
            foreach (double wd in new[] { 0.0, 1e-2 })
                Both(_ => (new AdadeltaRule(1.0, 0.9, 1e-6, wd, maximize), new OldAdadeltaRule(1.0, 0.9, 1e-6, wd, maximize)),
                    [true, true, false], $"adadelta max={maximize} wd={wd}");
    }

    [Fact]
    public void MissingStateIsRejected()
    {
        var p = new float[8];
        Assert.Throws<ArgumentException>(() => new AdamRule(1, 1e-3, 0.9, 0.999, 1e-8, 0, false, true, false).Update<float>(p, p, new float[8], new float[8], default));
        Assert.Throws<ArgumentException>(() => new RmspropRule(1e-2, 0.99, 1e-8, 0, 0.9, false, false).Update<float>(p, p, new float[8], default, default));
        Assert.Throws<ArgumentException>(() => new AdagradRule(1e-2, 0, 1e-10, false).Update<float>(p, p, new float[7], default, default));
        Assert.Throws<ArgumentException>(() => new AdadeltaRule(1, 0.9, 1e-6, 0, false).Update<float>(p, p, new float[8], default, default));
        Assert.Throws<ArgumentException>(() => new SgdRule(0.1, 0, 0.9, 0, false, false, false).Update<float>(p, new float[7], new float[8], default, default));
    }
}
