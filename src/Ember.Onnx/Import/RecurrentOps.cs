namespace Ember.Onnx.Import;

/// <summary>
/// ONNX's LSTM (gates i, o, f, c; optional peepholes), GRU (gates z, r, h; linear_before_reset 0 or 1) and RNN:
/// forward, reverse or bidirectional, optional initial states, layout 0 ([seq, batch, …]) or 1 ([batch, seq, …]).
/// The input projection of all steps is one matrix product; each step adds the recurrent product.
/// </summary>
internal static class RecurrentOps
{
    private enum Kind { Rnn, Gru, Lstm }

    public static void Register(Dictionary<string, Func<NodeContext, OnnxKernel>> r)
    {
        r["RNN"] = c => Build(c, Kind.Rnn);
        r["GRU"] = c => Build(c, Kind.Gru);
        r["LSTM"] = c => Build(c, Kind.Lstm);
    }

    private static Func<Tensor, Tensor> Activation(NodeContext c, string name) => name.ToLowerInvariant() switch
    {
        "sigmoid" => Torch.Sigmoid,
        "tanh" => Torch.Tanh,
        "relu" => Torch.Relu,
        _ => throw c.Unsupported($"activation '{name}'"),
    };

    private static OnnxKernel Build(NodeContext c, Kind kind)
    {
        string op = c.OpType;
        int gates = kind switch { Kind.Rnn => 1, Kind.Gru => 3, _ => 4 };
        string direction = c.String("direction", "forward");
        if (direction is not ("forward" or "reverse" or "bidirectional")) throw c.Format($"unknown direction '{direction}'");
        int dirs = direction == "bidirectional" ? 2 : 1;
        long hidden = c.Int("hidden_size", -1);
        bool batchFirst = c.Int("layout", 0) != 0;
        bool lbr = c.Int("linear_before_reset", 0) != 0;
        if (c.Int("input_forget", 0) != 0) throw c.Unsupported("input_forget = 1");
        if (c.Floats("activation_alpha") is { Length: > 0 } || c.Floats("activation_beta") is { Length: > 0 }) throw c.Unsupported("activation_alpha/beta");
        float clip = c.Float("clip", float.NaN);
        string[] defaults = kind switch { Kind.Rnn => ["Tanh"], Kind.Gru => ["Sigmoid", "Tanh"], _ => ["Sigmoid", "Tanh", "Tanh"] };
        string[] names = c.Strings("activations") ?? Enumerable.Range(0, dirs).SelectMany(_ => defaults).ToArray();
        if (names.Length != defaults.Length * dirs) throw c.Format($"activations has {names.Length} entries, expected {defaults.Length * dirs}");
        var acts = names.Select(n => Activation(c, n)).ToArray();
        bool wantY = c.HasOutput(0), wantH = c.HasOutput(1), wantC = kind == Kind.Lstm && c.HasOutput(2);
        if (kind != Kind.Lstm && c.OutputCount > 2) throw c.Format($"{op} has at most 2 outputs");

        return a =>
        {
            var x = Runtime.Req(a, 0, op);
            var w = Runtime.Req(a, 1, op);
            var rw = Runtime.Req(a, 2, op);
            Tensor? b = a.Length > 3 ? a[3] : null;
            Tensor? seqLens = a.Length > 4 ? a[4] : null;
            Tensor? h0 = a.Length > 5 ? a[5] : null;
            Tensor? c0 = kind == Kind.Lstm && a.Length > 6 ? a[6] : null;
            Tensor? peep = kind == Kind.Lstm && a.Length > 7 ? a[7] : null;
            if (x.Dim != 3) throw new ArgumentException($"{op}: X must be 3-D, got {x.Shape}");
            if (batchFirst) x = x.Transpose(0, 1);
            int seq = x.Size(0), batch = x.Size(1);
            int h = rw.Dim == 3 ? rw.Size(2) : -1;
            if (hidden >= 0 && h != hidden) throw new ArgumentException($"{op}: R {rw.Shape} does not match hidden_size {hidden}");
            if (w.Dim != 3 || w.Size(0) != dirs || w.Size(1) != gates * h || w.Size(2) != x.Size(2) || rw.Size(0) != dirs || rw.Size(1) != gates * h)
                throw new ArgumentException($"{op}: W {w.Shape} and R {rw.Shape} do not match X {x.Shape}, {dirs} direction(s) and {gates} gates");
            // variable lengths: step t updates batch entry b only while t < len[b]; later outputs are zero
            Tensor? lengths = null;
            if (seqLens is not null)
            {
                long[] lens = Runtime.Longs(seqLens);
                if (lens.Length != batch || lens.Any(v => v < 0 || v > seq))
                    throw new ArgumentException($"{op}: sequence_lens [{string.Join(", ", lens)}] must hold {batch} lengths in [0, {seq}]");
                if (lens.Any(v => v != seq)) lengths = Torch.FromArray(lens, batch).Reshape(batch, 1);
            }
            if (h0 is not null && batchFirst) h0 = h0.Transpose(0, 1);
            if (c0 is not null && batchFirst) c0 = c0.Transpose(0, 1);

            var ys = new Tensor[dirs];
            var hs = new Tensor[dirs];
            var cs = new Tensor[dirs];
            for (int d = 0; d < dirs; d++)
            {
                bool reverse = direction == "reverse" || d == 1;
                var wd = w.Select(0, d);
                var rd = rw.Select(0, d);
                Tensor? wb = null, rb = null;
                if (b is not null)
                {
                    var bd = b.Select(0, d);
                    wb = bd.Narrow(0, 0, gates * h);
                    rb = bd.Narrow(0, gates * h, gates * h);
                }
                var xw = Torch.Matmul(x, wd.T); // [seq, batch, gates*h]
                if (wb is not null) xw = xw + wb;
                var state = h0 is not null ? h0.Select(0, d) : Torch.Zeros(new Size(batch, h), x.DType);
                var cell = c0 is not null ? c0.Select(0, d) : Torch.Zeros(new Size(batch, h), x.DType);
                Tensor? pi = null, po = null, pf = null;
                if (peep is not null)
                {
                    var pd = peep.Select(0, d);
                    pi = pd.Narrow(0, 0, h); po = pd.Narrow(0, h, h); pf = pd.Narrow(0, 2 * h, h);
                }
                var f = acts[d * defaults.Length];
                var g = defaults.Length > 1 ? acts[d * defaults.Length + 1] : f;
                var hAct = defaults.Length > 2 ? acts[d * defaults.Length + 2] : g;
                var outs = new Tensor[seq];
                for (int step = 0; step < seq; step++)
                {
                    int t = reverse ? seq - 1 - step : step;
                    var xt = xw.Select(0, t);
                    var (prevState, prevCell) = (state, cell);
                    switch (kind)
                    {
                        case Kind.Rnn:
                        {
                            var pre = xt + Torch.Matmul(state, rd.T);
                            if (rb is not null) pre = pre + rb;
                            state = f(Clip(pre, clip));
                            break;
                        }
                        case Kind.Gru:
                        {
                            var rz = rd.Narrow(0, 0, 2 * h);
                            var rh = rd.Narrow(0, 2 * h, h);
                            var hr = Torch.Matmul(state, rz.T);
                            if (rb is not null) hr = hr + rb.Narrow(0, 0, 2 * h);
                            var zr = xt.Narrow(1, 0, 2 * h) + hr;
                            var z = f(Clip(zr.Narrow(1, 0, h), clip));
                            var rr = f(Clip(zr.Narrow(1, h, h), clip));
                            Tensor hh;
                            if (lbr)
                            {
                                var rec = Torch.Matmul(state, rh.T);
                                if (rb is not null) rec = rec + rb.Narrow(0, 2 * h, h);
                                hh = xt.Narrow(1, 2 * h, h) + rr * rec;
                            }
                            else
                            {
                                hh = xt.Narrow(1, 2 * h, h) + Torch.Matmul(rr * state, rh.T);
                                if (rb is not null) hh = hh + rb.Narrow(0, 2 * h, h);
                            }
                            var cand = g(Clip(hh, clip));
                            state = (1.0 - z) * cand + z * state;
                            break;
                        }
                        default:
                        {
                            var pre = xt + Torch.Matmul(state, rd.T);
                            if (rb is not null) pre = pre + rb;
                            var ig = pre.Narrow(1, 0, h);
                            var og = pre.Narrow(1, h, h);
                            var fg = pre.Narrow(1, 2 * h, h);
                            var cg = pre.Narrow(1, 3 * h, h);
                            if (pi is not null) ig = ig + pi * cell;
                            if (pf is not null) fg = fg + pf * cell;
                            var i = f(Clip(ig, clip));
                            var fo = f(Clip(fg, clip));
                            var cc = g(Clip(cg, clip));
                            cell = fo * cell + i * cc;
                            if (po is not null) og = og + po * cell;
                            var o = f(Clip(og, clip));
                            state = o * hAct(cell);
                            break;
                        }
                    }
                    if (lengths is not null)
                    {
                        var active = lengths > (double)t; // [batch, 1]
                        state = Torch.Where(active, state, prevState);
                        cell = Torch.Where(active, cell, prevCell);
                        outs[t] = Torch.Where(active, state, Torch.ZerosLike(state));
                    }
                    else outs[t] = state;
                }
                ys[d] = seq > 0 ? Torch.Stack(outs, 0) : Torch.Zeros(new Size(0, batch, h), x.DType); // [seq, batch, h]
                hs[d] = state;
                cs[d] = cell;
            }
            var y = Torch.Stack(ys, 1); // [seq, dirs, batch, h]
            var yh = Torch.Stack(hs, 0); // [dirs, batch, h]
            var yc = Torch.Stack(cs, 0);
            if (batchFirst)
            {
                y = y.Permute(2, 0, 1, 3); // [batch, seq, dirs, h]
                yh = yh.Transpose(0, 1);
                yc = yc.Transpose(0, 1);
            }
            return kind == Kind.Lstm ? [wantY ? y : null, wantH ? yh : null, wantC ? yc : null] : [wantY ? y : null, wantH ? yh : null];
        };
    }

    private static Tensor Clip(Tensor t, float clip) => float.IsNaN(clip) ? t : Torch.Clamp(t, -clip, (double)clip);
}
