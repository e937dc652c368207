namespace Ember.Data.Formats;

/// <summary>The color types of PNG's IHDR chunk (the values are the ones the file stores).</summary>
public enum PngColorType
{
    /// <summary>Gray samples (decodes to 1 channel).</summary>
    Gray = 0,
    /// <summary>Red, green, blue samples (decodes to 3 channels).</summary>
    Rgb = 2,
    /// <summary>Indices into a PLTE palette (decodes to 3 channels, or 4 when a tRNS chunk gives alpha).</summary>
    Palette = 3,
    /// <summary>Gray and alpha samples (decodes to 4 channels, RGBA with the gray replicated).</summary>
    GrayAlpha = 4,
    /// <summary>Red, green, blue, alpha samples (decodes to 4 channels).</summary>
    Rgba = 6,
}
