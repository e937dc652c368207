namespace Ember.NN;

/// <summary>
/// Inverted dropout (PyTorch's <c>nn.Dropout</c>): in training mode zeroes each element with probability p and
/// scales the survivors by 1/(1 − p), so the expected value is unchanged; in evaluation mode it is the identity.
/// Input and output: any shape.
/// </summary>
public sealed class Dropout : DropoutNd
{
    /// <summary>Creates the layer.</summary>
    /// <param name="p">The probability of zeroing an element, in [0, 1] (default 0.5).</param>
    /// <param name="inplace">Overwrite the input instead of allocating the output (default false).</param>
    /// <param name="generator">The generator the masks are drawn from (default: <see cref="Ember.Generator.Default"/> at each call).</param>
    /// <exception cref="ArgumentException"><paramref name="p"/> is outside [0, 1].</exception>
    public Dropout(double p = 0.5, bool inplace = false, Generator? generator = null)
        : base(p, inplace, generator)
    {
    }

    /// <summary>Applies <see cref="F.Dropout"/> with the module's training flag.</summary>
    /// <param name="input">A floating-point tensor.</param>
    public override Tensor Forward(Tensor input) => F.Dropout(input, P, Training, Inplace, Generator);
}
