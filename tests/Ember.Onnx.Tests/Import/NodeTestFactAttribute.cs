namespace Ember.Onnx.Tests.Import;

/// <summary>
/// A fact over ONNX's official node tests (Debian libonnx-testdata). Where the package is not installed (a fresh machine
/// with only the .NET SDK) it is reported as skipped — unless EMBER_REQUIRE_ORACLES=1 (CI installs the package and sets
/// it), where it runs and fails, so a missing install never passes silently.
/// </summary>
public sealed class NodeTestFactAttribute : FactAttribute
{
    public NodeTestFactAttribute()
    {
        if (NodeTestCases.Unavailable is { } why) Skip = why;
    }
}

/// <summary>The theory form of <see cref="NodeTestFactAttribute"/>.</summary>
public sealed class NodeTestTheoryAttribute : TheoryAttribute
{
    public NodeTestTheoryAttribute()
    {
        if (NodeTestCases.Unavailable is { } why) Skip = why;
    }
}
