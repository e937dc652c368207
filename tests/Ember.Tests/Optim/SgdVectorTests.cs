using Ember.Optim;
using Xunit;

namespace Ember.Tests.Optim;

/// <summary>
/// SGD's update over a parameter long enough for the vectorized loop (1,003 elements: whole vectors and a scalar tail)
/// equals PyTorch's single-tensor formula evaluated element by element in float, bit for bit, for every option.
/// </summary>
public class SgdVectorTests
{
    [Theory]
    [InlineData(0.9, 0.0, 0.0, false, false)]
    [InlineData(0.9, 0.1, 1e-2, false, false)]
    [InlineData(0.9, 0.0, 0.0, true, false)]
    [InlineData(0.5, 0.0, 1e-3, true, true)]
    [InlineData(0.0, 0.0, 1e-2, false, true)]
    public void VectorizedUpdateEqualsTheElementwiseFormula(double momentum, double dampening, double weightDecay, bool nesterov, bool maximize)
    {
        const int n = 1003;
        const double lr = 0.05;
        var p0 = Torch.Randn([n], generator: new Generator(1)).ToArray<float>();
        var p = Torch.FromArray(p0).RequiresGrad_();
        var opt = new SGD([p], lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov, maximize: maximize);
        var want = (float[])p0.Clone();
        var buf = new float[n];
        float mom = (float)momentum, omd = (float)(1 - dampening), wd = (float)weightDecay, nlr = (float)-lr;
        for (int step = 0; step < 3; step++)
        {
            var g = Torch.Randn([n], generator: new Generator(10 + step)).ToArray<float>();
            p.Grad = Torch.FromArray(g);
            opt.Step();
            for (int i = 0; i < n; i++)
            {
                float d = maximize ? -g[i] : g[i];
                if (weightDecay != 0) d += wd * want[i];
                if (momentum != 0)
                {
                    float b = step == 0 ? d : buf[i] * mom + omd * d;
                    buf[i] = b;
                    d = nesterov ? d + mom * b : b;
                }
                want[i] += nlr * d;
            }
            Assert.Equal(want, p.Detach().ToArray<float>());
        }
    }
}
