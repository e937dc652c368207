namespace Ember.NN;

/// <summary>A column of a <see cref="ModelSummary"/> table (torchinfo's <c>col_names</c>).</summary>
public enum SummaryColumn
{
    /// <summary><c>Input Shape</c>: the shape of the first input tensor.</summary>
    InputSize,
    /// <summary><c>Output Shape</c>: the shape of the first output tensor.</summary>
    OutputSize,
    /// <summary><c>Param #</c>: the parameters (in parentheses when none is trainable).</summary>
    NumParams,
    /// <summary><c>Param %</c>: the row's parameters as a percentage of the total.</summary>
    ParamsPercent,
    /// <summary><c>Mult-Adds</c>: the multiply-adds of a leaf layer.</summary>
    MultAdds,
    /// <summary><c>Trainable</c>: True, False, Partial or <c>--</c>.</summary>
    Trainable,
}

/// <summary>How <see cref="ModelSummary.ToString(SummaryFormat)"/> prints the table (torchinfo's display arguments, with its defaults).</summary>
public sealed record SummaryFormat
{
    /// <summary>The deepest level of nested layers shown (default 3); deeper rows are hidden, and a row at this depth shows the totals of its subtree.</summary>
    public int Depth { get; init; } = 3;

    /// <summary>The columns, in order (default <see cref="SummaryColumn.OutputSize"/>, <see cref="SummaryColumn.NumParams"/>;
    /// only <see cref="SummaryColumn.NumParams"/> for a summary made without an input).</summary>
    public IReadOnlyList<SummaryColumn>? Columns { get; init; }

    /// <summary>The width of every column but the first (default 25).</summary>
    public int ColumnWidth { get; init; } = 25;

    /// <summary>Show the depth and index after the type, <c>Conv2d: 1-2</c> (default true).</summary>
    public bool ShowDepth { get; init; } = true;

    /// <summary>Show the registered name after the type, <c>Linear (fc)</c> (default false).</summary>
    public bool ShowVarNames { get; init; }

    /// <summary>Draw the tree with ASCII (<c>+ </c>, <c>|</c>) instead of box-drawing characters (default false).</summary>
    public bool AsciiOnly { get; init; }

    /// <summary>Leave out the rows of modules already listed (default false).</summary>
    public bool HideRecursiveLayers { get; init; }
}
