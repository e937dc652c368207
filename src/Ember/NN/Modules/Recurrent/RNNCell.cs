namespace Ember.NN;

/// <summary>
/// The common part of <see cref="RNNCell"/>, <see cref="GRUCell"/> and <see cref="LSTMCell"/> (PyTorch's
/// <c>nn.RNNCellBase</c>): parameters <c>weight_ih</c> [G·hidden_size, input_size], <c>weight_hh</c>
/// [G·hidden_size, hidden_size], <c>bias_ih</c>, <c>bias_hh</c> [G·hidden_size] (G = 1, 3 or 4), all from
/// U(−1/√hidden_size, 1/√hidden_size).
/// </summary>
/// <typeparam name="TState">The state: h, or (h, c) for the LSTM cell.</typeparam>
public abstract class RNNCellBase<TState> : Module<Tensor, TState>
{
    private readonly Parameter _weightIh, _weightHh;
    private readonly Parameter? _biasIh, _biasHh;
    private protected readonly RecurrentMode Mode;
    private protected readonly string Op;

    private protected RNNCellBase(RecurrentMode mode, string op, int inputSize, int hiddenSize, bool bias, DType dtype, Generator? generator)
    {
        Mode = mode;
        Op = op;
        if (inputSize <= 0) throw new ArgumentException($"{op}: input_size must be positive, got {inputSize}", nameof(inputSize));
        if (hiddenSize <= 0) throw new ArgumentException($"{op}: hidden_size must be positive, got {hiddenSize}", nameof(hiddenSize));
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"{op}: dtype must be floating point, got {dtype.TorchName()}", nameof(dtype));
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        HasBias = bias;
        int g = RecurrentCore.Gates(mode) * hiddenSize;
        _weightIh = RegisterParameter("weight_ih", new Parameter(Torch.Empty(new Size(g, inputSize), dtype)));
        _weightHh = RegisterParameter("weight_hh", new Parameter(Torch.Empty(new Size(g, hiddenSize), dtype)));
        _biasIh = RegisterParameter("bias_ih", bias ? new Parameter(Torch.Empty(new Size(g), dtype)) : null);
        _biasHh = RegisterParameter("bias_hh", bias ? new Parameter(Torch.Empty(new Size(g), dtype)) : null);
        ResetParameters(generator);
    }

    /// <summary>The number of input features.</summary>
    public int InputSize { get; }

    /// <summary>The number of hidden features.</summary>
    public int HiddenSize { get; }

    /// <summary>Whether the cell has the biases b_ih and b_hh (PyTorch's <c>bias</c>).</summary>
    public bool HasBias { get; }

    /// <summary>The input-to-hidden weight [G·hidden_size, input_size] (registered as <c>weight_ih</c>).</summary>
    public Parameter WeightIh => _weightIh;

    /// <summary>The hidden-to-hidden weight [G·hidden_size, hidden_size] (registered as <c>weight_hh</c>).</summary>
    public Parameter WeightHh => _weightHh;

    /// <summary>The input-to-hidden bias [G·hidden_size] (<c>bias_ih</c>), or null.</summary>
    public Parameter? BiasIh => _biasIh;

    /// <summary>The hidden-to-hidden bias [G·hidden_size] (<c>bias_hh</c>), or null.</summary>
    public Parameter? BiasHh => _biasHh;

    /// <summary>Re-draws every parameter from U(−1/√hidden_size, 1/√hidden_size), as PyTorch's <c>reset_parameters</c>.</summary>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    public void ResetParameters(Generator? generator = null)
    {
        double stdv = 1.0 / Math.Sqrt(HiddenSize);
        foreach (var p in new[] { _weightIh, _weightHh, _biasIh, _biasHh })
            if (p is not null) Init.Uniform_(p, -stdv, stdv, generator);
    }

    /// <summary>One step: checks the shapes, adds a batch dimension to an unbatched input, and returns (h', c').</summary>
    private protected (Tensor H, Tensor? C) StepCore(Tensor input, Tensor? hx, Tensor? cx)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim != 1 && input.Dim != 2)
            throw new ArgumentException($"{Op}: expected input to be 1-D or 2-D but received {input.Dim}-D tensor {input.Shape}", nameof(input));
        if (input.ShapeArray[^1] != InputSize)
            throw new ArgumentException($"{Op}: input {input.Shape} has inconsistent input_size: got {input.ShapeArray[^1]}, expected {InputSize}", nameof(input));
        if (input.DType != _weightIh.DType)
            throw new ArgumentException($"{Op}: expected input of dtype {_weightIh.DType.TorchName()} (the parameters'), got {input.Describe()}", nameof(input));
        bool batched = input.Dim == 2;
        var x = batched ? input : input.Unsqueeze(0);
        int n = x.ShapeArray[0];
        var h = State(hx, Mode == RecurrentMode.Lstm ? "hx[0]" : "hx");
        var c = Mode == RecurrentMode.Lstm ? State(cx, "hx[1]") : null;
        var gx = F.Linear(x, _weightIh, _biasIh);
        var gh = F.Linear(h, _weightHh, _biasHh);
        var (hn, cn) = RecurrentCore.Step(Mode, gx, gh, h, c);
        return batched ? (hn, cn) : (hn.Squeeze(0), cn?.Squeeze(0));

        Tensor State(Tensor? s, string name)
        {
            int[] shape = batched ? [n, HiddenSize] : [HiddenSize];
            if (s is null) return Torch.Zeros(new Size(n, HiddenSize), _weightIh.DType);
            if (!s.ShapeArray.AsSpan().SequenceEqual(shape))
                throw new ArgumentException($"{Op}: expected {name} of shape {Size.Format(shape)} for input {input.Shape}, got {s.Shape}", name);
            if (s.DType != _weightIh.DType)
                throw new ArgumentException($"{Op}: expected {name} of dtype {_weightIh.DType.TorchName()} (the parameters'), got {s.Describe()}", name);
            return batched ? s : s.Unsqueeze(0);
        }
    }

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        var s = $"{InputSize}, {HiddenSize}";
        if (!HasBias) s += ", bias=False";
        if (Mode == RecurrentMode.RnnRelu) s += ", nonlinearity=relu";
        return s;
    }
}

/// <summary>
/// An Elman RNN cell (PyTorch's <c>nn.RNNCell</c>): h' = act(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh), act tanh or ReLU.
/// </summary>
/// <example>
/// <code>
/// var cell = new RNNCell(10, 20);
/// var h = cell.Forward(Torch.Randn(3, 10), null);   // [3, 20]
/// </code>
/// </example>
public sealed class RNNCell : RNNCellBase<Tensor>
{
    /// <summary>Creates the cell and initializes it like PyTorch.</summary>
    /// <param name="inputSize">The number of input features; positive.</param>
    /// <param name="hiddenSize">The number of hidden features; positive.</param>
    /// <param name="bias">Whether to learn b_ih and b_hh (default true).</param>
    /// <param name="nonlinearity"><c>"tanh"</c> (default) or <c>"relu"</c>.</param>
    /// <param name="dtype">The parameters' floating-point dtype (default float32).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A size is not positive, the nonlinearity is unknown, or the dtype is not floating point.</exception>
    public RNNCell(int inputSize, int hiddenSize, bool bias = true, string nonlinearity = "tanh", DType dtype = DType.Float32, Generator? generator = null)
        : base(RNN.ModeOf(nonlinearity), "rnn_cell", inputSize, hiddenSize, bias, dtype, generator)
    {
        Nonlinearity = nonlinearity;
    }

    /// <summary>The nonlinearity, <c>"tanh"</c> or <c>"relu"</c>.</summary>
    public string Nonlinearity { get; }

    /// <summary>One step from a zero hidden state.</summary>
    /// <param name="input">The input [batch, input_size] or unbatched [input_size].</param>
    /// <returns>The new hidden state [batch, hidden_size] ([hidden_size] unbatched).</returns>
    /// <exception cref="ArgumentException">The input is not 1-D or 2-D, or its width or dtype is wrong.</exception>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>One step.</summary>
    /// <param name="input">The input [batch, input_size] or unbatched [input_size].</param>
    /// <param name="hx">The hidden state [batch, hidden_size] ([hidden_size] unbatched), or null for zeros.</param>
    /// <returns>The new hidden state, shaped as <paramref name="hx"/>.</returns>
    /// <exception cref="ArgumentException">The input is not 1-D or 2-D, or a shape or dtype is wrong.</exception>
    public Tensor Forward(Tensor input, Tensor? hx) => StepCore(input, hx, null).H;
}

/// <summary>
/// A gated recurrent unit cell (PyTorch's <c>nn.GRUCell</c>), gates r, z, n:
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
/// </summary>
/// <example>
/// <code>
/// var cell = new GRUCell(10, 20);
/// var h = cell.Forward(Torch.Randn(3, 10), null);   // [3, 20]
/// </code>
/// </example>
public sealed class GRUCell : RNNCellBase<Tensor>
{
    /// <summary>Creates the cell and initializes it like PyTorch.</summary>
    /// <param name="inputSize">The number of input features; positive.</param>
    /// <param name="hiddenSize">The number of hidden features; positive.</param>
    /// <param name="bias">Whether to learn b_ih and b_hh (default true).</param>
    /// <param name="dtype">The parameters' floating-point dtype (default float32).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A size is not positive, or the dtype is not floating point.</exception>
    public GRUCell(int inputSize, int hiddenSize, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
        : base(RecurrentMode.Gru, "gru_cell", inputSize, hiddenSize, bias, dtype, generator)
    {
    }

    /// <summary>One step from a zero hidden state.</summary>
    /// <param name="input">The input [batch, input_size] or unbatched [input_size].</param>
    /// <returns>The new hidden state [batch, hidden_size] ([hidden_size] unbatched).</returns>
    /// <exception cref="ArgumentException">The input is not 1-D or 2-D, or its width or dtype is wrong.</exception>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>One step.</summary>
    /// <param name="input">The input [batch, input_size] or unbatched [input_size].</param>
    /// <param name="hx">The hidden state [batch, hidden_size] ([hidden_size] unbatched), or null for zeros.</param>
    /// <returns>The new hidden state, shaped as <paramref name="hx"/>.</returns>
    /// <exception cref="ArgumentException">The input is not 1-D or 2-D, or a shape or dtype is wrong.</exception>
    public Tensor Forward(Tensor input, Tensor? hx) => StepCore(input, hx, null).H;
}

/// <summary>
/// A long short-term memory cell (PyTorch's <c>nn.LSTMCell</c>), gates i, f, g, o: c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c').
/// </summary>
/// <example>
/// <code>
/// var cell = new LSTMCell(10, 20);
/// var (h, c) = cell.Forward(Torch.Randn(3, 10), null);   // [3, 20] each
/// </code>
/// </example>
public sealed class LSTMCell : RNNCellBase<(Tensor H, Tensor C)>
{
    /// <summary>Creates the cell and initializes it like PyTorch.</summary>
    /// <param name="inputSize">The number of input features; positive.</param>
    /// <param name="hiddenSize">The number of hidden features; positive.</param>
    /// <param name="bias">Whether to learn b_ih and b_hh (default true).</param>
    /// <param name="dtype">The parameters' floating-point dtype (default float32).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A size is not positive, or the dtype is not floating point.</exception>
    public LSTMCell(int inputSize, int hiddenSize, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
        : base(RecurrentMode.Lstm, "lstm_cell", inputSize, hiddenSize, bias, dtype, generator)
    {
    }

    /// <summary>One step from zero states.</summary>
    /// <param name="input">The input [batch, input_size] or unbatched [input_size].</param>
    /// <returns>The new states (h', c'), each [batch, hidden_size] ([hidden_size] unbatched).</returns>
    /// <exception cref="ArgumentException">The input is not 1-D or 2-D, or its width or dtype is wrong.</exception>
    public override (Tensor H, Tensor C) Forward(Tensor input) => Forward(input, null);

    /// <summary>One step.</summary>
    /// <param name="input">The input [batch, input_size] or unbatched [input_size].</param>
    /// <param name="hx">The states (h, c), each [batch, hidden_size] ([hidden_size] unbatched), or null for zeros.</param>
    /// <returns>The new states (h', c').</returns>
    /// <exception cref="ArgumentException">The input is not 1-D or 2-D, or a shape or dtype is wrong.</exception>
    /// <exception cref="ArgumentNullException">h or c is null.</exception>
    public (Tensor H, Tensor C) Forward(Tensor input, (Tensor H, Tensor C)? hx)
    {
        Tensor? h = null, c = null;
        if (hx is { } s)
        {
            h = s.H ?? throw new ArgumentNullException(nameof(hx), "lstm_cell: hx[0] is null");
            c = s.C ?? throw new ArgumentNullException(nameof(hx), "lstm_cell: hx[1] is null");
        }
        var (hn, cn) = StepCore(input, h, c);
        return (hn, cn!);
    }
}
