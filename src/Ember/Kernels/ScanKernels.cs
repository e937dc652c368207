using System.Numerics;
using Ember.Kernels;

namespace Ember;

/// <summary>
/// Inclusive scans (cumulative sum and product) along one dimension. The input is viewed as [outer, n, inner]
/// (made contiguous first) and each outer block is scanned with one accumulator per inner position, in a wider
/// type as PyTorch does on the CPU (double for float32, int64 for the integers, which then wrap on the way back).
/// </summary>
internal static class ScanKernels
{
    /// <summary>The scan of <paramref name="x"/> along <paramref name="dim"/>, in x's dtype (16-bit floats via float32).</summary>
    /// <exception cref="NotSupportedException">x is bool.</exception>
    public static Tensor Scan(Tensor x, int dim, bool product, string op) => x.DType switch
    {
        DType.Float32 => Run<float, double>(x, dim, product),
        DType.Float64 => Run<double, double>(x, dim, product),
        DType.Int64 => Run<long, long>(x, dim, product),
        DType.Int32 => Run<int, long>(x, dim, product),
        DType.UInt8 => Run<byte, long>(x, dim, product),
        DType.Float16 or DType.BFloat16 => Run<float, double>(x.Cast(DType.Float32), dim, product).Cast(x.DType),
        _ => throw Dispatch.Unsupported(op, x.DType),
    };

    private static Tensor Run<T, TAcc>(Tensor x, int dim, bool product) where T : unmanaged, INumber<T> where TAcc : unmanaged, INumber<TAcc>
    {
        var src = x.Detach().Contiguous();
        var y = Tensor.Empty(x.ShapeArray.ToArray(), x.DType);
        int n = x.Dim == 0 ? 1 : x.ShapeArray[dim], numel = x.Numel;
        if (numel == 0) return y;
        int inner = 1;
        for (int d = dim + 1; d < x.Dim; d++) inner *= x.ShapeArray[d];
        int outer = numel / (n * inner);
        var xs = src.Typed<T>().Array;
        var ys = y.Typed<T>().Array;
        int xo = src.Offset;
        TAcc identity = product ? TAcc.One : TAcc.Zero;
        RowParallel.Rows(outer, numel, (start, count) =>
        {
            var acc = new TAcc[inner];
            for (int o = start; o < start + count; o++)
            {
                Array.Fill(acc, identity);
                int block = o * n * inner;
                for (int k = 0; k < n; k++)
                {
                    int row = block + k * inner;
                    for (int i = 0; i < inner; i++)
                    {
                        var v = TAcc.CreateTruncating(xs[xo + row + i]);
                        acc[i] = product ? acc[i] * v : acc[i] + v;
                        ys[row + i] = T.CreateTruncating(acc[i]);
                    }
                }
            }
        });
        GC.KeepAlive(src);
        return y;
    }

    /// <summary>The dtype of cumsum/cumprod: <paramref name="dtype"/> when given, else int64 for integer and bool inputs.</summary>
    public static DType ResultType(Tensor input, DType? dtype) =>
        dtype ?? (input.DType.IsFloatingPoint() ? input.DType : DType.Int64);

    /// <summary>The input converted to the scan dtype, differentiably between float dtypes.</summary>
    public static Tensor Convert(Tensor input, DType dt) =>
        input.DType == dt ? input : input.RequiresGrad && dt.IsFloatingPoint() ? input.To(dt) : input.Cast(dt);

    /// <summary>Σ_{k ≥ i} t_k along <paramref name="dim"/> (differentiable).</summary>
    public static Tensor ReverseCumsum(Tensor t, int dim) => t.Flip(dim).Cumsum(dim).Flip(dim);
}
