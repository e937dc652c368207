using Ember.NN.Utils;

namespace Ember.NN;

/// <summary>
/// A multi-layer gated recurrent unit (PyTorch's <c>nn.GRU</c>), with PyTorch's equations and gate order (r, z, n):
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
/// Parameters <c>weight_ih_l{k}</c> [3·hidden_size, input_size or D·hidden_size], <c>weight_hh_l{k}</c>
/// [3·hidden_size, hidden_size], <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c> [3·hidden_size] (suffix <c>_reverse</c>),
/// all from U(−1/√hidden_size, 1/√hidden_size).
/// </summary>
/// <example>
/// <code>
/// var gru = new GRU(10, 20, batchFirst: true);
/// var (output, hn) = gru.Forward(Torch.Randn(3, 5, 10));   // output [3, 5, 20], hn [1, 3, 20]
/// </code>
/// </example>
public sealed class GRU : RNNBase<Tensor>
{
    /// <summary>Creates the layers and initializes them like PyTorch.</summary>
    /// <param name="inputSize">The number of input features; positive.</param>
    /// <param name="hiddenSize">The number of hidden features; positive.</param>
    /// <param name="numLayers">The number of stacked layers (default 1).</param>
    /// <param name="bias">Whether to learn b_ih and b_hh (default true).</param>
    /// <param name="batchFirst">Whether input and output are [batch, seq, feature] (default false: [seq, batch, feature]).</param>
    /// <param name="dropout">The dropout probability on the outputs of every layer but the last, in training (default 0).</param>
    /// <param name="bidirectional">Whether to run both directions (default false).</param>
    /// <param name="dtype">The parameters' floating-point dtype (default float32).</param>
    /// <param name="generator">The generator for the initial values and the dropout (default: <see cref="Ember.Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A size is not positive, the dropout is outside [0, 1], or the dtype is not floating point.</exception>
    public GRU(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, DType dtype = DType.Float32, Generator? generator = null)
        : base(RecurrentMode.Gru, "gru", inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, 0, dtype, generator)
    {
    }

    /// <summary>Runs the layers from zero initial states.</summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] with batchFirst), or unbatched [seq, input_size].</param>
    /// <returns>The output [seq, batch, D·hidden_size] and the final hidden state h_n [num_layers·D, batch, hidden_size]
    /// (without the batch dimension for an unbatched input).</returns>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D, its last dimension is not input_size, its dtype is not the parameters', or it has no steps.</exception>
    public override (Tensor Output, Tensor State) Forward(Tensor input) => Forward(input, null);

    /// <summary>Runs the layers from the initial hidden state <paramref name="hx"/>.</summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] with batchFirst), or unbatched [seq, input_size].</param>
    /// <param name="hx">The initial hidden state [num_layers·D, batch, hidden_size] ([num_layers·D, hidden_size] unbatched), or null for zeros.</param>
    /// <returns>The output [seq, batch, D·hidden_size] and the final hidden state h_n, shaped as <paramref name="hx"/>.</returns>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D, its last dimension is not input_size, it has no
    /// steps, <paramref name="hx"/> has the wrong shape, or a dtype is not the parameters'.</exception>
    public (Tensor Output, Tensor State) Forward(Tensor input, Tensor? hx)
    {
        var (y, h, _) = RunPadded(input, hx, null);
        return (y, h);
    }

    /// <summary>Runs the layers over a packed batch of variable-length sequences; each sequence's final state is taken at its own length.</summary>
    /// <param name="input">The packed input (data [sum of lengths, input_size]).</param>
    /// <param name="hx">The initial hidden state [num_layers·D, batch, hidden_size] in the caller's batch order, or null for zeros.</param>
    /// <returns>The packed output (data [sum of lengths, D·hidden_size]) and h_n [num_layers·D, batch, hidden_size] in the caller's order.</returns>
    /// <exception cref="ArgumentException">The data's width is not input_size, <paramref name="hx"/> has the wrong shape, or a dtype is not the parameters'.</exception>
    public (PackedSequence Output, Tensor State) Forward(PackedSequence input, Tensor? hx = null)
    {
        var (y, h, _) = RunPacked(input, hx, null);
        return (y, h);
    }
}
