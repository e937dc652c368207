using Ember.Data;
using Ember.Data.Formats;

namespace Ember.Tests.Data.Formats;

public class CsvTests
{
    // A house-prices-like file: an id to drop, numeric columns with NA cells, categorical columns with NA/empty cells.
    private const string Train = """
        Id,LotArea,Street,Alley,YearBuilt,Quality,SalePrice
        1,8450,Pave,NA,2003,7,208500
        2,9600,Pave,,1976,6,181500
        3,NA,Grvl,Pave,2001,7,223500
        4,9550,Pave,Grvl,1915,,140000
        5,14260,Pave,NA,2000,8,250000
        6,11250,"Grvl",Pave,2001,5,143000
        """;

    // The matching test file: no label column, an unseen category (Dirt) and missing values.
    private const string Test = """
        Id,LotArea,Street,Alley,YearBuilt,Quality
        7,10000,Pave,Dirt,1990,NA
        8,NA,Grvl,NA,2010,9
        9,9000,NA,Pave,1950,4
        """;

    private static readonly CsvOptions HouseOptions = new()
    {
        LabelColumns = ["SalePrice"],
        LabelKind = CsvLabelKind.Regression,
        DropColumns = ["Id"],
        Missing = MissingPolicy.FillMean,
        DummyNa = true,
    };

    private static float[,] Matrix(Tensor t) => (float[,])t.ToArray();

    private static void AssertRows(double[,] expected, Tensor actual, double tol)
    {
        Assert.Equal(new Size(expected.GetLength(0), expected.GetLength(1)), actual.Shape);
        var a = Matrix(actual);
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
                Assert.True(Math.Abs(expected[i, j] - a[i, j]) <= tol * Math.Max(1, Math.Abs(expected[i, j])), $"[{i}, {j}]: expected {expected[i, j]}, got {a[i, j]}");
    }

    [Fact]
    public void OneHotAndFillMeanFollowPandas()
    {
        // pandas 1.5: X = df.drop(columns=['Id', 'SalePrice']); X[num] = X[num].fillna(X[num].mean()); pd.get_dummies(X, dummy_na=True)
        var (pre, data) = CsvPreprocessor.FitTransform(CsvTable.Parse(Train, name: "train.csv"), HouseOptions);
        Assert.Equal(new[] { "LotArea", "YearBuilt", "Quality", "Street_Grvl", "Street_Pave", "Street_nan", "Alley_Grvl", "Alley_Pave", "Alley_nan" }, data.FeatureNames);
        Assert.Equal(new[] { 10622.0, 1982.6666666666667, 6.6 }, pre.FillValues.Select(v => Math.Round(v, 10)).ToArray(), (a, b) => Math.Abs(a - Math.Round(b, 10)) < 1e-9);
        AssertRows(new double[,]
        {
            { 8450, 2003, 7, 0, 1, 0, 0, 0, 1 },
            { 9600, 1976, 6, 0, 1, 0, 0, 0, 1 },
            { 10622, 2001, 7, 1, 0, 0, 0, 1, 0 },
            { 9550, 1915, 6.6, 0, 1, 0, 1, 0, 0 },
            { 14260, 2000, 8, 0, 1, 0, 0, 0, 1 },
            { 11250, 2001, 5, 1, 0, 0, 0, 1, 0 },
        }, data.Features, 1e-7);
        Assert.Equal(DType.Float32, data.Features.DType);
        Assert.Equal(DType.Float32, data.Targets!.DType);
        Assert.Equal(new[] { 208500f, 181500, 223500, 140000, 250000, 143000 }, data.Targets.ToArray<float>());
        Assert.Equal(new[] { 2, 3, 4, 5, 6, 7 }, data.Lines);
        Assert.Equal(new[] { "Grvl", "Pave" }, pre.Categories[1]); // Alley
    }

    [Fact]
    public void WithoutDummyNaMissingCategoriesAreAllZero()
    {
        var (_, data) = CsvPreprocessor.FitTransform(CsvTable.Parse(Train), HouseOptions with { DummyNa = false });
        // pandas: pd.get_dummies(X).columns
        Assert.Equal(new[] { "LotArea", "YearBuilt", "Quality", "Street_Grvl", "Street_Pave", "Alley_Grvl", "Alley_Pave" }, data.FeatureNames);
        var m = Matrix(data.Features);
        Assert.Equal(new float[] { 0, 0 }, new[] { m[0, 5], m[0, 6] });
        Assert.Equal(new float[] { 0, 1 }, new[] { m[2, 5], m[2, 6] });
    }

    [Fact]
    public void TestDataUsesTrainingStatistics()
    {
        using var dir = new TempDir();
        System.IO.File.WriteAllText(dir.File("train.csv"), Train);
        System.IO.File.WriteAllText(dir.File("test.csv"), Test);
        var (train, test) = CsvDataset.Load(dir.File("train.csv"), dir.File("test.csv"), HouseOptions with { Standardize = true });
        Assert.Same(train.Preprocessor, test.Preprocessor);
        // scikit-learn 1.2: StandardScaler().fit(train numeric columns after the mean fill)
        var scaler = train.Preprocessor.Scaler!;
        Assert.Equal(9, scaler.Features);
        double[] mean = [10622.0, 1982.6666666667, 6.6], scale = [1850.2558381658, 31.6473625371, 0.9309493363];
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(mean[j], scaler.Mean[j], 9);
            Assert.Equal(scale[j], scaler.Scale[j], 9);
        }
        Assert.All(scaler.Scale[3..], s => Assert.Equal(1.0, s)); // one-hot columns stay 0/1
        AssertRows(new double[,]
        {
            { -1.1738917155, 0.6424969319, 0.4296689244, 0, 1, 0, 0, 0, 1 },
            { -0.5523560466, -0.2106547318, -0.6445033866, 0, 1, 0, 0, 0, 1 },
            { 0, 0.5793005124, 0.4296689244, 1, 0, 0, 0, 1, 0 },
            { -0.5793793366, -2.1381455275, 0, 0, 1, 0, 1, 0, 0 },
            { 1.9662145769, 0.5477023026, 1.5038412355, 0, 1, 0, 0, 0, 1 },
            { 0.3394125218, 0.5793005124, -1.7186756977, 1, 0, 0, 0, 1, 0 },
        }, train.Features, 1e-6);
        // Test rows: the training means fill the NAs, the training scaler standardizes; 'Dirt' was never seen, so no Alley column is set.
        AssertRows(new double[,]
        {
            { -0.336169727, 0.231720205, 0, 0, 1, 0, 0, 0, 0 },
            { 0, 0.8636844003, 2.5780135465, 1, 0, 0, 0, 0, 1 },
            { -0.876635526, -1.0322081857, -2.7928480088, 0, 0, 1, 0, 1, 0 },
        }, test.Features, 1e-6);
        Assert.Null(test.Targets);
        Assert.Equal(3, test.Count);
        Assert.Throws<InvalidOperationException>(() => test[0]);
        var (x, y) = train[1];
        Assert.Equal(new Size(9), x.Shape);
        Assert.Equal(0, y.Dim);
        Assert.Equal(181500f, y.Item());
    }

    [Fact]
    public void ScalerStatisticsAreReusableArrays()
    {
        var x = Torch.FromArray(new double[,] { { 1, 5, 3 }, { 3, 5, -1 }, { 5, 5, 4 } });
        var s = StandardScaler.Fit(x);
        Assert.Equal(new[] { 3.0, 5, 2 }, s.Mean);
        Assert.Equal(Math.Sqrt(8.0 / 3), s.Scale[0], 12);
        Assert.Equal(1.0, s.Scale[1]); // zero variance: scale 1, like scikit-learn, so no NaN
        var z = s.Transform(x);
        Assert.Equal(DType.Float64, z.DType);
        Assert.All(z.ToArray<double>(), v => Assert.False(double.IsNaN(v)));
        Assert.Equal(0.0, z.ToArray<double>()[1]);
        var restored = new StandardScaler(s.Mean, s.Scale);
        Assert.Equal(z.ToArray<double>(), restored.Transform(x).ToArray<double>());
        TestUtil.Close(x.ToArray<double>(), restored.InverseTransform(z), 1e-12);
        Assert.Equal(DType.Float32, s.Transform(x.To(DType.Float32)).DType);
        Assert.Throws<ArgumentException>(() => s.Transform(Torch.Zeros(2, 4)));
        Assert.Throws<ArgumentException>(() => new StandardScaler([0.0], [0.0]));
        Assert.Throws<ArgumentException>(() => new StandardScaler([0.0, 1], [1.0]));
    }

    [Fact]
    public void ConstantColumnStandardizesToZero()
    {
        var table = CsvTable.Parse("a,b,y\n1,7,x\n2,7,y\n3,7,x\n");
        var (_, data) = CsvPreprocessor.FitTransform(table, new CsvOptions { LabelColumns = ["y"], Standardize = true });
        var m = Matrix(data.Features);
        for (int i = 0; i < 3; i++) Assert.Equal(0f, m[i, 1]);
        Assert.Equal(-1.2247449f, m[0, 0], 5);
    }

    [Fact]
    public void ClassLabelsAreSortedIndicesAndHeaderlessColumnsByIndex()
    {
        // A diabetes-like file without a header, ';'-separated, label in the last column.
        const string text = "6;148;72;pos\n1;85;66;neg\n8;183;64;pos\n1;89;NA;neg\n0;137;40;pos\n";
        var table = CsvTable.Parse(text, hasHeader: false, delimiter: ';');
        Assert.Equal(new[] { "0", "1", "2", "3" }, table.Columns);
        var ds = CsvDataset.FromTable(table, CsvPreprocessor.Fit(table, new CsvOptions { HasHeader = false, Delimiter = ';', LabelColumns = [3], Missing = MissingPolicy.FillValue(-1) }));
        Assert.Equal(new[] { "neg", "pos" }, ds.Classes);
        Assert.Equal(DType.Int64, ds.Targets!.DType);
        Assert.Equal(new long[] { 1, 0, 1, 0, 1 }, ds.Targets.ToArray<long>());
        Assert.Equal(-1f, Matrix(ds.Features)[3, 2]);
        Assert.Equal(new[] { "0", "1", "2" }, ds.FeatureNames);
        Assert.Equal(1L, ds[2].Target.Item<long>());
    }

    [Fact]
    public void NumericClassLabelsSortNumerically()
    {
        var table = CsvTable.Parse("x,y\n1,10\n2,2\n3,-1\n4,2\n");
        var ds = CsvDataset.FromTable(table, CsvPreprocessor.Fit(table, new CsvOptions { LabelColumns = ["y"] }));
        Assert.Equal(new[] { "-1", "2", "10" }, ds.Classes);
        Assert.Equal(new long[] { 2, 1, 0, 1 }, ds.Targets!.ToArray<long>());
    }

    [Fact]
    public void DeclaredCategoricalCodesSortNumerically()
    {
        var table = CsvTable.Parse("MSSubClass,Area\n60,1\n20,2\n120,3\n60,4\n");
        var (_, data) = CsvPreprocessor.FitTransform(table, new CsvOptions { CategoricalColumns = ["MSSubClass"] });
        Assert.Equal(new[] { "Area", "MSSubClass_20", "MSSubClass_60", "MSSubClass_120" }, data.FeatureNames);
        Assert.Null(data.Targets);
        Assert.Equal(new float[] { 1, 0, 1, 0 }, Enumerable.Range(0, 4).Select(j => Matrix(data.Features)[0, j]).ToArray());
    }

    [Fact]
    public void DropPolicyRemovesRowsAndKeepsLines()
    {
        var (pre, data) = CsvPreprocessor.FitTransform(CsvTable.Parse(Train), HouseOptions with { Missing = MissingPolicy.Drop, DummyNa = false });
        Assert.Equal(new[] { 7 }, data.Lines); // only the last row has no NA/empty cell
        Assert.Equal(new[] { "Grvl" }, pre.Categories[0]);
        Assert.Equal(new[] { 143000f }, data.Targets!.ToArray<float>());
    }

    [Fact]
    public void MultipleLabelColumnsGiveMatrixTargets()
    {
        var table = CsvTable.Parse("a,t1,t2\n1,0.5,2\n2,1.5,4\n");
        var ds = CsvDataset.FromTable(table, CsvPreprocessor.Fit(table, new CsvOptions { LabelColumns = ["t1", 2], LabelKind = CsvLabelKind.Regression }));
        Assert.Equal(new Size(2, 2), ds.Targets!.Shape);
        Assert.Equal(new[] { 1.5f, 4 }, ds[1].Target.ToArray<float>());
    }

    [Fact]
    public void QuotedFieldsAndDuplicateHeadersAreHandled()
    {
        var table = CsvTable.Parse("name,x,x,\n\"Smith, J\",1,2,3\n\"say \"\"hi\"\"\",4,5,6\n");
        Assert.Equal(new[] { "name", "x", "x.1", "Unnamed: 3" }, table.Columns);
        Assert.Equal("Smith, J", table[0, 0]);
        Assert.Equal("say \"hi\"", table[1, 0]);
    }

    // ---- malformed input ----

    [Fact]
    public void RaggedRowsNameTheLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvTable.Parse("a,b,c\n1,2,3\n\n4,5\n", name: "r.csv"));
        Assert.Equal("csv: r.csv: line 4 has 2 fields, expected 3 (the header's columns: a, b, c)", e.Message);
    }

    [Fact]
    public void UnparsableNumberNamesLineAndColumn()
    {
        var bad = Train.Replace("9550", "95O0");
        var e = Assert.Throws<InvalidDataException>(() => CsvPreprocessor.Fit(CsvTable.Parse(bad, name: "train.csv"), HouseOptions));
        Assert.StartsWith("csv: train.csv: line 5, column 'LotArea': cannot parse '95O0' as a number (the column's other values are numbers); list the column in CategoricalColumns", e.Message);
        // In test data, a numeric column is checked against the training kinds.
        var pre = CsvPreprocessor.Fit(CsvTable.Parse(Train), HouseOptions);
        e = Assert.Throws<InvalidDataException>(() => pre.Transform(CsvTable.Parse(Test.Replace("2010", "twenty"), name: "test.csv")));
        Assert.Equal("csv: test.csv: line 3, column 'YearBuilt': cannot parse 'twenty' as a number (the column is numeric in the training data)", e.Message);
        // Without inference, a text column is an error too.
        e = Assert.Throws<InvalidDataException>(() => CsvPreprocessor.Fit(CsvTable.Parse(Train), HouseOptions with { InferCategorical = false }));
        Assert.Contains("line 2, column 'Street': cannot parse 'Pave' as a number (InferCategorical is off)", e.Message);
    }

    [Fact]
    public void EmptyFilesAreErrors()
    {
        using var dir = new TempDir();
        System.IO.File.WriteAllText(dir.File("empty.csv"), "");
        var e = Assert.Throws<InvalidDataException>(() => CsvTable.Read(dir.File("empty.csv")));
        Assert.Equal("csv: empty.csv: the file is empty (no header row)", e.Message);
        Assert.Throws<InvalidDataException>(() => CsvTable.Read(dir.File("empty.csv"), hasHeader: false));
        System.IO.File.WriteAllText(dir.File("header.csv"), "a,b\n");
        e = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(dir.File("header.csv"), new CsvOptions { LabelColumns = ["b"] }));
        Assert.Equal("csv: header.csv: no data rows", e.Message);
        Assert.Throws<FileNotFoundException>(() => CsvTable.Read(dir.File("missing.csv")));
    }

    [Fact]
    public void UnknownColumnsAreErrors()
    {
        var table = CsvTable.Parse(Train, name: "train.csv");
        var e = Assert.Throws<ArgumentException>(() => CsvPreprocessor.Fit(table, HouseOptions with { LabelColumns = ["Price"] }));
        Assert.Equal("csv: train.csv: unknown label column 'Price'; the file has 7 columns: Id, LotArea, Street, Alley, YearBuilt, Quality, SalePrice", e.Message);
        e = Assert.Throws<ArgumentException>(() => CsvPreprocessor.Fit(table, HouseOptions with { LabelColumns = [7] }));
        Assert.Contains("unknown label column #7", e.Message);
        e = Assert.Throws<ArgumentException>(() => CsvPreprocessor.Fit(table, HouseOptions with { DropColumns = ["id"] }));
        Assert.Contains("unknown drop column 'id'", e.Message);
        // A test file lacking a training feature column.
        var pre = CsvPreprocessor.Fit(table, HouseOptions);
        e = Assert.Throws<ArgumentException>(() => pre.Transform(CsvTable.Parse("Id,LotArea,Street,YearBuilt,Quality\n1,2,Pave,3,4\n", name: "t.csv")));
        Assert.StartsWith("csv: t.csv: column 'Alley' (a feature in the training data) is missing", e.Message);
    }

    [Fact]
    public void MissingValuesUnderTheErrorPolicyNameTheCell()
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvPreprocessor.Fit(CsvTable.Parse(Train, name: "train.csv"), HouseOptions with { Missing = MissingPolicy.Error }));
        Assert.StartsWith("csv: train.csv: line 4, column 'LotArea': missing value ('NA'); choose CsvOptions.Missing", e.Message);
        // Configurable markers: '?' counts as missing only when listed.
        var table = CsvTable.Parse("a,y\n1,0\n?,1\n3,0\n");
        Assert.Throws<InvalidDataException>(() => CsvPreprocessor.Fit(table, new CsvOptions { LabelColumns = ["y"], InferCategorical = false }));
        var (pre, data) = CsvPreprocessor.FitTransform(table, new CsvOptions { LabelColumns = ["y"], MissingValues = new HashSet<string> { "?" }, Missing = MissingPolicy.FillMean });
        Assert.Equal(2.0, pre.FillValues[0]);
        Assert.Equal(2f, Matrix(data.Features)[1, 0]);
    }

    [Fact]
    public void LabelProblemsAreErrors()
    {
        var table = CsvTable.Parse("a,y\n1,cat\n2,NA\n3,dog\n", name: "l.csv");
        var e = Assert.Throws<InvalidDataException>(() => CsvPreprocessor.Fit(table, new CsvOptions { LabelColumns = ["y"], Missing = MissingPolicy.FillMean }));
        Assert.StartsWith("csv: l.csv: line 3, column 'y': missing label ('NA')", e.Message);
        var pre = CsvPreprocessor.Fit(table, new CsvOptions { LabelColumns = ["y"], Missing = MissingPolicy.Drop });
        Assert.Equal(new[] { "cat", "dog" }, pre.LabelClasses[0]);
        e = Assert.Throws<InvalidDataException>(() => pre.Transform(CsvTable.Parse("a,y\n1,cow\n", name: "t.csv")));
        Assert.Equal("csv: t.csv: line 2, column 'y': label 'cow' was not seen in the training data (classes: cat, dog)", e.Message);
        e = Assert.Throws<InvalidDataException>(() => CsvPreprocessor.FitTransform(CsvTable.Parse("a,y\n1,2\n2,x\n", name: "r.csv"), new CsvOptions { LabelColumns = ["y"], LabelKind = CsvLabelKind.Regression }));
        Assert.Equal("csv: r.csv: line 3, column 'y': cannot parse label 'x' as a number (LabelKind is Regression)", e.Message);
    }

    [Fact]
    public void MalformedQuotingNamesTheLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvTable.Parse("a,b\n1,2\n3,4\"5\n", name: "q.csv"));
        Assert.StartsWith("csv: q.csv: ", e.Message);
        Assert.Contains("line 3", e.Message);
        e = Assert.Throws<InvalidDataException>(() => CsvTable.Parse("a,b\n1,\"2\n", name: "q.csv"));
        Assert.Contains("line 2", e.Message);
    }
}
