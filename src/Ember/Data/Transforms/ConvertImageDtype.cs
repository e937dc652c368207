namespace Ember.Data.Transforms;

/// <summary>
/// Converts an image tensor to another dtype, rescaling its values to the new dtype's range (torchvision's
/// <c>ConvertImageDtype</c> / <c>F.convert_image_dtype</c>): a float image holds [0, 1], an integer image [0, max] (255 for
/// uint8); bool counts as max 1. float → float is a plain conversion; integer → float divides by the input's max;
/// float → integer multiplies by max + 1 − 0.001 and truncates (so only 1.0 becomes 255); integer → integer shifts by the
/// ratio of the ranges. Shape is kept. <c>new Compose(new PILToTensor(), new ConvertImageDtype(DType.Float32))</c> equals
/// <see cref="ToTensor"/> for a uint8 image.
/// </summary>
public sealed class ConvertImageDtype : Transform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="dtype">The target dtype (torchvision's default is float32).</param>
    public ConvertImageDtype(DType dtype) => DType = dtype;

    /// <summary>The target dtype.</summary>
    public DType DType { get; }

    /// <summary>Converts <paramref name="input"/> (returned as it is when it already has <see cref="DType"/>).</summary>
    /// <param name="input">An image of any dtype and shape.</param>
    /// <returns>A tensor of <see cref="DType"/> and the input's shape.</returns>
    /// <exception cref="InvalidOperationException">float32 → int32/int64 or float64 → int64, which cannot be done safely (torchvision's error).</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var from = input.DType;
        if (from == DType) return input;
        if (from.IsFloatingPoint())
        {
            if (DType.IsFloatingPoint()) return input.To(DType);
            if ((from == DType.Float32 && DType is DType.Int32 or DType.Int64) || (from == DType.Float64 && DType == DType.Int64))
                throw new InvalidOperationException($"ConvertImageDtype: The cast from {from.TorchName()} to {DType.TorchName()} cannot be performed safely.");
            const double eps = 1e-3;
            return (input * (MaxValue(DType) + 1.0 - eps)).To(DType);
        }
        double inputMax = MaxValue(from);
        if (DType.IsFloatingPoint()) return input.To(DType) / inputMax;
        double outputMax = MaxValue(DType);
        if (inputMax > outputMax)
            return Torch.Div(input, (long)Math.Floor((inputMax + 1) / (outputMax + 1)), "floor").To(DType);
        return input.To(DType) * (long)Math.Floor((outputMax + 1) / (inputMax + 1));
    }

    // torchvision's _max_value: the largest value of an integer dtype, 1 for bool and the float dtypes (as a Python float).
    private static double MaxValue(DType dtype) => dtype switch
    {
        DType.UInt8 => byte.MaxValue,
        DType.Int32 => int.MaxValue,
        DType.Int64 => long.MaxValue,
        DType.Bool or DType.Float32 or DType.Float64 or DType.Float16 or DType.BFloat16 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, $"ConvertImageDtype: {dtype} is not a dtype"),
    };

    /// <summary>torchvision's representation, e.g. <c>ConvertImageDtype()</c>.</summary>
    public override string ToString() => "ConvertImageDtype()";
}
