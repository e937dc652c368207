namespace Ember.NN;

/// <summary>
/// The functional forms of the layers (PyTorch's <c>torch.nn.functional</c>): stateless functions that take
/// every tensor, including parameters, as an argument.
/// </summary>
public static partial class F
{
    /// <summary>max(0, x) elementwise (PyTorch's <c>F.relu</c>).</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="inplace">Overwrite <paramref name="input"/> and return it (default false).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    /// <exception cref="NotSupportedException">The op has no kernel for the input's dtype (as in PyTorch).</exception>
    public static Tensor Relu(Tensor input, bool inplace = false) => inplace ? Torch.NotNull(input).Relu_() : Torch.Relu(input);

    /// <summary>x where x &gt; 0, else negativeSlope·x (PyTorch's <c>F.leaky_relu</c>; see <see cref="Torch.LeakyRelu"/>).</summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="negativeSlope">The slope for x ≤ 0 (default 0.01).</param>
    /// <param name="inplace">Overwrite <paramref name="input"/> and return it (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public static Tensor LeakyRelu(Tensor input, double negativeSlope = 0.01, bool inplace = false) =>
        inplace ? InPlace(input, "leaky_relu_", t => Torch.LeakyRelu(t, negativeSlope)) : Torch.LeakyRelu(input, negativeSlope);

    /// <summary>The parametric ReLU with learned slopes (PyTorch's <c>F.prelu</c>; see <see cref="Torch.Prelu"/>).</summary>
    /// <param name="input">A floating-point tensor [N, C, …] (or any shape with a single slope).</param>
    /// <param name="weight">The slopes: 1 element, or C (one per channel, dimension 1).</param>
    /// <exception cref="ArgumentException">The weight's shape or dtype does not fit the input.</exception>
    public static Tensor Prelu(Tensor input, Tensor weight) => Torch.Prelu(input, weight);

    /// <summary>x where x &gt; 0, else alpha·(eˣ − 1) (PyTorch's <c>F.elu</c>; see <see cref="Torch.Elu"/>).</summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="alpha">The saturation value for negative inputs (default 1.0).</param>
    /// <param name="inplace">Overwrite <paramref name="input"/> and return it (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public static Tensor Elu(Tensor input, double alpha = 1.0, bool inplace = false) =>
        inplace ? InPlace(input, "elu_", t => Torch.Elu(t, alpha)) : Torch.Elu(input, alpha);

    /// <summary>The Gaussian error linear unit (PyTorch's <c>F.gelu</c>; see <see cref="Torch.Gelu"/>).</summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="approximate"><c>"none"</c> (default: x·Φ(x) with the exact erf) or <c>"tanh"</c>.</param>
    /// <exception cref="ArgumentException">The input is not floating point, or <paramref name="approximate"/> is invalid.</exception>
    public static Tensor Gelu(Tensor input, string approximate = "none") => Torch.Gelu(input, approximate);

    /// <summary>x·σ(x) (PyTorch's <c>F.silu</c>; see <see cref="Torch.Silu"/>).</summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="inplace">Overwrite <paramref name="input"/> and return it (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public static Tensor Silu(Tensor input, bool inplace = false) =>
        inplace ? InPlace(input, "silu_", static t => Torch.Silu(t)) : Torch.Silu(input);

    /// <summary>The logistic sigmoid 1/(1 + e^−x) (PyTorch's <c>F.sigmoid</c>).</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Sigmoid(Tensor input) => Torch.Sigmoid(input);

    /// <summary>The hyperbolic tangent (PyTorch's <c>F.tanh</c>).</summary>
    /// <param name="input">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static Tensor Tanh(Tensor input) => Torch.Tanh(input);

    /// <summary>Softmax along <paramref name="dim"/> (PyTorch's <c>F.softmax</c>; see <see cref="Torch.Softmax"/>).</summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="dim">The dimension to normalize over (negative counts from the end).</param>
    /// <param name="dtype">Convert the input to this dtype first (default: keep it).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    public static Tensor Softmax(Tensor input, int dim, DType? dtype = null) =>
        Torch.Softmax(dtype is DType d ? input.To(d) : input, dim);

    /// <summary>Log-softmax along <paramref name="dim"/> (PyTorch's <c>F.log_softmax</c>; see <see cref="Torch.LogSoftmax"/>).</summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="dim">The dimension to normalize over (negative counts from the end).</param>
    /// <param name="dtype">Convert the input to this dtype first (default: keep it).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    public static Tensor LogSoftmax(Tensor input, int dim, DType? dtype = null) =>
        Torch.LogSoftmax(dtype is DType d ? input.To(d) : input, dim);

    /// <summary>log(1 + e^(β·x))/β, linear above the threshold (PyTorch's <c>F.softplus</c>; see <see cref="Torch.Softplus"/>).</summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="beta">β (default 1).</param>
    /// <param name="threshold">Where β·x &gt; threshold the result is x (default 20).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    public static Tensor Softplus(Tensor input, double beta = 1, double threshold = 20) => Torch.Softplus(input, beta, threshold);

    private static Tensor InPlace(Tensor input, string op, Func<Tensor, Tensor> outOfPlace)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.InPlace(op, outOfPlace);
    }
}
