using Ember.Autograd;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The standard deviation over <paramref name="dims"/> (all dimensions when null or empty), the square
    /// root of <see cref="Var(Tensor, int[], double, bool)"/> (PyTorch 2's <c>torch.std</c>). Where the
    /// result is zero the gradient is zero (as in PyTorch), not NaN.
    /// </summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="correction">1 (default) is Bessel's correction, 0 the population standard deviation.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point, or a dimension is repeated.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Std(Tensor input, int[]? dims = null, double correction = 1, bool keepdim = false)
    {
        var v = VarCore(input, dims, correction, keepdim, "std");
        Tensor y;
        using (NoGrad()) y = v.Sqrt();
        if (Graph.NeedsGrad(v)) Graph.Record(y, new StdBackward(y), v);
        return y;
    }

    /// <summary>The standard deviation over one dimension (see <see cref="Std(Tensor, int[], double, bool)"/>).</summary>
    /// <param name="input">A floating-point tensor.</param>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="correction">1 (default) for Bessel's correction, 0 for the population standard deviation.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static Tensor Std(Tensor input, int dim, double correction = 1, bool keepdim = false) => Std(input, [dim], correction, keepdim);

    /// <summary>The square root step of std: grad / (2·std), zero where std is zero.</summary>
    private sealed class StdBackward(Tensor saved) : Node
    {
        private SavedTensor _saved = new(saved);

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var y = Unpack(_saved);
            var isZero = Eq(y, Scalar(0.0, y.DType)).To(y.DType);
            // Where y == 0 the denominator becomes 1 and the numerator 0.
            return [grad * (1.0 - isZero) / (y * 2.0 + isZero)];
        }

        protected override void ReleaseSaved() => _saved = default;
    }
}

public partial class Tensor
{
    /// <summary>The standard deviation over <paramref name="dims"/> (see <see cref="Torch.Std(Tensor, int[], double, bool)"/>).</summary>
    /// <param name="dims">The dimensions to reduce; null for all.</param>
    /// <param name="correction">1 (default) for Bessel's correction, 0 for the population standard deviation.</param>
    /// <param name="keepdim">Keep reduced dimensions with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Std(int[]? dims = null, double correction = 1, bool keepdim = false) => Torch.Std(this, dims, correction, keepdim);

    /// <summary>The standard deviation over one dimension.</summary>
    /// <param name="dim">The dimension to reduce.</param>
    /// <param name="correction">1 (default) for Bessel's correction, 0 for the population standard deviation.</param>
    /// <param name="keepdim">Keep it with size 1 (default false).</param>
    /// <exception cref="ArgumentException">The input is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Std(int dim, double correction = 1, bool keepdim = false) => Torch.Std(this, [dim], correction, keepdim);
}
