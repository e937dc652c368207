using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ember.Kernels;


/// <summary>Splits independent rows across threads by the amount of work, not the number of rows.</summary>
internal static class RowParallel
{
    /// <summary>
    /// Runs <paramref name="body"/>(start, length) over [0, <paramref name="rows"/>) on up to
    /// <see cref="Threading.NumThreads"/> threads of the <see cref="ThreadTeam"/> when <paramref name="work"/> (elements touched) is large.
    /// </summary>
    public static void Rows(int rows, long work, Action<int, int> body)
    {
        long chunks = Math.Min(Math.Min(Threading.NumThreads, rows), work / (Elementwise.ParallelThreshold / 2));
        if (chunks <= 1) body(0, rows);
        else Split(rows, (int)chunks, body);
    }

    /// <summary>
    /// Runs <paramref name="body"/>(start, length) over [0, <paramref name="rows"/>) in <paramref name="parts"/> (default:
    /// the thread count) equal runs on the team, for a caller that has already decided the work is worth splitting.
    /// </summary>
    public static void Split(int rows, int parts, Action<int, int> body)
    {
        int n = Math.Max(1, Math.Min(parts, rows)), per = (rows + n - 1) / n;
        if (n == 1)
        {
            body(0, rows);
            return;
        }
        ThreadTeam.For(n, c =>
        {
            int s = c * per;
            if (s < rows) body(s, Math.Min(per, rows - s));
        });
    }
}
