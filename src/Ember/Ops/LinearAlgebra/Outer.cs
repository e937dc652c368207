namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The outer product of two vectors (PyTorch's <c>torch.outer</c>): y[i, j] = input[i]·vec2[j], with type
    /// promotion (two bool vectors give a bool matrix). Differentiable.
    /// </summary>
    /// <param name="input">A 1-D tensor of size n.</param>
    /// <param name="vec2">A 1-D tensor of size m.</param>
    /// <returns>An [n, m] tensor.</returns>
    /// <exception cref="ArgumentException">An operand is not 1-D.</exception>
    public static Tensor Outer(Tensor input, Tensor vec2)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(vec2);
        if (input.Dim != 1) throw new ArgumentException($"outer: Expected 1-D argument self, but got {input.Dim}-D (shape {input.Shape})", nameof(input));
        if (vec2.Dim != 1) throw new ArgumentException($"outer: Expected 1-D argument vec2, but got {vec2.Dim}-D (shape {vec2.Shape})", nameof(vec2));
        return Mul(input.Unsqueeze(1), vec2.Unsqueeze(0));
    }
}

public partial class Tensor
{
    /// <summary>The outer product with <paramref name="vec2"/> (see <see cref="Torch.Outer"/>).</summary>
    /// <param name="vec2">A 1-D tensor.</param>
    /// <exception cref="ArgumentException">An operand is not 1-D.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="vec2"/> is null.</exception>
    public Tensor Outer(Tensor vec2) => Torch.Outer(this, vec2);
}
