using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Ember.Tests.Parity;

/// <summary>
/// The differential battery: every case of <see cref="ParityData"/> (PyTorch 1.13's results over the public ops, the
/// eight dtypes, 0-d/empty/small/non-contiguous shapes and special values) run through Ember; all mismatches are
/// reported at once, minus the documented <see cref="ParityDeviations"/>.
/// </summary>
public class ParityTests(ITestOutputHelper output)
{
    [Fact]
    public void EmberMatchesPyTorch()
    {
        var cases = ParityData.Cases.Value;
        var watch = Stopwatch.StartNew();
        var mismatches = ParityRunner.Run(cases, ParityOps.Table, TimeSpan.FromSeconds(20));
        watch.Stop();
        var used = new HashSet<string>();
        var failures = new List<ParityMismatch>();
        foreach (var m in mismatches)
        {
            var d = ParityDeviations.All.FirstOrDefault(d => d.Matches(m));
            if (d is null) failures.Add(m);
            else used.Add(d.Name);
        }
        var stale = ParityDeviations.All.Where(d => !used.Contains(d.Name)).Select(d => d.Name).ToList();
        output.WriteLine($"{cases.Count} cases, {cases.Select(c => c.Op).Distinct().Count()} ops, {watch.Elapsed.TotalSeconds:F1} s; " +
                         $"{mismatches.Count - failures.Count} allowed deviations");
        if (failures.Count == 0 && stale.Count == 0) return;
        var report = new StringBuilder();
        report.AppendLine($"{failures.Count} of {cases.Count} cases differ from PyTorch 1.13:");
        foreach (var g in failures.GroupBy(f => f.Case.Op).OrderByDescending(g => g.Count()))
            report.AppendLine($"  {g.Key}: {g.Count()} ({string.Join(", ", g.GroupBy(f => f.Kind).Select(k => $"{k.Key} {k.Count()}"))})");
        foreach (var f in failures.Take(3000)) report.AppendLine(f.ToString());
        foreach (var s in stale) report.AppendLine($"allowed deviation '{s}' matches no mismatch: remove it");
        Assert.Fail(report.ToString());
    }
}
