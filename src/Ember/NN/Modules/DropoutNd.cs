namespace Ember.NN;

/// <summary>
/// The common part of the dropout layers (PyTorch's <c>_DropoutNd</c>): the probability, the in-place flag, the
/// generator the masks come from, and the printed form. <see cref="Dropout"/> zeroes elements, <see cref="Dropout1d"/>
/// and <see cref="Dropout2d"/> whole channels.
/// </summary>
public abstract class DropoutNd : Module<Tensor, Tensor>
{
    /// <summary>Checks and keeps the settings.</summary>
    /// <param name="p">The probability of zeroing an element or a channel, in [0, 1].</param>
    /// <param name="inplace">Overwrite the input instead of allocating the output.</param>
    /// <param name="generator">The generator the masks are drawn from (null: <see cref="Ember.Generator.Default"/> at each call).</param>
    /// <exception cref="ArgumentException"><paramref name="p"/> is outside [0, 1].</exception>
    protected DropoutNd(double p, bool inplace, Generator? generator)
    {
        F.CheckDropoutProbability(p);
        P = p;
        Inplace = inplace;
        Generator = generator;
    }

    /// <summary>The probability of zeroing an element (a channel for the channel-wise layers).</summary>
    public double P { get; }

    /// <summary>Whether the input is overwritten.</summary>
    public bool Inplace { get; }

    /// <summary>The generator the masks are drawn from; null for the thread's default.</summary>
    public Generator? Generator { get; set; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"p={PyRepr.Float(P)}, inplace={PyRepr.Bool(Inplace)}";
}
