using System.Reflection;

namespace Ember.Tests.Robustness;

/// <summary>
/// The battery's own checks can fail: each kind of broken behaviour, planted in a stand-in method, is reported, and
/// the behaviour the contract allows is not. Also the view guard that catches size arithmetic gone wrong.
/// </summary>
public class BatteryRunnerTests
{
    private static readonly SemaphoreSlim Release = new(0);

    public static Tensor Fine(Tensor x) => x + 1;

    public static Tensor Nre(Tensor x) => throw new NullReferenceException();

    public static Tensor Overflow(Tensor x) => throw new OverflowException("narrow: overflow");

    public static Tensor NoOpName(Tensor x) => throw new ArgumentException("the sizes do not match");

    public static Tensor KernelIndex(Tensor x) => throw new IndexOutOfRangeException("Index was outside the bounds of the array.");

    public static Tensor Documented(Tensor x) => throw new ArgumentOutOfRangeException(nameof(x), "narrow: start (5) out of range");

    public static Tensor NullArgument(Tensor x) => throw new ArgumentNullException(nameof(x));

    public static Tensor NullArgumentWithoutName(Tensor x) => throw new ArgumentNullException(null, "input is null");

    public static Tensor SizeDivision(Tensor x) => throw new DivideByZeroException("chunk: division by zero");

    public static Tensor Div(Tensor x) => throw new DivideByZeroException("div: ZeroDivisionError");

    public static Tensor Hangs(Tensor x)
    {
        Release.Wait();
        return x;
    }

    /// <summary>A view past the end of its storage, as wrapped-around offset arithmetic would make.</summary>
    public static Tensor BrokenView(Tensor x) => new(x.Storage, [100], [1], 0);

    private static BatteryCall Call(string name) =>
        new(typeof(BatteryRunnerTests).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!, name, [new Arg("float32[3]", () => Torch.Zeros(3))]);

    [Theory]
    [InlineData("Fine", null)]
    [InlineData("Documented", null)]
    [InlineData("NullArgument", null)]
    [InlineData("Div", null)]
    [InlineData("Nre", "NullReferenceException")]
    [InlineData("Overflow", "OverflowException")]
    [InlineData("NoOpName", "message without an op name")]
    [InlineData("KernelIndex", "message without an op name")]
    [InlineData("NullArgumentWithoutName", "ArgumentNullException without a parameter name")]
    [InlineData("SizeDivision", "DivideByZeroException")]
    [InlineData("BrokenView", "unusable result")]
    public void EachKindOfBreakageIsReported(string method, string? kind)
    {
        var failure = BatteryRunner.Check(Call(method));
        Assert.Equal(kind, failure?.Kind);
    }

    [Fact]
    public void AHangIsReportedAndTheRestStillRuns()
    {
        try
        {
            var failures = BatteryRunner.Run([Call("Fine"), Call("Hangs"), Call("Nre")], TimeSpan.FromSeconds(0.5), out int hangs);
            Assert.Equal(1, hangs);
            Assert.Equal(["NullReferenceException", "hang"], failures.Select(f => f.Kind).Order(StringComparer.Ordinal));
        }
        finally
        {
            Release.Release();
        }
    }

    [Fact]
    public void AViewOutsideItsStorageIsRefused()
    {
        var x = Torch.Zeros(6);
        var ex = Assert.Throws<InvalidOperationException>(() => x.MakeView("test_view", [10], [1], 0, () => throw new InvalidOperationException()));
        Assert.StartsWith("test_view: internal error", ex.Message);
        Assert.Throws<InvalidOperationException>(() => x.MakeView("test_view", [2], [-1], 0, () => throw new InvalidOperationException()));
        Assert.Equal([3], x.MakeView("test_view", [3], [2], 1, () => throw new InvalidOperationException()).Shape.ToArray());
        Assert.Equal([0], x.MakeView("test_view", [0], [1], 100, () => throw new InvalidOperationException()).Shape.ToArray());
    }

    [Fact]
    public void DocumentationIdsFollowTheCompilersFormat()
    {
        Assert.Equal("M:Ember.Torch.Gt(Ember.Tensor,Ember.Tensor)", XmlDocs.Id(typeof(Torch).GetMethod(nameof(Torch.Gt), [typeof(Tensor), typeof(Tensor)])!));
        Assert.Equal("M:Ember.Tensor.op_Addition(Ember.Tensor,System.Double)",
            XmlDocs.Id(typeof(Tensor).GetMethod("op_Addition", [typeof(Tensor), typeof(double)])!));
        Assert.Equal("P:Ember.Tensor.T", XmlDocs.Id(typeof(Tensor).GetProperty(nameof(Tensor.T))!.GetMethod!));
        var fromArray = typeof(Torch).GetMethods().Single(m => m.Name == nameof(Torch.FromArray) && m.IsGenericMethodDefinition);
        Assert.Equal("M:Ember.Torch.FromArray``1(``0[],System.Int32[])", XmlDocs.Id(fromArray.MakeGenericMethod(typeof(float))));
    }

    [Fact]
    public void AnExceptionMissingFromTheDocsIsFound()
    {
        var gt = typeof(Torch).GetMethod(nameof(Torch.Gt), [typeof(Tensor), typeof(Tensor)])!;
        Assert.True(XmlDocs.Documents(gt, typeof(ArgumentException)));
        Assert.True(XmlDocs.Documents(gt, typeof(ArgumentNullException))); // a subclass of a documented type
        Assert.False(XmlDocs.Documents(gt, typeof(DivideByZeroException)));
        Assert.False(XmlDocs.Documents(gt, typeof(InvalidOperationException)));
        var undocumented = typeof(BatteryRunnerTests).GetMethod(nameof(AnExceptionMissingFromTheDocsIsFound))!;
        Assert.False(XmlDocs.Documents(undocumented, typeof(ArgumentException))); // not in Ember.xml at all
    }
}
