using Ember.NN;
using Ember.NN.Utils;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>RNN, GRU, LSTM and the cells against PyTorch 1.13 values: outputs, final states and the gradients of the
/// input, the initial states and every parameter (data in <see cref="RecurrentReferenceData"/>).</summary>
public class RecurrentTests
{
    internal static Tensor Det(int[] shape, double k)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        return Torch.FromArray(Enumerable.Range(0, n).Select(i => Math.Cos(0.13 * i + k) * 0.8).ToArray(), shape).RequiresGrad_();
    }

    internal static Tensor LossWeights(int[] shape, double k)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        return Torch.FromArray(Enumerable.Range(0, n).Select(i => Math.Sin(0.71 * i + k)).ToArray(), shape);
    }

    internal static void SetParams(Module m)
    {
        int p = 0;
        using var _ = Torch.NoGrad();
        foreach (var (_, prm) in m.NamedParameters())
        {
            var vals = Enumerable.Range(0, (int)prm.Numel).Select(i => Math.Sin(0.37 * i + 0.11 * p + 0.3) * 0.4).ToArray();
            prm.Copy_(Torch.FromArray(vals, prm.ShapeArray));
            p++;
        }
    }

    private static void Check(string caseName, Module m, Tensor x, Tensor? h0, Tensor? c0, Tensor y, Tensor? hn, Tensor? cn, double tol = 1e-10)
    {
        var c = RecurrentReferenceData.Cases[caseName];
        Assert.Equal(c.Names, m.NamedParameters().Select(p => p.Name).ToArray());
        Assert.Equal(c.YShape, y.Shape.ToArray());
        var loss = (y * LossWeights(y.ShapeArray, 0.2)).Sum();
        if (hn is not null) loss = loss + (hn * LossWeights(hn.ShapeArray, 0.9)).Sum();
        if (cn is not null) loss = loss + (cn * LossWeights(cn.ShapeArray, 1.3)).Sum();
        loss.Backward();
        Close(c.Values["y"], y.Contiguous(), tol);
        if (hn is not null) Close(c.Values["hn"], hn.Contiguous(), tol);
        if (cn is not null) Close(c.Values["cn"], cn.Contiguous(), tol);
        Close(c.Values["x.grad"], x.Grad!, tol);
        if (h0 is not null) Close(c.Values["h0.grad"], h0.Grad!, tol);
        if (c0 is not null) Close(c.Values["c0.grad"], c0.Grad!, tol);
        foreach (var (name, p) in m.NamedParameters()) Close(c.Values[name + ".grad"], p.Grad!, tol);
    }

    private static void RunCase(string name, Module m, int[] xShape, int[]? h0Shape, int[]? c0Shape = null)
    {
        SetParams(m);
        var x = Det(xShape, 0.5);
        var h0 = h0Shape is null ? null : Det(h0Shape, 1.1);
        var c0 = c0Shape is null ? null : Det(c0Shape, 1.7);
        switch (m)
        {
            case LSTM lstm:
            {
                var (y, (hn, cn)) = lstm.Forward(x, h0 is null ? null : (h0, c0!));
                Check(name, m, x, h0, c0, y, hn, cn);
                break;
            }
            case RNN rnn:
            {
                var (y, hn) = rnn.Forward(x, h0);
                Check(name, m, x, h0, null, y, hn, null);
                break;
            }
            case GRU gru:
            {
                var (y, hn) = gru.Forward(x, h0);
                Check(name, m, x, h0, null, y, hn, null);
                break;
            }
            case LSTMCell lc:
            {
                var (h, c) = lc.Forward(x, (h0!, c0!));
                Check(name, m, x, h0, c0, h, null, c);
                break;
            }
            case RNNCell rc:
                Check(name, m, x, h0, null, rc.Forward(x, h0), null, null);
                break;
            case GRUCell gc:
                Check(name, m, x, h0, null, gc.Forward(x, h0), null, null);
                break;
            default: throw new InvalidOperationException();
        }
    }

    private const DType D = DType.Float64;

    [Fact] public void RnnTanh() => RunCase("rnn_tanh", new RNN(3, 4, dtype: D), [3, 2, 3], [1, 2, 4]);
    [Fact] public void RnnRelu2Layer() => RunCase("rnn_relu_2layer", new RNN(3, 4, numLayers: 2, nonlinearity: "relu", dtype: D), [3, 2, 3], [2, 2, 4]);
    [Fact] public void RnnNoBiasNoInitialState() => RunCase("rnn_nobias_noh0", new RNN(3, 4, bias: false, dtype: D), [3, 2, 3], null);
    [Fact] public void Gru() => RunCase("gru", new GRU(3, 4, dtype: D), [3, 2, 3], [1, 2, 4]);
    [Fact] public void Lstm() => RunCase("lstm", new LSTM(3, 4, dtype: D), [3, 2, 3], [1, 2, 4], [1, 2, 4]);
    [Fact] public void LstmProj2Layer() => RunCase("lstm_proj_2layer", new LSTM(3, 5, numLayers: 2, projSize: 2, dtype: D), [3, 2, 3], [2, 2, 2], [2, 2, 5]);
    [Fact] public void GruBidirectional2LayerBatchFirst() =>
        RunCase("gru_bi2_bf", new GRU(3, 4, numLayers: 2, bidirectional: true, batchFirst: true, dtype: D), [2, 3, 3], [4, 2, 4]);
    [Fact] public void LstmBidirectional2LayerBatchFirst() =>
        RunCase("lstm_bi2_bf", new LSTM(3, 4, numLayers: 2, bidirectional: true, batchFirst: true, dtype: D), [2, 3, 3], [4, 2, 4], [4, 2, 4]);
    [Fact] public void LstmUnbatched() => RunCase("lstm_unbatched", new LSTM(3, 4, dtype: D), [3, 3], [1, 4], [1, 4]);
    [Fact] public void GruUnbatchedBidirectional() => RunCase("gru_unbatched_bi", new GRU(3, 4, bidirectional: true, dtype: D), [3, 3], [2, 4]);
    [Fact] public void RnnCellTanh() => RunCase("rnncell_tanh", new RNNCell(3, 4, dtype: D), [2, 3], [2, 4]);
    [Fact] public void RnnCellRelu() => RunCase("rnncell_relu", new RNNCell(3, 4, nonlinearity: "relu", dtype: D), [2, 3], [2, 4]);
    [Fact] public void GruCell() => RunCase("grucell", new GRUCell(3, 4, dtype: D), [2, 3], [2, 4]);
    [Fact] public void LstmCell() => RunCase("lstmcell", new LSTMCell(3, 4, dtype: D), [2, 3], [2, 4], [2, 4]);
    [Fact] public void LstmCellUnbatchedNoBias() => RunCase("lstmcell_unbatched_nobias", new LSTMCell(3, 4, bias: false, dtype: D), [3], [4], [4]);

    /// <summary>Packed input of unsorted mixed lengths (2, 4, 1, 3) with initial states, against PyTorch.</summary>
    private static void RunPacked(string name, Module m, bool batchFirst, int[] xShape, int[] h0Shape, int[]? c0Shape)
    {
        SetParams(m);
        var x = Det(xShape, 0.5);
        var h0 = Det(h0Shape, 1.1);
        var c0 = c0Shape is null ? null : Det(c0Shape, 1.7);
        var packed = Rnn.PackPaddedSequence(x, [2, 4, 1, 3], batchFirst, enforceSorted: false);
        PackedSequence py;
        Tensor hn;
        Tensor? cn = null;
        switch (m)
        {
            case LSTM lstm: (py, (hn, cn)) = lstm.Forward(packed, (h0, c0!)); break;
            case GRU gru: (py, hn) = gru.Forward(packed, h0); break;
            case RNN rnn: (py, hn) = rnn.Forward(packed, h0); break;
            default: throw new InvalidOperationException();
        }
        var (y, lengths) = Rnn.PadPackedSequence(py, batchFirst);
        Assert.Equal([2L, 4, 1, 3], lengths.ToArray<long>());
        Check(name, m, x, h0, c0, y, hn, cn);
    }

    [Fact] public void LstmPackedBidirectional() =>
        RunPacked("lstm_packed_bi", new LSTM(3, 4, bidirectional: true, dtype: D), false, [4, 4, 3], [2, 4, 4], [2, 4, 4]);
    [Fact] public void GruPacked2LayerBatchFirst() =>
        RunPacked("gru_packed_bf", new GRU(3, 4, numLayers: 2, batchFirst: true, dtype: D), true, [4, 4, 3], [2, 4, 4], null);
    [Fact] public void RnnPacked() => RunPacked("rnn_packed", new RNN(3, 4, dtype: D), false, [4, 4, 3], [1, 4, 4], null);

    [Fact]
    public void Reprs()
    {
        Assert.Equal("LSTM(64, 256, batch_first=True)", new LSTM(64, 256, batchFirst: true).ToString());
        Assert.Equal("RNN(3, 4, num_layers=2, bias=False, dropout=0.5, bidirectional=True)",
            new RNN(3, 4, nonlinearity: "relu", numLayers: 2, bias: false, dropout: 0.5, bidirectional: true).ToString());
        Assert.Equal("LSTM(3, 4, proj_size=2)", new LSTM(3, 4, projSize: 2).ToString());
        Assert.Equal("GRU(3, 4)", new GRU(3, 4).ToString());
        Assert.Equal("RNNCell(3, 4, bias=False, nonlinearity=relu)", new RNNCell(3, 4, bias: false, nonlinearity: "relu").ToString());
        Assert.Equal("LSTMCell(3, 4)", new LSTMCell(3, 4).ToString());
        Assert.Equal("GRUCell(3, 4, bias=False)", new GRUCell(3, 4, bias: false).ToString());
    }

    [Fact]
    public void ParameterShapesAndInit()
    {
        var lstm = new LSTM(5, 6, numLayers: 2, bidirectional: true, projSize: 3);
        var shapes = lstm.NamedParameters().Select(p => $"{p.Name}:{p.Parameter.Shape}").ToArray();
        Assert.Equal(new[]
        {
            "weight_ih_l0:[24, 5]", "weight_hh_l0:[24, 3]", "bias_ih_l0:[24]", "bias_hh_l0:[24]", "weight_hr_l0:[3, 6]",
            "weight_ih_l0_reverse:[24, 5]", "weight_hh_l0_reverse:[24, 3]", "bias_ih_l0_reverse:[24]", "bias_hh_l0_reverse:[24]", "weight_hr_l0_reverse:[3, 6]",
            "weight_ih_l1:[24, 6]", "weight_hh_l1:[24, 3]", "bias_ih_l1:[24]", "bias_hh_l1:[24]", "weight_hr_l1:[3, 6]",
            "weight_ih_l1_reverse:[24, 6]", "weight_hh_l1_reverse:[24, 3]", "bias_ih_l1_reverse:[24]", "bias_hh_l1_reverse:[24]", "weight_hr_l1_reverse:[3, 6]",
        }, shapes);
        double bound = 1 / Math.Sqrt(6);
        foreach (var p in lstm.Parameters())
        {
            var v = p.To(DType.Float64).ToArray<double>();
            Assert.All(v, e => Assert.InRange(e, -bound, bound));
        }
        Assert.Equal(4, lstm.AllWeights.Count);
        Assert.Equal(5, lstm.AllWeights[0].Count);
    }
}
