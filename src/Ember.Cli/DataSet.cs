namespace Ember.Cli;

/// <summary>
/// A data source loaded whole into memory: features float32 [N, …] (a row [F] for tables, [C, H, W] for images) and
/// targets (int64 [N] class indices or float32 [N] values), with what is known about them. A source with its own test
/// part (an IDX folder with t10k files) carries it in <see cref="Test"/>.
/// </summary>
internal sealed class DataSet
{
    public required string Spec { get; init; }

    /// <summary>A short name for paths and titles (<c>digits</c>, <c>my-data</c>).</summary>
    public required string Name { get; init; }

    public required Tensor Features { get; init; }

    public required Tensor? Targets { get; init; }

    /// <summary>The class names of a classification set (index = class), or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The source's own test part, or null.</summary>
    public DataSet? Test { get; init; }

    /// <summary>The CSV reading of a <c>csv:</c> source (to encode other files the same way), or null.</summary>
    public Data.CsvPreprocessor? Csv { get; init; }

    public int Count => Features.Size(0);

    public int[] SampleShape => Features.Shape.ToArray()[1..];

    public bool IsImage => Features.Dim == 4;

    public DataSet Take(Tensor indices) => new()
    {
        Spec = Spec, Name = Name, ClassNames = ClassNames, Csv = Csv,
        Features = Features.IndexSelect(0, indices), Targets = Targets?.IndexSelect(0, indices),
    };
}
