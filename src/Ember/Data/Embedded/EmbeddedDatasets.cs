using System.Globalization;
using System.IO.Compression;

namespace Ember.Data;

/// <summary>
/// Small classic data sets embedded in the Ember assembly, loadable with one call and no files or
/// network: scikit-learn's copies (BSD-3-Clause; each <see cref="EmbeddedDataset.Description"/> gives the
/// origin and citation). Values are the files' raw values, as scikit-learn's <c>load_*</c> functions return them.
/// </summary>
/// <example>
/// <code>
/// var iris = EmbeddedDatasets.Iris();                       // Features [150, 4], Targets int64 [150]
/// var parts = Splits.RandomSplit(iris.ToDataset(), [0.8, 0.2], new Generator(0));   // 120 / 30 samples
/// var loader = new DataLoader(parts[0], batchSize: 16, shuffle: true);
/// </code>
/// </example>
public static class EmbeddedDatasets
{
    /// <summary>
    /// UCI optical recognition of hand-written digits (the test set; E. Alpaydin, C. Kaynak): 1,797 images of
    /// 8 × 8 pixels flattened row-major to Features float32 [1797, 64] with the raw counts 0…16 (not scaled:
    /// divide by 16 for [0, 1]); Targets int64 [1797] in 0…9 (about 180 per class). Feature names
    /// <c>pixel_r_c</c>; target names "0"…"9".
    /// </summary>
    public static EmbeddedDataset Digits()
    {
        var rows = ReadRows("digits.csv.gz", ',', skipHeader: false);
        var (features, targets) = Split(rows, 64, "digits");
        var names = new string[64];
        for (int i = 0; i < 64; i++) names[i] = $"pixel_{i / 8}_{i % 8}";
        return new("digits", features, targets, names, Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(), Description("digits.rst"));
    }

    /// <summary>
    /// Fisher's iris (R. A. Fisher, 1936): Features float32 [150, 4] in cm (sepal length, sepal width, petal
    /// length, petal width); Targets int64 [150], 50 each of setosa (0), versicolor (1), virginica (2).
    /// </summary>
    public static EmbeddedDataset Iris() => WithHeader("iris", "iris.csv", "iris.rst",
        ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]);

    /// <summary>
    /// Breast cancer Wisconsin (diagnostic) (W. H. Wolberg, W. N. Street, O. L. Mangasarian, 1995): Features
    /// float32 [569, 30] (mean, standard error and worst value of ten cell-nucleus measurements); Targets
    /// int64 [569], malignant (0) 212, benign (1) 357.
    /// </summary>
    public static EmbeddedDataset BreastCancer() => WithHeader("breast_cancer", "breast_cancer.csv", "breast_cancer.rst",
    [
        "mean radius", "mean texture", "mean perimeter", "mean area", "mean smoothness", "mean compactness", "mean concavity",
        "mean concave points", "mean symmetry", "mean fractal dimension", "radius error", "texture error", "perimeter error",
        "area error", "smoothness error", "compactness error", "concavity error", "concave points error", "symmetry error",
        "fractal dimension error", "worst radius", "worst texture", "worst perimeter", "worst area", "worst smoothness",
        "worst compactness", "worst concavity", "worst concave points", "worst symmetry", "worst fractal dimension",
    ]);

    /// <summary>
    /// Diabetes (B. Efron, T. Hastie, I. Johnstone, R. Tibshirani, 2004), unscaled: Features float32 [442, 10]
    /// (age, sex, bmi, bp, s1…s6 in their original units; scikit-learn's <c>load_diabetes(scaled=False)</c>);
    /// Targets float32 [442], a measure of disease progression one year after baseline (25…346). Regression: no target names.
    /// </summary>
    public static EmbeddedDataset Diabetes()
    {
        var data = ReadRows("diabetes_data_raw.csv.gz", ' ', skipHeader: false);
        var target = ReadRows("diabetes_target.csv.gz", ' ', skipHeader: false);
        if (data.Count != target.Count)
            throw new InvalidDataException($"diabetes: {data.Count} feature rows but {target.Count} targets");
        var x = new float[data.Count * 10];
        var y = new float[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            if (data[i].Length != 10) throw new InvalidDataException($"diabetes: row {i + 1} has {data[i].Length} fields, expected 10");
            if (target[i].Length != 1) throw new InvalidDataException($"diabetes: target row {i + 1} has {target[i].Length} fields, expected 1");
            for (int j = 0; j < 10; j++) x[i * 10 + j] = ParseFloat(data[i][j], "diabetes", i);
            y[i] = ParseFloat(target[i][0], "diabetes", i);
        }
        return new("diabetes", Torch.FromArray(x, data.Count, 10), Torch.FromArray(y),
            ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"], null, Description("diabetes.rst"));
    }

    /// <summary>
    /// UCI wine recognition (M. Forina et al.): Features float32 [178, 13] (chemical analysis: alcohol, malic
    /// acid, …, proline); Targets int64 [178], class_0 59, class_1 71, class_2 48 (three cultivars).
    /// </summary>
    public static EmbeddedDataset Wine() => WithHeader("wine", "wine_data.csv", "wine_data.rst",
    [
        "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
        "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline",
    ]);

    /// <summary>Reads a scikit-learn CSV whose first line is <c>N,F,class names...</c>, then N rows of F features and a class index.</summary>
    private static EmbeddedDataset WithHeader(string name, string file, string descr, string[] featureNames)
    {
        var rows = ReadRows(file, ',', skipHeader: false);
        if (rows.Count == 0) throw new InvalidDataException($"{name}: {file} is empty");
        var header = rows[0];
        if (header.Length < 2 || !int.TryParse(header[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            || !int.TryParse(header[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int f))
            throw new InvalidDataException($"{name}: {file} must start with a header 'n_samples,n_features,target names...'");
        rows.RemoveAt(0);
        if (rows.Count != n) throw new InvalidDataException($"{name}: the header announces {n} samples but {file} holds {rows.Count}");
        if (f != featureNames.Length) throw new InvalidDataException($"{name}: the header announces {f} features, expected {featureNames.Length}");
        var (features, targets) = Split(rows, f, name);
        return new(name, features, targets, featureNames, header[2..], Description(descr));
    }

    private static (Tensor Features, Tensor Targets) Split(List<string[]> rows, int f, string name)
    {
        var x = new float[rows.Count * f];
        var y = new long[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (r.Length != f + 1) throw new InvalidDataException($"{name}: row {i + 1} has {r.Length} fields, expected {f + 1}");
            for (int j = 0; j < f; j++) x[i * f + j] = ParseFloat(r[j], name, i);
            if (!long.TryParse(r[f], NumberStyles.Integer, CultureInfo.InvariantCulture, out y[i]))
                throw new InvalidDataException($"{name}: row {i + 1}: the class '{r[f]}' is not an integer");
        }
        return (Torch.FromArray(x, rows.Count, f), Torch.FromArray(y));
    }

    private static float ParseFloat(string s, string name, int row) =>
        float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidDataException($"{name}: row {row + 1}: '{s}' is not a number");

    private static Stream Open(string file) =>
        typeof(EmbeddedDatasets).Assembly.GetManifestResourceStream("Ember.Data.Embedded." + file)
        ?? throw new InvalidOperationException($"EmbeddedDatasets: the embedded resource {file} is missing from the Ember assembly");

    private static List<string[]> ReadRows(string file, char separator, bool skipHeader)
    {
        using var raw = Open(file);
        using var stream = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        string? line;
        bool first = true;
        while ((line = reader.ReadLine()) is not null)
        {
            if (first && skipHeader) { first = false; continue; }
            first = false;
            line = line.Trim();
            if (line.Length == 0) continue;
            rows.Add(line.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        return rows;
    }

    private static string Description(string file)
    {
        using var reader = new StreamReader(Open(file));
        return reader.ReadToEnd();
    }
}
