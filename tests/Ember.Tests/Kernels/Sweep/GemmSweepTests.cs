using System.Numerics;
using Ember.Kernels;

namespace Ember.Tests.Kernels.Sweep;

/// <summary>
/// Matrix products at every size 0..257 of m, n and k (the others small), at odd three-way shapes, with A and B
/// contiguous, transposed or strided, against a naive triple loop summed in double. The tolerance of element (i, j) is
/// (k + 2)·ε·Σ_p |A[i,p]|·|B[p,j]|, the classical bound of a k-term dot product, so an exact result is asked where k ≤ 1
/// and a wrong or missing term fails at any size.
/// </summary>
public class GemmSweepTests
{
    private static readonly Layout[] Layouts = [Layout.Contiguous, Layout.Transposed, Layout.Strided];
    private static readonly int[] Small = [1, 3, 8, 17, 2, 5];

    /// <summary>C = A·B in double and each element's error bound Σ_p |a||b|.</summary>
    internal static (double[] c, double[] bound) Naive(double[] a, double[] b, int m, int n, int k)
    {
        var c = new double[m * n];
        var bound = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    double t = a[i * k + p] * b[p * n + j];
                    s += t;
                    abs += Math.Abs(t);
                }
                c[i * n + j] = s;
                bound[i * n + j] = abs;
            }
        return (c, bound);
    }

    private static void CheckMm(Random rng, int m, int n, int k, DType dt, Layout la, Layout lb)
    {
        var a = SweepData.Values(rng, m * k, dt);
        var b = SweepData.Values(rng, k * n, dt);
        var ta = SweepData.Make(a, [m, k], dt, la);
        var tb = SweepData.Make(b, [k, n], dt, lb);
        var (c, bound) = Naive(a, b, m, n, k);
        var y = Torch.Mm(ta, tb);
        Assert.Equal([m, n], y.ShapeArray);
        Assert.Equal(dt, y.DType);
        double eps = SweepData.Eps(dt);
        SweepData.AllClose(c, y, i => (k + 2) * eps * bound[i], () => $"mm {dt} m={m} n={n} k={k} A {la} B {lb}");
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Mm_EverySizeOfEachDimension_AllLayouts(DType dt)
    {
        var rng = new Random(11);
        for (int s = 0; s <= SweepData.MaxSize; s++)
        {
            int x = Small[s % Small.Length], z = Small[(s / Small.Length + 1) % Small.Length];
            foreach (var la in Layouts)
                foreach (var lb in Layouts)
                {
                    CheckMm(rng, s, x, z, dt, la, lb);
                    CheckMm(rng, z, s, x, dt, la, lb);
                    CheckMm(rng, x, z, s, dt, la, lb);
                }
        }
    }

    public static readonly TheoryData<int, int, int> OddShapes = new()
    {
        { 1, 1, 1 }, { 1, 784, 256 }, { 256, 10, 784 }, { 7, 513, 33 }, { 513, 7, 33 }, { 33, 7, 513 },
        { 1, 1, 1000 }, { 1000, 1, 3 }, { 3, 1000, 1 }, { 97, 97, 97 }, { 65, 129, 257 }, { 0, 7, 3 }, { 7, 0, 3 },
        { 7, 3, 0 }, { 128, 128, 1 }, { 1, 257, 1 }, { 200, 1, 300 }, { 31, 15, 129 },
    };

    [Theory]
    [MemberData(nameof(OddShapes))]
    public void Matmul_OddShapes_AllLayouts(int m, int n, int k)
    {
        var rng = new Random(m * 7919 + n * 31 + k);
        foreach (var dt in new[] { DType.Float32, DType.Float64 })
            foreach (var la in Layouts)
                foreach (var lb in Layouts)
                {
                    var a = SweepData.Values(rng, m * k, dt);
                    var b = SweepData.Values(rng, k * n, dt);
                    var (c, bound) = Naive(a, b, m, n, k);
                    var y = Torch.Matmul(SweepData.Make(a, [m, k], dt, la), SweepData.Make(b, [k, n], dt, lb));
                    Assert.Equal([m, n], y.ShapeArray);
                    double eps = SweepData.Eps(dt);
                    SweepData.AllClose(c, y, i => (k + 2) * eps * bound[i], () => $"matmul {dt} m={m} n={n} k={k} A {la} B {lb}");
                }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Matmul_VectorOperands_EveryLength(DType dt)
    {
        // [k]·[k, n] → [n] and [m, k]·[k] → [m] (the matrix-vector paths) and [k]·[k] → [] (a dot product).
        var rng = new Random(5);
        double eps = SweepData.Eps(dt);
        for (int s = 0; s <= SweepData.MaxSize; s++)
        {
            int x = Small[s % Small.Length];
            foreach (var lv in new[] { Layout.Contiguous, Layout.Strided })
                foreach (var lm in Layouts)
                {
                    foreach (var (k, n) in new[] { (s, x), (x, s) })
                    {
                        var v = SweepData.Values(rng, k, dt);
                        var b = SweepData.Values(rng, k * n, dt);
                        var (c, bound) = Naive(v, b, 1, n, k);
                        var y = Torch.Matmul(SweepData.Make(v, [k], dt, lv), SweepData.Make(b, [k, n], dt, lm));
                        Assert.Equal([n], y.ShapeArray);
                        SweepData.AllClose(c, y, i => (k + 2) * eps * bound[i], () => $"vecmat {dt} k={k} n={n} v {lv} B {lm}");

                        int m = n;
                        var a = SweepData.Values(rng, m * k, dt);
                        var w = SweepData.Values(rng, k, dt);
                        var (c2, bound2) = Naive(a, w, m, 1, k);
                        var y2 = Torch.Matmul(SweepData.Make(a, [m, k], dt, lm), SweepData.Make(w, [k], dt, lv));
                        Assert.Equal([m], y2.ShapeArray);
                        SweepData.AllClose(c2, y2, i => (k + 2) * eps * bound2[i], () => $"matvec {dt} m={m} k={k} A {lm} v {lv}");
                    }
                    var d1 = SweepData.Values(rng, s, dt);
                    var d2 = SweepData.Values(rng, s, dt);
                    var (dot, dotBound) = Naive(d1, d2, 1, 1, s);
                    var yd = Torch.Matmul(SweepData.Make(d1, [s], dt, lv), SweepData.Make(d2, [s], dt, Layout.Strided));
                    Assert.Empty(yd.ShapeArray);
                    SweepData.AllClose(dot, yd, _ => (s + 2) * eps * dotBound[0], () => $"dot {dt} k={s} {lv}");
                }
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Bmm_EverySize_TransposedAndStrided(DType dt)
    {
        var rng = new Random(17);
        double eps = SweepData.Eps(dt);
        const int batch = 3;
        for (int s = 0; s <= SweepData.MaxSize; s++)
        {
            int x = Small[s % Small.Length], z = Small[(s + 2) % Small.Length];
            var (m, n, k) = (s % 3) switch { 0 => (s, x, z), 1 => (x, s, z), _ => (x, z, s) };
            var la = Layouts[s / 3 % 3];
            var lb = Layouts[s / 9 % 3];
            var a = SweepData.Values(rng, batch * m * k, dt);
            var b = SweepData.Values(rng, batch * k * n, dt);
            var y = Torch.Bmm(SweepData.Make(a, [batch, m, k], dt, la), SweepData.Make(b, [batch, k, n], dt, lb));
            Assert.Equal([batch, m, n], y.ShapeArray);
            var got = y.ToArray<double>();
            for (int t = 0; t < batch; t++)
            {
                var (c, bound) = Naive(a[(t * m * k)..((t + 1) * m * k)], b[(t * k * n)..((t + 1) * k * n)], m, n, k);
                for (int i = 0; i < c.Length; i++)
                {
                    int at = i, bt = t;
                    SweepData.Close(c[i], got[t * m * n + i], (k + 2) * eps * bound[i],
                        () => $"bmm {dt} batch {bt} m={m} n={n} k={k} A {la} B {lb} element {at}");
                }
            }
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Addmm_EverySize_BroadcastBias(DType dt)
    {
        var rng = new Random(23);
        double eps = SweepData.Eps(dt);
        const double beta = 0.5, alpha = 2;
        for (int s = 0; s <= SweepData.MaxSize; s++)
        {
            int x = Small[s % Small.Length], z = Small[(s + 3) % Small.Length];
            var (m, n, k) = (s % 3) switch { 0 => (s, x, z), 1 => (x, s, z), _ => (x, z, s) };
            var la = Layouts[s / 3 % 3];
            var lb = Layouts[s / 9 % 3];
            var a = SweepData.Values(rng, m * k, dt);
            var b = SweepData.Values(rng, k * n, dt);
            var bias = SweepData.Values(rng, n, dt);
            var (c, bound) = Naive(a, b, m, n, k);
            var y = Torch.Addmm(SweepData.Make(bias, [n], dt, Layout.Strided), SweepData.Make(a, [m, k], dt, la),
                SweepData.Make(b, [k, n], dt, lb), beta, alpha);
            Assert.Equal([m, n], y.ShapeArray);
            var expected = new double[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) expected[i * n + j] = beta * bias[j] + alpha * c[i * n + j];
            SweepData.AllClose(expected, y, i => (k + 4) * eps * (alpha * bound[i] + Math.Abs(beta * bias[i % n])),
                () => $"addmm {dt} m={m} n={n} k={k} A {la} B {lb}");
        }
    }

    [Fact]
    public void Mm_Int64_EverySize_Exact()
    {
        var rng = new Random(29);
        for (int s = 0; s <= SweepData.MaxSize; s++)
        {
            int x = Small[s % Small.Length], z = Small[(s + 1) % Small.Length];
            var (m, n, k) = (s % 3) switch { 0 => (s, x, z), 1 => (x, s, z), _ => (x, z, s) };
            var la = Layouts[s / 3 % 3];
            var lb = Layouts[s / 9 % 3];
            var a = SweepData.Values(rng, m * k, DType.Int64);
            var b = SweepData.Values(rng, k * n, DType.Int64);
            var (c, _) = Naive(a, b, m, n, k);
            var y = Torch.Mm(SweepData.Make(a, [m, k], DType.Int64, la), SweepData.Make(b, [k, n], DType.Int64, lb));
            Assert.Equal(DType.Int64, y.DType);
            SweepData.AllClose(c, y, _ => 0, () => $"mm int64 m={m} n={n} k={k} A {la} B {lb}");
        }
    }

    /// <summary>
    /// <see cref="Gemm.Compute{T}"/> straight on arrays, every m, n and k in 0..257 in turn, with general strides (A read
    /// through a column stride of 2, B transposed or not), accumulate on and off, and a padded C whose gaps must stay untouched.
    /// </summary>
    [Fact]
    public void GemmCompute_EverySize_GeneralStrides()
    {
        Compute<float>(1e-7 * 1.2);
        Compute<double>(Math.Pow(2, -52));
        Compute<long>(0);
    }

    private static void Compute<T>(double eps) where T : unmanaged, INumber<T>
    {
        var rng = new Random(31);
        for (int s = 0; s <= SweepData.MaxSize; s++)
        {
            int x = Small[s % Small.Length], z = Small[(s + 4) % Small.Length];
            foreach (var (m, n, k) in new[] { (s, x, z), (x, s, z), (x, z, s) })
            {
                bool transB = (s + m) % 2 == 0, acc = s % 3 == 1;
                int ldc = n + s % 4;
                // A: m×k with row stride 2k+1 and column stride 2; B: k×n row-major or column-major.
                int ars = 2 * k + 1, acs = 2;
                var a = new T[Math.Max(1, m * ars)];
                var b = new T[Math.Max(1, k * n)];
                for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(rng.Next(-8, 9) / 4.0 + (typeof(T) == typeof(long) ? 0 : rng.NextDouble() / 8));
                for (int i = 0; i < b.Length; i++) b[i] = T.CreateTruncating(rng.Next(-8, 9) / 4.0 + (typeof(T) == typeof(long) ? 0 : rng.NextDouble() / 8));
                int brs = transB ? 1 : n, bcs = transB ? k : 1;
                var c = new T[Math.Max(1, m * ldc)];
                for (int i = 0; i < c.Length; i++) c[i] = T.CreateTruncating(rng.Next(-5, 6));
                var c0 = (T[])c.Clone();
                Gemm.Compute<T>(m, n, k, a, ars, acs, b, brs, bcs, c, ldc, acc);
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < ldc; j++)
                    {
                        double got = double.CreateTruncating(c[i * ldc + j]);
                        if (j >= n)
                        {
                            if (!c[i * ldc + j].Equals(c0[i * ldc + j]))
                                Assert.Fail($"Gemm.Compute<{typeof(T).Name}> m={m} n={n} k={k} wrote the padding C[{i},{j}]");
                            continue;
                        }
                        double e = acc ? double.CreateTruncating(c0[i * ldc + j]) : 0, bound = Math.Abs(e);
                        for (int p = 0; p < k; p++)
                        {
                            double t = double.CreateTruncating(a[i * ars + p * acs]) * double.CreateTruncating(b[p * brs + j * bcs]);
                            e += t;
                            bound += Math.Abs(t);
                        }
                        int ii = i, jj = j;
                        SweepData.Close(e, got, (k + 2) * eps * bound,
                            () => $"Gemm.Compute<{typeof(T).Name}> m={m} n={n} k={k} transB={transB} acc={acc} C[{ii},{jj}]");
                    }
            }
        }
    }

    /// <summary><see cref="GemmPrepackedB{T}"/> (B packed once, several A) at every n and k in 0..257, A plain or transposed.</summary>
    [Fact]
    public void GemmPrepacked_EveryNAndK()
    {
        Prepacked<float>(1.2e-7);
        Prepacked<double>(Math.Pow(2, -52));
    }

    private static void Prepacked<T>(double eps) where T : unmanaged, INumber<T>
    {
        var rng = new Random(37);
        for (int s = 0; s <= SweepData.MaxSize; s++)
        {
            int x = Small[s % Small.Length], z = Small[(s + 5) % Small.Length];
            foreach (var (n, k) in new[] { (s, x), (z, s) })
            {
                bool transB = s % 2 == 1;
                var b = new T[k * n];
                for (int i = 0; i < b.Length; i++) b[i] = T.CreateTruncating(rng.NextDouble() - 0.5);
                int brs = transB ? 1 : n, bcs = transB ? k : 1;
                var packed = new GemmPrepackedB<T>(b, brs, bcs, k, n);
                foreach (int m in new[] { x, z + 6 })
                {
                    bool transA = (m + s) % 2 == 0, acc = m % 2 == 1;
                    var a = new T[m * k];
                    for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(rng.NextDouble() - 0.5);
                    int ars = transA ? 1 : k, acs = transA ? m : 1;
                    var c = new T[m * n];
                    for (int i = 0; i < c.Length; i++) c[i] = T.CreateTruncating(i % 5 - 2);
                    var c0 = (T[])c.Clone();
                    packed.Multiply(m, a, ars, acs, c, n, acc);
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < n; j++)
                        {
                            double e = acc ? double.CreateTruncating(c0[i * n + j]) : 0, bound = Math.Abs(e);
                            for (int p = 0; p < k; p++)
                            {
                                double t = double.CreateTruncating(a[i * ars + p * acs]) * double.CreateTruncating(b[p * brs + j * bcs]);
                                e += t;
                                bound += Math.Abs(t);
                            }
                            int ii = i, jj = j;
                            SweepData.Close(e, double.CreateTruncating(c[i * n + j]), (k + 2) * eps * bound,
                                () => $"GemmPrepackedB<{typeof(T).Name}> m={m} n={n} k={k} transA={transA} transB={transB} acc={acc} C[{ii},{jj}]");
                        }
                }
            }
        }
    }
}
