namespace Ember.Serialization;

/// <summary>
/// A model or tensor file is malformed, truncated or hostile (a bad header, offsets out of range or overlapping, sizes
/// that overflow, an unknown dtype): the one exception the readers raise for anything wrong inside a file.
/// </summary>
public sealed class ModelFormatException : FormatException
{
    /// <summary>Creates the exception with a message naming the format, the entry and the problem.</summary>
    /// <param name="message">What is wrong, e.g. <c>safetensors: tensor "fc.weight": data_offsets [0, 12] do not hold 4 float32 values</c>.</param>
    public ModelFormatException(string message) : base(message) { }

    /// <summary>Creates the exception for a lower-level failure (invalid UTF-8, invalid JSON).</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The failure that revealed it.</param>
    public ModelFormatException(string message, Exception inner) : base(message, inner) { }
}
