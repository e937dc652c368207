namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// The tensor printed exactly as PyTorch's <c>repr(x)</c> prints it, e.g.
    /// <c>tensor([[1.5000, 2.0000]], requires_grad=True)</c>.
    /// </summary>
    /// <remarks>
    /// <para>Elements share one width and notation: integer-valued floats print as <c>1.</c>, other floats
    /// with 4 decimals, and scientific notation (<c>1.0000e+08</c>) is chosen when the nonzero finite
    /// magnitudes span more than a factor 1000, exceed 1e8, or (non-integers) go below 1e-4; non-finite
    /// values print as <c>nan</c>, <c>inf</c>, <c>-inf</c>; bools as <c>True</c>/<c>False</c>.</para>
    /// <para>Rows wrap at 80 characters; nested dimensions are indented and separated by blank lines.
    /// A tensor of more than 1000 elements shows only the first and last 3 entries of each dimension
    /// longer than 6, with <c>...</c> in between.</para>
    /// <para>Suffixes follow PyTorch: <c>dtype=torch.float64</c> for float64 (and for any non-float32 empty
    /// tensor), <c>size=(0, 3)</c> for empty tensors that are not 1-D, <c>grad_fn=&lt;AddBackward0&gt;</c>
    /// for results of recorded ops and <c>requires_grad=True</c> for leaves that require grad.</para>
    /// </remarks>
    public override string ToString() => TensorFormatter.Format(this);
}
