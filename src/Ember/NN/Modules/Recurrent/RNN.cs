using Ember.NN.Utils;

namespace Ember.NN;

/// <summary>
/// A multi-layer Elman RNN (PyTorch's <c>nn.RNN</c>): h_t = act(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh) with act tanh or
/// ReLU. Parameters <c>weight_ih_l{k}</c> [hidden_size, input_size (layer 0) or D·hidden_size],
/// <c>weight_hh_l{k}</c> [hidden_size, hidden_size], <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c> [hidden_size] (suffix
/// <c>_reverse</c> for the backward direction), all from U(−1/√hidden_size, 1/√hidden_size).
/// </summary>
/// <example>
/// <code>
/// var rnn = new RNN(10, 20, numLayers: 2);
/// var (output, hn) = rnn.Forward(Torch.Randn(5, 3, 10));   // output [5, 3, 20], hn [2, 3, 20]
/// </code>
/// </example>
public sealed class RNN : RNNBase<Tensor>
{
    /// <summary>Creates the layers and initializes them like PyTorch.</summary>
    /// <param name="inputSize">The number of input features; positive.</param>
    /// <param name="hiddenSize">The number of hidden features; positive.</param>
    /// <param name="numLayers">The number of stacked layers (default 1).</param>
    /// <param name="nonlinearity"><c>"tanh"</c> (default) or <c>"relu"</c>.</param>
    /// <param name="bias">Whether to learn b_ih and b_hh (default true).</param>
    /// <param name="batchFirst">Whether input and output are [batch, seq, feature] (default false: [seq, batch, feature]).</param>
    /// <param name="dropout">The dropout probability on the outputs of every layer but the last, in training (default 0).</param>
    /// <param name="bidirectional">Whether to run both directions (default false).</param>
    /// <param name="dtype">The parameters' floating-point dtype (default float32).</param>
    /// <param name="generator">The generator for the initial values and the dropout (default: <see cref="Ember.Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A size is not positive, the dropout is outside [0, 1], the nonlinearity is
    /// unknown, or the dtype is not floating point.</exception>
    public RNN(int inputSize, int hiddenSize, int numLayers = 1, string nonlinearity = "tanh", bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, DType dtype = DType.Float32, Generator? generator = null)
        : base(ModeOf(nonlinearity), "rnn", inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, 0, dtype, generator)
    {
        Nonlinearity = nonlinearity;
    }

    /// <summary>The nonlinearity, <c>"tanh"</c> or <c>"relu"</c>.</summary>
    public string Nonlinearity { get; }

    internal static RecurrentMode ModeOf(string nonlinearity) => nonlinearity switch
    {
        "tanh" => RecurrentMode.RnnTanh,
        "relu" => RecurrentMode.RnnRelu,
        null => throw new ArgumentNullException(nameof(nonlinearity)),
        _ => throw new ArgumentException($"rnn: unknown nonlinearity '{nonlinearity}', expected 'tanh' or 'relu'", nameof(nonlinearity)),
    };

    /// <summary>Runs the layers from zero initial states.</summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] with batchFirst), or unbatched [seq, input_size].</param>
    /// <returns>The output [seq, batch, D·hidden_size] (batch first with batchFirst; [seq, D·hidden_size] unbatched) and the
    /// final hidden state h_n [num_layers·D, batch, hidden_size] ([num_layers·D, hidden_size] unbatched).</returns>
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
