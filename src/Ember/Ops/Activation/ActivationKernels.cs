using System.Numerics;
using System.Numerics.Tensors;
using Ember.Kernels;

namespace Ember;

/// <summary>
/// An elementwise activation with up to two scalar parameters (p, q):
/// a vectorized forward y = f(x) and a vectorized backward dx = grad · f'(x) over contiguous spans.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal interface IActivationOp<T> where T : unmanaged
{
    static abstract void Forward(ReadOnlySpan<T> x, Span<T> y, T p, T q);

    static abstract void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> grad, Span<T> dx, T p, T q);
}

/// <summary>Drives <see cref="IActivationOp{T}"/> bodies over tensors (contiguous copies, split across threads when large).</summary>
internal static class ActivationKernel
{
    /// <summary>Scratch block length of the op bodies that need temporaries (stack-allocated).</summary>
    internal const int Block = 256;

    /// <summary>Activations are defined for floating-point tensors only (PyTorch: "not implemented for 'Long'").</summary>
    public static void CheckFloat(Tensor input, string op)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"{op}: expected a floating point input, got {input.DType.TorchName()} (shape {input.Shape}); convert it with To(DType.Float32) first", nameof(input));
    }

    /// <summary>
    /// y = f(x) as a new contiguous tensor (no autograd); float16 and bfloat16 are computed in float32 and rounded once.
    /// </summary>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor Forward<TF, TD>(Tensor input, double p, double q) where TF : IActivationOp<float> where TD : IActivationOp<double>
    {
        var dt = input.DType;
        var x = ComputeInput(input);
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        if (x.DType == DType.Float32) Map<TF, float>(x, null, y, (float)p, (float)q);
        else Map<TD, double>(x, null, y, p, q);
        return y.Cast(dt);
    }

    /// <summary>dx = grad · f'(x) as a new contiguous tensor (no autograd); <paramref name="grad"/> has x's shape.</summary>
    /// <exception cref="NotSupportedException">The input is not floating point.</exception>
    public static Tensor Backward<TF, TD>(Tensor input, Tensor grad, double p, double q) where TF : IActivationOp<float> where TD : IActivationOp<double>
    {
        var dt = input.DType;
        var x = ComputeInput(input);
        var g = grad.Detach().Cast(x.DType).Contiguous();
        var dx = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        if (x.DType == DType.Float32) Map<TF, float>(x, g, dx, (float)p, (float)q);
        else Map<TD, double>(x, g, dx, p, q);
        return dx.Cast(dt);
    }

    /// <summary>The input as a contiguous float32 or float64 tensor (the 16-bit floats widened to float32).</summary>
    private static Tensor ComputeInput(Tensor input) => input.DType switch
    {
        DType.Float32 or DType.Float64 => input.Detach().Contiguous(),
        DType.Float16 or DType.BFloat16 => input.Detach().Cast(DType.Float32),
        _ => throw Dispatch.Unsupported("activation", input.DType),
    };

    private static void Map<TOp, T>(Tensor x, Tensor? g, Tensor y, T p, T q) where TOp : IActivationOp<T> where T : unmanaged
    {
        int n = y.Numel;
        if (n == 0) return;
        var xa = x.Typed<T>().Array;
        var ya = y.Typed<T>().Array;
        var ga = g?.Typed<T>().Array;
        int xo = x.Offset, yo = y.Offset, go = g?.Offset ?? 0;

        void Body(int s, int len)
        {
            if (ga is null) TOp.Forward(new ReadOnlySpan<T>(xa, xo + s, len), ya.AsSpan(yo + s, len), p, q);
            else TOp.Backward(new ReadOnlySpan<T>(xa, xo + s, len), new ReadOnlySpan<T>(ga, go + s, len), ya.AsSpan(yo + s, len), p, q);
        }

        if (n >= Elementwise.ParallelThreshold && Threading.NumThreads > 1) Elementwise.ParallelChunks(n, Body);
        else Body(0, n);
        GC.KeepAlive(x);
        GC.KeepAlive(g);
        GC.KeepAlive(y);
    }

    internal static bool Vectorized<T>() where T : unmanaged => Vector.IsHardwareAccelerated && Vector<T>.IsSupported;
}

/// <summary>
/// The standard normal CDF Φ(x) = ½·erfc(−x/√2) in double precision, from W. J. Cody's rational Chebyshev
/// approximations of erf/erfc ("Rational Chebyshev approximations for the error function", Math. Comp. 1969;
/// netlib specfun CALERF), accurate to about 1e-16 relative in erf and a few ulp in erfc (the exp(−a²) factor is
/// split as exp(−z²)·exp(−(a−z)(a+z)) to keep its rounding small). The span body is vectorized.
/// </summary>
internal static class NormalCdf
{
    private const double Sqrt1_2 = 0.70710678118654752440;
    private const double Thresh = 0.46875;
    private const double XBig = 26.543;
    private const double SqrPi = 0.56418958354775628695; // 1/√π

    // erf(a) = a·(A…)/(B…) for |a| ≤ 0.46875
    private const double A0 = 3.16112374387056560e00, A1 = 1.13864154151050156e02, A2 = 3.77485237685302021e02,
        A3 = 3.20937758913846947e03, A4 = 1.85777706184603153e-1;
    private const double B0 = 2.36012909523441209e01, B1 = 2.44024637934444173e02, B2 = 1.28261652607737228e03,
        B3 = 2.84423683343917062e03;

    // erfc(a) = exp(−a²)·(C…)/(D…) for 0.46875 < a ≤ 4
    private const double C0 = 5.64188496988670089e-1, C1 = 8.88314979438837594e00, C2 = 6.61191906371416295e01,
        C3 = 2.98635138197400131e02, C4 = 8.81952221241769090e02, C5 = 1.71204761263407058e03,
        C6 = 2.05107837782607147e03, C7 = 1.23033935479799725e03, C8 = 2.15311535474403846e-8;
    private const double D0 = 1.57449261107098347e01, D1 = 1.17693950891312499e02, D2 = 5.37181101862009858e02,
        D3 = 1.62138957456669019e03, D4 = 3.29079923573345963e03, D5 = 4.36261909014324716e03,
        D6 = 3.43936767414372164e03, D7 = 1.23033935480374942e03;

    // erfc(a) = exp(−a²)/a·(1/√π − z·(P…)/(Q…)), z = 1/a², for a > 4
    private const double P0 = 3.05326634961232344e-1, P1 = 3.60344899949804439e-1, P2 = 1.25781726111229246e-1,
        P3 = 1.60837851487422766e-2, P4 = 6.58749161529837803e-4, P5 = 1.63153871373020978e-2;
    private const double Q0 = 2.56852019228982242e00, Q1 = 1.87295284992346047e00, Q2 = 5.27905102951428412e-1,
        Q3 = 6.05183413124413191e-2, Q4 = 2.33520497626869185e-3;

    /// <summary>erf(a)/a for |a| ≤ 0.46875 (s = a²).</summary>
    private static double SmallRatio(double s)
    {
        double num = A4 * s, den = s;
        num = (num + A0) * s; den = (den + B0) * s;
        num = (num + A1) * s; den = (den + B1) * s;
        num = (num + A2) * s; den = (den + B2) * s;
        return (num + A3) / (den + B3);
    }

    /// <summary>erfc(a)·exp(a²) for a &gt; 0.46875.</summary>
    private static double ScaledErfc(double a)
    {
        if (a <= 4)
        {
            double num = C8 * a, den = a;
            num = (num + C0) * a; den = (den + D0) * a;
            num = (num + C1) * a; den = (den + D1) * a;
            num = (num + C2) * a; den = (den + D2) * a;
            num = (num + C3) * a; den = (den + D3) * a;
            num = (num + C4) * a; den = (den + D4) * a;
            num = (num + C5) * a; den = (den + D5) * a;
            num = (num + C6) * a; den = (den + D6) * a;
            return (num + C7) / (den + D7);
        }
        double z = 1 / (a * a), pn = P5 * z, qd = z;
        pn = (pn + P0) * z; qd = (qd + Q0) * z;
        pn = (pn + P1) * z; qd = (qd + Q1) * z;
        pn = (pn + P2) * z; qd = (qd + Q2) * z;
        pn = (pn + P3) * z; qd = (qd + Q3) * z;
        return (SqrPi - z * (pn + P4) / (qd + Q4)) / a;
    }

    /// <summary>erfc(a) for a ≥ 0 (NaN stays NaN).</summary>
    public static double Erfc(double a)
    {
        if (a <= Thresh) return 1 - a * SmallRatio(a * a);
        if (a >= XBig) return 0;
        double z = Math.Floor(a * 16) / 16, del = (a - z) * (a + z);
        return Math.Exp(-z * z) * Math.Exp(-del) * ScaledErfc(a);
    }

    /// <summary>erf(x) (the scalar oracle).</summary>
    public static double Erf(double x)
    {
        double a = Math.Abs(x);
        if (a <= Thresh) return x * SmallRatio(a * a);
        double r = (0.5 - Erfc(a)) + 0.5;
        return x < 0 ? -r : r;
    }

    /// <summary>Φ(x) (the scalar oracle).</summary>
    public static double Cdf(double x)
    {
        double a = Math.Abs(x) * Sqrt1_2;
        if (a <= Thresh) return 0.5 + 0.5 * (x * Sqrt1_2) * SmallRatio(a * a);
        double h = 0.5 * Erfc(a);
        return x < 0 ? h : (0.5 - h) + 0.5;
    }

    /// <summary>
    /// cdf[i] = Φ(x[i]); <paramref name="s1"/> and <paramref name="s2"/> are scratch spans at least as long as
    /// <paramref name="x"/>. Vectorized: all three rational forms are evaluated and the right one selected.
    /// </summary>
    public static void Cdf(ReadOnlySpan<double> x, Span<double> cdf, Span<double> s1, Span<double> s2)
    {
        int n = x.Length, i = 0, w = Vector<double>.Count;
        bool vec = ActivationKernel.Vectorized<double>() && n >= w;
        if (vec)
        {
            // the exponent pieces −z² and −(a−z)(a+z), a clamped so that inf − inf never happens
            var k = new Vector<double>(Sqrt1_2);
            var cap = new Vector<double>(27.0);
            var sixteen = new Vector<double>(16.0);
            var inv16 = new Vector<double>(1.0 / 16);
            for (; i <= n - w; i += w)
            {
                var a = Vector.Min(Vector.Abs(new Vector<double>(x.Slice(i))) * k, cap);
                var z = Vector.Floor(a * sixteen) * inv16;
                (-(z * z)).CopyTo(s1.Slice(i));
                (-((a - z) * (a + z))).CopyTo(s2.Slice(i));
            }
            TensorPrimitives.Exp(s1[..i], s1[..i]);
            TensorPrimitives.Exp(s2[..i], s2[..i]);
            for (int j = 0; j < i; j += w)
            {
                var xv = new Vector<double>(x.Slice(j));
                var a = Vector.Abs(xv) * k;
                var s = a * a;
                var small = new Vector<double>(0.5) + new Vector<double>(0.5) * (xv * k) * SmallRatio(s);
                var erfc = new Vector<double>(s1.Slice(j)) * new Vector<double>(s2.Slice(j)) * ScaledErfc(a);
                erfc = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(a, new Vector<double>(XBig)), Vector<double>.Zero, erfc);
                var h = new Vector<double>(0.5) * erfc;
                var big = Vector.ConditionalSelect(Vector.LessThan(xv, Vector<double>.Zero), h, (new Vector<double>(0.5) - h) + new Vector<double>(0.5));
                Vector.ConditionalSelect(Vector.LessThanOrEqual(a, new Vector<double>(Thresh)), small, big).CopyTo(cdf.Slice(j));
            }
        }
        for (; i < n; i++) cdf[i] = Cdf(x[i]);
    }

    private static Vector<double> SmallRatio(Vector<double> s)
    {
        Vector<double> num = new Vector<double>(A4) * s, den = s;
        num = (num + new Vector<double>(A0)) * s; den = (den + new Vector<double>(B0)) * s;
        num = (num + new Vector<double>(A1)) * s; den = (den + new Vector<double>(B1)) * s;
        num = (num + new Vector<double>(A2)) * s; den = (den + new Vector<double>(B2)) * s;
        return (num + new Vector<double>(A3)) / (den + new Vector<double>(B3));
    }

    private static Vector<double> ScaledErfc(Vector<double> a)
    {
        Vector<double> num = new Vector<double>(C8) * a, den = a;
        num = (num + new Vector<double>(C0)) * a; den = (den + new Vector<double>(D0)) * a;
        num = (num + new Vector<double>(C1)) * a; den = (den + new Vector<double>(D1)) * a;
        num = (num + new Vector<double>(C2)) * a; den = (den + new Vector<double>(D2)) * a;
        num = (num + new Vector<double>(C3)) * a; den = (den + new Vector<double>(D3)) * a;
        num = (num + new Vector<double>(C4)) * a; den = (den + new Vector<double>(D4)) * a;
        num = (num + new Vector<double>(C5)) * a; den = (den + new Vector<double>(D5)) * a;
        num = (num + new Vector<double>(C6)) * a; den = (den + new Vector<double>(D6)) * a;
        var mid = (num + new Vector<double>(C7)) / (den + new Vector<double>(D7));

        var z = Vector<double>.One / (a * a);
        Vector<double> pn = new Vector<double>(P5) * z, qd = z;
        pn = (pn + new Vector<double>(P0)) * z; qd = (qd + new Vector<double>(Q0)) * z;
        pn = (pn + new Vector<double>(P1)) * z; qd = (qd + new Vector<double>(Q1)) * z;
        pn = (pn + new Vector<double>(P2)) * z; qd = (qd + new Vector<double>(Q2)) * z;
        pn = (pn + new Vector<double>(P3)) * z; qd = (qd + new Vector<double>(Q3)) * z;
        var tail = (new Vector<double>(SqrPi) - z * (pn + new Vector<double>(P4)) / (qd + new Vector<double>(Q4))) / a;
        return Vector.ConditionalSelect(Vector.LessThanOrEqual(a, new Vector<double>(4.0)), mid, tail);
    }
}
