namespace Ember.Data;

/// <summary>What a <see cref="MissingPolicy"/> does with a missing value.</summary>
public enum MissingPolicyKind
{
    /// <summary>Throw an <see cref="InvalidDataException"/> naming the line and column.</summary>
    Error,
    /// <summary>Drop every row with a missing value in a feature or label column (pandas' <c>dropna</c>).</summary>
    Drop,
    /// <summary>Replace a missing numeric value by its column's mean over the fitting data (pandas' <c>fillna(df.mean())</c>).</summary>
    FillMean,
    /// <summary>Replace a missing numeric value by a constant (pandas' <c>fillna(x)</c>).</summary>
    FillValue,
}

/// <summary>
/// How a CSV data set treats missing values (empty cells, <c>NA</c>, … — see <see cref="CsvOptions.MissingValues"/>):
/// <see cref="Error"/> (the default), <see cref="Drop"/>, <see cref="FillMean"/> or <see cref="FillValue"/>(x).
/// </summary>
/// <remarks>
/// The fills apply to numeric feature columns. A missing value in a categorical column is never filled:
/// its one-hot columns are all zero (pandas' <c>get_dummies</c>), or its <c>col_nan</c> column is 1 with
/// <see cref="CsvOptions.DummyNa"/>; under <see cref="Error"/> it is an error unless <see cref="CsvOptions.DummyNa"/> is set.
/// A missing label is an error unless the policy is <see cref="Drop"/>.
/// </remarks>
/// <param name="Kind">What to do.</param>
/// <param name="Value">The constant for <see cref="MissingPolicyKind.FillValue"/>; 0 otherwise. Finite.</param>
/// <exception cref="ArgumentException"><paramref name="Kind"/> is not a defined kind, or <paramref name="Value"/> is NaN or infinite.</exception>
public sealed record MissingPolicy(MissingPolicyKind Kind, double Value = 0)
{
    /// <summary>What to do.</summary>
    public MissingPolicyKind Kind { get; init; } = Enum.IsDefined(Kind) ? Kind
        : throw new ArgumentException($"MissingPolicy: unknown kind {(int)Kind} (use Error, Drop, FillMean or FillValue)", nameof(Kind));

    /// <summary>The constant for <see cref="MissingPolicyKind.FillValue"/>; 0 otherwise.</summary>
    public double Value { get; init; } = double.IsFinite(Value) ? Value
        : throw new ArgumentException($"MissingPolicy: the fill value must be finite, got {Value} (filling with NaN would leave the value missing, silently)", nameof(Value));

    /// <summary>Missing values are an error (the default).</summary>
    public static MissingPolicy Error { get; } = new(MissingPolicyKind.Error);

    /// <summary>Rows with a missing value are dropped.</summary>
    public static MissingPolicy Drop { get; } = new(MissingPolicyKind.Drop);

    /// <summary>Missing numeric values become their column's mean over the fitting (training) data.</summary>
    public static MissingPolicy FillMean { get; } = new(MissingPolicyKind.FillMean);

    /// <summary>Missing numeric values become <paramref name="value"/>.</summary>
    /// <param name="value">The constant; finite.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public static MissingPolicy FillValue(double value) => new(MissingPolicyKind.FillValue, value);
}
