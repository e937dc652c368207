using Ember.Kernels;
using Ember.Optim;

namespace Ember.Tests.Optim;

/// <summary>
/// The multi-tensor update (a group's parameters queued and updated in one pass, in parallel chunks over all of them)
/// against the single-tensor kernel applied parameter by parameter: bit-identical for SGD with momentum and for Adam
/// with AMSGrad over three steps, with parameters large enough to be split into chunks (and chunks spanning no more than
/// one parameter), tiny ones, an empty one, a float64 one and a non-contiguous one in the same group (queued, applied
/// in place, queued again), on 1, 2 and 3 threads.
/// </summary>
[Collection("Gemm.NumThreads")]
public class MultiTensorUpdateTests
{
    private static Tensor[] Parameters()
    {
        var g = new Generator(21);
        return
        [
            Torch.Randn([70001], generator: g),
            Torch.Randn([3], generator: g),
            Torch.Randn([0], generator: g),
            Torch.Randn([200, 201], generator: g),
            Torch.Randn([17], dtype: DType.Float64, generator: g),
            Torch.Randn([40, 30], generator: g).T,          // not contiguous: updated through a copy, in order
            Torch.Randn([16385], generator: g),
        ];
    }

    private static Tensor[] Gradients(Tensor[] ps, int step)
    {
        var g = new Generator(100 + step);
        return ps.Select(p => Torch.Randn(p.Shape, dtype: p.DType, generator: g)).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SgdWithMomentumMatchesTheSingleTensorKernel(int threads) =>
        Check(threads, ps => new SGD(ps, lr: 0.1, momentum: 0.9, weightDecay: 0.01),
            (p, g, s, step) => OptimizerKernel.Update(p, g, s[0], null, null, new SgdRule(0.1, 0.01, 0.9, 0, false, false, step == 1), "SGD"), 1);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AdamWithAmsgradMatchesTheSingleTensorKernel(int threads) =>
        Check(threads, ps => new Adam(ps, lr: 0.01, amsgrad: true),
            (p, g, s, step) => OptimizerKernel.Update(p, g, s[0], s[1], s[2], new AdamRule(step, 0.01, 0.9, 0.999, 1e-8, 0, false, true, false), "Adam"), 3);

    private static void Check(int threads, Func<Tensor[], Optimizer> make, Action<Tensor, Tensor, Tensor[], int> single, int states)
    {
        int saved = Threading.NumThreads;
        Threading.NumThreads = threads;
        try
        {
            var ps = Parameters().Select(p => p.Detach().RequiresGrad_()).ToArray();
            var reference = Parameters();
            var refStates = reference.Select(p => Enumerable.Range(0, states).Select(_ => Torch.ZerosLike(p).Contiguous()).ToArray()).ToArray();
            var opt = make(ps);
            for (int step = 1; step <= 3; step++)
            {
                var grads = Gradients(ps, step);
                for (int i = 0; i < ps.Length; i++) ps[i].Grad = grads[i];
                opt.Step();
                using (Torch.NoGrad())
                    for (int i = 0; i < reference.Length; i++)
                        single(reference[i], grads[i], refStates[i], step);
                for (int i = 0; i < ps.Length; i++)
                    Assert.True(reference[i].To(DType.Float64).ToArray<double>().SequenceEqual(ps[i].Detach().To(DType.Float64).ToArray<double>()),
                        $"step {step}, parameter {i} ({ps[i].Shape}) differs from the single-tensor update on {threads} thread(s)");
            }
        }
        finally { Threading.NumThreads = saved; }
    }
}
