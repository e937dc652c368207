using Ember.NN.Utils;

namespace Ember.NN;

/// <summary>
/// The common part of <see cref="RNN"/>, <see cref="GRU"/> and <see cref="LSTM"/> (PyTorch's <c>nn.RNNBase</c>): the
/// configuration, the parameters <c>weight_ih_l{k}</c>, <c>weight_hh_l{k}</c>, <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c>
/// (and <c>weight_hr_l{k}</c> for an LSTM with a projection), with the suffix <c>_reverse</c> for the backward direction,
/// registered in PyTorch's order, and the driver that runs the layers over a padded or packed sequence.
/// </summary>
/// <remarks>
/// float32 and float64 layers without a projection run fused: the input projections of all steps in one GEMM, one
/// GEMM per step with W_hh packed once, the gate math in place, and one autograd node per layer and direction whose
/// backward runs the recurrence backwards (double backward through it, <c>createGraph</c>, is not supported and raises
/// <see cref="NotSupportedException"/> during the backward pass). LSTM projections and float16/bfloat16 layers are
/// composed from differentiable ops (float16/bfloat16 rounded after every op). A <see cref="PackedSequence"/> input
/// computes each step only for the sequences still running.
/// </remarks>
/// <typeparam name="TState">The final state: a tensor h_n, or the pair (h_n, c_n) for the LSTM.</typeparam>
public abstract class RNNBase<TState> : Module<Tensor, (Tensor Output, TState State)>
{
    private readonly Parameter?[] _params; // per layer and direction: w_ih, w_hh, b_ih, b_hh, w_hr
    private readonly string[] _paramNames;
    private protected readonly RecurrentMode Mode;
    private protected readonly string Op;

    private protected RNNBase(RecurrentMode mode, string op, int inputSize, int hiddenSize, int numLayers, bool bias,
        bool batchFirst, double dropout, bool bidirectional, int projSize, DType dtype, Generator? generator)
    {
        Mode = mode;
        Op = op;
        if (inputSize <= 0) throw new ArgumentException($"{op}: input_size must be positive, got {inputSize}", nameof(inputSize));
        if (hiddenSize <= 0) throw new ArgumentException($"{op}: hidden_size must be positive, got {hiddenSize}", nameof(hiddenSize));
        if (numLayers <= 0) throw new ArgumentException($"{op}: num_layers must be positive, got {numLayers}", nameof(numLayers));
        if (!(dropout >= 0 && dropout <= 1))
            throw new ArgumentException($"{op}: dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got {dropout}", nameof(dropout));
        if (projSize < 0) throw new ArgumentException($"{op}: proj_size should be a positive integer or zero to disable projections, got {projSize}", nameof(projSize));
        if (projSize >= hiddenSize) throw new ArgumentException($"{op}: proj_size has to be smaller than hidden_size, got proj_size={projSize} and hidden_size={hiddenSize}", nameof(projSize));
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"{op}: dtype must be floating point, got {dtype.TorchName()}", nameof(dtype));
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        HasBias = bias;
        BatchFirst = batchFirst;
        Dropout = dropout;
        Bidirectional = bidirectional;
        ProjSize = projSize;
        Generator = generator;
        int gates = RecurrentCore.Gates(mode) * hiddenSize;
        int realHidden = projSize > 0 ? projSize : hiddenSize;
        int dirs = bidirectional ? 2 : 1;
        _params = new Parameter?[numLayers * dirs * 5];
        _paramNames = new string[_params.Length];
        for (int l = 0; l < numLayers; l++)
        {
            int layerInput = l == 0 ? inputSize : realHidden * dirs;
            for (int d = 0; d < dirs; d++)
            {
                string suffix = $"_l{l}" + (d == 1 ? "_reverse" : "");
                int k = (l * dirs + d) * 5;
                Add(k, "weight_ih" + suffix, new Size(gates, layerInput));
                Add(k + 1, "weight_hh" + suffix, new Size(gates, realHidden));
                if (bias)
                {
                    Add(k + 2, "bias_ih" + suffix, new Size(gates));
                    Add(k + 3, "bias_hh" + suffix, new Size(gates));
                }
                if (projSize > 0) Add(k + 4, "weight_hr" + suffix, new Size(projSize, hiddenSize));
            }
        }
        ResetParameters(generator);

        void Add(int k, string name, Size shape)
        {
            _paramNames[k] = name;
            _params[k] = RegisterParameter(name, new Parameter(Torch.Empty(shape, dtype)));
        }
    }

    /// <summary>The number of features of the input x.</summary>
    public int InputSize { get; }

    /// <summary>The number of features of the hidden state h (of the cell state c for an LSTM with a projection).</summary>
    public int HiddenSize { get; }

    /// <summary>The number of stacked recurrent layers.</summary>
    public int NumLayers { get; }

    /// <summary>Whether the layers have the biases b_ih and b_hh (PyTorch's <c>bias</c>).</summary>
    public bool HasBias { get; }

    /// <summary>Whether input and output are [batch, seq, feature] instead of [seq, batch, feature].</summary>
    public bool BatchFirst { get; }

    /// <summary>The probability of the dropout applied to the outputs of every layer but the last, in training mode.</summary>
    public double Dropout { get; }

    /// <summary>Whether the layers run in both directions.</summary>
    public bool Bidirectional { get; }

    /// <summary>The size of the LSTM's projection of h (0: none).</summary>
    public int ProjSize { get; }

    /// <summary>The generator of the dropout between layers (null: <see cref="Ember.Generator.Default"/>).</summary>
    public Generator? Generator { get; set; }

    /// <summary>
    /// The parameters by layer and direction, each list in PyTorch's order (w_ih, w_hh[, b_ih, b_hh][, w_hr]),
    /// as PyTorch's <c>all_weights</c>.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Parameter>> AllWeights
    {
        get
        {
            var result = new List<IReadOnlyList<Parameter>>();
            for (int k = 0; k < _params.Length; k += 5)
                result.Add(_params.Skip(k).Take(5).Where(p => p is not null).Select(p => p!).ToList());
            return result;
        }
    }

    /// <summary>
    /// Re-draws every parameter from U(−1/√hidden_size, 1/√hidden_size), as PyTorch's <c>reset_parameters</c>.
    /// </summary>
    /// <param name="generator">The generator (default: <see cref="Ember.Generator.Default"/>).</param>
    public void ResetParameters(Generator? generator = null)
    {
        double stdv = 1.0 / Math.Sqrt(HiddenSize);
        foreach (var p in _params)
            if (p is not null) Init.Uniform_(p, -stdv, stdv, generator);
    }

    private int Directions => Bidirectional ? 2 : 1;

    private int OutHidden => ProjSize > 0 ? ProjSize : HiddenSize;

    private RecurrentWeights[] Weights()
    {
        var w = new RecurrentWeights[_params.Length / 5];
        for (int k = 0; k < w.Length; k++)
            w[k] = new RecurrentWeights(_params[5 * k]!, _params[5 * k + 1]!, _params[5 * k + 2], _params[5 * k + 3], _params[5 * k + 4]);
        return w;
    }

    private DType ParamDType => _params[0]!.DType;

    /// <summary>Runs the layers over a padded (or unbatched) input; checks shapes and dtypes.</summary>
    private protected (Tensor Output, Tensor HN, Tensor? CN) RunPadded(Tensor input, Tensor? h0, Tensor? c0)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim != 2 && input.Dim != 3)
            throw new ArgumentException($"{Op}: expected input to be 2-D or 3-D but received {input.Dim}-D tensor {input.Shape}", nameof(input));
        CheckInput(input);
        bool batched = input.Dim == 3;
        Tensor x = batched ? (BatchFirst ? input.Transpose(0, 1) : input) : input.Unsqueeze(1);
        int steps = x.ShapeArray[0], n = x.ShapeArray[1];
        if (steps == 0)
            throw new ArgumentException($"{Op}: expected sequence length to be larger than 0, got input {input.Shape}", nameof(input));
        var (hx, cx) = InitialStates(h0, c0, n, batched, input.Shape.ToString());
        var batchSizes = new int[steps];
        Array.Fill(batchSizes, n);
        var flat = x.Contiguous().View(steps * n, InputSize);
        var (y, hn, cn) = RecurrentCore.Run(Mode, flat, batchSizes, hx, cx, Weights(), NumLayers, Directions, Dropout, Training, Generator);
        var output = y.View(steps, n, Directions * OutHidden);
        if (!batched) return (output.Squeeze(1), hn.Squeeze(1), cn?.Squeeze(1));
        return (BatchFirst ? output.Transpose(0, 1) : output, hn, cn);
    }

    /// <summary>Runs the layers over a packed batch; checks shapes and dtypes.</summary>
    private protected (PackedSequence Output, Tensor HN, Tensor? CN) RunPacked(PackedSequence input, Tensor? h0, Tensor? c0)
    {
        ArgumentNullException.ThrowIfNull(input);
        var data = input.Data;
        if (data.Dim != 2)
            throw new ArgumentException($"{Op}: expected the packed data to be 2-D [sum of lengths, input_size={InputSize}], got {data.Shape}", nameof(input));
        CheckInput(data);
        var batchSizes = input.BatchSizesArray;
        int n = batchSizes.Length == 0 ? 0 : batchSizes[0];
        Tensor? sorted = input.SortedIndices, unsorted = input.UnsortedIndices;
        if (h0 is not null && sorted is not null) h0 = h0.Dim == 3 ? h0.IndexSelect(1, sorted) : h0;
        if (c0 is not null && sorted is not null) c0 = c0.Dim == 3 ? c0.IndexSelect(1, sorted) : c0;
        var (hx, cx) = InitialStates(h0, c0, n, true, $"packed {data.Shape}");
        var (y, hn, cn) = RecurrentCore.Run(Mode, data.Contiguous(), batchSizes, hx, cx, Weights(), NumLayers, Directions, Dropout, Training, Generator);
        if (unsorted is not null)
        {
            hn = hn.IndexSelect(1, unsorted);
            cn = cn?.IndexSelect(1, unsorted);
        }
        return (new PackedSequence(y, input.BatchSizes, sorted, unsorted), hn, cn);
    }

    private void CheckInput(Tensor input)
    {
        if (input.ShapeArray[^1] != InputSize)
            throw new ArgumentException(
                $"{Op}: input {input.Shape} has {input.ShapeArray[^1]} features in its last dimension, expected input_size={InputSize}", nameof(input));
        if (input.DType != ParamDType)
            throw new ArgumentException($"{Op}: expected input of dtype {ParamDType.TorchName()} (the parameters'), got {input.Describe()}", nameof(input));
    }

    private (Tensor H, Tensor? C) InitialStates(Tensor? h0, Tensor? c0, int n, bool batched, string inputText)
    {
        int ld = NumLayers * Directions;
        int[] hShape = batched ? [ld, n, OutHidden] : [ld, OutHidden];
        int[] cShape = batched ? [ld, n, HiddenSize] : [ld, HiddenSize];
        Tensor h = Check(h0, hShape, Mode == RecurrentMode.Lstm ? "h0" : "hx");
        Tensor? c = Mode == RecurrentMode.Lstm ? Check(c0, cShape, "c0") : null;
        return batched ? (h, c) : (h.Unsqueeze(1), c?.Unsqueeze(1));

        Tensor Check(Tensor? s, int[] shape, string name)
        {
            if (s is null) return Torch.Zeros(new Size(shape), ParamDType);
            if (!s.ShapeArray.AsSpan().SequenceEqual(shape))
                throw new ArgumentException($"{Op}: expected {name} of shape {Ember.Size.Format(shape)} for input {inputText}, got {s.Shape}", name);
            if (s.DType != ParamDType)
                throw new ArgumentException($"{Op}: expected {name} of dtype {ParamDType.TorchName()} (the parameters'), got {s.Describe()}", name);
            return s;
        }
    }

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        var s = $"{InputSize}, {HiddenSize}";
        if (ProjSize != 0) s += $", proj_size={ProjSize}";
        if (NumLayers != 1) s += $", num_layers={NumLayers}";
        if (!HasBias) s += ", bias=False";
        if (BatchFirst) s += ", batch_first=True";
        if (Dropout != 0) s += $", dropout={PyRepr.Float(Dropout)}";
        if (Bidirectional) s += ", bidirectional=True";
        return s;
    }
}
