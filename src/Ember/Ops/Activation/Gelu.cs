using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
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

    private static void Inner<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> =>
        VectorDriver.Map(new InnerBody<T>(T.CreateTruncating(Beta), T.CreateTruncating(Kappa)), x, d);

    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T _, T __) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Inner(x, y);
        TensorPrimitives.Tanh(y, y);
        VectorDriver.Map(default(ForwardBody<T>), x, y, y);
    }

    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T _, T __) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Inner(x, dx);
        TensorPrimitives.Tanh(dx, dx);
        VectorDriver.Map(new BackwardBody<T>(T.CreateTruncating(Beta), T.CreateTruncating(3 * Kappa)), x, dx, grad, dx);
    }

    /// <summary>β·(x + κ·(x·x·x)).</summary>
    internal readonly struct InnerBody<T>(T beta, T kappa) : IVectorOp1<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x) => beta * (x + kappa * (x * x * x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> v) => Vector128.Create(beta) * (v + Vector128.Create(kappa) * (v * v * v));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> v) => Vector256.Create(beta) * (v + Vector256.Create(kappa) * (v * v * v));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> v) => Vector512.Create(beta) * (v + Vector512.Create(kappa) * (v * v * v));
    }

    /// <summary>Operands (x, t = tanh(inner)): ½·x·(1 + t).</summary>
    internal readonly struct ForwardBody<T> : IVectorOp2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T t) => T.CreateTruncating(0.5) * x * (T.One + t);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x, Vector128<T> t) => Vector128.Create(T.CreateTruncating(0.5)) * x * (Vector128<T>.One + t);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> t) => Vector256.Create(T.CreateTruncating(0.5)) * x * (Vector256<T>.One + t);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> t) => Vector512.Create(T.CreateTruncating(0.5)) * x * (Vector512<T>.One + t);
    }

    /// <summary>Operands (x, t = tanh(inner), g): g·(½·(1 + t) + ½·x·(1 − t²)·β·(1 + 3κ·x²)).</summary>
    internal readonly struct BackwardBody<T>(T beta, T k3) : IVectorOp3<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T v, T t, T g)
        {
            T half = T.CreateTruncating(0.5);
            T rd = half * v * (T.One - t * t) * beta * (T.One + k3 * v * v);
            return g * (half * (T.One + t) + rd);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> v, Vector128<T> t, Vector128<T> g)
        {
            var vh = Vector128.Create(T.CreateTruncating(0.5));
            var rd = vh * v * (Vector128<T>.One - t * t) * Vector128.Create(beta) * (Vector128<T>.One + Vector128.Create(k3) * v * v);
            return g * (vh * (Vector128<T>.One + t) + rd);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> v, Vector256<T> t, Vector256<T> g)
        {
            var vh = Vector256.Create(T.CreateTruncating(0.5));
            var rd = vh * v * (Vector256<T>.One - t * t) * Vector256.Create(beta) * (Vector256<T>.One + Vector256.Create(k3) * v * v);
            return g * (vh * (Vector256<T>.One + t) + rd);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> v, Vector512<T> t, Vector512<T> g)
        {
            var vh = Vector512.Create(T.CreateTruncating(0.5));
            var rd = vh * v * (Vector512<T>.One - t * t) * Vector512.Create(beta) * (Vector512<T>.One + Vector512.Create(k3) * v * v);
            return g * (vh * (Vector512<T>.One + t) + rd);
        }
    }
}
