namespace Ember.NN;

/// <summary>
/// A fully connected layer, y = x·Wᵀ + b (PyTorch's <c>nn.Linear</c>). Weight [out_features, in_features],
/// bias [out_features]; both start as U(−1/√in_features, 1/√in_features) (PyTorch's default:
/// <c>kaiming_uniform_(a=√5)</c> for the weight).
/// </summary>
/// <example>
/// <code>
/// var fc = new Linear(784, 256);
/// var y = fc.Forward(Torch.Randn(64, 784));   // [64, 256]
/// Console.WriteLine(fc);                        // Linear(in_features=784, out_features=256, bias=True)
/// </code>
/// </example>
public sealed class Linear : Module<Tensor, Tensor>
{
    private Parameter _weight;
    private Parameter? _bias;

    /// <summary>Creates the layer and initializes it like PyTorch (see <see cref="ResetParameters"/>).</summary>
    /// <param name="inFeatures">The size of each input sample (the input's last dimension); positive.</param>
    /// <param name="outFeatures">The size of each output sample; positive.</param>
    /// <param name="bias">Whether to learn an additive bias (default true).</param>
    /// <param name="dtype">The parameters' floating-point dtype (default float32).</param>
    /// <param name="generator">The generator for the initial values (default: <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A size is not positive, or <paramref name="dtype"/> is not floating point.</exception>
    public Linear(int inFeatures, int outFeatures, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (inFeatures <= 0) throw new ArgumentException($"Linear: in_features must be positive, got {inFeatures}", nameof(inFeatures));
        if (outFeatures <= 0) throw new ArgumentException($"Linear: out_features must be positive, got {outFeatures}", nameof(outFeatures));
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"Linear: dtype must be floating point, got {dtype.TorchName()}", nameof(dtype));
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        _weight = RegisterParameter("weight", new Parameter(Torch.Empty(new Size(outFeatures, inFeatures), dtype)));
        _bias = RegisterParameter("bias", bias ? new Parameter(Torch.Empty(new Size(outFeatures), dtype)) : null);
        ResetParameters(generator);
    }

    /// <summary>The size of each input sample.</summary>
    public int InFeatures { get; }

    /// <summary>The size of each output sample.</summary>
    public int OutFeatures { get; }

    /// <summary>
    /// The weight [out_features, in_features] (registered as <c>weight</c>). Setting it registers the new parameter
    /// in place of the old one (e.g. to tie weights between layers).
    /// </summary>
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

    /// <summary>
    /// Re-draws the parameters as PyTorch's <c>reset_parameters</c>: weight by <see cref="Init.KaimingUniform_"/> with
    /// a = √5, i.e. U(−1/√in_features, 1/√in_features), and the bias from the same range.
    /// </summary>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    public void ResetParameters(Generator? generator = null)
    {
        Init.KaimingUniform_(_weight, a: Math.Sqrt(5), generator: generator);
        if (_bias is not null)
        {
            int fanIn = Init.CalculateFanInAndFanOut(_weight).FanIn;
            double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            Init.Uniform_(_bias, -bound, bound, generator);
        }
    }

    /// <summary>Applies the layer (see <see cref="F.Linear"/>).</summary>
    /// <param name="input">The input [*, in_features].</param>
    /// <returns>The output [*, out_features].</returns>
    /// <exception cref="ArgumentException">The input's last dimension is not in_features, or its dtype is not the parameters'.</exception>
    public override Tensor Forward(Tensor input) => F.Linear(input, _weight, _bias);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"in_features={InFeatures}, out_features={OutFeatures}, bias={Py(_bias is not null)}";
}
