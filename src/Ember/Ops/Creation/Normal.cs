using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Normal samples with elementwise means and standard deviations (PyTorch's <c>torch.normal(mean, std)</c>): the
    /// shapes broadcast and the dtype is their promoted floating-point dtype. As in PyTorch the samples are not
    /// reparameterized: the gradients with respect to <paramref name="mean"/> and <paramref name="std"/> are zero.
    /// </summary>
    /// <param name="mean">The means.</param>
    /// <param name="std">The standard deviations; non-negative.</param>
    /// <param name="generator">The generator (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A standard deviation is negative, or the shapes do not broadcast.</exception>
    /// <exception cref="NotSupportedException">The promoted dtype is not floating point.</exception>
    public static Tensor Normal(Tensor mean, Tensor std, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        var dt = TypePromotion.ResultType(mean, std);
        if (!dt.IsFloatingPoint()) throw Dispatch.Unsupported("normal", dt);
        using (NoGrad())
            if (Map.AnyTrue(Lt(std.Detach(), Tensor.Wrap(0L))))
                throw new ArgumentException($"normal: expects all elements of std >= 0.0 (std {std.Describe()})", nameof(std));
        var shape = Broadcasting.Shape(mean.ShapeArray, std.ShapeArray, "normal");
        var y = NormalSamples(shape, dt, mean, std, generator);
        if (Graph.NeedsGrad(mean, std)) Graph.Record(y, new NormalBackward("NormalBackward3"), mean, std);
        return y;
    }

    /// <summary>Normal samples with elementwise means and one standard deviation (PyTorch's <c>torch.normal(mean, std=1.0)</c>).</summary>
    /// <param name="mean">The means, floating point.</param>
    /// <param name="std">The standard deviation (default 1); non-negative.</param>
    /// <param name="generator">The generator (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="std"/> is negative.</exception>
    /// <exception cref="NotSupportedException"><paramref name="mean"/> is not floating point.</exception>
    public static Tensor Normal(Tensor mean, double std = 1.0, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(mean);
        CheckStd(std, "normal");
        if (!mean.DType.IsFloatingPoint()) throw Dispatch.Unsupported("normal", mean.DType);
        var y = NormalSamples(mean.ShapeArray.ToArray(), mean.DType, mean, Tensor.Wrap(std), generator);
        if (Graph.NeedsGrad(mean)) Graph.Record(y, new NormalBackward("NormalBackward1"), mean);
        return y;
    }

    /// <summary>Normal samples with one mean and elementwise standard deviations (PyTorch's <c>torch.normal(mean=0.0, std)</c>).</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="std">The standard deviations, floating point and non-negative.</param>
    /// <param name="generator">The generator (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException">A standard deviation is negative.</exception>
    /// <exception cref="NotSupportedException"><paramref name="std"/> is not floating point.</exception>
    public static Tensor Normal(double mean, Tensor std, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(std);
        if (!std.DType.IsFloatingPoint()) throw Dispatch.Unsupported("normal", std.DType);
        using (NoGrad())
            if (Map.AnyTrue(Lt(std.Detach(), Tensor.Wrap(0L))))
                throw new ArgumentException($"normal: expects all elements of std >= 0.0 (std {std.Describe()})", nameof(std));
        var y = NormalSamples(std.ShapeArray.ToArray(), std.DType, Tensor.Wrap(mean), std, generator);
        if (Graph.NeedsGrad(std)) Graph.Record(y, new NormalBackward("NormalBackward2"), std);
        return y;
    }

    /// <summary>Normal samples of one mean and standard deviation (PyTorch's <c>torch.normal(mean, std, size)</c>).</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="std">The standard deviation; non-negative.</param>
    /// <param name="size">The shape.</param>
    /// <param name="dtype">A floating-point dtype, or null for the default float dtype (default).</param>
    /// <param name="generator">The generator (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="std"/> or a size is negative.</exception>
    /// <exception cref="NotSupportedException"><paramref name="dtype"/> is not floating point.</exception>
    public static Tensor Normal(double mean, double std, Size size, DType? dtype = null, Generator? generator = null)
    {
        CheckStd(std, "normal");
        var dt = dtype ?? GetDefaultDType();
        if (!dt.IsFloatingPoint()) throw Dispatch.Unsupported("normal", dt);
        return NormalSamples(CheckShape(size, "normal"), dt, Tensor.Wrap(mean), Tensor.Wrap(std), generator);
    }

    private static void CheckStd(double std, string op)
    {
        if (!(std >= 0)) throw new ArgumentException($"{op}: expects std >= 0.0, but found std {std}", nameof(std));
    }

    // mean + std·z with z standard normal drawn in float64 (the same stream for every dtype), then rounded to dtype.
    private static Tensor NormalSamples(int[] shape, DType dtype, Tensor mean, Tensor std, Generator? generator)
    {
        using var _ = NoGrad();
        var z = Randn(shape, DType.Float64, generator);
        var y = z * std.Detach().Cast(DType.Float64) + mean.Detach().Cast(DType.Float64);
        return y.Cast(dtype);
    }

    /// <summary>PyTorch's normal backward: zero gradients (the sample is not reparameterized).</summary>
    private sealed class NormalBackward(string name) : Node
    {
        public override string Name => name;

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            var zeros = ZerosLike(grad);
            return [NeedsGrad(0) ? zeros : null, NeedsGrad(1) ? zeros : null];
        }
    }
}

public partial class Tensor
{
    /// <summary>
    /// Fills this floating-point tensor with normal samples in place (PyTorch's <c>x.normal_(mean, std)</c>); returns
    /// this tensor.
    /// </summary>
    /// <param name="mean">The mean (default 0).</param>
    /// <param name="std">The standard deviation (default 1); non-negative.</param>
    /// <param name="generator">The generator (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="std"/> is negative.</exception>
    /// <exception cref="NotSupportedException">This tensor is not floating point.</exception>
    /// <exception cref="InvalidOperationException">The tensor written in place overlaps itself in memory (an expanded tensor) or an input, or it is a leaf that requires grad (or a view of one).</exception>
    public Tensor Normal_(double mean = 0, double std = 1, Generator? generator = null)
    {
        if (!(std >= 0)) throw new ArgumentException($"normal_: expects std >= 0.0, but found std {std}", nameof(std));
        if (!DType.IsFloatingPoint()) throw Dispatch.Unsupported("normal_", DType);
        return InPlace("normal_", t => Torch.Normal(mean, std, t.Shape, t.DType, generator));
    }
}
