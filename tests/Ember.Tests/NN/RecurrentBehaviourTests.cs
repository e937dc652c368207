using Ember.NN;
using Ember.NN.Utils;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>Recurrent layers: float64 gradchecks of the fused and composed paths, packed batches against running each
/// sequence alone, fused float32 against float64, dropout between layers, and bad inputs.</summary>
public class RecurrentBehaviourTests
{
    private static Tensor Flat((Tensor Y, Tensor H, Tensor? C) r) =>
        r.C is null ? Torch.Cat([r.Y.Reshape(-1), r.H.Reshape(-1)]) : Torch.Cat([r.Y.Reshape(-1), r.H.Reshape(-1), r.C.Reshape(-1)]);

    private static (Tensor Y, Tensor H, Tensor? C) Run(Module m, Tensor x, Tensor? h0, Tensor? c0) => m switch
    {
        LSTM l => l.Forward(x, h0 is null ? null : (h0, c0!)) is var (y, (h, c)) ? (y, h, c) : default,
        GRU g => g.Forward(x, h0) is var (y2, h2) ? (y2, h2, null) : default,
        RNN r => r.Forward(x, h0) is var (y3, h3) ? (y3, h3, null) : default,
        _ => throw new InvalidOperationException(),
    };

    private static (PackedSequence Y, Tensor H, Tensor? C) RunPacked(Module m, PackedSequence x, Tensor? h0, Tensor? c0) => m switch
    {
        LSTM l => l.Forward(x, h0 is null ? null : (h0, c0!)) is var (y, (h, c)) ? (y, h, c) : default,
        GRU g => g.Forward(x, h0) is var (y2, h2) ? (y2, h2, null) : default,
        RNN r => r.Forward(x, h0) is var (y3, h3) ? (y3, h3, null) : default,
        _ => throw new InvalidOperationException(),
    };

    private static void GradcheckModule(Module m, int[] xShape, int[] h0Shape, int[]? c0Shape)
    {
        var x = Input(xShape);
        var h0 = Input(h0Shape);
        var c0 = c0Shape is null ? null : Torch.Randn(c0Shape, DType.Float64, new Generator(5)).RequiresGrad_();
        var inputs = new List<Tensor> { x, h0 };
        if (c0 is not null) inputs.Add(c0);
        inputs.AddRange(m.Parameters());
        GradOk(a => Flat(Run(m, a[0], a[1], c0 is null ? null : a[2])), [.. inputs]);
    }

    public static TheoryData<string> Kinds => new() { "lstm", "gru", "rnn_tanh", "rnn_relu" };

    private static Module Make(string kind, int numLayers = 1, bool bidirectional = false, bool batchFirst = false, int projSize = 0, DType dtype = DType.Float64, int input = 2, int hidden = 3) => kind switch
    {
        "lstm" => new LSTM(input, hidden, numLayers, batchFirst: batchFirst, bidirectional: bidirectional, projSize: projSize, dtype: dtype, generator: new Generator(11)),
        "gru" => new GRU(input, hidden, numLayers, batchFirst: batchFirst, bidirectional: bidirectional, dtype: dtype, generator: new Generator(12)),
        "rnn_tanh" => new RNN(input, hidden, numLayers, batchFirst: batchFirst, bidirectional: bidirectional, dtype: dtype, generator: new Generator(13)),
        "rnn_relu" => new RNN(input, hidden, numLayers, nonlinearity: "relu", batchFirst: batchFirst, bidirectional: bidirectional, dtype: dtype, generator: new Generator(14)),
        _ => throw new ArgumentException(kind),
    };

    [Theory, MemberData(nameof(Kinds))]
    public void GradcheckBidirectional2LayerBatchFirst(string kind)
    {
        var m = Make(kind, numLayers: 2, bidirectional: true, batchFirst: true);
        GradcheckModule(m, [2, 3, 2], [4, 2, 3], kind == "lstm" ? [4, 2, 3] : null);
    }

    [Fact]
    public void GradcheckLstmProjection() =>
        GradcheckModule(Make("lstm", numLayers: 2, projSize: 2, bidirectional: true), [3, 2, 2], [4, 2, 2], [4, 2, 3]);

    [Theory, MemberData(nameof(Kinds))]
    public void GradcheckPackedUnsorted(string kind)
    {
        var m = Make(kind, bidirectional: true);
        var x = Input(3, 3, 2);
        var h0 = Input(2, 3, 3);
        var c0 = kind == "lstm" ? Torch.Randn([2, 3, 3], DType.Float64, new Generator(5)).RequiresGrad_() : null;
        var inputs = new List<Tensor> { x, h0 };
        if (c0 is not null) inputs.Add(c0);
        inputs.AddRange(m.Parameters());
        GradOk(a =>
        {
            var packed = Rnn.PackPaddedSequence(a[0], [2, 3, 1], enforceSorted: false);
            var (y, h, c) = RunPacked(m, packed, a[1], c0 is null ? null : a[2]);
            return Flat((y.Data, h, c));
        }, [.. inputs]);
    }

    [Fact]
    public void GradcheckCells()
    {
        var lc = new LSTMCell(2, 3, dtype: DType.Float64, generator: new Generator(1));
        GradOk(a => { var (h, c) = lc.Forward(a[0], (a[1], a[2])); return Torch.Cat([h.Reshape(-1), c.Reshape(-1)]); },
            [Input(2, 2), Input(2, 3), Torch.Randn([2, 3], DType.Float64, new Generator(3)).RequiresGrad_(), .. lc.Parameters()]);
        var gc = new GRUCell(2, 3, dtype: DType.Float64, generator: new Generator(2));
        GradOk(a => gc.Forward(a[0], a[1]), [Input(2, 2), Input(2, 3), .. gc.Parameters()]);
        var rc = new RNNCell(2, 3, dtype: DType.Float64, generator: new Generator(3));
        GradOk(a => rc.Forward(a[0], a[1]), [Input(2), Input(3), .. rc.Parameters()]);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void PackedBatchEqualsEachSequenceAlone(string kind)
    {
        var m = Make(kind, numLayers: 2, bidirectional: true, input: 3, hidden: 4);
        int[] lengths = [2, 5, 1, 3];
        var x = Torch.Randn([5, 4, 3], DType.Float64, new Generator(21));
        var h0 = Torch.Randn([4, 4, 4], DType.Float64, new Generator(22));
        var c0 = kind == "lstm" ? Torch.Randn([4, 4, 4], DType.Float64, new Generator(23)) : null;
        // The padding is NaN: a padded step that were computed would poison the results.
        var mask = Torch.Zeros(new Size(5, 4, 1), DType.Float64);
        for (int j = 0; j < 4; j++)
            if (lengths[j] < 5) mask.Narrow(1, j, 1).Narrow(0, lengths[j], 5 - lengths[j]).Fill_(double.NaN);
        var xp = x + mask;
        var (py, hn, cn) = RunPacked(m, Rnn.PackPaddedSequence(xp, lengths, enforceSorted: false), h0, c0);
        var (y, outLengths) = Rnn.PadPackedSequence(py);
        Assert.Equal([2L, 5, 1, 3], outLengths.ToArray<long>());
        for (int j = 0; j < 4; j++)
        {
            int len = lengths[j];
            var (yj, hj, cj) = Run(m, x.Narrow(1, j, 1).Narrow(0, 0, len), h0.Narrow(1, j, 1), c0?.Narrow(1, j, 1));
            Close(yj.ToArray<double>(), y.Narrow(1, j, 1).Narrow(0, 0, len).Contiguous(), 1e-12);
            Close(hj.ToArray<double>(), hn.Narrow(1, j, 1).Contiguous(), 1e-12);
            if (cj is not null) Close(cj.ToArray<double>(), cn!.Narrow(1, j, 1).Contiguous(), 1e-12);
            if (len < 5) Assert.All(y.Narrow(1, j, 1).Narrow(0, len, 5 - len).ToArray<double>(), v => Assert.Equal(0.0, v));
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Float32FusedMatchesFloat64(string kind)
    {
        var m64 = Make(kind, numLayers: 2, bidirectional: true, batchFirst: true, input: 16, hidden: 24);
        var m32 = Make(kind, numLayers: 2, bidirectional: true, batchFirst: true, input: 16, hidden: 24, dtype: DType.Float32);
        m32.LoadStateDict(m64.StateDict().Select(kv => KeyValuePair.Create(kv.Key, kv.Value.To(DType.Float32))));
        var x64 = Torch.Randn([5, 7, 16], DType.Float64, new Generator(31)).RequiresGrad_();
        var x32 = x64.Detach().To(DType.Float32).RequiresGrad_();
        var r64 = Run(m64, x64, null, null);
        var r32 = Run(m32, x32, null, null);
        Assert.Contains("LayerBackward", r32.Y.GradFn!.ToString() + string.Join(",", Graphs(r32.Y)));
        Close(Flat(r64).ToArray<double>(), Flat(r32).To(DType.Float64), 2e-5);
        (Flat(r64) * Flat(r64)).Sum().Backward();
        (Flat(r32) * Flat(r32)).Sum().Backward();
        Close(x64.Grad!.ToArray<double>(), x32.Grad!.To(DType.Float64), 1e-4);
        foreach (var ((_, p64), (_, p32)) in m64.NamedParameters().Zip(m32.NamedParameters()))
            Close(p64.Grad!.ToArray<double>(), p32.Grad!.To(DType.Float64), 1e-4);
    }

    /// <summary>Wide layers and batches, so that the gate math of a step is split over threads; packed, against float64.</summary>
    [Theory, MemberData(nameof(Kinds))]
    public void WideFloat32PackedMatchesFloat64(string kind)
    {
        var m64 = Make(kind, input: 8, hidden: 256);
        var m32 = Make(kind, input: 8, hidden: 256, dtype: DType.Float32);
        m32.LoadStateDict(m64.StateDict().Select(kv => KeyValuePair.Create(kv.Key, kv.Value.To(DType.Float32))));
        int[] lengths = Enumerable.Range(0, 40).Select(i => 1 + i * 7 % 4).ToArray();
        var x64 = Torch.Randn([4, 40, 8], DType.Float64, new Generator(41)).RequiresGrad_();
        var x32 = x64.Detach().To(DType.Float32).RequiresGrad_();
        var r64 = RunPacked(m64, Rnn.PackPaddedSequence(x64, lengths, enforceSorted: false), null, null);
        var r32 = RunPacked(m32, Rnn.PackPaddedSequence(x32, lengths, enforceSorted: false), null, null);
        Close(Flat((r64.Y.Data, r64.H, r64.C)).ToArray<double>(), Flat((r32.Y.Data, r32.H, r32.C)).To(DType.Float64), 2e-5);
        (Flat((r64.Y.Data, r64.H, r64.C)) * Flat((r64.Y.Data, r64.H, r64.C))).Sum().Backward();
        (Flat((r32.Y.Data, r32.H, r32.C)) * Flat((r32.Y.Data, r32.H, r32.C))).Sum().Backward();
        Close(x64.Grad!.ToArray<double>(), x32.Grad!.To(DType.Float64), 1e-4);
        foreach (var ((_, p64), (_, p32)) in m64.NamedParameters().Zip(m32.NamedParameters()))
            Close(p64.Grad!.ToArray<double>(), p32.Grad!.To(DType.Float64), 1e-4);
    }

    private static IEnumerable<string> Graphs(Tensor t)
    {
        var seen = new HashSet<Ember.Autograd.Node>();
        var stack = new Stack<Ember.Autograd.Node>();
        if (t.GradFn is { } fn) stack.Push(fn);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            yield return n.Name;
            foreach (var next in n.NextFunctions) if (next is not null) stack.Push(next);
        }
    }

    [Fact]
    public void OneNodePerLayerAndDirection()
    {
        var lstm = new LSTM(4, 5, numLayers: 2, bidirectional: true);
        var (y, _) = lstm.Forward(Torch.Randn(6, 3, 4));
        var names = Graphs(y).ToList();
        Assert.Equal(4, names.Count(n => n == "LSTMLayerBackward0"));
        Assert.DoesNotContain("SigmoidBackward0", names);
    }

    [Fact]
    public void DropoutBetweenLayers()
    {
        var lstm = new LSTM(3, 4, numLayers: 2, dropout: 0.5, generator: new Generator(1));
        var plain = new LSTM(3, 4, numLayers: 2, generator: new Generator(1));
        var x = Torch.Randn(5, 2, 3);
        var (yPlain, _) = plain.Forward(x);
        lstm.Eval();
        Close(yPlain.To(DType.Float64).ToArray<double>(), lstm.Forward(x).Output.To(DType.Float64), 1e-6);
        lstm.Train();
        lstm.Generator = new Generator(7);
        var y1 = lstm.Forward(x).Output;
        lstm.Generator = new Generator(7);
        var y2 = lstm.Forward(x).Output;
        Assert.Equal(y1.ToArray<float>(), y2.ToArray<float>());
        Assert.NotEqual(yPlain.ToArray<float>(), y1.ToArray<float>());
        // dropout = 0 in training mode is the plain path
        var zero = new LSTM(3, 4, numLayers: 2, dropout: 0, generator: new Generator(1));
        Assert.Equal(yPlain.ToArray<float>(), zero.Forward(x).Output.ToArray<float>());
    }

    [Theory]
    [InlineData(DType.Float16, 2e-3)]
    [InlineData(DType.BFloat16, 2e-2)]
    public void ReducedPrecisionFollowsFloat32(DType dt, double tol)
    {
        var low = new LSTM(3, 4, numLayers: 2, bidirectional: true, dtype: dt, generator: new Generator(1));
        var f32 = new LSTM(3, 4, numLayers: 2, bidirectional: true, generator: new Generator(1));
        f32.LoadStateDict(low.StateDict().Select(kv => KeyValuePair.Create(kv.Key, kv.Value.To(DType.Float32))));
        var x = Torch.Randn([5, 2, 3], DType.Float32, new Generator(3));
        var (y, (h, c)) = low.Forward(x.To(dt));
        Assert.Equal(dt, y.DType);
        Assert.Equal(dt, c.DType);
        Close(f32.Forward(x).Output.To(DType.Float64).ToArray<double>(), y.To(DType.Float64), tol);
        y.To(DType.Float32).Sum().Backward();
        Assert.All(low.Parameters(), p => Assert.Equal(dt, p.Grad!.DType));
        Assert.Equal(dt, new GRUCell(3, 4, dtype: dt).Forward(x[0].To(dt)).DType);
    }

    [Fact]
    public void EmptyBatchAndShapes()
    {
        var lstm = new LSTM(3, 4, numLayers: 2, bidirectional: true);
        var (y, (h, c)) = lstm.Forward(Torch.Zeros(2, 0, 3));
        Assert.Equal([2, 0, 8], y.Shape.ToArray());
        Assert.Equal([4, 0, 4], h.Shape.ToArray());
        Assert.Equal([4, 0, 4], c.Shape.ToArray());
        var gru = new GRU(3, 4, batchFirst: true);
        var (y2, h2) = gru.Forward(Torch.Zeros(2, 5, 3));
        Assert.Equal([2, 5, 4], y2.Shape.ToArray());
        Assert.Equal([1, 2, 4], h2.Shape.ToArray());
        var (y3, h3) = gru.Forward(Torch.Zeros(5, 3));
        Assert.Equal([5, 4], y3.Shape.ToArray());
        Assert.Equal([1, 4], h3.Shape.ToArray());
    }

    [Fact]
    public void BadInputsNameTheShapes()
    {
        var lstm = new LSTM(3, 4);
        var e = Assert.Throws<ArgumentException>(() => lstm.Forward(Torch.Zeros(5, 2, 7)));
        Assert.StartsWith("lstm: input [5, 2, 7] has 7 features in its last dimension, expected input_size=3", e.Message);
        e = Assert.Throws<ArgumentException>(() => lstm.Forward(Torch.Zeros(5, 2, 3), (Torch.Zeros(1, 3, 4), Torch.Zeros(1, 2, 4))));
        Assert.StartsWith("lstm: expected h0 of shape [1, 2, 4] for input [5, 2, 3], got [1, 3, 4]", e.Message);
        e = Assert.Throws<ArgumentException>(() => lstm.Forward(Torch.Zeros(5, 2, 3), (Torch.Zeros(1, 2, 4), Torch.Zeros(2, 2, 4))));
        Assert.StartsWith("lstm: expected c0 of shape [1, 2, 4]", e.Message);
        e = Assert.Throws<ArgumentException>(() => lstm.Forward(Torch.Zeros(5, 2, 3, 1)));
        Assert.StartsWith("lstm: expected input to be 2-D or 3-D but received 4-D tensor", e.Message);
        e = Assert.Throws<ArgumentException>(() => lstm.Forward(Torch.Zeros(new Size(5, 2, 3), DType.Float64)));
        Assert.StartsWith("lstm: expected input of dtype torch.float32", e.Message);
        e = Assert.Throws<ArgumentException>(() => lstm.Forward(Torch.Zeros(0, 2, 3)));
        Assert.StartsWith("lstm: expected sequence length to be larger than 0", e.Message);
        var gru = new GRU(3, 4, numLayers: 2);
        e = Assert.Throws<ArgumentException>(() => gru.Forward(Torch.Zeros(5, 3), Torch.Zeros(2, 1, 4)));
        Assert.StartsWith("gru: expected hx of shape [2, 4] for input [5, 3], got [2, 1, 4]", e.Message);
        e = Assert.Throws<ArgumentException>(() => gru.Forward(Rnn.PackSequence([Torch.Zeros(2, 5)])));
        Assert.StartsWith("gru: input [2, 5] has 5 features", e.Message);

        Assert.StartsWith("lstm: proj_size has to be smaller than hidden_size", Assert.Throws<ArgumentException>(() => new LSTM(3, 4, projSize: 4)).Message);
        Assert.StartsWith("gru: dropout should be a number in range [0, 1]", Assert.Throws<ArgumentException>(() => new GRU(3, 4, dropout: 1.5)).Message);
        Assert.StartsWith("rnn: unknown nonlinearity 'gelu'", Assert.Throws<ArgumentException>(() => new RNN(3, 4, nonlinearity: "gelu")).Message);
        Assert.StartsWith("rnn: hidden_size must be positive", Assert.Throws<ArgumentException>(() => new RNN(3, 0)).Message);

        var cell = new LSTMCell(3, 4);
        Assert.StartsWith("lstm_cell: input [2, 5] has inconsistent input_size: got 5, expected 3",
            Assert.Throws<ArgumentException>(() => cell.Forward(Torch.Zeros(2, 5))).Message);
        Assert.StartsWith("lstm_cell: expected hx[0] of shape [2, 4] for input [2, 3], got [3, 4]",
            Assert.Throws<ArgumentException>(() => cell.Forward(Torch.Zeros(2, 3), (Torch.Zeros(3, 4), Torch.Zeros(2, 4)))).Message);
        Assert.StartsWith("gru_cell: expected input to be 1-D or 2-D but received 3-D tensor",
            Assert.Throws<ArgumentException>(() => new GRUCell(3, 4).Forward(Torch.Zeros(1, 2, 3))).Message);
    }
}
