using Ember.Kernels;

namespace Ember.NN;

/// <summary>
/// Weight initialization (PyTorch's <c>torch.nn.init</c>). Every function fills its tensor in place without
/// recording autograd history (so it works on parameters that require grad), bumps the tensor's version and
/// returns the tensor. The random ones draw from <c>generator</c> (default: this thread's <see cref="Generator.Default"/>).
/// </summary>
/// <example>
/// <code>
/// model.Apply(m =>
/// {
///     if (m is Linear lin) { Init.KaimingNormal_(lin.Weight, nonlinearity: "relu"); Init.Zeros_(lin.Bias!); }
/// });
/// </code>
/// </example>
public static class Init
{
    private static readonly string[] LinearFns =
        ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d"];

    /// <summary>
    /// The recommended gain for a nonlinearity (PyTorch's <c>calculate_gain</c>): 1 for <c>linear</c>, the
    /// <c>conv*</c>/<c>conv_transpose*</c> names and <c>sigmoid</c>; 5/3 for <c>tanh</c>; √2 for <c>relu</c>;
    /// √(2/(1+slope²)) for <c>leaky_relu</c>; 3/4 for <c>selu</c>.
    /// </summary>
    /// <param name="nonlinearity">The function's name as PyTorch spells it (e.g. <c>"relu"</c>, <c>"leaky_relu"</c>).</param>
    /// <param name="param">The negative slope for <c>leaky_relu</c> (default null: 0.01); ignored otherwise.</param>
    /// <exception cref="ArgumentNullException"><paramref name="nonlinearity"/> is null.</exception>
    /// <exception cref="ArgumentException">The nonlinearity is not one of those above, or the slope is not finite.</exception>
    public static double CalculateGain(string nonlinearity, double? param = null)
    {
        ArgumentNullException.ThrowIfNull(nonlinearity);
        if (LinearFns.Contains(nonlinearity) || nonlinearity == "sigmoid") return 1;
        switch (nonlinearity)
        {
            case "tanh": return 5.0 / 3;
            case "relu": return Math.Sqrt(2.0);
            case "selu": return 3.0 / 4;
            case "leaky_relu":
                double slope = param ?? 0.01;
                if (!double.IsFinite(slope))
                    throw new ArgumentException($"calculate_gain: negative_slope {slope} not a valid number", nameof(param));
                return Math.Sqrt(2.0 / (1 + slope * slope));
            default:
                throw new ArgumentException(
                    $"calculate_gain: unsupported nonlinearity \"{nonlinearity}\"; expected one of linear, conv1d, conv2d, conv3d, " +
                    "conv_transpose1d, conv_transpose2d, conv_transpose3d, sigmoid, tanh, relu, leaky_relu, selu", nameof(nonlinearity));
        }
    }

    /// <summary>
    /// The fan-in and fan-out of a weight (PyTorch's <c>_calculate_fan_in_and_fan_out</c>): for a weight
    /// [out, in, k₁, k₂, …], fan_in = in·k₁·k₂·… and fan_out = out·k₁·k₂·… (a Linear weight [out, in] gives (in, out)).
    /// </summary>
    /// <param name="tensor">A tensor with at least 2 dimensions.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static (int FanIn, int FanOut) CalculateFanInAndFanOut(Tensor tensor) => Fans(tensor, "calculate_fan_in_and_fan_out");

    private static (int FanIn, int FanOut) Fans(Tensor tensor, string op)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Dim < 2)
            throw new ArgumentException(
                $"{op}: Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (got shape {tensor.Shape})", nameof(tensor));
        int receptive = 1;
        for (int d = 2; d < tensor.Dim; d++) receptive *= tensor.ShapeArray[d];
        return (tensor.ShapeArray[1] * receptive, tensor.ShapeArray[0] * receptive);
    }

    private static int Fan(Tensor tensor, string mode, string op)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (mode != "fan_in" && mode != "fan_out")
            throw new ArgumentException($"{op}: Mode {mode} not supported, please use one of fan_in, fan_out", nameof(mode));
        var (fanIn, fanOut) = Fans(tensor, op);
        return mode == "fan_in" ? fanIn : fanOut;
    }

    /// <summary>Fills <paramref name="tensor"/> with samples from the uniform distribution U(<paramref name="a"/>, <paramref name="b"/>) (PyTorch's <c>uniform_</c>).</summary>
    /// <param name="tensor">A floating-point tensor of any shape and layout.</param>
    /// <param name="a">The lower bound (default 0).</param>
    /// <param name="b">The upper bound (default 1); not less than <paramref name="a"/>.</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    /// <exception cref="ArgumentException">The tensor is not floating point, or <paramref name="a"/> &gt; <paramref name="b"/> or a bound is not finite.</exception>
    public static Tensor Uniform_(Tensor tensor, double a = 0, double b = 1, Generator? generator = null)
    {
        RequireFloat(tensor, "uniform_");
        if (!(a <= b) || !double.IsFinite(a) || !double.IsFinite(b))
            throw new ArgumentException($"uniform_: expects to return a [from, to) range, but found from={a} > to={b}", nameof(b));
        return UniformUnchecked(tensor, a, b, generator);
    }

    private static Tensor UniformUnchecked(Tensor tensor, double a, double b, Generator? generator)
    {
        return FillWith(tensor, new UniformSampler(generator ?? Generator.Default, a, b - a), "uniform_");
    }

    /// <summary>Fills <paramref name="tensor"/> with samples from the normal distribution N(<paramref name="mean"/>, <paramref name="std"/>²) (PyTorch's <c>normal_</c>).</summary>
    /// <param name="tensor">A floating-point tensor of any shape and layout.</param>
    /// <param name="mean">The mean (default 0).</param>
    /// <param name="std">The standard deviation (default 1); non-negative.</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    /// <exception cref="ArgumentException">The tensor is not floating point, or <paramref name="std"/> is negative or not finite.</exception>
    public static Tensor Normal_(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
    {
        RequireFloat(tensor, "normal_");
        if (!(std >= 0) || !double.IsFinite(std))
            throw new ArgumentException($"normal_: expects std >= 0.0, but found std {std}", nameof(std));
        return NormalUnchecked(tensor, mean, std, generator);
    }

    private static Tensor NormalUnchecked(Tensor tensor, double mean, double std, Generator? generator)
    {
        return FillWith(tensor, new NormalSampler(generator ?? Generator.Default, mean, std), "normal_");
    }

    /// <summary>
    /// Fills <paramref name="tensor"/> with samples from N(<paramref name="mean"/>, <paramref name="std"/>²) truncated
    /// to [<paramref name="a"/>, <paramref name="b"/>] (PyTorch's <c>trunc_normal_</c>; the bounds are absolute values,
    /// not multiples of std). Sampled by inverting the normal CDF, so it is exact and fast even far in the tails.
    /// </summary>
    /// <param name="tensor">A floating-point tensor of any shape and layout.</param>
    /// <param name="mean">The mean of the untruncated normal (default 0).</param>
    /// <param name="std">Its standard deviation (default 1); positive.</param>
    /// <param name="a">The lower cut-off (default -2).</param>
    /// <param name="b">The upper cut-off (default 2); greater than <paramref name="a"/>.</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    /// <exception cref="ArgumentException">The tensor is not floating point, <paramref name="std"/> is not positive and finite,
    /// <paramref name="mean"/> is not finite, or <paramref name="a"/> ≥ <paramref name="b"/>.</exception>
    public static Tensor TruncNormal_(Tensor tensor, double mean = 0, double std = 1, double a = -2, double b = 2, Generator? generator = null)
    {
        RequireFloat(tensor, "trunc_normal_");
        if (!(std > 0) || !double.IsFinite(std))
            throw new ArgumentException($"trunc_normal_: expects std > 0.0, but found std {std}", nameof(std));
        if (!double.IsFinite(mean)) throw new ArgumentException($"trunc_normal_: mean must be finite, got {mean}", nameof(mean));
        if (!(a < b)) throw new ArgumentException($"trunc_normal_: expects a < b, but found a={a}, b={b}", nameof(b));
        return FillWith(tensor, new TruncNormalSampler(generator ?? Generator.Default, mean, std, a, b), "trunc_normal_");
    }

    /// <summary>Fills <paramref name="tensor"/> with <paramref name="val"/> (PyTorch's <c>constant_</c>).</summary>
    /// <param name="tensor">The tensor (any dtype, shape and layout).</param>
    /// <param name="val">The value, converted to the tensor's dtype.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    public static Tensor Constant_(Tensor tensor, double val)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using (Torch.NoGrad()) return tensor.Fill_(val);
    }

    /// <summary>Fills <paramref name="tensor"/> with zeros (PyTorch's <c>zeros_</c>).</summary>
    /// <param name="tensor">The tensor (any dtype, shape and layout).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    public static Tensor Zeros_(Tensor tensor) => Constant_(tensor, 0);

    /// <summary>Fills <paramref name="tensor"/> with ones (PyTorch's <c>ones_</c>).</summary>
    /// <param name="tensor">The tensor (any dtype, shape and layout).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    public static Tensor Ones_(Tensor tensor) => Constant_(tensor, 1);

    /// <summary>
    /// Fills a 2-D <paramref name="tensor"/> with the identity matrix (ones on the main diagonal, zeros elsewhere;
    /// PyTorch's <c>eye_</c>), which preserves the identity of the inputs in a Linear layer.
    /// </summary>
    /// <param name="tensor">A 2-D tensor [rows, cols] (any dtype and layout).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    /// <exception cref="ArgumentException">The tensor is not 2-D.</exception>
    public static Tensor Eye_(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Dim != 2)
            throw new ArgumentException($"eye_: Only tensors with 2 dimensions are supported (got shape {tensor.Shape})", nameof(tensor));
        using (Torch.NoGrad()) return tensor.Copy_(Torch.Eye(tensor.ShapeArray[0], tensor.ShapeArray[1], tensor.DType));
    }

    /// <summary>
    /// Glorot/Xavier uniform initialization (PyTorch's <c>xavier_uniform_</c>): U(−a, a) with
    /// a = gain·√(6/(fan_in + fan_out)), i.e. std = gain·√(2/(fan_in + fan_out)).
    /// </summary>
    /// <param name="tensor">A floating-point tensor with at least 2 dimensions [out, in, k…].</param>
    /// <param name="gain">The scaling factor (default 1; see <see cref="CalculateGain"/>).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions or is not floating point.</exception>
    public static Tensor XavierUniform_(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = Fans(tensor, "xavier_uniform_");
        RequireFloat(tensor, "xavier_uniform_");
        if (tensor.Numel == 0) return tensor;
        double std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        double bound = Math.Sqrt(3.0) * std;
        return UniformUnchecked(tensor, -bound, bound, generator);
    }

    /// <summary>
    /// Glorot/Xavier normal initialization (PyTorch's <c>xavier_normal_</c>): N(0, std²) with
    /// std = gain·√(2/(fan_in + fan_out)).
    /// </summary>
    /// <param name="tensor">A floating-point tensor with at least 2 dimensions [out, in, k…].</param>
    /// <param name="gain">The scaling factor (default 1; see <see cref="CalculateGain"/>).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions or is not floating point.</exception>
    public static Tensor XavierNormal_(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = Fans(tensor, "xavier_normal_");
        RequireFloat(tensor, "xavier_normal_");
        if (tensor.Numel == 0) return tensor;
        return NormalUnchecked(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
    }

    /// <summary>
    /// He/Kaiming uniform initialization (PyTorch's <c>kaiming_uniform_</c>): U(−bound, bound) with
    /// bound = gain·√(3/fan), gain = <see cref="CalculateGain"/>(<paramref name="nonlinearity"/>, <paramref name="a"/>).
    /// Linear's default init is <c>KaimingUniform_(w, a: Math.Sqrt(5))</c>, i.e. U(−1/√in, 1/√in).
    /// A tensor with no elements is left as is.
    /// </summary>
    /// <param name="tensor">A floating-point tensor with at least 2 dimensions [out, in, k…].</param>
    /// <param name="a">The negative slope of the rectifier that follows (used only with <c>leaky_relu</c>; default 0).</param>
    /// <param name="mode"><c>"fan_in"</c> (default; preserves the variance of the forward pass) or <c>"fan_out"</c> (of the backward pass).</param>
    /// <param name="nonlinearity">The nonlinearity's name as in <see cref="CalculateGain"/> (default <c>"leaky_relu"</c>; use <c>"relu"</c> or <c>"leaky_relu"</c>).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions or is not floating point, or the mode or nonlinearity is unknown.</exception>
    public static Tensor KaimingUniform_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null)
    {
        int fan = Fan(tensor, mode, "kaiming_uniform_");
        double gain = CalculateGain(nonlinearity, a);
        RequireFloat(tensor, "kaiming_uniform_");
        if (tensor.Numel == 0) return tensor;
        double bound = Math.Sqrt(3.0) * gain / Math.Sqrt(fan);
        return UniformUnchecked(tensor, -bound, bound, generator);
    }

    /// <summary>
    /// He/Kaiming normal initialization (PyTorch's <c>kaiming_normal_</c>): N(0, std²) with std = gain/√fan,
    /// gain = <see cref="CalculateGain"/>(<paramref name="nonlinearity"/>, <paramref name="a"/>). A tensor with no
    /// elements is left as is.
    /// </summary>
    /// <param name="tensor">A floating-point tensor with at least 2 dimensions [out, in, k…].</param>
    /// <param name="a">The negative slope of the rectifier that follows (used only with <c>leaky_relu</c>; default 0).</param>
    /// <param name="mode"><c>"fan_in"</c> (default) or <c>"fan_out"</c>.</param>
    /// <param name="nonlinearity">The nonlinearity's name as in <see cref="CalculateGain"/> (default <c>"leaky_relu"</c>).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions or is not floating point, or the mode or nonlinearity is unknown.</exception>
    public static Tensor KaimingNormal_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null)
    {
        int fan = Fan(tensor, mode, "kaiming_normal_");
        double gain = CalculateGain(nonlinearity, a);
        RequireFloat(tensor, "kaiming_normal_");
        if (tensor.Numel == 0) return tensor;
        return NormalUnchecked(tensor, 0, gain / Math.Sqrt(fan), generator);
    }

    /// <summary>
    /// Fills <paramref name="tensor"/> with a (semi-)orthogonal matrix times <paramref name="gain"/> (PyTorch's
    /// <c>orthogonal_</c>, Saxe et al. 2013): the tensor is viewed as [rows, cols] = [size(0), numel/size(0)]; the Q
    /// factor of the QR decomposition of a standard normal matrix (computed in float64, with the signs fixed so that R
    /// has a positive diagonal, which makes Q uniformly distributed) fills it. Rows are orthonormal when rows ≤ cols,
    /// columns when rows ≥ cols.
    /// </summary>
    /// <param name="tensor">A floating-point tensor with at least 2 dimensions.</param>
    /// <param name="gain">The scaling factor (default 1).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions or is not floating point.</exception>
    public static Tensor Orthogonal_(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Dim < 2)
            throw new ArgumentException($"orthogonal_: Only tensors with 2 or more dimensions are supported (got shape {tensor.Shape})", nameof(tensor));
        RequireFloat(tensor, "orthogonal_");
        if (tensor.Numel == 0) return tensor;
        int rows = tensor.ShapeArray[0];
        var q = InitKernel.Orthogonal(rows, tensor.Numel / rows, gain, generator ?? Generator.Default);
        using (Torch.NoGrad()) return tensor.Copy_(q.View(tensor.ShapeArray));
    }

    private static void RequireFloat(Tensor tensor, string op)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a floating point tensor, got {tensor.Describe()}", nameof(tensor));
    }

    /// <summary>Writes one sample per element, in row-major order, into <paramref name="tensor"/> under no-grad.</summary>
    private static Tensor FillWith<TS>(Tensor tensor, TS sampler, string op) where TS : struct, ISampler
    {
        if (tensor.Numel == 0) return tensor;
        var values = InitKernel.Sample(tensor.ShapeArray.ToArray(), tensor.DType, sampler, op);
        using (Torch.NoGrad()) return tensor.Copy_(values);
    }
}
