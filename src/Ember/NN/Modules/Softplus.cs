namespace Ember.NN;

/// <summary>
/// Applies log(1 + e^(β·x))/β elementwise, reverting to x where β·x &gt; threshold (PyTorch's <c>nn.Softplus</c>).
/// Input and output: any shape.
/// </summary>
/// <param name="beta">β (default 1).</param>
/// <param name="threshold">Above β·x &gt; threshold the result is x (default 20).</param>
public sealed class Softplus(double beta = 1, double threshold = 20) : Module<Tensor, Tensor>
{
    /// <summary>β.</summary>
    public double Beta { get; } = beta;

    /// <summary>The threshold above which the layer is linear.</summary>
    public double Threshold { get; } = threshold;

    /// <summary>Applies <see cref="F.Softplus"/>.</summary>
    /// <param name="input">A floating-point tensor.</param>
    public override Tensor Forward(Tensor input) => F.Softplus(input, Beta, Threshold);

    /// <inheritdoc/>
    /// <remarks>PyTorch's defaults are ints, so integral values print without <c>.0</c>: <c>beta=1, threshold=20</c>.</remarks>
    protected override string ExtraRepr() => $"beta={PyRepr.Number(Beta)}, threshold={PyRepr.Number(Threshold)}";
}
