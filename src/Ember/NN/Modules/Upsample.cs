namespace Ember.NN;

/// <summary>
/// Resamples the spatial dimensions of [N, C, L] or [N, C, H, W] inputs (PyTorch's <c>nn.Upsample</c>) to a size or by
/// a scale factor with <see cref="F.Interpolate"/>. No parameters.
/// </summary>
public sealed class Upsample : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer; give exactly one of <paramref name="size"/> and <paramref name="scaleFactor"/>.</summary>
    /// <param name="size">The output's spatial size, one value per spatial dimension or one for all (default null).</param>
    /// <param name="scaleFactor">The multiplier of the spatial size, one per spatial dimension or one for all (default null).</param>
    /// <param name="mode">"nearest" (default), "nearest-exact", "linear", "bilinear" or "area".</param>
    /// <param name="alignCorners">For the linear modes, align the corner pixels (default null: false).</param>
    /// <param name="recomputeScaleFactor">Compute the scale from the output size instead of using the scale factor (default null: false).</param>
    /// <exception cref="ArgumentNullException"><paramref name="mode"/> is null.</exception>
    public Upsample(int[]? size = null, double[]? scaleFactor = null, string mode = "nearest", bool? alignCorners = null, bool? recomputeScaleFactor = null)
    {
        ArgumentNullException.ThrowIfNull(mode);
        Size = size?.ToArray();
        ScaleFactor = scaleFactor?.ToArray();
        Mode = mode;
        AlignCorners = alignCorners;
        RecomputeScaleFactor = recomputeScaleFactor;
    }

    /// <summary>The output's spatial size, or null.</summary>
    public int[]? Size { get; }

    /// <summary>The multiplier of the spatial size, or null.</summary>
    public double[]? ScaleFactor { get; }

    /// <summary>The interpolation mode.</summary>
    public string Mode { get; }

    /// <summary>Whether the linear modes align the corner pixels (null: false).</summary>
    public bool? AlignCorners { get; }

    /// <summary>Whether the scale is recomputed from the output size.</summary>
    public bool? RecomputeScaleFactor { get; }

    /// <summary>Resamples the input.</summary>
    /// <param name="input">A floating-point tensor [N, C, L] or [N, C, H, W].</param>
    /// <returns>The resampled tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input has the wrong rank or an empty dimension, the size or scale factor is missing, doubled or invalid, or the mode does not fit the input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output size of mode "area" is not positive.</exception>
    /// <exception cref="NotSupportedException">The input is not floating point or the mode is not supported.</exception>
    public override Tensor Forward(Tensor input) => F.Interpolate(input, Size, ScaleFactor, Mode, AlignCorners, RecomputeScaleFactor);

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        string info = ScaleFactor is not null
            ? "scale_factor=" + (ScaleFactor.Length == 1 ? PyRepr.Float(ScaleFactor[0]) : "(" + string.Join(", ", ScaleFactor.Select(PyRepr.Float)) + ")")
            : "size=" + (Size is null ? "None" : Size.Length == 1 ? Size[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : PyRepr.Tuple(Size));
        return info + ", mode=" + Mode;
    }
}
