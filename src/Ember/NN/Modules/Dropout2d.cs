namespace Ember.NN;

/// <summary>
/// Channel-wise dropout (PyTorch's <c>nn.Dropout2d</c>): in training mode zeroes each whole channel with probability p
/// and scales the others by 1/(1 − p); in evaluation mode it is the identity. Input [N, C, H, W] (PyTorch 1.13 also takes [N, C, L], and other ranks with a warning); output: the same shape.
/// </summary>
public sealed class Dropout2d : DropoutNd
{
    /// <summary>Creates the layer.</summary>
    /// <param name="p">The probability of zeroing a channel, in [0, 1] (default 0.5).</param>
    /// <param name="inplace">Overwrite the input instead of allocating the output (default false).</param>
    /// <param name="generator">The generator the masks are drawn from (default: <see cref="Ember.Generator.Default"/> at each call).</param>
    /// <exception cref="ArgumentException"><paramref name="p"/> is outside [0, 1].</exception>
    public Dropout2d(double p = 0.5, bool inplace = false, Generator? generator = null)
        : base(p, inplace, generator)
    {
    }

    /// <summary>Applies <see cref="F.Dropout2d"/> with the module's training flag.</summary>
    /// <param name="input">A floating-point tensor [N, C, H, W] (PyTorch 1.13 also takes [N, C, L], and other ranks with a warning).</param>
    /// <exception cref="ArgumentException">The input's rank is not accepted, or it is not floating point.</exception>
    public override Tensor Forward(Tensor input) => F.Dropout2d(input, P, Training, Inplace, Generator);
}
