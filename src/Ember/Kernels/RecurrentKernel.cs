using System.Numerics;
using System.Numerics.Tensors;
using Ember.NN;

namespace Ember.Kernels;

/// <summary>
/// The fused recurrence of one layer in one direction over a sequence in packed layout (the rows of step t are
/// rows off[t] .. off[t] + bs[t] − 1, batch sizes non-increasing; a padded batch has bs[t] = N). Forward: the input
/// projections of all steps in one GEMM into the gate buffer, then per step one GEMM h·W_hhᵀ accumulated into the
/// step's gate rows and the gate math in place; the state rows 0..bs[t] − 1 advance, the others keep their value
/// (finished sequences, or, in the reverse direction, sequences that have not started). Backward: the recurrence
/// backwards with the gate-gradient math per step and one GEMM dG·W_hh per step; dW_ih, dW_hh, dx with one GEMM each
/// over all steps. Nothing is allocated per step.
/// </summary>
internal static class RecurrentKernel
{
    /// <summary>The buffers of one forward pass, all contiguous, in packed-row layout.</summary>
    /// <param name="Gates">[R, G·H]: the activated gates (LSTM i, f, g, o; GRU r, z, n; RNN the new h).</param>
    /// <param name="Cells">[R, H]: LSTM tanh(c_t) (all backward needs of c_t), else null.</param>
    /// <param name="HPrev">[R, H]: the state h_{t−1} each row started its step from.</param>
    /// <param name="CPrev">[R, H]: LSTM c_{t−1}, else null.</param>
    /// <param name="HnLin">[R, H]: GRU W_hn·h_{t−1} + b_hn, else null.</param>
    internal readonly record struct Buffers(Tensor Gates, Tensor? Cells, Tensor HPrev, Tensor? CPrev, Tensor? HnLin);

    /// <summary>Runs the forward recurrence; writes <paramref name="y"/> [R, H] and the final states <paramref name="hS"/>,
    /// <paramref name="cS"/> [N, H] (which must hold h0, c0 on entry).</summary>
    public static void Forward(RecurrentMode mode, int[] batchSizes, bool reverse, Tensor x, Tensor wIh, Tensor wHh, Tensor? bIh, Tensor? bHh,
        Tensor y, Tensor hS, Tensor? cS, in Buffers buf)
    {
        if (x.DType == DType.Float32) Forward<float>(mode, batchSizes, reverse, x, wIh, wHh, bIh, bHh, y, hS, cS, buf);
        else if (x.DType == DType.Float64) Forward<double>(mode, batchSizes, reverse, x, wIh, wHh, bIh, bHh, y, hS, cS, buf);
        else throw Dispatch.Unsupported("rnn", x.DType);
        GC.KeepAlive(x); GC.KeepAlive(wIh); GC.KeepAlive(wHh); GC.KeepAlive(bIh); GC.KeepAlive(bHh);
        GC.KeepAlive(y); GC.KeepAlive(hS); GC.KeepAlive(cS); GC.KeepAlive(buf.Gates); GC.KeepAlive(buf.Cells);
        GC.KeepAlive(buf.HPrev); GC.KeepAlive(buf.CPrev); GC.KeepAlive(buf.HnLin);
    }

    private static Span<T> S<T>(Tensor? t) where T : unmanaged => t is null ? Span<T>.Empty : t.ContiguousSpan<T>();

    private static void Forward<T>(RecurrentMode mode, int[] bs, bool reverse, Tensor xT, Tensor wIhT, Tensor wHhT, Tensor? bIhT, Tensor? bHhT,
        Tensor yT, Tensor hST, Tensor? cST, in Buffers buf) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputSize = xT.ShapeArray[1], h = wHhT.ShapeArray[1], gh = wHhT.ShapeArray[0], rows = xT.ShapeArray[0];
        var x = S<T>(xT); var wIh = S<T>(wIhT); var wHh = S<T>(wHhT); var bIh = S<T>(bIhT); var bHh = S<T>(bHhT);
        var hS = S<T>(hST); var cS = S<T>(cST);
        var gates = S<T>(buf.Gates); var hPrev = S<T>(buf.HPrev); var cPrev = S<T>(buf.CPrev); var hnLin = S<T>(buf.HnLin);
        bool gru = mode == RecurrentMode.Gru, lstm = mode == RecurrentMode.Lstm;

        // The input projections of all steps in one GEMM, plus the biases (GRU: b_hn stays out, it is inside r ⊙ (…)).
        Gemm.Compute<T>(rows, gh, inputSize, x, inputSize, 1, wIh, 1, inputSize, gates, gh, false);
        int hhBiasWidth = gru ? 2 * h : gh;
        for (int r = 0; r < rows; r++)
        {
            var g = gates.Slice(r * gh, gh);
            if (!bIh.IsEmpty) TensorPrimitives.Add(g, bIh, g);
            if (!bHh.IsEmpty) TensorPrimitives.Add(g.Slice(0, hhBiasWidth), bHh.Slice(0, hhBiasWidth), g.Slice(0, hhBiasWidth));
        }

        int steps = bs.Length;
        var off = Offsets(bs);
        // W_hhᵀ packed once for all steps (GRU: the r, z block and the n block apart).
        var whh = new GemmPrepackedB<T>(wHh, 1, h, h, gru ? 2 * h : gh);
        var whhN = gru ? new GemmPrepackedB<T>(wHh.Slice(2 * h * h), 1, h, h, h) : null;
        for (int s = 0; s < steps; s++)
        {
            int t = reverse ? steps - 1 - s : s;
            int b = bs[t], r0 = off[t];
            var hp = hPrev.Slice(r0 * h, b * h);
            hS.Slice(0, b * h).CopyTo(hp);
            if (lstm) cS.Slice(0, b * h).CopyTo(cPrev.Slice(r0 * h, b * h));
            var gRows = gates.Slice(r0 * gh, b * gh);
            if (gru)
            {
                whh.Multiply(b, hp, h, 1, gRows, gh, true);
                var hl = hnLin.Slice(r0 * h, b * h);
                whhN!.Multiply(b, hp, h, 1, hl, h, false);
                if (!bHh.IsEmpty)
                    for (int j = 0; j < b; j++) TensorPrimitives.Add(hl.Slice(j * h, h), bHh.Slice(2 * h, h), hl.Slice(j * h, h));
            }
            else
            {
                whh.Multiply(b, hp, h, 1, gRows, gh, true);
            }
            // The gate math of the step's rows, split over threads by rows (each row is independent).
            int step0 = r0;
            var bufs = buf;
            RowParallel.Rows(b, (long)b * gh * 8, (j0, len) =>
                ForwardRows<T>(mode, h, gh, step0, j0, j0 + len, bufs.Gates, yT, hST, cST, bufs.Cells, bufs.CPrev, bufs.HnLin, bufs.HPrev));
        }
    }

    /// <summary>The gate math of rows j0..j1 − 1 of the step whose rows start at packed row r0.</summary>
    private static void ForwardRows<T>(RecurrentMode mode, int h, int gh, int r0, int j0, int j1, Tensor gatesT, Tensor yT, Tensor hST,
        Tensor? cST, Tensor? cellsT, Tensor? cPrevT, Tensor? hnLinT, Tensor hPrevT) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gates = S<T>(gatesT); var y = S<T>(yT); var hS = S<T>(hST); var cS = S<T>(cST);
        var cells = S<T>(cellsT); var cPrev = S<T>(cPrevT); var hnLin = S<T>(hnLinT); var hPrev = S<T>(hPrevT);
        for (int j = j0; j < j1; j++)
        {
            var g = gates.Slice((r0 + j) * gh, gh);
            var yr = y.Slice((r0 + j) * h, h);
            switch (mode)
            {
                case RecurrentMode.RnnTanh:
                    TanhOp.Invoke<T>(g, yr);
                    yr.CopyTo(g);
                    break;
                case RecurrentMode.RnnRelu:
                    for (int k = 0; k < h; k++) if (g[k] < T.Zero) g[k] = T.Zero;
                    g.CopyTo(yr);
                    break;
                case RecurrentMode.Lstm:
                {
                    SigmoidOp.Invoke<T>(g.Slice(0, 2 * h), g.Slice(0, 2 * h));
                    // TanhOp must not run in place (it re-reads its input for small values): the tanh(c) row is the scratch.
                    var tc = cells.Slice((r0 + j) * h, h);
                    TanhOp.Invoke<T>(g.Slice(2 * h, h), tc);
                    tc.CopyTo(g.Slice(2 * h, h));
                    SigmoidOp.Invoke<T>(g.Slice(3 * h, h), g.Slice(3 * h, h));
                    // c = f ⊙ c_prev + i ⊙ g straight into the running state; tanh(c) saved for backward; h = o ⊙ tanh(c).
                    var c = cS.Slice(j * h, h);
                    TensorPrimitives.Multiply<T>(g.Slice(h, h), cPrev.Slice((r0 + j) * h, h), c);
                    TensorPrimitives.MultiplyAdd<T>(g.Slice(0, h), g.Slice(2 * h, h), c, c);
                    TanhOp.Invoke<T>(c, tc);
                    TensorPrimitives.Multiply<T>(tc, g.Slice(3 * h, h), yr);
                    break;
                }
                case RecurrentMode.Gru:
                {
                    SigmoidOp.Invoke<T>(g.Slice(0, 2 * h), g.Slice(0, 2 * h));
                    var n = g.Slice(2 * h, h);
                    TensorPrimitives.MultiplyAdd<T>(g.Slice(0, h), hnLin.Slice((r0 + j) * h, h), n, n);
                    TanhOp.Invoke<T>(n, yr); // yr is the scratch (TanhOp must not run in place)
                    yr.CopyTo(n);
                    // h' = n + z ⊙ (h − n)
                    TensorPrimitives.Subtract<T>(hPrev.Slice((r0 + j) * h, h), n, yr);
                    TensorPrimitives.MultiplyAdd<T>(yr, g.Slice(h, h), n, yr);
                    break;
                }
            }
            yr.CopyTo(hS.Slice(j * h, h));
        }
    }

    /// <summary>
    /// Runs the backward recurrence. On entry <paramref name="dhS"/> (and <paramref name="dcS"/>) hold the gradients
    /// of the final states (zeros where none); on exit the gradients of the initial states. <paramref name="dGx"/> and
    /// <paramref name="dGh"/> [R, G·H] receive the pre-activation gate gradients on the input and hidden side (the
    /// same tensor except for the GRU). The parameter and input gradients are written where the tensors are given.
    /// </summary>
    public static void Backward(RecurrentMode mode, int[] batchSizes, bool reverse, Tensor x, Tensor wIh, Tensor wHh, Tensor? y, in Buffers buf,
        Tensor? dY, Tensor dhS, Tensor? dcS, Tensor dGx, Tensor dGh,
        Tensor? dX, Tensor? dWih, Tensor? dWhh, Tensor? dbIh, Tensor? dbHh)
    {
        if (x.DType == DType.Float32) Backward<float>(mode, batchSizes, reverse, x, wIh, wHh, y, buf, dY, dhS, dcS, dGx, dGh, dX, dWih, dWhh, dbIh, dbHh);
        else if (x.DType == DType.Float64) Backward<double>(mode, batchSizes, reverse, x, wIh, wHh, y, buf, dY, dhS, dcS, dGx, dGh, dX, dWih, dWhh, dbIh, dbHh);
        else throw Dispatch.Unsupported("rnn", x.DType);
        GC.KeepAlive(x); GC.KeepAlive(wIh); GC.KeepAlive(wHh); GC.KeepAlive(y); GC.KeepAlive(buf.Gates); GC.KeepAlive(buf.Cells);
        GC.KeepAlive(buf.HPrev); GC.KeepAlive(buf.CPrev); GC.KeepAlive(buf.HnLin); GC.KeepAlive(dY); GC.KeepAlive(dhS); GC.KeepAlive(dcS);
        GC.KeepAlive(dGx); GC.KeepAlive(dGh); GC.KeepAlive(dX); GC.KeepAlive(dWih); GC.KeepAlive(dWhh); GC.KeepAlive(dbIh); GC.KeepAlive(dbHh);
    }

    private static void Backward<T>(RecurrentMode mode, int[] bs, bool reverse, Tensor xT, Tensor wIhT, Tensor wHhT, Tensor? yT, in Buffers buf,
        Tensor? dYT, Tensor dhST, Tensor? dcST, Tensor dGxT, Tensor dGhT,
        Tensor? dXT, Tensor? dWihT, Tensor? dWhhT, Tensor? dbIhT, Tensor? dbHhT) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputSize = xT.ShapeArray[1], h = wHhT.ShapeArray[1], gh = wHhT.ShapeArray[0], rows = xT.ShapeArray[0];
        var x = S<T>(xT); var wIh = S<T>(wIhT); var wHh = S<T>(wHhT); var hPrev = S<T>(buf.HPrev);
        var dhS = S<T>(dhST); var dGx = S<T>(dGxT); var dGh = S<T>(dGhT);
        bool gru = mode == RecurrentMode.Gru;
        int steps = bs.Length;
        var off = Offsets(bs);
        var whh = new GemmPrepackedB<T>(wHh, h, 1, gh, h); // W_hh [G·H, H] packed once for all steps
        for (int s = 0; s < steps; s++)
        {
            int t = reverse ? s : steps - 1 - s;
            int b = bs[t], r0 = off[t];
            int step0 = r0;
            var bufs = buf;
            RowParallel.Rows(b, (long)b * gh * 4, (j0, len) =>
                BackwardRows<T>(mode, h, gh, step0, j0, j0 + len, bufs, yT, dYT, dhST, dcST, dGxT, dGhT));
            // dh_{t−1} (rows 0..b−1) = dG_h·W_hh (+ the GRU's direct term z ⊙ dh already there)
            whh.Multiply(b, dGh.Slice(r0 * gh, b * gh), gh, 1, dhS, h, gru);
        }
        if (dXT is not null) Gemm.Compute<T>(rows, inputSize, gh, dGx, gh, 1, wIh, inputSize, 1, S<T>(dXT), inputSize, false);
        if (dWihT is not null) Gemm.Compute<T>(gh, inputSize, rows, dGx, 1, gh, x, inputSize, 1, S<T>(dWihT), inputSize, false);
        if (dWhhT is not null) Gemm.Compute<T>(gh, h, rows, dGh, 1, gh, hPrev, h, 1, S<T>(dWhhT), h, false);
        if (dbIhT is not null) ColumnSums(dGx, rows, gh, S<T>(dbIhT));
        if (dbHhT is not null) ColumnSums(dGh, rows, gh, S<T>(dbHhT));
    }

    /// <summary>The gate gradients of rows j0..j1 − 1 of the step whose rows start at packed row r0.</summary>
    private static void BackwardRows<T>(RecurrentMode mode, int h, int gh, int r0, int j0, int j1, Buffers buf, Tensor? yT, Tensor? dYT,
        Tensor dhST, Tensor? dcST, Tensor dGxT, Tensor dGhT) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gates = S<T>(buf.Gates); var cells = S<T>(buf.Cells); var hPrev = S<T>(buf.HPrev); var cPrev = S<T>(buf.CPrev); var hnLin = S<T>(buf.HnLin);
        var y = S<T>(yT); var dY = S<T>(dYT); var dhS = S<T>(dhST); var dcS = S<T>(dcST); var dGx = S<T>(dGxT); var dGh = S<T>(dGhT);
        for (int j = j0; j < j1; j++)
        {
            int r = r0 + j;
            var dh = dhS.Slice(j * h, h);
            if (!dY.IsEmpty) TensorPrimitives.Add(dh, dY.Slice(r * h, h), dh);
            var g = gates.Slice(r * gh, gh);
            var dg = dGx.Slice(r * gh, gh);
            switch (mode)
            {
                case RecurrentMode.RnnTanh:
                {
                    var yr = y.Slice(r * h, h);
                    // dg = dh ⊙ (1 − y²) = dh − dh ⊙ y²
                    TensorPrimitives.Multiply<T>(yr, yr, dg.Slice(0, h));
                    TensorPrimitives.Multiply<T>(dg.Slice(0, h), dh, dg.Slice(0, h));
                    TensorPrimitives.Subtract<T>(dh, dg.Slice(0, h), dg.Slice(0, h));
                    break;
                }
                case RecurrentMode.RnnRelu:
                {
                    var yr = y.Slice(r * h, h);
                    for (int k = 0; k < h; k++) dg[k] = yr[k] > T.Zero ? dh[k] : T.Zero;
                    break;
                }
                case RecurrentMode.Lstm:
                {
                    LstmGateGrads(h, g, cells.Slice(r * h, h), cPrev.Slice(r * h, h), dh, dcS.Slice(j * h, h), dg);
                    break;
                }
                case RecurrentMode.Gru:
                {
                    var hp = hPrev.Slice(r * h, h);
                    var hl = hnLin.Slice(r * h, h);
                    GruGateGrads(h, g, hp, hl, dh, dg, dGh.Slice(r * gh, gh));
                    break;
                }
            }
        }
    }

    /// <summary>
    /// LSTM gate gradients of one row: from dh, the incoming dc, the activated gates i, f, g, o, tanh(c) and c_prev,
    /// the pre-activation gradients dG (i, f, g, o) and the outgoing dc_prev = dc·f (written over dc).
    /// </summary>
    private static void LstmGateGrads<T>(int h, Span<T> g, Span<T> tanhC, Span<T> cp, Span<T> dh, Span<T> dc, Span<T> dg)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var one = Vector<T>.One;
            for (; k <= h - Vector<T>.Count; k += Vector<T>.Count)
            {
                var i = new Vector<T>(g.Slice(k)); var f = new Vector<T>(g.Slice(h + k));
                var gg = new Vector<T>(g.Slice(2 * h + k)); var o = new Vector<T>(g.Slice(3 * h + k));
                var tc = new Vector<T>(tanhC.Slice(k)); var dhv = new Vector<T>(dh.Slice(k));
                var dcv = new Vector<T>(dc.Slice(k)) + dhv * o * (one - tc * tc);
                (dcv * gg * i * (one - i)).CopyTo(dg.Slice(k));
                (dcv * new Vector<T>(cp.Slice(k)) * f * (one - f)).CopyTo(dg.Slice(h + k));
                (dcv * i * (one - gg * gg)).CopyTo(dg.Slice(2 * h + k));
                (dhv * tc * o * (one - o)).CopyTo(dg.Slice(3 * h + k));
                (dcv * f).CopyTo(dc.Slice(k));
            }
        }
        T o1 = T.One;
        for (; k < h; k++)
        {
            T i = g[k], f = g[h + k], gg = g[2 * h + k], o = g[3 * h + k], tc = tanhC[k];
            T dcv = dc[k] + dh[k] * o * (o1 - tc * tc);
            dg[k] = dcv * gg * i * (o1 - i);
            dg[h + k] = dcv * cp[k] * f * (o1 - f);
            dg[2 * h + k] = dcv * i * (o1 - gg * gg);
            dg[3 * h + k] = dh[k] * tc * o * (o1 - o);
            dc[k] = dcv * f;
        }
    }

    /// <summary>
    /// GRU gate gradients of one row: the input-side dG (r, z, n), the hidden-side dG (r, z, r ⊙ dn), and the direct
    /// part of dh_prev, z ⊙ dh (written over dh).
    /// </summary>
    private static void GruGateGrads<T>(int h, Span<T> g, Span<T> hp, Span<T> hl, Span<T> dh, Span<T> dg, Span<T> dgh)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var one = Vector<T>.One;
            for (; k <= h - Vector<T>.Count; k += Vector<T>.Count)
            {
                var r = new Vector<T>(g.Slice(k)); var z = new Vector<T>(g.Slice(h + k)); var n = new Vector<T>(g.Slice(2 * h + k));
                var d = new Vector<T>(dh.Slice(k));
                var dan = d * (one - z) * (one - n * n);
                var dar = dan * new Vector<T>(hl.Slice(k)) * r * (one - r);
                var daz = d * (new Vector<T>(hp.Slice(k)) - n) * z * (one - z);
                dar.CopyTo(dg.Slice(k)); daz.CopyTo(dg.Slice(h + k)); dan.CopyTo(dg.Slice(2 * h + k));
                dar.CopyTo(dgh.Slice(k)); daz.CopyTo(dgh.Slice(h + k)); (dan * r).CopyTo(dgh.Slice(2 * h + k));
                (d * z).CopyTo(dh.Slice(k));
            }
        }
        T one1 = T.One;
        for (; k < h; k++)
        {
            T rr = g[k], z = g[h + k], n = g[2 * h + k], d = dh[k];
            T dan = d * (one1 - z) * (one1 - n * n);
            T dar = dan * hl[k] * rr * (one1 - rr);
            T daz = d * (hp[k] - n) * z * (one1 - z);
            dg[k] = dar; dg[h + k] = daz; dg[2 * h + k] = dan;
            dgh[k] = dar; dgh[h + k] = daz; dgh[2 * h + k] = dan * rr;
            dh[k] = d * z;
        }
    }

    private static void ColumnSums<T>(Span<T> m, int rows, int cols, Span<T> sums) where T : unmanaged, IFloatingPointIeee754<T>
    {
        sums.Clear();
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(sums, m.Slice(r * cols, cols), sums);
    }

    private static int[] Offsets(int[] bs)
    {
        var off = new int[bs.Length + 1];
        for (int t = 0; t < bs.Length; t++) off[t + 1] = off[t] + bs[t];
        return off;
    }
}
