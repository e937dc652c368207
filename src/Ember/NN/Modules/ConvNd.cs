namespace Ember.NN;

/// <summary>
/// The common part of the convolution layers (PyTorch's <c>_ConvNd</c>): channels, kernel size, stride, padding,
/// dilation, groups, bias and padding mode; the parameters <c>weight</c> and <c>bias</c>, PyTorch's initialization and
/// PyTorch's printed form. Use <see cref="Conv1d"/>, <see cref="Conv2d"/>, <see cref="ConvTranspose1d"/> or
/// <see cref="ConvTranspose2d"/>.
/// </summary>
public abstract class ConvNd : Module<Tensor, Tensor>
{
    private Parameter _weight;
    private Parameter? _bias;
    private readonly int[] _padding;
    private readonly int[] _reversedPaddingTwice;

    private protected ConvNd(string name, int dims, bool transposed, int inChannels, int outChannels, IntTuple kernelSize, IntTuple stride,
        ConvPadding padding, IntTuple dilation, IntTuple outputPadding, int groups, bool bias, string paddingMode, DType dtype, Generator? generator)
    {
        ArgumentNullException.ThrowIfNull(paddingMode);
        if (groups <= 0) throw new ArgumentException($"{name}: groups must be a positive integer, got {groups}", nameof(groups));
        if (inChannels < 0 || outChannels < 0)
            throw new ArgumentException($"{name}: in_channels and out_channels must be non-negative, got {inChannels} and {outChannels}", nameof(inChannels));
        if (inChannels % groups != 0) throw new ArgumentException($"{name}: in_channels must be divisible by groups (in_channels={inChannels}, groups={groups})", nameof(groups));
        if (outChannels % groups != 0) throw new ArgumentException($"{name}: out_channels must be divisible by groups (out_channels={outChannels}, groups={groups})", nameof(groups));
        if (kernelSize.IsDefault) throw new ArgumentException($"{name}: kernel_size must be given", nameof(kernelSize));
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"{name}: dtype must be floating point, got {dtype.TorchName()}", nameof(dtype));
        KernelSize = Array.AsReadOnly(Checked(kernelSize.Expand(dims, 1, name, "kernel_size"), name, "kernel_size", 1));
        Stride = Array.AsReadOnly(Checked(stride.Expand(dims, 1, name, "stride"), name, "stride", 1));
        Dilation = Array.AsReadOnly(Checked(dilation.Expand(dims, 1, name, "dilation"), name, "dilation", 1));
        OutputPadding = Array.AsReadOnly(Checked(outputPadding.Expand(dims, 0, name, "output_padding"), name, "output_padding", 0));
        if (paddingMode is not ("zeros" or "reflect" or "replicate" or "circular"))
            throw new ArgumentException($"{name}: padding_mode must be one of {{'zeros', 'circular', 'replicate', 'reflect'}}, but got padding_mode='{paddingMode}'", nameof(paddingMode));
        if (transposed && paddingMode != "zeros")
            throw new ArgumentException($"{name}: Only \"zeros\" padding mode is supported for {name}", nameof(paddingMode));
        PaddingMode = paddingMode;
        PaddingString = padding.Mode;
        if (padding.Mode is not null)
        {
            if (padding.Mode is not ("same" or "valid"))
                throw new ArgumentException($"{name}: Invalid padding string '{padding.Mode}', should be one of {{'same', 'valid'}}", nameof(padding));
            if (transposed) throw new ArgumentException($"{name}: padding must be an int or a tuple of ints, got '{padding.Mode}'", nameof(padding));
            if (padding.Mode == "same" && Stride.Any(s => s != 1))
                throw new ArgumentException($"{name}: padding='same' is not supported for strided convolutions", nameof(padding));
            _padding = new int[dims];
            _reversedPaddingTwice = new int[2 * dims];
            if (padding.Mode == "same")
                for (int d = 0; d < dims; d++)
                {
                    long total = (long)Dilation[d] * (KernelSize[d] - 1);
                    if (total > int.MaxValue) throw new ArgumentException($"{name}: the 'same' padding of kernel {PyRepr.Tuple(KernelSize)} with dilation {PyRepr.Tuple(Dilation)} is too large", nameof(dilation));
                    int left = (int)(total / 2);
                    _reversedPaddingTwice[2 * (dims - 1 - d)] = left;
                    _reversedPaddingTwice[2 * (dims - 1 - d) + 1] = (int)total - left;
                }
        }
        else
        {
            _padding = Checked(padding.Sizes.Expand(dims, 0, name, "padding"), name, "padding", 0);
            _reversedPaddingTwice = new int[2 * dims];
            for (int d = 0; d < dims; d++)
                _reversedPaddingTwice[2 * (dims - 1 - d)] = _reversedPaddingTwice[2 * (dims - 1 - d) + 1] = _padding[d];
        }
        InChannels = inChannels;
        OutChannels = outChannels;
        Groups = groups;
        Transposed = transposed;
        int[] shape = transposed ? [inChannels, outChannels / groups, .. KernelSize] : [outChannels, inChannels / groups, .. KernelSize];
        _weight = RegisterParameter("weight", new Parameter(Torch.Empty(new Size(shape), dtype)));
        _bias = RegisterParameter("bias", bias ? new Parameter(Torch.Empty(new Size(outChannels), dtype)) : null);
        ResetParameters(generator);
    }

    private static int[] Checked(int[] v, string name, string what, int min)
    {
        if (v.Any(x => x < min))
            throw new ArgumentException($"{name}: {what} must be {(min == 0 ? "non-negative" : "positive")}, got {PyRepr.Tuple(v)}", what);
        return v;
    }

    /// <summary>The number of input channels.</summary>
    public int InChannels { get; }

    /// <summary>The number of output channels.</summary>
    public int OutChannels { get; }

    /// <summary>The kernel size per spatial dimension.</summary>
    public IReadOnlyList<int> KernelSize { get; }

    /// <summary>The stride per spatial dimension.</summary>
    public IReadOnlyList<int> Stride { get; }

    /// <summary>The padding per spatial dimension (zeros for <c>"valid"</c> and <c>"same"</c>; see <see cref="PaddingString"/>).</summary>
    public IReadOnlyList<int> Padding => Array.AsReadOnly(_padding);

    /// <summary><c>"same"</c> or <c>"valid"</c> when the padding was given as a string, else null.</summary>
    public string? PaddingString { get; }

    /// <summary>The dilation per spatial dimension.</summary>
    public IReadOnlyList<int> Dilation { get; }

    /// <summary>The output padding per spatial dimension (transposed convolutions; zeros otherwise).</summary>
    public IReadOnlyList<int> OutputPadding { get; }

    /// <summary>The number of groups.</summary>
    public int Groups { get; }

    /// <summary>"zeros", "reflect", "replicate" or "circular".</summary>
    public string PaddingMode { get; }

    /// <summary>Whether this is a transposed convolution.</summary>
    public bool Transposed { get; }

    /// <summary>
    /// The weight (registered as <c>weight</c>): [out_channels, in_channels/groups, *kernel_size], or
    /// [in_channels, out_channels/groups, *kernel_size] for a transposed convolution. Setting it registers the new parameter.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public Parameter Weight
    {
        get => _weight;
        set => _weight = RegisterParameter("weight", value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The bias [out_channels] (registered as <c>bias</c>), or null when the layer has none.</summary>
    public Parameter? Bias
    {
        get => _bias;
        set => _bias = RegisterParameter("bias", value);
    }

    /// <summary>
    /// Re-draws the parameters as PyTorch's <c>reset_parameters</c>: the weight by <see cref="Init.KaimingUniform_"/> with
    /// a = √5, i.e. U(−1/√fan_in, 1/√fan_in) with fan_in = weight.size(1)·∏kernel_size, and the bias from the same range.
    /// </summary>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    public void ResetParameters(Generator? generator = null)
    {
        Init.KaimingUniform_(_weight, a: Math.Sqrt(5), generator: generator);
        if (_bias is not null)
        {
            int fanIn = Init.CalculateFanInAndFanOut(_weight).FanIn;
            if (fanIn != 0)
            {
                double bound = 1 / Math.Sqrt(fanIn);
                Init.Uniform_(_bias, -bound, bound, generator);
            }
        }
    }

    /// <summary>The input padded by the padding mode (reflect/replicate/circular); the convolution then pads nothing.</summary>
    private protected Tensor PadInput(Tensor input) => F.Pad(input, _reversedPaddingTwice, PaddingMode);

    /// <summary>The padding the functional convolution receives.</summary>
    private protected ConvPadding FunctionalPadding =>
        PaddingMode != "zeros" ? 0 : PaddingString is not null ? PaddingString : (int[])_padding.Clone();

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        var s = $"{InChannels}, {OutChannels}, kernel_size={PyRepr.Tuple(KernelSize)}, stride={PyRepr.Tuple(Stride)}";
        if (PaddingString is not null) s += $", padding={PaddingString}";
        else if (_padding.Any(p => p != 0)) s += $", padding={PyRepr.Tuple(_padding)}";
        if (Dilation.Any(d => d != 1)) s += $", dilation={PyRepr.Tuple(Dilation)}";
        if (OutputPadding.Any(p => p != 0)) s += $", output_padding={PyRepr.Tuple(OutputPadding)}";
        if (Groups != 1) s += $", groups={Groups}";
        if (_bias is null) s += ", bias=False";
        if (PaddingMode != "zeros") s += $", padding_mode={PaddingMode}";
        return s;
    }

    /// <summary>
    /// The output padding that makes a transposed convolution produce <paramref name="outputSize"/> (PyTorch's
    /// <c>_output_padding</c>): each size must lie in [min, min + stride − 1].
    /// </summary>
    private protected int[] OutputPaddingFor(Tensor input, int[] outputSize, string name)
    {
        int dims = KernelSize.Count;
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputSize);
        if (input.Dim < dims) throw new ArgumentException($"{name}: input {input.Shape} has fewer than {dims} dimensions", nameof(input));
        int[] size = outputSize.Length == dims + 2 ? outputSize[2..] : outputSize.Length == dims + 1 ? outputSize[1..] : outputSize;
        if (size.Length != dims)
            throw new ArgumentException($"{name}: output_size must have {dims} or {dims + 2} elements (got {outputSize.Length})", nameof(outputSize));
        var min = new long[dims];
        var max = new long[dims];
        var result = new int[dims];
        for (int d = 0; d < dims; d++)
        {
            int inSize = input.ShapeArray[input.Dim - dims + d];
            min[d] = (long)(inSize - 1) * Stride[d] - 2L * _padding[d] + (long)Dilation[d] * (KernelSize[d] - 1) + 1;
            max[d] = min[d] + Stride[d] - 1;
        }
        for (int d = 0; d < dims; d++)
        {
            if (size[d] < min[d] || size[d] > max[d])
                throw new ArgumentException(
                    $"{name}: requested an output size of {PyRepr.Tuple(size)}, but valid sizes range from [{string.Join(", ", min)}] to " +
                    $"[{string.Join(", ", max)}] (for an input of {input.Shape})", nameof(outputSize));
            result[d] = (int)(size[d] - min[d]);
        }
        return result;
    }
}
