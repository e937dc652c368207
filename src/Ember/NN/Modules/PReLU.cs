namespace Ember.NN;

/// <summary>
/// The parametric ReLU (PyTorch's <c>nn.PReLU</c>): x where x &gt; 0, else a·x, with a learned slope
/// <see cref="Weight"/> of shape [numParameters]: one shared slope, or one per channel (dimension 1 of the input).
/// Input: any shape, [N, C, …] with C = numParameters when numParameters &gt; 1.
/// </summary>
public sealed class PReLU : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer with every slope set to <paramref name="init"/>.</summary>
    /// <param name="numParameters">The number of slopes: 1 (default) or the number of input channels.</param>
    /// <param name="init">The initial slope (default 0.25).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numParameters"/> is less than 1.</exception>
    public PReLU(int numParameters = 1, double init = 0.25)
    {
        if (numParameters < 1)
            throw new ArgumentOutOfRangeException(nameof(numParameters), numParameters, "PReLU: num_parameters must be at least 1");
        NumParameters = numParameters;
        Weight = RegisterParameter("weight", new Parameter(Torch.Full(new[] { numParameters }, init)));
    }

    /// <summary>The number of slopes.</summary>
    public int NumParameters { get; }

    /// <summary>The learned slopes, shape [numParameters] (PyTorch's <c>weight</c>).</summary>
    public Parameter Weight { get; }

    /// <summary>Applies <see cref="F.Prelu"/> with <see cref="Weight"/>.</summary>
    /// <param name="input">A floating-point tensor of the weight's dtype.</param>
    public override Tensor Forward(Tensor input) => F.Prelu(input, Weight);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"num_parameters={NumParameters}";
}
