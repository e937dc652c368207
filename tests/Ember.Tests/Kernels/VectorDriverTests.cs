using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Ember.Kernels;
using Xunit;

namespace Ember.Tests.Kernels;

/// <summary>
/// The generic elementwise driver (<see cref="VectorDriver"/>) against its operators' scalar bodies, bit for bit: every
/// length 0..257 and 1003, 4099, float and double, data with NaN, ±∞, ±0 and subnormals, spans starting at unaligned
/// offsets, the output separate from or aliasing an input (in place), nothing written past the end; each vector width
/// run explicitly (when this machine accelerates it) and through the width the driver picks. Then the ops moved onto the
/// driver against their former formulas (ReLU's backward, sign, the fused add+ReLU against TensorPrimitives' two
/// passes, the normalization affine rows, the activations' bodies).
/// </summary>
public class VectorDriverTests
{
    /// <summary>Which loop runs: the driver's choice, or one width forced.</summary>
    public enum Width { Auto, W512, W256, W128 }

    public static TheoryData<Width> Widths => [Width.Auto, Width.W512, Width.W256, Width.W128];

    private static readonly int[] Lengths = [.. Enumerable.Range(0, 258), 1003, 4099];

    private const int Guard = 3;

    /// <summary>Whether <paramref name="w"/> can run <paramref name="n"/> elements of <typeparamref name="T"/> here.</summary>
    private static bool Runs<T>(Width w, int n) => w switch
    {
        Width.Auto => true,
        Width.W512 => Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= Vector512<T>.Count,
        Width.W256 => Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= Vector256<T>.Count,
        _ => Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported && n >= Vector128<T>.Count,
    };

    /// <summary>a·b + c (a multiply then an add): a three-operand operator for the tests.</summary>
    private readonly struct MulAdd<T> : IVectorOp3<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T a, T b, T c) => a * b + c;
        public Vector128<T> Invoke(Vector128<T> a, Vector128<T> b, Vector128<T> c) => a * b + c;
        public Vector256<T> Invoke(Vector256<T> a, Vector256<T> b, Vector256<T> c) => a * b + c;
        public Vector512<T> Invoke(Vector512<T> a, Vector512<T> b, Vector512<T> c) => a * b + c;
    }

    // ---- runners: one width or the driver's choice ----

    private static void Map<TOp, T>(Width w, TOp op, ReadOnlySpan<T> x, Span<T> y) where TOp : struct, IVectorOp1<T> where T : unmanaged
    {
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)x.Length;
        switch (w)
        {
            case Width.Auto: VectorDriver.Map(op, x, y); break;
            case Width.W512: VectorDriver.Map512(op, ref xr, ref yr, n); break;
            case Width.W256: VectorDriver.Map256(op, ref xr, ref yr, n); break;
            default: VectorDriver.Map128(op, ref xr, ref yr, n); break;
        }
    }

    private static void Map<TOp, T>(Width w, TOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where TOp : struct, IVectorOp2<T> where T : unmanaged
    {
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T yr = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)a.Length;
        switch (w)
        {
            case Width.Auto: VectorDriver.Map(op, a, b, y); break;
            case Width.W512: VectorDriver.Map512(op, ref ar, ref br, ref yr, n); break;
            case Width.W256: VectorDriver.Map256(op, ref ar, ref br, ref yr, n); break;
            default: VectorDriver.Map128(op, ref ar, ref br, ref yr, n); break;
        }
    }

    private static void Map<TOp, T>(Width w, TOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> y)
        where TOp : struct, IVectorOp3<T> where T : unmanaged
    {
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T cr = ref MemoryMarshal.GetReference(c);
        ref T yr = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)a.Length;
        switch (w)
        {
            case Width.Auto: VectorDriver.Map(op, a, b, c, y); break;
            case Width.W512: VectorDriver.Map512(op, ref ar, ref br, ref cr, ref yr, n); break;
            case Width.W256: VectorDriver.Map256(op, ref ar, ref br, ref cr, ref yr, n); break;
            default: VectorDriver.Map128(op, ref ar, ref br, ref cr, ref yr, n); break;
        }
    }

    private static void Update<TOp, T>(Width w, TOp op, Span<T> p, ReadOnlySpan<T> g, Span<T> s0, Span<T> s1, Span<T> s2)
        where TOp : struct, IVectorUpdate<T> where T : unmanaged
    {
        if (w == Width.Auto) VectorDriver.Update(op, p, g, s0, s1, s2);
        else VectorDriver.UpdateAt(w switch { Width.W512 => 512, Width.W256 => 256, _ => 128 }, op, p, g, s0, s1, s2);
    }

    /// <summary>An output buffer of n elements at offset <see cref="Guard"/> with guard elements on both sides, all 7.</summary>
    private static T[] Output<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[n + 2 * Guard];
        y.AsSpan().Fill(T.CreateTruncating(7));
        return y;
    }

    private static void GuardsIntact<T>(T[] y, int n, string context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < Guard; i++)
        {
            Assert.True(y[i] == T.CreateTruncating(7), $"{context}: written before the start");
            Assert.True(y[Guard + n + i] == T.CreateTruncating(7), $"{context}: written past the end");
        }
    }

    // ---- the driver against the scalar bodies ----

    private static void CheckMap1<TOp, T>(Width w, TOp op, T[] xa, int off, int n, string name) where TOp : struct, IVectorOp1<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = xa.AsSpan(off, n);
        var want = new T[n];
        for (int i = 0; i < n; i++) want[i] = op.Invoke(x[i]);
        var y = Output<T>(n);
        Map(w, op, x, y.AsSpan(Guard, n));
        VectorBits.Equal<T>(want, y.AsSpan(Guard, n), $"{name} {typeof(T).Name} {w} n={n}");
        GuardsIntact(y, n, name);
        var z = (T[])xa.Clone(); // in place
        Map(w, op, z.AsSpan(off, n), z.AsSpan(off, n));
        VectorBits.Equal<T>(want, z.AsSpan(off, n), $"{name} in place {typeof(T).Name} {w} n={n}");
    }

    private static void CheckMap2<TOp, T>(Width w, TOp op, T[] aa, T[] ba, int off, int n, string name) where TOp : struct, IVectorOp2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> a = aa.AsSpan(off, n), b = ba.AsSpan(n % 3, n);
        var want = new T[n];
        for (int i = 0; i < n; i++) want[i] = op.Invoke(a[i], b[i]);
        var y = Output<T>(n);
        Map(w, op, a, b, y.AsSpan(Guard, n));
        VectorBits.Equal<T>(want, y.AsSpan(Guard, n), $"{name} {typeof(T).Name} {w} n={n}");
        GuardsIntact(y, n, name);
        var z = (T[])aa.Clone(); // in place over the first operand
        Map(w, op, z.AsSpan(off, n), b, z.AsSpan(off, n));
        VectorBits.Equal<T>(want, z.AsSpan(off, n), $"{name} in place (a) {typeof(T).Name} {w} n={n}");
        z = (T[])ba.Clone(); // in place over the second
        Map(w, op, a, z.AsSpan(n % 3, n), z.AsSpan(n % 3, n));
        VectorBits.Equal<T>(want, z.AsSpan(n % 3, n), $"{name} in place (b) {typeof(T).Name} {w} n={n}");
    }

    private static void CheckMap3<TOp, T>(Width w, TOp op, T[] aa, T[] ba, T[] ca, int off, int n, string name) where TOp : struct, IVectorOp3<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> a = aa.AsSpan(off, n), b = ba.AsSpan(n % 3, n), c = ca.AsSpan(3 - off, n);
        var want = new T[n];
        for (int i = 0; i < n; i++) want[i] = op.Invoke(a[i], b[i], c[i]);
        var y = Output<T>(n);
        Map(w, op, a, b, c, y.AsSpan(Guard, n));
        VectorBits.Equal<T>(want, y.AsSpan(Guard, n), $"{name} {typeof(T).Name} {w} n={n}");
        GuardsIntact(y, n, name);
        var z = (T[])ca.Clone(); // in place over the third operand
        Map(w, op, a, b, z.AsSpan(3 - off, n), z.AsSpan(3 - off, n));
        VectorBits.Equal<T>(want, z.AsSpan(3 - off, n), $"{name} in place {typeof(T).Name} {w} n={n}");
    }

    private static void MapsMatchScalarBodies<T>(Width w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Random(11);
        foreach (int n in Lengths)
        {
            if (!Runs<T>(w, n)) continue;
            int off = n % 4;
            T[] a = VectorBits.Data<T>(n, 3, r, true), b = VectorBits.Data<T>(n, 3, r, true), c = VectorBits.Data<T>(n, 3, r, true);
            CheckMap1(w, new NormRows.AffineOp<T>(T.CreateTruncating(1.5), T.CreateTruncating(-0.25)), a, off, n, "affine");
            CheckMap1(w, default(SignOp.Body<T>), a, off, n, "sign");
            CheckMap2(w, default(ReluGradOp.Body<T>), a, b, off, n, "relu_backward");
            CheckMap2(w, default(AddReluKernel.Body<T>), a, b, off, n, "add_relu");
            CheckMap2(w, new NormRows.AffinePlusScaledOp<T>(T.CreateTruncating(0.75), T.CreateTruncating(-1.25), T.CreateTruncating(0.5)), a, b, off, n, "affine_plus_scaled");
            CheckMap3(w, default(MulAdd<T>), a, b, c, off, n, "mul_add");
            CheckMap2(w, new ClampSelect.Body<T>(true), a, b, off, n, "clamp_min");
            CheckMap2(w, new ClampSelect.Body<T>(false), a, b, off, n, "clamp_max");
            CheckMap1(w, new ClampSelect.ScalarBoundBody<T>(T.CreateTruncating(0.25), true), a, off, n, "clamp_min(0.25)");
            CheckMap1(w, new ClampSelect.ScalarBoundBody<T>(T.CreateTruncating(-0.0), false), a, off, n, "clamp_max(-0)");
            // the activations' bodies
            CheckMap2(w, default(PreluKernel.ForwardBody<T>), a, b, off, n, "prelu");
            CheckMap1(w, new LeakyReluOp.ForwardBody<T>(T.CreateTruncating(0.01)), a, off, n, "leaky_relu");
            CheckMap2(w, new LeakyReluOp.BackwardBody<T>(T.CreateTruncating(0.2)), a, b, off, n, "leaky_relu_backward");
            CheckMap3(w, default(SiluOp.BackwardBody<T>), a, b, c, off, n, "silu_backward");
            CheckMap2(w, new EluOp.ForwardBody<T>(T.CreateTruncating(1.5)), a, b, off, n, "elu");
            CheckMap3(w, new EluOp.BackwardBody<T>(T.CreateTruncating(1.5)), a, b, c, off, n, "elu_backward");
            CheckMap3(w, new SoftplusOp.ForwardBody<T>(T.CreateTruncating(2), T.CreateTruncating(20)), a, b, c, off, n, "softplus");
            CheckMap3(w, new SoftplusOp.BackwardBody<T>(T.CreateTruncating(2), T.CreateTruncating(1)), a, b, c, off, n, "softplus_backward");
            CheckMap1(w, new GeluTanhOp.InnerBody<T>(T.CreateTruncating(GeluTanhOp.Beta), T.CreateTruncating(GeluTanhOp.Kappa)), a, off, n, "gelu_inner");
            CheckMap2(w, default(GeluTanhOp.ForwardBody<T>), a, b, off, n, "gelu_tanh");
            CheckMap3(w, new GeluTanhOp.BackwardBody<T>(T.CreateTruncating(GeluTanhOp.Beta), T.CreateTruncating(3 * GeluTanhOp.Kappa)), a, b, c, off, n, "gelu_tanh_backward");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void MapsMatchTheScalarBodiesBitForBit(Width w)
    {
        MapsMatchScalarBodies<float>(w);
        MapsMatchScalarBodies<double>(w);
    }

    private static void CheckUpdate<TOp, T>(Width w, TOp op, int states, int n, Random r, string name) where TOp : struct, IVectorUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        int off = n % 4;
        T[] p = VectorBits.Data<T>(n, 3, r, true), g = VectorBits.Data<T>(n, 3, r, true);
        T[][] s = [VectorBits.Data<T>(n, 3, r, true, 0, 1), VectorBits.Data<T>(n, 3, r, true, 0, 1), VectorBits.Data<T>(n, 3, r, true, 0, 1)];
        T[] wp = (T[])p.Clone();
        T[][] ws = [.. s.Select(a => (T[])a.Clone())];
        T dummy = default;
        for (int i = 0; i < n; i++)
        {
            ref T s0 = ref states > 0 ? ref ws[0][off + i] : ref dummy;
            ref T s1 = ref states > 1 ? ref ws[1][3 - off + i] : ref dummy;
            ref T s2 = ref states > 2 ? ref ws[2][1 + i] : ref dummy;
            op.Invoke(ref wp[off + i], g[3 - off + i], ref s0, ref s1, ref s2);
        }
        Update(w, op, p.AsSpan(off, n), g.AsSpan(3 - off, n), states > 0 ? s[0].AsSpan(off, n) : default,
            states > 1 ? s[1].AsSpan(3 - off, n) : default, states > 2 ? s[2].AsSpan(1, n) : default);
        string ctx = $"{name} {typeof(T).Name} {w} n={n}";
        VectorBits.Equal<T>(wp, p, ctx + " p");
        for (int k = 0; k < 3; k++) VectorBits.Equal<T>(ws[k], s[k], ctx + " s" + k);
    }

    private static void UpdatesMatchScalarBodies<T>(Width w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Random(12);
        T c(double v) => T.CreateTruncating(v);
        foreach (int n in Lengths)
        {
            if (!Runs<T>(w, n)) continue;
            // AMSGrad Adam uses all three states; SGD with Nesterov momentum one (the others empty).
            CheckUpdate<AdamRule.Op<T>, T>(w, new AdamRule.Op<T>(c(0.9), c(0.1), c(0.999), c(0.001), c(Math.Sqrt(1 - Math.Pow(0.999, 3))), c(1e-8), c(-0.01 / (1 - Math.Pow(0.9, 3))),
                c(0.01), c(1 - 0.01 * 0.01), false, true, true, false), 3, n, r, "adam");
            CheckUpdate<SgdRule.Op<T>, T>(w, new SgdRule.Op<T>(c(1e-3), c(0.9), c(0.9), c(-0.1), true, true, false, true, true), 1, n, r, "sgd");
            CheckUpdate<RmspropRule.Op<T>, T>(w, new RmspropRule.Op<T>(c(0), c(0.99), c(0.01), c(1e-8), c(0.5), c(-0.01), false, true, true, false), 3, n, r, "rmsprop");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void UpdatesMatchTheScalarBodiesBitForBit(Width w)
    {
        UpdatesMatchScalarBodies<float>(w);
        UpdatesMatchScalarBodies<double>(w);
    }

    [Fact]
    public void ShortOrMismatchedSpansAreRejected()
    {
        var x = new float[8];
        Assert.Throws<ArgumentException>(() => VectorDriver.Map(default(SignOp.Body<float>), x, new float[7]));
        Assert.Throws<ArgumentException>(() => VectorDriver.Map(default(ReluGradOp.Body<float>), x, new float[7], new float[8]));
        Assert.Throws<ArgumentException>(() => VectorDriver.Map(default(MulAdd<float>), x, x, new float[7], new float[8]));
        var sgd = new SgdRule.Op<float>(0, 0.9f, 1, -0.1f, false, true, false, false, false);
        Assert.Throws<ArgumentException>(() => VectorDriver.Update(sgd, x, new float[7], default, default, default));
        Assert.Throws<ArgumentException>(() => VectorDriver.Update(sgd, x, x, new float[7], default, default));
    }

    // ---- the ported ops against their former formulas ----

    private static void PortedOpsMatchFormerFormulas<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Random(13);
        T a = T.CreateTruncating(1.5), b = T.CreateTruncating(-0.25), k = T.CreateTruncating(0.5);
        foreach (int n in Lengths)
        {
            int off = n % 4;
            ReadOnlySpan<T> x = VectorBits.Data<T>(n, off, r, true).AsSpan(off), g = VectorBits.Data<T>(n, 0, r, true);
            var want = new T[n];
            var got = new T[n];
            string ctx = $"{typeof(T).Name} n={n}";

            for (int i = 0; i < n; i++) want[i] = x[i] <= T.Zero ? T.Zero : g[i];
            ReluGradOp.Invoke(g, x, got);
            VectorBits.Equal<T>(want, got, "relu_backward " + ctx);

            for (int i = 0; i < n; i++) want[i] = x[i] > T.Zero ? T.One : x[i] < T.Zero ? -T.One : T.Zero;
            SignOp.Invoke(x, got);
            VectorBits.Equal<T>(want, got, "sign " + ctx);

            for (int i = 0; i < n; i++) want[i] = x[i] * a + b;
            NormRows.Affine(x, a, b, got);
            VectorBits.Equal<T>(want, got, "affine " + ctx);

            for (int i = 0; i < n; i++) want[i] = g[i] * k + (x[i] * a + b);
            NormRows.AffinePlusScaled(x, a, b, g, k, got);
            VectorBits.Equal<T>(want, got, "affine_plus_scaled " + ctx);

            if (n == 0) continue; // TensorPrimitives' sigmoid, exp and tanh reject empty spans (the activation kernel never passes one)
            for (int i = 0; i < n; i++) want[i] = x[i] > T.Zero ? x[i] : x[i] * a;
            LeakyReluOp.Forward(x, got, a, T.Zero);
            VectorBits.Equal<T>(want, got, "leaky_relu " + ctx);

            for (int i = 0; i < n; i++) want[i] = x[i] > T.Zero ? g[i] : g[i] * a;
            LeakyReluOp.Backward(x, g, got, a, T.Zero);
            VectorBits.Equal<T>(want, got, "leaky_relu_backward " + ctx);

            // The activations whose span bodies start with a TensorPrimitives pass (sigmoid, exp, tanh): that pass is done
            // here, and the op's driver call applied after it, since TensorPrimitives' bits are not reproducible from one
            // call to the next (its MultiplyAddEstimate is fused in optimized code and not in tier-0 code).
            TensorPrimitives.Sigmoid(x, got);
            got.CopyTo(want);
            for (int i = 0; i < n; i++) want[i] = g[i] * want[i] * (T.One + x[i] * (T.One - want[i]));
            VectorDriver.Map(default(SiluOp.BackwardBody<T>), g, got, x, got);
            VectorBits.Equal<T>(want, got, "silu_backward " + ctx);

            TensorPrimitives.Exp(x, got);
            got.CopyTo(want);
            for (int i = 0; i < n; i++) want[i] = x[i] <= T.Zero ? g[i] * (want[i] * a) : g[i];
            VectorDriver.Map(new EluOp.BackwardBody<T>(a), x, g, got, got);
            VectorBits.Equal<T>(want, got, "elu_backward " + ctx);

            TensorPrimitives.Multiply(x, a, got);
            TensorPrimitives.Sigmoid(got, got);
            got.CopyTo(want);
            for (int i = 0; i < n; i++) want[i] = x[i] * a > k ? g[i] : g[i] * want[i];
            VectorDriver.Map(new SoftplusOp.BackwardBody<T>(a, k), x, g, got, got);
            VectorBits.Equal<T>(want, got, "softplus_backward " + ctx);

            T beta = T.CreateTruncating(GeluTanhOp.Beta), kappa = T.CreateTruncating(GeluTanhOp.Kappa), half = T.CreateTruncating(0.5);
            for (int i = 0; i < n; i++) got[i] = beta * (x[i] + kappa * (x[i] * x[i] * x[i]));
            TensorPrimitives.Tanh(got, got);
            got.CopyTo(want);
            for (int i = 0; i < n; i++) want[i] = half * x[i] * (T.One + want[i]);
            VectorDriver.Map(default(GeluTanhOp.ForwardBody<T>), x, got, got);
            VectorBits.Equal<T>(want, got, "gelu_tanh " + ctx);

            // add+relu was TensorPrimitives.Add then TensorPrimitives.Max(·, 0), in place.
            TensorPrimitives.Add(x, g, want);
            TensorPrimitives.Max(want, T.Zero, want);
            x.CopyTo(got);
            VectorDriver.Map(default(AddReluKernel.Body<T>), got, g, got);
            VectorBits.Equal<T>(want, got, "add_relu " + ctx);
        }
    }

    [Fact]
    public void PortedOpsMatchTheirFormerFormulas()
    {
        PortedOpsMatchFormerFormulas<float>();
        PortedOpsMatchFormerFormulas<double>();
    }

    private static void ClampOnIntegers<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        var r = new Random(14);
        T lo = T.CreateTruncating(3), hi = T.CreateTruncating(200);
        foreach (int n in Lengths)
        {
            var x = new T[n];
            var bound = new T[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = T.CreateTruncating(r.Next(0, 256)) - T.CreateTruncating(r.Next(0, 2) * 100);
                bound[i] = T.CreateTruncating(r.Next(0, 256));
            }
            var want = new T[n];
            var got = new T[n];
            for (int i = 0; i < n; i++) want[i] = x[i] < lo ? lo : x[i];
            ClampSelect.Run<T>(x, lo, got, lower: true);
            Assert.Equal(want, got);
            for (int i = 0; i < n; i++) want[i] = x[i] > hi ? hi : x[i];
            ClampSelect.Run<T>(x, hi, got, lower: false);
            Assert.Equal(want, got);
            for (int i = 0; i < n; i++) want[i] = x[i] < bound[i] ? bound[i] : x[i];
            ClampSelect.Run<T>(x, bound, got, lower: true);
            Assert.Equal(want, got);
            for (int i = 0; i < n; i++) want[i] = x[i] > bound[i] ? bound[i] : x[i];
            ClampSelect.Run<T>(x, bound, x, lower: false); // in place
            Assert.Equal(want, x);
        }
    }

    [Fact]
    public void ClampOnIntegerTypesMatchesTheScalarFormula()
    {
        ClampOnIntegers<long>();
        ClampOnIntegers<int>();
        ClampOnIntegers<byte>();
    }

    [Fact]
    public void FusedAddReluOnTensorsMatchesAddThenRelu()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (int n in new[] { 1, 17, 1000, 70001 })
            {
                var y = Torch.Randn([n], dtype: dtype, generator: new Generator(n));
                var o = Torch.Randn([n], dtype: dtype, generator: new Generator(n + 1));
                var want = Torch.Relu(y + o);
                Assert.True(AddReluKernel.TryInPlace(y, o));
                Assert.True(Torch.Equal(want, y), $"{dtype} n={n}");
            }
    }
}
