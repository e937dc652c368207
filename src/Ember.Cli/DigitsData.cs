using System.Globalization;
using System.IO.Compression;

namespace Ember.Cli;

/// <summary>
/// The UCI optical-digits set (1,797 8×8 images, pixel values 0–16, 10 classes), embedded in the CLI
/// from scikit-learn's copy (BSD-3-Clause; see Data/digits.rst for origin and citation).
/// </summary>
internal static class DigitsData
{
    /// <summary>Features scaled to [0, 1] as float32 [1797, 64] and labels as int64 [1797].</summary>
    public static (Tensor Features, Tensor Labels) Load()
    {
        using var stream = typeof(DigitsData).Assembly.GetManifestResourceStream("digits.csv.gz")
            ?? throw new InvalidOperationException("digits: the embedded resource digits.csv.gz is missing");
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var features = new List<float>();
        var labels = new List<long>();
        string? line;
        int lineNo = 0;
        while ((line = reader.ReadLine()) != null)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var parts = line.Split(',');
            if (parts.Length != 65)
                throw new InvalidDataException($"digits: line {lineNo} has {parts.Length} fields, expected 65");
            for (int i = 0; i < 64; i++) features.Add(float.Parse(parts[i], CultureInfo.InvariantCulture) / 16f);
            labels.Add(long.Parse(parts[64], CultureInfo.InvariantCulture));
        }
        return (Torch.FromArray(features.ToArray(), labels.Count, 64), Torch.FromArray(labels.ToArray()));
    }
}
