using System.Globalization;

namespace Ember.Data.Transforms;

/// <summary>
/// Standardizes each channel: <c>output[c] = (input[c] - mean[c]) / std[c]</c> (torchvision's <c>Normalize</c>),
/// on a floating-point tensor [..., C, H, W] of any float dtype; the output has the input's shape and dtype. Typical:
/// <c>new Normalize(0.2860, 0.3530)</c> for Fashion-MNIST, <c>new Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])</c> for ImageNet.
/// </summary>
public sealed class Normalize : Transform
{
    private readonly double[] _mean;
    private readonly double[] _std;

    /// <summary>The same mean and std for every channel.</summary>
    /// <param name="mean">The mean to subtract.</param>
    /// <param name="std">The standard deviation to divide by; non-zero.</param>
    /// <exception cref="ArgumentException"><paramref name="std"/> is zero (or rounds to zero in float32), or a value is not finite.</exception>
    public Normalize(double mean, double std) : this([mean], [std]) { }

    /// <summary>One mean and std per channel (or one value for all channels).</summary>
    /// <param name="mean">Per-channel means; length C, or 1.</param>
    /// <param name="std">Per-channel standard deviations, all non-zero; length C, or 1.</param>
    /// <exception cref="ArgumentException">The arrays are empty or of different non-1 lengths, a std is zero, or a value is not finite.</exception>
    public Normalize(double[] mean, double[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length == 0 || std.Length == 0)
            throw new ArgumentException("Normalize: mean and std must hold at least one value", mean.Length == 0 ? nameof(mean) : nameof(std));
        if (mean.Length != std.Length && mean.Length != 1 && std.Length != 1)
            throw new ArgumentException($"Normalize: mean has {mean.Length} values but std has {std.Length}", nameof(std));
        foreach (var v in mean.Concat(std))
            if (!double.IsFinite(v)) throw new ArgumentException($"Normalize: mean and std must be finite, got {v}", nameof(mean));
        if (std.Any(s => (float)s == 0))
            throw new ArgumentException($"Normalize: std evaluated to zero after conversion to torch.float32, leading to division by zero (std = [{string.Join(", ", std)}]).", nameof(std));
        _mean = (double[])mean.Clone();
        _std = (double[])std.Clone();
    }

    /// <summary>The means.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>The standard deviations.</summary>
    public IReadOnlyList<double> Std => _std;

    /// <summary>Normalizes <paramref name="input"/>.</summary>
    /// <param name="input">A floating-point tensor [..., C, H, W] (at least 3-D; e.g. [1, 28, 28]): float32, float64, float16 or
    /// bfloat16. The mean and std are converted to its dtype first, and the subtraction and division are each rounded to it, as
    /// torchvision does.</param>
    /// <returns>A new tensor of the same shape and dtype.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 3 dimensions, C does not match the number of means/stds, or a
    /// std is zero in the tensor's dtype (e.g. 1e-8 in float16).</exception>
    /// <exception cref="NotSupportedException">The tensor is not floating point (e.g. a uint8 image: convert it with
    /// <see cref="ToTensor"/> or <see cref="ConvertImageDtype"/> first, as torchvision requires).</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim < 3)
            throw new ArgumentException($"Normalize: Expected tensor to be a tensor image of size (..., C, H, W). Got {input.Describe()}", nameof(input));
        int c = input.Size(-3);
        int n = Math.Max(_mean.Length, _std.Length);
        if (n != 1 && n != c)
            throw new ArgumentException($"Normalize: the input has {c} channels ({input.Shape}) but mean/std have {n} values", nameof(input));
        return Kernels.ImageKernels.Normalize(input, _mean, _std, "Normalize");
    }

    /// <summary>torchvision's representation, e.g. <c>Normalize(mean=[0.286], std=[0.353])</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Normalize(mean=[{string.Join(", ", _mean)}], std=[{string.Join(", ", _std)}])");
}
