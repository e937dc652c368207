using Ember.Optim;
using static Ember.Tests.NN.ReducedPrecisionTests;

namespace Ember.Tests.Optim;

/// <summary>
/// Optimizer steps on float16 and bfloat16 parameters: computed in float32 and rounded back once per step, so the
/// parameter and its state equal a float32 step rounded, and agree with PyTorch 1.13 (float32, rounded) to one ulp.
/// </summary>
public class ReducedPrecisionOptimizerTests
{
    public static TheoryData<DType> HalfTypes => Ember.Tests.NN.ReducedPrecisionTests.HalfTypes;

    private static readonly Func<Tensor[], Optimizer>[] Makers =
    [
        ps => new SGD(ps, lr: 0.1),
        ps => new SGD(ps, lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true),
        ps => new Adam(ps, lr: 0.01, amsgrad: true),
        ps => new AdamW(ps, lr: 0.01, weightDecay: 0.1),
        ps => new Adagrad(ps, lr: 0.1, lrDecay: 0.5, initialAccumulatorValue: 0.5),
        ps => new RMSprop(ps, lr: 0.01, momentum: 0.5, centered: true),
        ps => new Adadelta(ps),
    ];

    [Theory]
    [MemberData(nameof(HalfTypes))]
    public void EveryOptimizerStepIsTheFloat32StepRounded(DType dtype)
    {
        foreach (var make in Makers)
        {
            // a contiguous parameter and a transposed one (updated through a copy)
            var lo = new[] { V([3, 4], 1, dtype: dtype).RequiresGrad_(), V([4, 3], 2, dtype: dtype).T.Detach().RequiresGrad_() };
            var hi = lo.Select(p => p.To(DType.Float32).Detach().RequiresGrad_()).ToArray();
            var optLo = make(lo);
            var optHi = make(hi);
            for (int step = 0; step < 2; step++)
            {
                for (int i = 0; i < lo.Length; i++)
                {
                    var g = V([3, 4], 9 + step + i, 0.5);
                    lo[i].Grad = g.To(dtype);
                    hi[i].Grad = g;
                }
                optLo.Step();
                optHi.Step();
                // a float32 step from the rounded state, rounded: what a one-rounding-per-step update gives
                for (int i = 0; i < lo.Length; i++)
                {
                    Assert.Equal(dtype, lo[i].DType);
                    Same(hi[i].To(dtype), lo[i], $"{optLo.GetType().Name} parameter {i}");
                    var state = optLo.State.GetValueOrDefault(lo[i]) ?? [];
                    foreach (var (key, value) in state)
                    {
                        if (value is not Tensor s || key == "step") continue;
                        Assert.Equal(dtype, s.DType);
                        Same(((Tensor)optHi.State[hi[i]][key]).To(dtype), s, $"{optLo.GetType().Name} {key}");
                    }
                    // continue both from the same rounded values
                    using (Torch.NoGrad())
                    {
                        hi[i].Copy_(lo[i]);
                        foreach (var (key, value) in state)
                            if (value is Tensor s && key != "step") ((Tensor)optHi.State[hi[i]][key]).Copy_(s);
                    }
                }
            }
        }
    }

    [Fact]
    public void BFloat16SgdAndAdamMatchPyTorch()
    {
        const DType B = DType.BFloat16;
        var p = V([3, 4], 1, dtype: B).RequiresGrad_();
        var version = p.Version;
        p.Grad = V([3, 4], 9, 0.5, B);
        var sgd = new SGD([p], lr: 0.1, momentum: 0.9, weightDecay: 0.01);
        sgd.Step();
        Assert.True(p.Version > version);
        WithinBf16Ulp([0.84765625, -1.1328125, 2.296875, 0.287109375, -2.640625, 1.0859375, -0.8984375, 2.546875, 0.5234375, -2.40625, 1.3203125, -0.66015625], p);
        WithinBf16Ulp([0.2578125, -1.140625, 0.7109375, -0.373046875, 1.4140625, 0.38671875, -1.0078125, 0.83984375, -0.2451171875, 1.5390625, 0.515625, -0.8828125],
            (Tensor)sgd.State[p]["momentum_buffer"]);

        p = V([3, 4], 1, dtype: B).RequiresGrad_();
        p.Grad = V([3, 4], 9, 0.5, B);
        var adam = new Adam([p], lr: 0.01);
        adam.Step();
        WithinBf16Ulp([0.86328125, -1.2421875, 2.359375, 0.259765625, -2.515625, 1.1171875, -0.98828125, 2.609375, 0.51171875, -2.265625, 1.3671875, -0.73828125], p);
        WithinBf16Ulp([0.0250244140625, -0.1123046875, 0.06884765625, -0.03759765625, 0.1435546875, 0.03759765625, -0.10009765625, 0.0810546875, -0.0250244140625, 0.15625, 0.050048828125, -0.08740234375],
            (Tensor)adam.State[p]["exp_avg"]);
        WithinBf16Ulp([6.246566772460938e-05, 0.0012664794921875, 0.0004730224609375, 0.00014019012451171875, 0.0020599365234375, 0.00014019012451171875, 0.00099945068359375, 0.000659942626953125, 6.246566772460938e-05, 0.00244140625, 0.0002498626708984375, 0.000766754150390625],
            (Tensor)adam.State[p]["exp_avg_sq"]);
        Assert.Equal(1.0, ((Tensor)adam.State[p]["step"]).Item<double>());
    }

    [Fact]
    public void AFloat32GradientOfABFloat16ParameterIsRoundedOnce()
    {
        var p = V([5], 1, dtype: DType.BFloat16).RequiresGrad_();
        var p32 = V([5], 1).RequiresGrad_();
        p.Grad = V([5], 3, 0.001); // float32, not representable in bfloat16
        p32.Grad = p.Grad;
        new SGD([p], lr: 1).Step();
        new SGD([p32], lr: 1).Step();
        Same(p32.To(DType.BFloat16), p, "sgd");
    }
}
