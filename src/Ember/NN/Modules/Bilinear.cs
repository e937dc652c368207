namespace Ember.NN;

/// <summary>
/// A bilinear layer, y = x1ᵀ·A·x2 + b (PyTorch's <c>nn.Bilinear</c>): y[…, k] = Σᵢⱼ x1[…, i]·A[k, i, j]·x2[…, j] + b[k].
/// Weight [out_features, in1_features, in2_features], bias [out_features], both initialized
/// U(−1/√in1_features, 1/√in1_features) as PyTorch.
/// </summary>
public sealed class Bilinear : Module<(Tensor Input1, Tensor Input2), Tensor>
{
    private Parameter _weight;
    private Parameter? _bias;

    /// <summary>Creates the layer and initializes it like PyTorch (see <see cref="ResetParameters"/>).</summary>
    /// <param name="in1Features">The size of each first input sample; positive.</param>
    /// <param name="in2Features">The size of each second input sample; positive.</param>
    /// <param name="outFeatures">The size of each output sample; positive.</param>
    /// <param name="bias">Whether to learn an additive bias (default true).</param>
    /// <param name="dtype">The parameters' floating-point dtype (default float32).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A size is not positive, or <paramref name="dtype"/> is not floating point.</exception>
    public Bilinear(int in1Features, int in2Features, int outFeatures, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (in1Features <= 0) throw new ArgumentException($"Bilinear: in1_features must be positive, got {in1Features}", nameof(in1Features));
        if (in2Features <= 0) throw new ArgumentException($"Bilinear: in2_features must be positive, got {in2Features}", nameof(in2Features));
        if (outFeatures <= 0) throw new ArgumentException($"Bilinear: out_features must be positive, got {outFeatures}", nameof(outFeatures));
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"Bilinear: dtype must be floating point, got {dtype.TorchName()}", nameof(dtype));
        In1Features = in1Features;
        In2Features = in2Features;
        OutFeatures = outFeatures;
        _weight = RegisterParameter("weight", new Parameter(Torch.Empty(new Size(outFeatures, in1Features, in2Features), dtype)));
        _bias = RegisterParameter("bias", bias ? new Parameter(Torch.Empty(new Size(outFeatures), dtype)) : null);
        ResetParameters(generator);
    }

    /// <summary>The size of each first input sample.</summary>
    public int In1Features { get; }

    /// <summary>The size of each second input sample.</summary>
    public int In2Features { get; }

    /// <summary>The size of each output sample.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight A [out_features, in1_features, in2_features] (registered as <c>weight</c>). Setting it registers the new parameter.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public Parameter Weight
    {
        get => _weight;
        set => _weight = RegisterParameter("weight", value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The bias [out_features] (registered as <c>bias</c>), or null when the layer has none. Setting it registers the new parameter.</summary>
    public Parameter? Bias
    {
        get => _bias;
        set => _bias = RegisterParameter("bias", value);
    }

    /// <summary>Re-draws the weight and bias from U(−1/√in1_features, 1/√in1_features) (PyTorch's <c>reset_parameters</c>).</summary>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    public void ResetParameters(Generator? generator = null)
    {
        double bound = 1 / Math.Sqrt(_weight.Size(1));
        Init.Uniform_(_weight, -bound, bound, generator);
        if (_bias is not null) Init.Uniform_(_bias, -bound, bound, generator);
    }

    /// <summary>Applies the layer (see <see cref="F.Bilinear"/>).</summary>
    /// <param name="input1">The first input [*, in1_features].</param>
    /// <param name="input2">The second input [*, in2_features], same leading dimensions.</param>
    /// <returns>The output [*, out_features].</returns>
    /// <exception cref="ArgumentException">The shapes or dtypes do not match the layer's.</exception>
    public Tensor Forward(Tensor input1, Tensor input2) => F.Bilinear(input1, input2, _weight, _bias);

    /// <summary>Applies the layer to a pair of inputs (see <see cref="Forward(Tensor, Tensor)"/>).</summary>
    /// <param name="input">The inputs [*, in1_features] and [*, in2_features].</param>
    /// <returns>The output [*, out_features].</returns>
    /// <exception cref="ArgumentException">The shapes or dtypes do not match the layer's.</exception>
    public override Tensor Forward((Tensor Input1, Tensor Input2) input) => F.Bilinear(input.Input1, input.Input2, _weight, _bias);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"in1_features={In1Features}, in2_features={In2Features}, out_features={OutFeatures}, bias={Py(_bias is not null)}";
}
