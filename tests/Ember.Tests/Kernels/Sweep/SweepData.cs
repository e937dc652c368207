namespace Ember.Tests.Kernels.Sweep;

/// <summary>How a sweep operand is laid out in memory.</summary>
internal enum Layout
{
    /// <summary>Row-major and dense.</summary>
    Contiguous,

    /// <summary>Stored with its last two dimensions swapped and viewed through <c>Transpose</c> (column-major).</summary>
    Transposed,

    /// <summary>Every other element of a wider buffer along the last dimension, at offset 1 (<c>x[..., 1::2]</c>); the gaps hold a sentinel.</summary>
    Strided,
}

/// <summary>
/// Inputs for the kernel size sweeps: random values exact in the target dtype, tensors in a chosen layout built from
/// them (gaps filled with NaN or a large integer, so a kernel that reads outside its view is caught), and tolerant
/// comparisons that name the failing case.
/// </summary>
internal static class SweepData
{
    /// <summary>The sizes every sweep covers: 0 to 257, the tails of 128-, 256- and 512-bit vector bodies and of the GEMM tiles.</summary>
    public const int MaxSize = 257;

    /// <summary>Machine epsilon of float32 and float64.</summary>
    public static double Eps(DType dt) => dt == DType.Float32 ? 1.0 / (1 << 23) : Math.Pow(2, -52);

    /// <summary><paramref name="n"/> values in [lo, hi) rounded to <paramref name="dt"/> (integers in [-9, 9] for an integer dtype).</summary>
    public static double[] Values(Random rng, int n, DType dt, double lo = -1, double hi = 1)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = lo + (hi - lo) * rng.NextDouble();
            v[i] = dt switch
            {
                DType.Float32 => (float)x,
                DType.Float64 => x,
                _ => rng.Next(-9, 10),
            };
        }
        return v;
    }

    /// <summary>
    /// A tensor of <paramref name="shape"/> and <paramref name="dt"/> holding <paramref name="values"/> (row-major) in
    /// <paramref name="layout"/>; <see cref="Layout.Transposed"/> needs two dimensions or more.
    /// </summary>
    public static Tensor Make(double[] values, int[] shape, DType dt, Layout layout)
    {
        int nd = shape.Length;
        switch (layout)
        {
            case Layout.Contiguous:
                return Torch.FromArray(values, shape).To(dt);
            case Layout.Transposed:
            {
                if (nd < 2) throw new ArgumentException("a transposed operand needs two dimensions");
                int r = shape[nd - 2], c = shape[nd - 1], outer = r * c == 0 ? 0 : values.Length / (r * c);
                var stored = new double[values.Length];
                for (int o = 0; o < outer; o++)
                    for (int i = 0; i < r; i++)
                        for (int j = 0; j < c; j++)
                            stored[o * r * c + j * r + i] = values[o * r * c + i * c + j];
                var sshape = (int[])shape.Clone();
                (sshape[nd - 2], sshape[nd - 1]) = (c, r);
                return Torch.FromArray(stored, sshape).To(dt).Transpose(nd - 2, nd - 1);
            }
            case Layout.Strided:
            {
                int last = shape[nd - 1], width = 2 * last + 1, rows = last == 0 ? Rows(shape) : values.Length / last;
                var stored = new double[rows * width];
                Array.Fill(stored, dt.IsFloatingPoint() ? double.NaN : 1e6);
                for (int r = 0; r < rows; r++)
                    for (int j = 0; j < last; j++)
                        stored[r * width + 1 + 2 * j] = values[r * last + j];
                var sshape = (int[])shape.Clone();
                sshape[nd - 1] = width;
                return Torch.FromArray(stored, sshape).To(dt)[TensorIndex.Ellipsis, TensorIndex.Slice(1, 1 + 2 * last, 2)];
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(layout));
        }
    }

    private static int Rows(int[] shape)
    {
        int r = 1;
        for (int d = 0; d < shape.Length - 1; d++) r *= shape[d];
        return r;
    }

    /// <summary>Asserts |actual − expected| ≤ tol (NaN matches NaN, ±inf must match exactly) or fails with <paramref name="what"/>.</summary>
    public static void Close(double expected, double actual, double tol, Func<string> what)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        if (expected == actual) return;
        if (!(Math.Abs(actual - expected) <= tol))
            Assert.Fail($"{what()}: expected {expected:R}, got {actual:R} (tolerance {tol:G3})");
    }

    /// <summary>Compares two arrays element by element with a per-element tolerance.</summary>
    public static void AllClose(double[] expected, Tensor actual, Func<int, double> tol, Func<string> what)
    {
        var got = actual.ToArray<double>();
        if (got.Length != expected.Length) Assert.Fail($"{what()}: {got.Length} elements, expected {expected.Length}");
        for (int i = 0; i < got.Length; i++)
        {
            int at = i;
            Close(expected[i], got[i], tol(i), () => $"{what()} element {at}");
        }
    }
}
