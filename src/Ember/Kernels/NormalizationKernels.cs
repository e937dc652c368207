using System.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;

/// <summary>Shared row helpers of the normalization kernels.</summary>
internal static class NormRows
{
    /// <summary>Widens a float or double span to double.</summary>
    public static void ToDouble<T>(ReadOnlySpan<T> x, Span<double> d) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(x).CopyTo(d);
        else TensorPrimitives.ConvertTruncating<float, double>(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(x), d);
    }

    /// <summary>d = x·a + b with scalar a and b, vectorized (d may be x).</summary>
    public static void Affine<T>(ReadOnlySpan<T> x, T a, T b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (d.Length < x.Length) throw new ArgumentException("normalization: row buffers are too short");
        VectorDriver.Map(new AffineOp<T>(a, b), x, d);
    }

    /// <summary>d = g·a + (x·b + k) with scalar a, b and k, in one pass (batch normalization's input gradient of a row).</summary>
    public static void AffinePlusScaled<T>(ReadOnlySpan<T> x, T b, T k, ReadOnlySpan<T> g, T a, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.Length < x.Length || d.Length < x.Length) throw new ArgumentException("batch_norm: row buffers are too short");
        VectorDriver.Map(new AffinePlusScaledOp<T>(a, b, k), x, g, d);
    }

    /// <summary>d = gm·a + (x·b + k) with gm the gradient g through a ReLU on x·ra + rb (0 where that is ≤ 0, as
    /// <see cref="ReluGradOp"/> on the ReLU's output): <see cref="AffinePlusScaled{T}"/> of a fused BatchNorm → ReLU, the
    /// same bits as the ReLU's backward followed by it.</summary>
    public static void AffinePlusScaledMasked<T>(ReadOnlySpan<T> x, T b, T k, ReadOnlySpan<T> g, T a, T ra, T rb, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.Length < x.Length || d.Length < x.Length) throw new ArgumentException("batch_norm: row buffers are too short");
        VectorDriver.Map(new AffinePlusScaledMaskedOp<T>(a, b, k, ra, rb), x, g, d);
    }

    /// <summary>x·a + b.</summary>
    internal readonly struct AffineOp<T>(T a, T b) : IVectorOp1<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x) => x * a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x) => x * Vector128.Create(a) + Vector128.Create(b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x) => x * Vector256.Create(a) + Vector256.Create(b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x) => x * Vector512.Create(a) + Vector512.Create(b);
    }

    /// <summary>g·a + (x·b + k), operands (x, g).</summary>
    internal readonly struct AffinePlusScaledOp<T>(T a, T b, T k) : IVectorOp2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T g) => g * a + (x * b + k);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x, Vector128<T> g) => g * Vector128.Create(a) + (x * Vector128.Create(b) + Vector128.Create(k));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> g) => g * Vector256.Create(a) + (x * Vector256.Create(b) + Vector256.Create(k));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> g) => g * Vector512.Create(a) + (x * Vector512.Create(b) + Vector512.Create(k));
    }

    /// <summary>gm·a + (x·b + k), gm = g where x·ra + rb &gt; 0 (or NaN), else 0; operands (x, g).</summary>
    internal readonly struct AffinePlusScaledMaskedOp<T>(T a, T b, T k, T ra, T rb) : IVectorOp2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T g) => (x * ra + rb <= T.Zero ? T.Zero : g) * a + (x * b + k);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x, Vector128<T> g) =>
            Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x * Vector128.Create(ra) + Vector128.Create(rb), Vector128<T>.Zero), Vector128<T>.Zero, g) * Vector128.Create(a)
            + (x * Vector128.Create(b) + Vector128.Create(k));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> g) =>
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x * Vector256.Create(ra) + Vector256.Create(rb), Vector256<T>.Zero), Vector256<T>.Zero, g) * Vector256.Create(a)
            + (x * Vector256.Create(b) + Vector256.Create(k));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> g) =>
            Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x * Vector512.Create(ra) + Vector512.Create(rb), Vector512<T>.Zero), Vector512<T>.Zero, g) * Vector512.Create(a)
            + (x * Vector512.Create(b) + Vector512.Create(k));
    }

    /// <summary>(Σ g, Σ g·(x − m)) of a row in one pass, accumulated in T.</summary>
    public static (T SumG, T SumGx) SumAndCenteredProduct<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, T m) where T : unmanaged, IFloatingPointIeee754<T> =>
        SumAndCenteredProduct(g, x, m, default(NoMask<T>));

    /// <summary><see cref="SumAndCenteredProduct{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, T)"/> of the gradient through a ReLU
    /// on x·ra + rb (a fused BatchNorm → ReLU): the same bits as the ReLU's backward followed by it.</summary>
    public static (T SumG, T SumGx) MaskedSumAndCenteredProduct<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, T m, T ra, T rb) where T : unmanaged, IFloatingPointIeee754<T> =>
        SumAndCenteredProduct(g, x, m, new ReluMask<T>(ra, rb));

    /// <summary>What the gradient goes through before it is summed.</summary>
    private interface IGradMask<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        T Apply(T g, T x);
        Vector512<T> Apply(Vector512<T> g, Vector512<T> x);
        Vector256<T> Apply(Vector256<T> g, Vector256<T> x);
    }

    /// <summary>The gradient as it is.</summary>
    private readonly struct NoMask<T> : IGradMask<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Apply(T g, T x) => g;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> Apply(Vector512<T> g, Vector512<T> x) => g;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> Apply(Vector256<T> g, Vector256<T> x) => g;
    }

    /// <summary>0 where x·a + b ≤ 0, else the gradient (ReLU's backward on its output).</summary>
    private readonly struct ReluMask<T>(T a, T b) : IGradMask<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Apply(T g, T x) => x * a + b <= T.Zero ? T.Zero : g;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Apply(Vector512<T> g, Vector512<T> x) =>
            Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x * Vector512.Create(a) + Vector512.Create(b), Vector512<T>.Zero), Vector512<T>.Zero, g);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Apply(Vector256<T> g, Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x * Vector256.Create(a) + Vector256.Create(b), Vector256<T>.Zero), Vector256<T>.Zero, g);
    }

    /// <summary>(Σ g, Σ g·(x − m)) of a row in one pass, accumulated in T, the gradient through <paramref name="mask"/>.</summary>
    private static unsafe (T SumG, T SumGx) SumAndCenteredProduct<T, TMask>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, T m, TMask mask)
        where T : unmanaged, IFloatingPointIeee754<T> where TMask : struct, IGradMask<T>
    {
        if (g.Length < x.Length) throw new ArgumentException("batch_norm: row buffers are too short");
        T sg = T.Zero, sgx = T.Zero;
        int i = 0, n = x.Length;
        fixed (T* xp = x)
        fixed (T* gp = g)
        {
            if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= Vector512<T>.Count)
            {
                var vm = Vector512.Create(m);
                Vector512<T> a0 = Vector512<T>.Zero, a1 = Vector512<T>.Zero;
                for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                {
                    var xv = Vector512.Load(xp + i);
                    var gv = mask.Apply(Vector512.Load(gp + i), xv);
                    a0 += gv;
                    a1 += gv * (xv - vm);
                }
                sg = Vector512.Sum(a0);
                sgx = Vector512.Sum(a1);
            }
            else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= Vector256<T>.Count)
            {
                var vm = Vector256.Create(m);
                Vector256<T> a0 = Vector256<T>.Zero, a1 = Vector256<T>.Zero;
                for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                {
                    var xv = Vector256.Load(xp + i);
                    var gv = mask.Apply(Vector256.Load(gp + i), xv);
                    a0 += gv;
                    a1 += gv * (xv - vm);
                }
                sg = Vector256.Sum(a0);
                sgx = Vector256.Sum(a1);
            }
            for (; i < n; i++)
            {
                T gi = mask.Apply(gp[i], xp[i]);
                sg += gi;
                sgx += gi * (xp[i] - m);
            }
        }
        return (sg, sgx);
    }

    /// <summary>Σ (x − m)², vectorized in T.</summary>
    public static T SumSquaredDeviation<T>(ReadOnlySpan<T> x, T m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && x.Length >= Vector<T>.Count)
        {
            var vm = new Vector<T>(m);
            var acc = Vector<T>.Zero;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var d = new Vector<T>(x.Slice(i)) - vm;
                acc += d * d;
            }
            sum = Vector.Sum(acc);
        }
        for (; i < x.Length; i++)
        {
            T d = x[i] - m;
            sum += d * d;
        }
        return sum;
    }

    /// <summary>Σ g·(x − m), vectorized in T.</summary>
    public static T SumCenteredProduct<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, T m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && x.Length >= Vector<T>.Count)
        {
            var vm = new Vector<T>(m);
            var acc = Vector<T>.Zero;
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                acc += new Vector<T>(g.Slice(i)) * (new Vector<T>(x.Slice(i)) - vm);
            sum = Vector.Sum(acc);
        }
        for (; i < x.Length; i++) sum += g[i] * (x[i] - m);
        return sum;
    }
}

/// <summary>
/// The statistics a normalization forward saves for its backward: per channel (batch norm) or per row (layer norm),
/// the mean and 1/√(var + eps), in double.
/// </summary>
internal sealed class NormStats(double[] mean, double[] rstd)
{
    /// <summary>The means.</summary>
    public double[] Mean { get; } = mean;

    /// <summary>The reciprocal standard deviations 1/√(var + eps).</summary>
    public double[] Rstd { get; } = rstd;

    /// <summary>With a ReLU fused after batch normalization: the per-channel scale and shift its forward applied
    /// (y = x·scale + shift before the ReLU), from which the backward makes the ReLU's mask again; null otherwise.</summary>
    public (double[] Scale, double[] Shift)? Relu { get; init; }

    /// <summary>The means as a float64 tensor of <paramref name="shape"/> (for a differentiable backward).</summary>
    public Tensor MeanTensor(int[] shape) => Torch.FromArray(Mean, shape);

    /// <summary>The reciprocal standard deviations as a float64 tensor of <paramref name="shape"/>.</summary>
    public Tensor RstdTensor(int[] shape) => Torch.FromArray(Rstd, shape);

    /// <summary>The elements of <paramref name="t"/> (any dtype, layout; no autograd) as doubles in row-major order, or null.</summary>
    internal static double[]? Doubles(Tensor? t) => t?.Detach().To(DType.Float64).ToArray<double>();
}
