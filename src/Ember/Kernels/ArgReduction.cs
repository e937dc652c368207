using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;


/// <summary>Max/min with indices (and argmax/argmin) over a <see cref="ReductionPlan"/>.</summary>
internal static class ArgReduction
{
    /// <summary>
    /// The first extreme of each reduced slice (NaN wins) and its index within the reduced block, both in
    /// the plan's keepdim shape; values are skipped when <paramref name="wantValues"/> is false.
    /// The plan's reduced size must be positive.
    /// </summary>
    public static (Tensor? Values, Tensor Indices) Run<TOp, T>(in ReductionPlan plan, bool wantValues)
        where TOp : IExtremeOp<T> where T : unmanaged, INumber<T>
    {
        var src = plan.Source;
        var xs = src.Typed<T>().Array;
        int outer = plan.Outer, reduced = plan.Reduced, inner = plan.Inner, xo = src.Offset;
        var idx = Tensor.Empty(plan.KeepShape, DType.Int64);
        var vals = wantValues ? Tensor.Empty(plan.KeepShape, DTypeExtensions.Of<T>()) : null;
        var ia = idx.Typed<long>().Array;
        var va = vals?.Typed<T>().Array;
        if (inner == 1)
        {
            void Rows(int s, int len)
            {
                for (int o = s; o < s + len; o++)
                {
                    var row = new ReadOnlySpan<T>(xs, xo + o * reduced, reduced);
                    int j = RowOps.IndexOfExtreme<TOp, T>(row);
                    ia[o] = j;
                    if (va is not null) va[o] = row[j];
                }
            }
            RowParallel.Rows(outer, (long)outer * reduced, Rows);
        }
        else
        {
            void Blocks(int s, int len)
            {
                var tmp = va is null ? new T[inner] : null;
                var iscratch = Unsafe.SizeOf<T>() == 4 ? new int[inner] : [];
                for (int o = s; o < s + len; o++)
                {
                    var block = new ReadOnlySpan<T>(xs, xo + o * reduced * inner, reduced * inner);
                    var v = va is not null ? va.AsSpan(o * inner, inner) : tmp.AsSpan();
                    RowOps.ColumnExtreme<TOp, T>(block, reduced, inner, v, ia.AsSpan(o * inner, inner), iscratch);
                }
            }
            RowParallel.Rows(outer, (long)outer * reduced * inner, Blocks);
        }
        GC.KeepAlive(src);
        return (vals, idx);
    }
}
