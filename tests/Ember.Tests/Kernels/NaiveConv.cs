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

    /// <summary>dx = the input gradient of conv for dy (+ b per channel of dx; b may be null) in float64 for geometry
    /// <paramref name="g"/> (one group): each term dy·w whose tap lands in the input, as PyTorch sums them; and S, the
    /// largest Σ|dy·w| + |b| of an element.</summary>
    public static (double[] Dx, double Scale) InputGrad(float[] dy, float[] w, float[]? b, ConvGeometry g)
    {
        var dx = new double[g.N * g.C * g.HW];
        var mag = new double[dx.Length];
        for (int n = 0; n < g.N; n++)
            for (int c = 0; c < g.C; c++)
                for (int i = 0; i < g.HW; i++)
                {
                    dx[(n * g.C + c) * g.HW + i] = b?[c] ?? 0;
                    mag[(n * g.C + c) * g.HW + i] = Math.Abs(b?[c] ?? 0);
                }
        ForEachTap(g, (n, o, c, outIndex, inIndex, tap) =>
        {
            double t = (double)dy[(n * g.O + o) * g.OHW + outIndex] * w[(o * g.C + c) * g.KH * g.KW + tap];
            dx[(n * g.C + c) * g.HW + inIndex] += t;
            mag[(n * g.C + c) * g.HW + inIndex] += Math.Abs(t);
        });
        return (dx, mag.Length == 0 ? 0 : mag.Max());
    }

    /// <summary>dw = Σₙ the weight gradient of conv for x and dy in float64 for geometry <paramref name="g"/> (one group):
    /// each term dy·x whose tap lands in the input; and S, the largest Σ|dy·x| of an element.</summary>
    public static (double[] Dw, double Scale) WeightGrad(float[] x, float[] dy, ConvGeometry g)
    {
        var dw = new double[g.O * g.C * g.KH * g.KW];
        var mag = new double[dw.Length];
        ForEachTap(g, (n, o, c, outIndex, inIndex, tap) =>
        {
            double t = (double)dy[(n * g.O + o) * g.OHW + outIndex] * x[(n * g.C + c) * g.HW + inIndex];
            dw[(o * g.C + c) * g.KH * g.KW + tap] += t;
            mag[(o * g.C + c) * g.KH * g.KW + tap] += Math.Abs(t);
        });
        return (dw, mag.Length == 0 ? 0 : mag.Max());
    }

    /// <summary>Calls <paramref name="body"/>(n, o, c, output pixel, input pixel, tap) for every tap of every output that
    /// lands in the input (one group).</summary>
    private static void ForEachTap(ConvGeometry g, Action<int, int, int, int, int, int> body)
    {
        for (int n = 0; n < g.N; n++)
            for (int o = 0; o < g.O; o++)
                for (int c = 0; c < g.C; c++)
                    for (int oh = 0; oh < g.OH; oh++)
                        for (int ow = 0; ow < g.OW; ow++)
                            for (int i = 0; i < g.KH; i++)
                                for (int j = 0; j < g.KW; j++)
                                {
                                    int h = oh * g.SH - g.PT + i * g.DH, v = ow * g.SW - g.PL + j * g.DW;
                                    if (h < 0 || h >= g.H || v < 0 || v >= g.W) continue;
                                    body(n, o, c, oh * g.OW + ow, h * g.W + v, i * g.KW + j);
                                }
    }
}
