namespace Ember.Data;

/// <summary>
/// A CSV column chosen by name or by 0-based position; strings and ints convert implicitly, so
/// <c>LabelColumns = ["Outcome"]</c> and <c>LabelColumns = [8]</c> both work.
/// </summary>
public readonly record struct CsvColumn
{
    /// <summary>A column chosen by name.</summary>
    /// <param name="name">The header name (exact, case-sensitive).</param>
    public CsvColumn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Index = null;
    }

    /// <summary>A column chosen by 0-based position.</summary>
    /// <param name="index">The position; must be non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    public CsvColumn(int index)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), index, "csv: a column index must be non-negative");
        Name = null;
        Index = index;
    }

    /// <summary>The name, when chosen by name.</summary>
    public string? Name { get; }

    /// <summary>The position, when chosen by position.</summary>
    public int? Index { get; }

    /// <summary>A column chosen by name.</summary>
    /// <param name="name">The header name.</param>
    public static implicit operator CsvColumn(string name) => new(name);

    /// <summary>A column chosen by position.</summary>
    /// <param name="index">The 0-based position.</param>
    public static implicit operator CsvColumn(int index) => new(index);

    /// <summary>The position of this column in <paramref name="columns"/>, or -1 when there is none.</summary>
    /// <param name="columns">The table's column names.</param>
    public int Resolve(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (Index is int i) return i < columns.Count ? i : -1;
        for (int k = 0; k < columns.Count; k++)
            if (string.Equals(columns[k], Name, StringComparison.Ordinal)) return k;
        return -1;
    }

    /// <summary>The name in quotes, or <c>#index</c>.</summary>
    public override string ToString() => Index is int i ? $"#{i}" : $"'{Name}'";
}
