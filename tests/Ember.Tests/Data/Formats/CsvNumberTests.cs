using System.Text;
using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Tests.Data.Formats;

/// <summary>
/// How CSV cells become numbers (pandas' rules: missing-value spellings, NaN and infinity spellings), non-finite
/// values never slipping through, and the standardization options (sample std, d2l's standardize-then-fill order).
/// </summary>
public class CsvNumberTests
{
    private static CsvData Encode(string csv, CsvOptions? options = null) =>
        CsvPreprocessor.FitTransform(CsvTable.Parse(csv, name: "n.csv"), options ?? new CsvOptions { LabelColumns = ["y"] }).Data;

    private static InvalidDataException Bad(string csv, CsvOptions? options = null)
    {
        var e = Assert.Throws<InvalidDataException>(() => Encode(csv, options));
        Assert.StartsWith("csv: n.csv: ", e.Message);
        return e;
    }

    [Fact]
    public void TheDefaultMissingValuesArePandas()
    {
        // pandas 1.5.3's pandas._libs.parsers.STR_NA_VALUES, plus "None" (added in pandas 2.0).
        string[] pandas = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null"];
        Assert.Equal([.. pandas.Append("None").Order(StringComparer.Ordinal)], CsvOptions.DefaultMissingValues.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("-nan")]
    [InlineData("NA")]
    [InlineData("N/A")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("#N/A")]
    [InlineData("1.#QNAN")]
    public void PandasMissingSpellingsAreMissing(string cell)
    {
        string csv = $"a,y\n1,p\n{cell},q\n3,p\n";
        Assert.Contains("line 3, column 'a': missing value", Bad(csv).Message);
        var filled = Encode(csv, new CsvOptions { LabelColumns = ["y"], Missing = MissingPolicy.FillMean });
        Assert.Equal([1f, 2f, 3f], filled.Features.ToArray<float>());
    }

    [Theory]
    [InlineData("NAN")]
    [InlineData("nAn")]
    [InlineData("+NaN")]
    [InlineData("+nan")]
    [InlineData("1e999")]
    [InlineData("-1e999")]
    [InlineData("∞")]
    public void OtherNanSpellingsAndOverflowsAreNotNumbers(string cell)
    {
        // pandas reads these as text (an object column), never as NaN or infinity; .NET's parser would read NaN/∞.
        // In a column of numbers that is an error under every policy — never a NaN that passes the missing-value check.
        string csv = $"a,y\n1,p\n{cell},q\n3,p\n";
        foreach (var policy in new[] { MissingPolicy.Error, MissingPolicy.FillMean, MissingPolicy.Drop })
            foreach (bool standardize in new[] { false, true })
            {
                var e = Bad(csv, new CsvOptions { LabelColumns = ["y"], Missing = policy, Standardize = standardize });
                Assert.Contains($"line 3, column 'a': cannot parse '{cell}' as a number (the column's other values are numbers)", e.Message);
            }
        // A column of such cells only is text, as pandas' object column: one-hot encoded.
        var data = Encode($"a,y\n{cell},p\nx,q\n");
        Assert.Equal(2, data.Features.Size(1));
    }

    [Theory]
    [InlineData("inf")]
    [InlineData("-inf")]
    [InlineData("INF")]
    [InlineData("iNf")]
    [InlineData("+inf")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("infinity")]
    public void InfinitiesAreNumbersButRejected(string cell)
    {
        // pandas parses these as ±inf (case-insensitively); an infinite feature would turn the column's mean, its standardization
        // and any loss into NaN, so it is an error naming the cell — under every policy, as it is not a missing value.
        string csv = $"a,y\n1,p\n{cell},q\n3,p\n";
        foreach (var options in new[]
        {
            new CsvOptions { LabelColumns = ["y"] },
            new CsvOptions { LabelColumns = ["y"], Missing = MissingPolicy.FillMean },
            new CsvOptions { LabelColumns = ["y"], Standardize = true, StandardizeCorrection = 1 },
        })
            Assert.Contains($"line 3, column 'a': the feature '{cell}' is infinite", Bad(csv, options).Message);
        // Listed as a missing value, it is one.
        var filled = Encode(csv, new CsvOptions { LabelColumns = ["y"], Missing = MissingPolicy.FillMean, MissingValues = new HashSet<string>(CsvOptions.DefaultMissingValues) { cell } });
        Assert.Equal([1f, 2f, 3f], filled.Features.ToArray<float>());
        // A regression label too.
        var label = Bad($"a,y\n1,2\n2,{cell}\n", new CsvOptions { LabelColumns = ["y"], LabelKind = CsvLabelKind.Regression });
        Assert.Contains($"line 3, column 'y': the label '{cell}' is infinite", label.Message);
    }

    [Fact]
    public void NumericClassLabelsWithInfinitiesSortNumerically()
    {
        var table = CsvTable.Parse("a,y\n1,inf\n2,-inf\n3,0\n4,2.5\n", name: "n.csv");
        var pre = CsvPreprocessor.Fit(table, new CsvOptions { LabelColumns = ["y"] });
        Assert.Equal(["-inf", "0", "2.5", "inf"], pre.LabelClasses[0]);
    }

    [Fact]
    public void NonFiniteFillValuesAndUndefinedKindsAreRejected()
    {
        Assert.StartsWith("MissingPolicy: the fill value must be finite, got NaN", Assert.Throws<ArgumentException>(() => MissingPolicy.FillValue(double.NaN)).Message);
        Assert.Throws<ArgumentException>(() => MissingPolicy.FillValue(double.NegativeInfinity));
        Assert.Throws<ArgumentException>(() => new MissingPolicy(MissingPolicyKind.FillValue, double.PositiveInfinity));
        Assert.StartsWith("MissingPolicy: unknown kind 42", Assert.Throws<ArgumentException>(() => new MissingPolicy((MissingPolicyKind)42)).Message);
        var table = CsvTable.Parse("a,y\n1,p\nNA,q\n", name: "n.csv");
        var sneaky = MissingPolicy.FillValue(0) with { Value = double.NaN }; // `with` skips the constructor's check
        Assert.StartsWith("csv: the MissingPolicy fill value must be finite, got NaN",
            Assert.Throws<ArgumentException>(() => CsvPreprocessor.Fit(table, new CsvOptions { LabelColumns = ["y"], Missing = sneaky })).Message);
        Assert.StartsWith("csv: unknown LabelKind 7",
            Assert.Throws<ArgumentException>(() => CsvPreprocessor.Fit(table, new CsvOptions { LabelColumns = ["y"], LabelKind = (CsvLabelKind)7 })).Message);
        Assert.StartsWith("csv: StandardizeCorrection must be non-negative",
            Assert.Throws<ArgumentException>(() => CsvPreprocessor.Fit(table, new CsvOptions { LabelColumns = ["y"], Standardize = true, StandardizeCorrection = -1 })).Message);
    }

    [Fact]
    public void HugeFiniteValuesDoNotOverflowTheStatistics()
    {
        // Σx and Σ(x - mean)² overflow double here; the fill mean and the scale must not become infinite (nor an error).
        string csv = "a,y\n1e308,p\n1.5e308,q\nNA,p\n-1e308,q\n";
        var data = Encode(csv, new CsvOptions { LabelColumns = ["y"], Missing = MissingPolicy.FillMean, Standardize = true });
        var pre = CsvPreprocessor.Fit(CsvTable.Parse(csv), new CsvOptions { LabelColumns = ["y"], Missing = MissingPolicy.FillMean, Standardize = true });
        Assert.Equal(0.5e308, pre.FillValues[0], 1e293);
        Assert.True(double.IsFinite(pre.Scaler!.Scale[0]) && pre.Scaler.Scale[0] > 1e307);
        Assert.All(data.Features.ToArray<float>(), v => Assert.True(float.IsFinite(v)));
        // The population std of [1e308, 1.5e308, 0.5e308, -1e308]: numpy np.std([1, 1.5, 0.5, -1]) * 1e308 = 9.354143466934853e+307.
        Assert.Equal(9.354143466934854e307, pre.Scaler.Scale[0], 1e293);
    }

    // A house-prices-like training file with missing numbers and categories (d2l's "Predicting House Prices on Kaggle").
    private const string House = """
        Id,MSSubClass,LotFrontage,Street,Alley,OverallQual,SalePrice
        1,60,65,Pave,NA,7,208500
        2,20,80,Pave,NA,6,181500
        3,60,NA,Pave,Grvl,7,223500
        4,70,60,Grvl,NA,,140000
        5,60,84,Pave,Pave,8,250000
        6,50,NA,Grvl,Pave,5,143000
        """;

    private static void AssertMatrix(double[,] expected, Tensor actual, double tol)
    {
        Assert.Equal(new Size(expected.GetLength(0), expected.GetLength(1)), actual.Shape);
        var a = (float[,])actual.ToArray();
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
                Assert.True(Math.Abs(expected[i, j] - a[i, j]) <= tol, $"[{i}, {j}]: expected {expected[i, j]}, got {a[i, j]}");
    }

    [Fact]
    public void D2lOrderMatchesPandas()
    {
        // pandas 1.5.3, d2l's recipe: X = train.iloc[:, 1:-1]; num = X.dtypes[X.dtypes != 'object'].index
        // X[num] = X[num].apply(lambda x: (x - x.mean()) / (x.std())); X[num] = X[num].fillna(0); pd.get_dummies(X, dummy_na=True)
        var options = new CsvOptions
        {
            LabelColumns = ["SalePrice"], LabelKind = CsvLabelKind.Regression, DropColumns = ["Id"],
            Standardize = true, StandardizeCorrection = 1, FillAfterStandardize = true, Missing = MissingPolicy.FillValue(0), DummyNa = true,
        };
        var (pre, data) = CsvPreprocessor.FitTransform(CsvTable.Parse(House), options);
        Assert.Equal(["MSSubClass", "LotFrontage", "OverallQual", "Street_Grvl", "Street_Pave", "Street_nan", "Alley_Grvl", "Alley_Pave", "Alley_nan"], data.FeatureNames);
        AssertMatrix(new double[,]
        {
            { 0.3806934938134404, -0.6272806175670473, 0.350823207722812, 0, 1, 0, 0, 0, 1 },
            { -1.9034674690672029, 0.6705413498130506, -0.5262348115842171, 0, 1, 0, 0, 0, 1 },
            { 0.3806934938134404, 0.0, 0.350823207722812, 0, 1, 0, 1, 0, 0 },
            { 0.9517337345336012, -1.05988794002708, 0.0, 1, 0, 0, 0, 0, 1 },
            { 0.3806934938134404, 1.0166272077810767, 1.2278812270298411, 0, 1, 0, 0, 1, 0 },
            { -0.1903467469067204, 0.0, -1.4032928308912462, 1, 0, 0, 0, 1, 0 },
        }, data.Features, 1e-6);
        // X[num].mean(), X[num].std() (skipping NaN, ddof=1)
        var mean = pre.Scaler!.Mean;
        var scale = pre.Scaler.Scale;
        double[] pandasMean = [53.333333333333336, 72.25, 6.6], pandasStd = [17.511900715418264, 11.557825631723873, 1.140175425099138];
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(pandasMean[j], mean[j], 1e-13);
            Assert.Equal(pandasStd[j], scale[j], 1e-13);
        }
        // FillMean in this order puts the (standardized) mean, 0, as FillValue(0) does.
        var withMean = CsvPreprocessor.FitTransform(CsvTable.Parse(House), options with { Missing = MissingPolicy.FillMean }).Data;
        Assert.Equal(data.Features.ToArray<float>(), withMean.Features.ToArray<float>());
    }

    [Fact]
    public void SampleStdAfterFillingMatchesPandas()
    {
        // pandas 1.5.3: X[num] = X[num].fillna(X[num].mean()); X[num] = (X[num] - X[num].mean()) / X[num].std()
        var options = new CsvOptions
        {
            LabelColumns = ["SalePrice"], LabelKind = CsvLabelKind.Regression, DropColumns = ["Id"],
            Standardize = true, StandardizeCorrection = 1, Missing = MissingPolicy.FillMean,
        };
        var (pre, data) = CsvPreprocessor.FitTransform(CsvTable.Parse(House), options);
        AssertMatrix(new double[,]
        {
            { 0.38069349381344036, -0.809815795078626, 0.39223227027636753 },
            { -1.9034674690672024, 0.8656651602564623, -0.5883484054145526 },
            { 0.38069349381344036, 0.0, 0.39223227027636753 },
            { 0.951733734533601, -1.3683094468569887, 0 },
            { 0.38069349381344036, 1.3124600816791525, 1.3728129459672875 },
            { -0.19034674690672038, 0.0, -1.5689290811054726 },
        }, data.Features.Narrow(1, 0, 3), 1e-6);
        Assert.Equal(8.952653238007155, pre.Scaler!.Scale[1], 1e-13);
        // The default is still scikit-learn's population std: X[num].std(ddof=0) = 8.172547… for the filled LotFrontage.
        var population = CsvPreprocessor.Fit(CsvTable.Parse(House), options with { StandardizeCorrection = 0 });
        Assert.Equal(8.952653238007155 * Math.Sqrt(5.0 / 6), population.Scaler!.Scale[1], 1e-13);
    }

    [Fact]
    public void ScalerCorrectionMatchesTorchStd()
    {
        // torch 1.13: x.std(0, unbiased=True) = [3.872983346207417, 4.272001872658765, 0.0]; a constant column gets scale 1.
        var x = Torch.FromArray(new double[,] { { 1, 2, 7 }, { 3, 5, 7 }, { 4, 9, 7 }, { 10, -1, 7 } });
        var s = StandardScaler.Fit(x, correction: 1);
        Assert.Equal([4.5, 3.75, 7.0], s.Mean);
        Assert.Equal(3.872983346207417, s.Scale[0], 1e-14);
        Assert.Equal(4.272001872658765, s.Scale[1], 1e-14);
        Assert.Equal(1.0, s.Scale[2]);
        TestUtil.Close([-0.9036961141150639, -0.409644015186457, 0.0, -0.3872983346207417, 0.2926028679903264, 0.0,
            -0.12909944487358055, 1.228932045559371, 0.0, 1.420093893609386, -1.1118908983632405, 0.0], s.Transform(x), 1e-14);
        // One row with correction 1 has no spread to measure: scale 1, not NaN.
        Assert.Equal([1.0, 1, 1], StandardScaler.Fit(x.Narrow(0, 0, 1), correction: 1).Scale);
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardScaler.Fit(x, correction: -1));
        var nan = Assert.Throws<ArgumentException>(() => StandardScaler.Fit(Torch.FromArray(new double[,] { { 1, double.NaN } })));
        Assert.StartsWith("StandardScaler: feature 1 of row 0 is NaN", nan.Message);
    }

    [Fact]
    public void TableIndicesOutOfRangeNameTheTable()
    {
        var table = CsvTable.Parse("a,b\n1,2\n", name: "t.csv");
        Assert.Equal("csv: t.csv: row 1 is out of range for a table of 1 data rows", Assert.Throws<IndexOutOfRangeException>(() => table[1, 0]).Message);
        Assert.Equal("csv: t.csv: column -1 is out of range for a table of 2 columns", Assert.Throws<IndexOutOfRangeException>(() => table[0, -1]).Message);
        Assert.Equal("csv: t.csv: row -5 is out of range for a table of 1 data rows", Assert.Throws<IndexOutOfRangeException>(() => table.LineOf(-5)).Message);
    }

    [Fact]
    public void AnIdColumnThatWouldNotFitIsNamedBeforeAllocating()
    {
        // 47,000 rows of a text id one-hot encode to 47,000 x 47,001 features: more than an array holds.
        var sb = new StringBuilder("id,v,y\n");
        for (int i = 0; i < 47_000; i++) sb.Append("u").Append(i).Append(',').Append(i % 7).Append(',').Append(i % 2).Append('\n');
        var table = CsvTable.Parse(sb.ToString(), name: "ids.csv");
        var pre = CsvPreprocessor.Fit(table, new CsvOptions { LabelColumns = ["y"] });
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => pre.Transform(table));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100 << 20);
        Assert.Equal("csv: ids.csv: the encoded features would be 47000 rows x 47001 columns = 2209047000 values, more than one array can hold (2147483591); " +
            "the widest categorical column is 'id' with 47000 categories (list id-like columns in DropColumns)", e.Message);
    }
}
