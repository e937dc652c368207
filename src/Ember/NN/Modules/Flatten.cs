namespace Ember.NN;

/// <summary>
/// Flattens dimensions <see cref="StartDim"/>…<see cref="EndDim"/> into one (PyTorch's <c>nn.Flatten</c>); by default
/// every dimension but the batch one: [N, C, H, W] → [N, C·H·W]. A view when the layout allows, else a copy.
/// </summary>
public sealed class Flatten : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="startDim">The first dimension to flatten (default 1; negative counts from the end).</param>
    /// <param name="endDim">The last dimension to flatten (default -1).</param>
    public Flatten(int startDim = 1, int endDim = -1)
    {
        StartDim = startDim;
        EndDim = endDim;
    }

    /// <summary>The first dimension to flatten.</summary>
    public int StartDim { get; }

    /// <summary>The last dimension to flatten.</summary>
    public int EndDim { get; }

    /// <summary>Flattens the input (see <see cref="Tensor.Flatten"/>).</summary>
    /// <param name="input">The input, e.g. [N, C, H, W].</param>
    /// <returns>The input with dimensions start_dim…end_dim merged, e.g. [N, C·H·W].</returns>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range for the input.</exception>
    /// <exception cref="ArgumentException">start_dim comes after end_dim.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim == 0)
        {
            // torch.flatten of a 0-d tensor accepts only dimensions 0 and -1 and gives [1].
            Tensor.NormalizeDim(StartDim, 0, "flatten", "startDim");
            Tensor.NormalizeDim(EndDim, 0, "flatten", "endDim");
        }
        return input.Flatten(StartDim, EndDim);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}
