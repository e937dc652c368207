using Ember.Autograd;

namespace Ember.NN;

/// <summary>The cell kind of a recurrent layer.</summary>
internal enum RecurrentMode
{
    /// <summary>Elman RNN with tanh.</summary>
    RnnTanh,
    /// <summary>Elman RNN with ReLU.</summary>
    RnnRelu,
    /// <summary>LSTM (gates i, f, g, o).</summary>
    Lstm,
    /// <summary>GRU (gates r, z, n).</summary>
    Gru,
}

/// <summary>The weights of one layer and direction.</summary>
internal readonly record struct RecurrentWeights(Tensor WIh, Tensor WHh, Tensor? BIh, Tensor? BHh, Tensor? WHr);

/// <summary>
/// The recurrence shared by the layers and cells: the step equations written with differentiable ops (the composed
/// path, used for cells, float16/bfloat16, LSTM projections and double backward), and the driver that runs layers and
/// directions over a sequence in packed layout (rows of step t contiguous, batch sizes non-increasing).
/// </summary>
internal static class RecurrentCore
{
    /// <summary>The number of gates of <paramref name="mode"/>.</summary>
    public static int Gates(RecurrentMode mode) => mode switch
    {
        RecurrentMode.Lstm => 4,
        RecurrentMode.Gru => 3,
        _ => 1,
    };

    /// <summary>
    /// One step with composed ops: <paramref name="gx"/> = x·W_ihᵀ + b_ih [n, G·H], <paramref name="gh"/> = h·W_hhᵀ + b_hh
    /// [n, G·H]; returns the new h (before any projection) and, for the LSTM, the new c.
    /// </summary>
    public static (Tensor H, Tensor? C) Step(RecurrentMode mode, Tensor gx, Tensor gh, Tensor hPrev, Tensor? cPrev)
    {
        switch (mode)
        {
            case RecurrentMode.RnnTanh: return ((gx + gh).Tanh(), null);
            case RecurrentMode.RnnRelu: return ((gx + gh).Relu(), null);
            case RecurrentMode.Lstm:
            {
                var g = (gx + gh).Chunk(4, 1);
                var i = g[0].Sigmoid();
                var f = g[1].Sigmoid();
                var c = g[2].Tanh();
                var o = g[3].Sigmoid();
                var cNew = f * cPrev! + i * c;
                return (o * cNew.Tanh(), cNew);
            }
            case RecurrentMode.Gru:
            {
                var x = gx.Chunk(3, 1);
                var h = gh.Chunk(3, 1);
                var r = (x[0] + h[0]).Sigmoid();
                var z = (x[1] + h[1]).Sigmoid();
                var n = (x[2] + r * h[2]).Tanh();
                return (n + z * (hPrev - n), null);
            }
            default: throw new InvalidOperationException($"rnn: unknown mode {mode}");
        }
    }

    /// <summary>
    /// Runs all layers and directions over <paramref name="x"/> [R, input_size] in packed layout.
    /// <paramref name="h0"/> [L·D, N, H_out] and <paramref name="c0"/> [L·D, N, H] (LSTM) are in the packed batch order.
    /// Returns the output [R, D·H_out] and the final states [L·D, N, H_out] / [L·D, N, H].
    /// </summary>
    public static (Tensor Output, Tensor HN, Tensor? CN) Run(RecurrentMode mode, Tensor x, int[] batchSizes,
        Tensor h0, Tensor? c0, IReadOnlyList<RecurrentWeights> weights, int numLayers, int directions,
        double dropout, bool training, Generator? generator)
    {
        var hs = new Tensor[numLayers * directions];
        var cs = mode == RecurrentMode.Lstm ? new Tensor[numLayers * directions] : null;
        Tensor layerInput = x;
        for (int l = 0; l < numLayers; l++)
        {
            var outs = new Tensor[directions];
            for (int d = 0; d < directions; d++)
            {
                int k = l * directions + d;
                var (y, h, c) = RunDirection(mode, layerInput, batchSizes, h0.Select(0, k), c0?.Select(0, k), weights[k], reverse: d == 1);
                outs[d] = y;
                hs[k] = h;
                if (cs is not null) cs[k] = c!;
            }
            layerInput = directions == 1 ? outs[0] : Torch.Cat(outs, 1);
            if (l < numLayers - 1 && dropout > 0 && training)
                layerInput = F.Dropout(layerInput, dropout, true, false, generator);
        }
        return (layerInput, Torch.Stack(hs, 0), cs is null ? null : Torch.Stack(cs, 0));
    }

    /// <summary>One layer in one direction: the fused kernels where they apply, else composed ops.</summary>
    private static (Tensor Y, Tensor H, Tensor? C) RunDirection(RecurrentMode mode, Tensor x, int[] batchSizes,
        Tensor h0, Tensor? c0, RecurrentWeights w, bool reverse)
    {
        if (RecurrentFused.Applies(mode, x, h0, c0, w))
            return RecurrentFused.Run(mode, x, batchSizes, h0, c0, w, reverse);
        return RunComposed(mode, x, batchSizes, h0, c0, w, reverse);
    }

    /// <summary>One layer in one direction with differentiable ops, one step at a time.</summary>
    internal static (Tensor Y, Tensor H, Tensor? C) RunComposed(RecurrentMode mode, Tensor x, int[] batchSizes,
        Tensor h0, Tensor? c0, RecurrentWeights w, bool reverse)
    {
        int steps = batchSizes.Length;
        int n = h0.ShapeArray[0];
        var offsets = new int[steps + 1];
        for (int t = 0; t < steps; t++) offsets[t + 1] = offsets[t] + batchSizes[t];
        // The input projections of all steps at once; for the LSTM and RNN both biases go in here.
        var gxAll = F.Linear(x, w.WIh, w.BIh);
        bool hhBiasInStep = mode == RecurrentMode.Gru;
        if (!hhBiasInStep && w.BHh is not null) gxAll = gxAll + w.BHh;
        var h = h0;
        var c = c0;
        var ys = new Tensor[steps];
        for (int s = 0; s < steps; s++)
        {
            int t = reverse ? steps - 1 - s : s;
            int bs = batchSizes[t];
            var gx = gxAll.Narrow(0, offsets[t], bs);
            var hp = bs == n ? h : h.Narrow(0, 0, bs);
            var cp = c is null ? null : bs == n ? c : c.Narrow(0, 0, bs);
            var gh = F.Linear(hp, w.WHh, hhBiasInStep ? w.BHh : null);
            var (hn, cn) = Step(mode, gx, gh, hp, cp);
            if (w.WHr is not null) hn = hn.Matmul(w.WHr.T);
            ys[t] = hn;
            h = bs == n ? hn : Torch.Cat([hn, h.Narrow(0, bs, n - bs)], 0);
            if (c is not null) c = bs == n ? cn! : Torch.Cat([cn!, c.Narrow(0, bs, n - bs)], 0);
        }
        var y = steps == 0 ? Torch.Zeros(new Size(0, h0.ShapeArray[1]), x.DType) : Torch.Cat(ys, 0);
        return (y, h, c);
    }
}
