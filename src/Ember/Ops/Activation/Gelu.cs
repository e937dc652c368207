using System.Numerics;
using System.Numerics.Tensors;
using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The Gaussian error linear unit, elementwise (PyTorch's <c>gelu</c>). With <paramref name="approximate"/>
    /// <c>"none"</c>: x·Φ(x) = ½·x·(1 + erf(x/√2)), with an erf accurate to about 1e-16 (W. J. Cody's rational
    /// approximations, computed in double for float inputs too); with <c>"tanh"</c>: PyTorch's approximation
    /// ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). Large inputs are safe: −1000 gives −0 and 1000 gives 1000.
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="approximate"><c>"none"</c> (default, exact) or <c>"tanh"</c>.</param>
    /// <exception cref="ArgumentException">The input is not floating point, or <paramref name="approximate"/> is neither "none" nor "tanh".</exception>
    public static Tensor Gelu(Tensor input, string approximate = "none")
    {
        bool tanh = GeluApproximate(approximate);
        ActivationKernel.CheckFloat(input, "gelu");
        var y = tanh
            ? ActivationKernel.Forward<GeluTanhOp>(input, 0, 0, "gelu")
            : ActivationKernel.Forward<GeluOp>(input, 0, 0, "gelu");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new GeluBackward(input, tanh), input);
        return y;
    }

    /// <summary>Validates GELU's <c>approximate</c> argument; true for "tanh".</summary>
    internal static bool GeluApproximate(string approximate) => approximate switch
    {
        "none" => false,
        "tanh" => true,
        _ => throw new ArgumentException($"gelu: approximate argument must be either none or tanh, got '{approximate}'", nameof(approximate)),
    };

    /// <summary>Φ(x), the standard normal CDF, differentiable (used by GELU's differentiable backward).</summary>
    internal static Tensor NormalCdf(Tensor input)
    {
        var y = ActivationKernel.Forward<NormalCdfOp>(input, 0, 0, "gelu");
        if (Graph.NeedsGrad(input)) Graph.Record(y, new NormalCdfBackward(input), input);
        return y;
    }

    /// <summary>φ(x) = e^(−x²/2)/√(2π) with ordinary differentiable ops.</summary>
    private static Tensor NormalPdf(Tensor x) => (x * x * -0.5).Exp() * GeluOp.InvSqrt2Pi;

    private sealed class NormalCdfBackward(Tensor x) : Node
    {
        private SavedTensor _x = new(x);

        protected internal override Tensor?[] Backward(Tensor grad) => [grad * NormalPdf(Unpack(_x))];

        protected override void ReleaseSaved() => _x = default;
    }

    private sealed class GeluBackward(Tensor x, bool tanh) : Node
    {
        private SavedTensor _x = new(x);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var xv = Unpack(_x);
            if (!GradMode.IsEnabled)
            {
                return [tanh
                    ? ActivationKernel.Backward<GeluTanhOp>(xv, grad, 0, 0, "gelu")
                    : ActivationKernel.Backward<GeluOp>(xv, grad, 0, 0, "gelu")];
            }
            if (!tanh) return [grad * (NormalCdf(xv) + xv * NormalPdf(xv))];
            var x2 = xv * xv;
            var t = ((xv + x2 * xv * GeluTanhOp.Kappa) * GeluTanhOp.Beta).Tanh();
            var left = xv * 0.5;
            var right = t + 1.0;
            var rightDerivative = left * (1.0 - t * t) * GeluTanhOp.Beta * (x2 * (3 * GeluTanhOp.Kappa) + 1.0);
            return [grad * (right * 0.5 + rightDerivative)];
        }

        protected override void ReleaseSaved() => _x = default;
    }
}

/// <summary>Φ(x) and its derivative φ(x), computed in double (see <see cref="NormalCdf"/>).</summary>
internal readonly struct NormalCdfOp : IActivationOp
{
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T _, T __) where T : unmanaged, IFloatingPointIeee754<T> => GeluOp.Run(x, default, y, gelu: false, backward: false);

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T _, T __) where T : unmanaged, IFloatingPointIeee754<T> =>
        GeluOp.Run(x, grad, dx, gelu: false, backward: true);
}

/// <summary>
/// Exact GELU: y = x·Φ(x); dx = g·(Φ(x) + x·φ(x)). Blocks are widened to double, Φ is evaluated with
/// <see cref="NormalCdf.Cdf(ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/> and the results rounded back.
/// </summary>
internal readonly struct GeluOp : IActivationOp
{
    internal const double InvSqrt2Pi = 0.3989422804014326779399460599343818684758586311649;

    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T _, T __) where T : unmanaged, IFloatingPointIeee754<T> => Run(x, default, y, gelu: true, backward: false);

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T _, T __) where T : unmanaged, IFloatingPointIeee754<T> => Run(x, grad, dx, gelu: true, backward: true);

    /// <summary>
    /// gelu: forward x·Φ(x), backward g·(Φ + x·φ); otherwise (Φ itself): forward Φ(x), backward g·φ(x).
    /// </summary>
    internal static void Run<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> d, bool gelu, bool backward) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int B = ActivationKernel.Block;
        int len = Math.Min(B, x.Length);
        Span<double> xd = stackalloc double[len];
        Span<double> cdf = stackalloc double[len];
        Span<double> s1 = stackalloc double[len];
        Span<double> s2 = stackalloc double[len];
        for (int b = 0; b < x.Length; b += B)
        {
            int m = Math.Min(B, x.Length - b);
            var xs = x.Slice(b, m);
            var ds = d.Slice(b, m);
            var xb = xd[..m];
            if (typeof(T) == typeof(double)) System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(xs).CopyTo(xb);
            else for (int i = 0; i < m; i++) xb[i] = double.CreateTruncating(xs[i]);
            if (!backward || gelu) NormalCdf.Cdf(xb, cdf[..m], s1, s2);
            if (!backward)
            {
                // float32 zeros are +0, as PyTorch's float32 kernel (h + h·erf(x/√2), h = x/2) gives them
                if (gelu && typeof(T) == typeof(float)) for (int i = 0; i < m; i++) ds[i] = T.CreateTruncating((float)(xb[i] * cdf[i]) + 0f);
                else if (gelu) for (int i = 0; i < m; i++) ds[i] = T.CreateTruncating(xb[i] * cdf[i]);
                else for (int i = 0; i < m; i++) ds[i] = T.CreateTruncating(cdf[i]);
                continue;
            }
            // φ(x) = exp(−x²/2)/√(2π)
            var pdf = s1[..m];
            for (int i = 0; i < m; i++) pdf[i] = -0.5 * xb[i] * xb[i];
            TensorPrimitives.Exp(pdf, pdf);
            var gs = grad.Slice(b, m);
            if (gelu)
                for (int i = 0; i < m; i++) ds[i] = T.CreateTruncating(double.CreateTruncating(gs[i]) * (cdf[i] + xb[i] * (pdf[i] * InvSqrt2Pi)));
            else
                for (int i = 0; i < m; i++) ds[i] = T.CreateTruncating(double.CreateTruncating(gs[i]) * (pdf[i] * InvSqrt2Pi));
        }
    }
}

/// <summary>
/// Tanh-approximated GELU as PyTorch computes it: inner = β·(x + κ·x³), y = ½·x·(1 + tanh(inner));
/// dx = g·(½·(1 + t) + ½·x·(1 − t²)·β·(1 + 3κ·x²)).
/// </summary>
internal readonly struct GeluTanhOp : IActivationOp
{
    internal const double Beta = 0.7978845608028654; // √2 · (2/√π) · ½
    internal const double Kappa = 0.044715;

    private static void Inner<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T beta = T.CreateTruncating(Beta), kappa = T.CreateTruncating(Kappa);
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
        {
            var vb = new Vector<T>(beta);
            var vk = new Vector<T>(kappa);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x.Slice(i));
                (vb * (v + vk * (v * v * v))).CopyTo(d.Slice(i));
            }
        }
        for (; i < x.Length; i++) d[i] = beta * (x[i] + kappa * (x[i] * x[i] * x[i]));
    }

    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T _, T __) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Inner(x, y);
        TensorPrimitives.Tanh(y, y);
        T half = T.CreateTruncating(0.5);
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
        {
            var vh = new Vector<T>(half);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                (vh * new Vector<T>(x.Slice(i)) * (Vector<T>.One + new Vector<T>(y.Slice(i)))).CopyTo(y.Slice(i));
        }
        for (; i < x.Length; i++) y[i] = half * x[i] * (T.One + y[i]);
    }

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T _, T __) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Inner(x, dx);
        TensorPrimitives.Tanh(dx, dx);
        T half = T.CreateTruncating(0.5), beta = T.CreateTruncating(Beta), k3 = T.CreateTruncating(3 * Kappa);
        int i = 0;
        if (ActivationKernel.Vectorized<T>())
        {
            var vh = new Vector<T>(half);
            var vb = new Vector<T>(beta);
            var vk3 = new Vector<T>(k3);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(x.Slice(i));
                var t = new Vector<T>(dx.Slice(i));
                var left = vh * v;
                var right = Vector<T>.One + t;
                var rd = left * (Vector<T>.One - t * t) * vb * (Vector<T>.One + vk3 * v * v);
                (new Vector<T>(grad.Slice(i)) * (vh * right + rd)).CopyTo(dx.Slice(i));
            }
        }
        for (; i < x.Length; i++)
        {
            T v = x[i], t = dx[i];
            T rd = half * v * (T.One - t * t) * beta * (T.One + k3 * v * v);
            dx[i] = grad[i] * (half * (T.One + t) + rd);
        }
    }
}
