using Ember.NN.Utils;

namespace Ember.NN;

/// <summary>
/// A multi-layer long short-term memory (PyTorch's <c>nn.LSTM</c>), with PyTorch's equations and gate order (i, f, g, o):
/// i = σ(W_ii x + b_ii + W_hi h + b_hi), f = σ(…), g = tanh(…), o = σ(…), c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c');
/// with <c>projSize</c> &gt; 0, h' is projected: h' = (o ⊙ tanh(c'))·W_hrᵀ. Parameters <c>weight_ih_l{k}</c>
/// [4·hidden_size, input_size or D·H_out], <c>weight_hh_l{k}</c> [4·hidden_size, H_out], <c>bias_ih_l{k}</c>,
/// <c>bias_hh_l{k}</c> [4·hidden_size], <c>weight_hr_l{k}</c> [proj_size, hidden_size] (suffix <c>_reverse</c>), where
/// H_out = proj_size or hidden_size; all from U(−1/√hidden_size, 1/√hidden_size).
/// </summary>
/// <example>
/// <code>
/// var lstm = new LSTM(64, 256, batchFirst: true);
/// var (output, (hn, cn)) = lstm.Forward(Torch.Randn(32, 35, 64));   // output [32, 35, 256], hn and cn [1, 32, 256]
/// Console.WriteLine(lstm);                                            // LSTM(64, 256, batch_first=True)
/// </code>
/// </example>
public sealed class LSTM : RNNBase<(Tensor H, Tensor C)>
{
    /// <summary>Creates the layers and initializes them like PyTorch.</summary>
    /// <param name="inputSize">The number of input features; positive.</param>
    /// <param name="hiddenSize">The number of features of the cell state (and of h without projection); positive.</param>
    /// <param name="numLayers">The number of stacked layers (default 1).</param>
    /// <param name="bias">Whether to learn b_ih and b_hh (default true).</param>
    /// <param name="batchFirst">Whether input and output are [batch, seq, feature] (default false: [seq, batch, feature]).</param>
    /// <param name="dropout">The dropout probability on the outputs of every layer but the last, in training (default 0).</param>
    /// <param name="bidirectional">Whether to run both directions (default false).</param>
    /// <param name="projSize">The size of the projection of h (default 0: none); smaller than <paramref name="hiddenSize"/>.</param>
    /// <param name="dtype">The parameters' floating-point dtype (default float32).</param>
    /// <param name="generator">The generator for the initial values and the dropout (default: <see cref="Ember.Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A size is not positive, projSize is negative or not below hiddenSize, the dropout
    /// is outside [0, 1], or the dtype is not floating point.</exception>
    public LSTM(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, int projSize = 0, DType dtype = DType.Float32, Generator? generator = null)
        : base(RecurrentMode.Lstm, "lstm", inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize, dtype, generator)
    {
    }

    /// <summary>Runs the layers from zero initial states.</summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] with batchFirst), or unbatched [seq, input_size].</param>
    /// <returns>The output [seq, batch, D·H_out] and the final states (h_n [num_layers·D, batch, H_out],
    /// c_n [num_layers·D, batch, hidden_size]); without the batch dimension for an unbatched input.</returns>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D, its last dimension is not input_size, its dtype is not the parameters', or it has no steps.</exception>
    public override (Tensor Output, (Tensor H, Tensor C) State) Forward(Tensor input) => Forward(input, null);

    /// <summary>Runs the layers from the initial states <paramref name="hx"/> = (h0, c0).</summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] with batchFirst), or unbatched [seq, input_size].</param>
    /// <param name="hx">The initial states h0 [num_layers·D, batch, H_out] and c0 [num_layers·D, batch, hidden_size]
    /// (without the batch dimension for an unbatched input), or null for zeros.</param>
    /// <returns>The output [seq, batch, D·H_out] and the final states (h_n, c_n), shaped as h0 and c0.</returns>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D, its last dimension is not input_size, it has no
    /// steps, h0 or c0 has the wrong shape, or a dtype is not the parameters'.</exception>
    /// <exception cref="ArgumentNullException">h0 or c0 is null.</exception>
    public (Tensor Output, (Tensor H, Tensor C) State) Forward(Tensor input, (Tensor H0, Tensor C0)? hx)
    {
        var (h0, c0) = Unpack(hx);
        var (y, h, c) = RunPadded(input, h0, c0);
        return (y, (h, c!));
    }

    /// <summary>Runs the layers over a packed batch of variable-length sequences; each sequence's final states are taken at its own length.</summary>
    /// <param name="input">The packed input (data [sum of lengths, input_size]).</param>
    /// <param name="hx">The initial states h0 [num_layers·D, batch, H_out] and c0 [num_layers·D, batch, hidden_size] in the
    /// caller's batch order, or null for zeros.</param>
    /// <returns>The packed output (data [sum of lengths, D·H_out]) and (h_n, c_n) in the caller's batch order.</returns>
    /// <exception cref="ArgumentException">The data's width is not input_size, h0 or c0 has the wrong shape, or a dtype is not the parameters'.</exception>
    /// <exception cref="ArgumentNullException">h0 or c0 is null.</exception>
    public (PackedSequence Output, (Tensor H, Tensor C) State) Forward(PackedSequence input, (Tensor H0, Tensor C0)? hx = null)
    {
        var (h0, c0) = Unpack(hx);
        var (y, h, c) = RunPacked(input, h0, c0);
        return (y, (h, c!));
    }

    private static (Tensor? H0, Tensor? C0) Unpack((Tensor H0, Tensor C0)? hx)
    {
        if (hx is not { } s) return (null, null);
        ArgumentNullException.ThrowIfNull(s.H0, "h0");
        ArgumentNullException.ThrowIfNull(s.C0, "c0");
        return (s.H0, s.C0);
    }
}
