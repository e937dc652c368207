using Ember.Optim;

namespace Ember.Tests.Kernels.Sweep;

/// <summary>
/// The optimizers' update kernels (SGD with momentum, dampening, Nesterov, weight decay and maximize; Adam and AdamW
/// with and without AMSGrad) on parameters of every length 0..257 (the 512-bit body and its scalar tail), three steps
/// with fresh gradients each, against a scalar reference update in double written here from PyTorch's single-tensor
/// algorithms. Parameters are contiguous, or strided views in turns of 17 lengths; gradients alternate layouts.
/// </summary>
public class OptimizerSweepTests
{
    private const int Steps = 3;

    /// <summary>One SGD configuration: lr, momentum, dampening, weight decay, nesterov, maximize.</summary>
    private static readonly (double lr, double mom, double damp, double wd, bool nesterov, bool maximize)[] SgdConfigs =
    [
        (0.1, 0, 0, 0, false, false),
        (0.05, 0, 0, 0.01, false, true),
        (0.1, 0.9, 0, 0, false, false),
        (0.1, 0.9, 0.25, 0.001, false, false),
        (0.02, 0.8, 0, 0.05, true, false),
        (0.02, 0.7, 0, 0, true, true),
    ];

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Sgd_EveryLength_MatchesScalarReference(DType dt)
    {
        var rng = new Random(89);
        double eps = SweepData.Eps(dt);
        for (int n = 0; n <= SweepData.MaxSize; n++)
            foreach (var (lr, mom, damp, wd, nesterov, maximize) in SgdConfigs)
            {
                var p0 = SweepData.Values(rng, n, dt);
                var grads = Enumerable.Range(0, Steps).Select(_ => SweepData.Values(rng, n, dt)).ToArray();
                var param = SweepData.Make(p0, [n], dt, n / 17 % 2 == 0 ? Layout.Contiguous : Layout.Strided).RequiresGrad_();
                var opt = new SGD([param], lr, mom, damp, wd, nesterov, maximize);
                var p = (double[])p0.Clone();
                var buf = new double[n];
                for (int step = 0; step < Steps; step++)
                {
                    param.Grad = SweepData.Make(grads[step], [n], dt, step % 2 == 0 ? Layout.Contiguous : Layout.Strided);
                    opt.Step();
                    for (int i = 0; i < n; i++)
                    {
                        double d = maximize ? -grads[step][i] : grads[step][i];
                        if (wd != 0) d += wd * p[i];
                        if (mom != 0)
                        {
                            buf[i] = step == 0 ? d : mom * buf[i] + (1 - damp) * d;
                            d = nesterov ? d + mom * buf[i] : buf[i];
                        }
                        p[i] -= lr * d;
                    }
                    int s = step;
                    SweepData.AllClose(p, param, i => 16 * eps * (Math.Abs(p[i]) + 1),
                        () => $"sgd {dt} n={n} lr={lr} momentum={mom} dampening={damp} weight_decay={wd} nesterov={nesterov} maximize={maximize} step {s + 1}");
                }
            }
    }

    /// <summary>One Adam configuration: lr, betas, eps, weight decay, amsgrad, maximize, decoupled (AdamW).</summary>
    private static readonly (double lr, double b1, double b2, double eps, double wd, bool amsgrad, bool maximize, bool decoupled)[] AdamConfigs =
    [
        (0.01, 0.9, 0.999, 1e-8, 0, false, false, false),
        (0.01, 0.8, 0.99, 1e-6, 0.1, true, false, false),
        (0.005, 0.9, 0.999, 1e-8, 0.01, false, true, false),
        (0.01, 0.9, 0.999, 1e-8, 0.01, false, false, true),
        (0.02, 0.85, 0.95, 1e-7, 0.1, true, true, true),
    ];

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void AdamAndAdamW_EveryLength_MatchScalarReference(DType dt)
    {
        var rng = new Random(97);
        double ulp = SweepData.Eps(dt);
        for (int n = 0; n <= SweepData.MaxSize; n++)
            foreach (var (lr, b1, b2, eps, wd, amsgrad, maximize, decoupled) in AdamConfigs)
            {
                var p0 = SweepData.Values(rng, n, dt);
                var grads = Enumerable.Range(0, Steps).Select(_ => SweepData.Values(rng, n, dt)).ToArray();
                var param = SweepData.Make(p0, [n], dt, n / 17 % 2 == 0 ? Layout.Contiguous : Layout.Strided).RequiresGrad_();
                Optimizer opt = decoupled
                    ? new AdamW([param], lr, (b1, b2), eps, wd, amsgrad, maximize)
                    : new Adam([param], lr, (b1, b2), eps, wd, amsgrad, maximize);
                var p = (double[])p0.Clone();
                var m = new double[n];
                var v = new double[n];
                var vmax = new double[n];
                for (int step = 1; step <= Steps; step++)
                {
                    param.Grad = SweepData.Make(grads[step - 1], [n], dt, step % 2 == 0 ? Layout.Contiguous : Layout.Strided);
                    opt.Step();
                    double bc1 = 1 - Math.Pow(b1, step), bc2 = 1 - Math.Pow(b2, step);
                    for (int i = 0; i < n; i++)
                    {
                        double g = maximize ? -grads[step - 1][i] : grads[step - 1][i];
                        if (decoupled) p[i] *= 1 - lr * wd;
                        else if (wd != 0) g += wd * p[i];
                        m[i] = b1 * m[i] + (1 - b1) * g;
                        v[i] = b2 * v[i] + (1 - b2) * g * g;
                        vmax[i] = Math.Max(vmax[i], v[i]);
                        double denom = Math.Sqrt(amsgrad ? vmax[i] : v[i]) / Math.Sqrt(bc2) + eps;
                        p[i] -= lr / bc1 * m[i] / denom;
                    }
                    int s = step;
                    SweepData.AllClose(p, param, i => 64 * ulp * (Math.Abs(p[i]) + lr),
                        () => $"{(decoupled ? "adamw" : "adam")} {dt} n={n} lr={lr} betas=({b1}, {b2}) eps={eps} weight_decay={wd} amsgrad={amsgrad} maximize={maximize} step {s}");
                }
            }
    }
}
