using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Ember.NN;
using Xunit.Abstractions;

namespace Ember.Tests.Robustness;

/// <summary>
/// The bad-input battery: every public static method of <see cref="Torch"/> and <see cref="F"/> and every public
/// method of <see cref="Tensor"/> is called, by reflection, with null, every dtype, 0-d, empty, many-dimensional,
/// non-contiguous and expanded tensors, extreme integers and doubles and mismatched shapes (see <see cref="BadInputs"/>).
/// Every exception that escapes must be one of the documented types (ArgumentException and its subclasses,
/// IndexOutOfRangeException, InvalidOperationException, NotSupportedException; ObjectDisposedException for a disposed
/// tensor; DivideByZeroException only for integer division) with a message that starts with the op's lower-case PyTorch
/// name and a colon (ArgumentNullException only needs the parameter's name). Never a NullReferenceException,
/// InvalidCastException, OverflowException, OutOfMemoryException, KeyNotFoundException, an IndexOutOfRangeException
/// from inside a kernel, a returned tensor that cannot be read, or a call that runs longer than the timeout.
/// Every exception type a method throws is listed in its XML docs (<c>&lt;exception cref="…"/&gt;</c>, the type or a
/// base type). Failures that belong to areas being rewritten elsewhere are listed in <see cref="KnownFailures"/>.
/// </summary>
public class BadInputBatteryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerCall = TimeSpan.FromSeconds(10);

    [Fact]
    public void TorchFunctions() => Check(typeof(Torch), randomPerMethod: 24);

    [Fact]
    public void TensorMethods() => Check(typeof(Tensor), randomPerMethod: 24);

    [Fact]
    public void FunctionalNN() => Check(typeof(F), randomPerMethod: 24);

    private void Check(Type surface, int randomPerMethod)
    {
        var calls = BatteryCalls.For(surface, randomPerMethod, out var notCallable);
        var sw = Stopwatch.StartNew();
        var thrown = new ConcurrentDictionary<(MethodInfo Method, Type Exception), string>();
        var failures = BatteryRunner.Run(calls, PerCall, out int hangs, thrown);
        output.WriteLine($"{surface.Name}: {calls.Count} calls of {calls.Select(c => c.Signature).Distinct().Count()} methods in {sw.Elapsed.TotalSeconds:F1} s, {hangs} hangs");
        foreach (var n in notCallable) output.WriteLine("not called: " + n);

        var groups = failures.GroupBy(f => (f.Call.Signature, f.Kind)).OrderBy(g => g.Key.Signature, StringComparer.Ordinal).ToList();
        var known = KnownFailures.For(surface);
        var unexpected = groups.Where(g => !known.Any(k => k.Matches(g.Key.Signature, g.Key.Kind))).ToList();
        var stale = known.Where(k => !groups.Any(g => k.Matches(g.Key.Signature, g.Key.Kind))).ToList();
        foreach (var g in groups.Except(unexpected))
            output.WriteLine($"known failure ({g.Count()} calls): {g.First()}");
        var report = new List<string>();
        foreach (var g in unexpected)
            report.Add($"{g.Key.Signature}: {g.Key.Kind} in {g.Count()} calls, e.g. {g.First()}");
        foreach (var k in stale)
            report.Add($"known failure no longer seen (remove it from KnownFailures): {k}");
        // every exception type a method was seen to throw is listed in its XML docs (the type or a base type)
        foreach (var ((method, exception), example) in thrown.OrderBy(t => XmlDocs.Id(t.Key.Method), StringComparer.Ordinal).ThenBy(t => t.Key.Exception.Name))
            if (!XmlDocs.Documents(method, exception))
                report.Add($"{XmlDocs.Id(method)}: throws {exception.Name}, not in its XML docs, e.g. {example}");
        Assert.True(report.Count == 0, $"{report.Count} problems:\n" + string.Join("\n", report));
    }
}
