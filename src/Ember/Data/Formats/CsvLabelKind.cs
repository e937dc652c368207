namespace Ember.Data;

/// <summary>How a CSV data set turns its label column(s) into the Target tensor.</summary>
public enum CsvLabelKind
{
    /// <summary>Class labels: each distinct value becomes an index into the sorted classes (scikit-learn's
    /// <c>LabelEncoder</c>: numerically when every value is a number, else ordinally); int64 targets.</summary>
    Class,
    /// <summary>Regression targets: each value is parsed as a number; float32 targets.</summary>
    Regression,
}
