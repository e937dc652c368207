using Ember.Kernels;

namespace Ember.Tests.Kernels;

/// <summary>The reference convolution of the kernel tests: float64 loops over every tap of every output.</summary>
internal static class NaiveConv
{
    /// <summary>y = conv(x, w) + b (b may be null) in float64 for geometry <paramref name="g"/> (one group), and S, the
    /// largest Σ|x·w| + |b| of an output (the scale of a float32 result's rounding error).</summary>
    public static (double[] Y, double Scale) Forward(float[] x, float[] w, float[]? b, in ConvGeometry g)
    {
        var y = new double[g.N * g.O * g.OHW];
        double scale = 0;
        for (int n = 0; n < g.N; n++)
            for (int o = 0; o < g.O; o++)
                for (int oh = 0; oh < g.OH; oh++)
                    for (int ow = 0; ow < g.OW; ow++)
                    {
                        double acc = b?[o] ?? 0, mag = Math.Abs(acc);
                        for (int c = 0; c < g.C; c++)
                            for (int i = 0; i < g.KH; i++)
                                for (int j = 0; j < g.KW; j++)
                                {
                                    int h = oh * g.SH - g.PT + i * g.DH, v = ow * g.SW - g.PL + j * g.DW;
                                    if (h < 0 || h >= g.H || v < 0 || v >= g.W) continue;
                                    double t = (double)x[((n * g.C + c) * g.H + h) * g.W + v] * w[((o * g.C + c) * g.KH + i) * g.KW + j];
                                    acc += t; mag += Math.Abs(t);
                                }
                        y[((n * g.O + o) * g.OH + oh) * g.OW + ow] = acc;
                        scale = Math.Max(scale, mag);
                    }
        return (y, scale);
    }
}
