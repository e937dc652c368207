using Xunit.Abstractions;

namespace Ember.Onnx.Tests.Import;

/// <summary>ONNX's backend node tests (Debian libonnx-testdata) for every operator the importer claims.</summary>
public class OnnxNodeTests(ITestOutputHelper output)
{
    /// <summary>The lowest pass count reached; the count may only grow.</summary>
    private const int MinimumPasses = 769;

    public static IEnumerable<object[]> Claimed() => NodeTestCases.ClaimedCases().Select(n => new object[] { n });

    [NodeTestFact]
    public void TheNodeTestsAreInstalled()
    {
        Assert.True(Directory.Exists(NodeTestCases.Root), $"{NodeTestCases.Root} is missing (Debian package libonnx-testdata)");
        Assert.Equal(932, NodeTestCases.All().Count());
    }

    [NodeTestTheory]
    [MemberData(nameof(Claimed))]
    public void ClaimedCasePasses(string name) => Assert.Null(NodeTestCases.Run(name));

    [NodeTestFact]
    public void ClaimedOperatorsOnElementTypesEmberLacksAreReportedAsUnsupported()
    {
        var cases = NodeTestCases.All().Where(n => NodeTestCases.OnlyClaimedOperators(n) && !NodeTestCases.OnlyEmberTypes(n)).ToList();
        Assert.NotEmpty(cases);
        foreach (string name in cases)
        {
            var e = Assert.Throws<NotSupportedException>(() => OnnxModel.Load(Path.Combine(NodeTestCases.Root, name, "model.onnx")));
            Assert.Contains("element type", e.Message);
        }
        output.WriteLine($"{cases.Count} cases use claimed operators on element types Ember has no dtype for (int8, uint16, string…)");
    }

    [NodeTestFact]
    public void PassCountOverClaimedOperators()
    {
        int claimed = 0, passed = 0;
        var failures = new List<string>();
        foreach (string name in NodeTestCases.All())
        {
            if (!NodeTestCases.Claimed(name)) continue;
            claimed++;
            if (NodeTestCases.Excluded.ContainsKey(name)) continue;
            string? problem;
            try { problem = NodeTestCases.Run(name); }
            catch (Exception e) { problem = e.GetType().Name + ": " + e.Message; }
            if (problem is null) passed++;
            else failures.Add($"{name}: {problem}");
        }
        output.WriteLine($"claimed operators ({OnnxModel.SupportedOperators.Count}): {string.Join(" ", OnnxModel.SupportedOperators)}");
        output.WriteLine($"node test cases using only claimed operators and Ember dtypes: {claimed}; excluded variants: {NodeTestCases.Excluded.Count}; passed: {passed}");
        foreach (string f in failures) output.WriteLine("FAIL " + f);
        Assert.Empty(failures);
        Assert.True(passed >= MinimumPasses, $"{passed} node tests passed, fewer than {MinimumPasses}");
    }
}
