using Ember.Autograd;
using Ember.Kernels;

namespace Ember.NN;

/// <summary>
/// The fused path of one layer in one direction (float32/float64, no LSTM projection): the forward and backward
/// recurrences run in <see cref="RecurrentKernel"/> and record ONE autograd node per layer and direction, with the
/// outputs y [R, H], h_n [N, H] (and c_n [N, H]).
/// </summary>
internal static class RecurrentFused
{
    /// <summary>Whether the fused kernels handle this layer.</summary>
    public static bool Applies(RecurrentMode mode, Tensor x, Tensor h0, Tensor? c0, RecurrentWeights w) =>
        w.WHr is null && (x.DType == DType.Float32 || x.DType == DType.Float64) && x.ShapeArray[0] > 0 && h0.ShapeArray[0] > 0;

    /// <summary>Runs the layer; see <see cref="RecurrentCore"/> for the layout.</summary>
    public static (Tensor Y, Tensor H, Tensor? C) Run(RecurrentMode mode, Tensor x, int[] batchSizes, Tensor h0, Tensor? c0, RecurrentWeights w, bool reverse)
    {
        bool lstm = mode == RecurrentMode.Lstm, gru = mode == RecurrentMode.Gru;
        int rows = x.ShapeArray[0], n = h0.ShapeArray[0], h = w.WHh.ShapeArray[1], gh = w.WHh.ShapeArray[0];
        var dt = x.DType;
        var xc = x.Contiguous();
        var wIh = w.WIh.Contiguous();
        var wHh = w.WHh.Contiguous();
        var bIh = w.BIh?.Contiguous();
        var bHh = w.BHh?.Contiguous();
        var y = Tensor.Empty([rows, h], dt);
        Tensor hS, cS;
        using (Torch.NoGrad())
        {
            hS = h0.Detach().Clone();
            cS = lstm ? c0!.Detach().Clone() : null!;
        }
        var buf = new RecurrentKernel.Buffers(
            Tensor.Empty([rows, gh], dt),
            lstm ? Tensor.Empty([rows, h], dt) : null,
            Tensor.Empty([rows, h], dt),
            lstm ? Tensor.Empty([rows, h], dt) : null,
            gru ? Tensor.Empty([rows, h], dt) : null);
        RecurrentKernel.Forward(mode, batchSizes, reverse, xc, wIh, wHh, bIh, bHh, y, hS, lstm ? cS : null, buf);

        if (Graph.NeedsGrad([x, h0, wIh, wHh]) || (c0 is not null && Graph.NeedsGrad(c0)) ||
            (bIh is not null && Graph.NeedsGrad(bIh)) || (bHh is not null && Graph.NeedsGrad(bHh)))
        {
            var node = new RecurrentLayerBackward(mode, batchSizes, reverse, xc, wIh, wHh, bIh is not null, bHh is not null,
                mode is RecurrentMode.RnnTanh or RecurrentMode.RnnRelu ? y : null, buf);
            if (lstm) Graph.Record([y, hS, cS], node, x, h0, c0, wIh, wHh, bIh, bHh);
            else Graph.Record([y, hS], node, x, h0, null, wIh, wHh, bIh, bHh);
        }
        return (y, hS, lstm ? cS : null);
    }

    /// <summary>The backward of one fused layer and direction: the recurrence backwards in <see cref="RecurrentKernel.Backward"/>.</summary>
    private sealed class RecurrentLayerBackward : MultiOutputNode
    {
        private readonly RecurrentMode _mode;
        private readonly int[] _batchSizes;
        private readonly bool _reverse, _hasBIh, _hasBHh;
        private SavedTensor _x, _wIh, _wHh, _y, _gates, _cells, _hPrev, _cPrev, _hnLin;

        public RecurrentLayerBackward(RecurrentMode mode, int[] batchSizes, bool reverse, Tensor x, Tensor wIh, Tensor wHh,
            bool hasBIh, bool hasBHh, Tensor? y, RecurrentKernel.Buffers buf)
            : base(mode == RecurrentMode.Lstm ? 3 : 2)
        {
            _mode = mode;
            _batchSizes = batchSizes;
            _reverse = reverse;
            _hasBIh = hasBIh;
            _hasBHh = hasBHh;
            _x = new SavedTensor(x);
            _wIh = new SavedTensor(wIh);
            _wHh = new SavedTensor(wHh);
            if (y is not null) _y = new SavedTensor(y);
            _gates = new SavedTensor(buf.Gates);
            if (buf.Cells is not null) _cells = new SavedTensor(buf.Cells);
            _hPrev = new SavedTensor(buf.HPrev);
            if (buf.CPrev is not null) _cPrev = new SavedTensor(buf.CPrev);
            if (buf.HnLin is not null) _hnLin = new SavedTensor(buf.HnLin);
        }

        public override string Name => _mode switch
        {
            RecurrentMode.Lstm => "LSTMLayerBackward0",
            RecurrentMode.Gru => "GRULayerBackward0",
            _ => "RNNLayerBackward0",
        };

        protected override Tensor?[] Backward(Tensor?[] grads)
        {
            if (GradMode.IsEnabled && Array.Exists(grads, g => g is not null && g.RequiresGrad))
                throw new NotSupportedException($"{Name}: double backward (createGraph) through a fused recurrent layer is not supported");
            bool lstm = _mode == RecurrentMode.Lstm;
            var x = Unpack(_x);
            var wIh = Unpack(_wIh);
            var wHh = Unpack(_wHh);
            var y = _y.Tensor is null ? null : Unpack(_y);
            var buf = new RecurrentKernel.Buffers(Unpack(_gates), lstm ? Unpack(_cells) : null, Unpack(_hPrev),
                lstm ? Unpack(_cPrev) : null, _mode == RecurrentMode.Gru ? Unpack(_hnLin) : null);
            var dt = x.DType;
            int rows = x.ShapeArray[0], n = _batchSizes[0], h = wHh.ShapeArray[1], gh = wHh.ShapeArray[0];
            using var _ = Torch.NoGrad();
            var dY = grads[0]?.To(dt).Contiguous();
            var dhS = grads[1] is { } gH ? gH.To(dt).Contiguous().Clone() : Tensor.Empty([n, h], dt, zero: true);
            var dcS = !lstm ? null : grads[2] is { } gC ? gC.To(dt).Contiguous().Clone() : Tensor.Empty([n, h], dt, zero: true);
            var dGx = Tensor.Empty([rows, gh], dt);
            var dGh = _mode == RecurrentMode.Gru ? Tensor.Empty([rows, gh], dt) : dGx;
            var dX = NeedsGrad(0) ? Tensor.Empty([rows, x.ShapeArray[1]], dt) : null;
            var dWih = NeedsGrad(3) ? Tensor.Empty([gh, x.ShapeArray[1]], dt) : null;
            var dWhh = NeedsGrad(4) ? Tensor.Empty([gh, h], dt) : null;
            var dbIh = _hasBIh && NeedsGrad(5) ? Tensor.Empty([gh], dt) : null;
            var dbHh = _hasBHh && NeedsGrad(6) ? Tensor.Empty([gh], dt) : null;
            RecurrentKernel.Backward(_mode, _batchSizes, _reverse, x, wIh, wHh, y, buf, dY, dhS, dcS, dGx, dGh, dX, dWih, dWhh, dbIh, dbHh);
            return [dX, NeedsGrad(1) ? dhS : null, NeedsGrad(2) ? dcS : null, dWih, dWhh, dbIh, dbHh];
        }

        protected override void ReleaseSaved()
        {
            _x = _wIh = _wHh = _y = _gates = _cells = _hPrev = _cPrev = _hnLin = default;
        }
    }
}
