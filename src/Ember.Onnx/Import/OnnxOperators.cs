namespace Ember.Onnx.Import;

/// <summary>The one list of operators (default ONNX domain) that the importer claims, each with its kernel factory.</summary>
internal static class OnnxOperators
{
    public static readonly IReadOnlyDictionary<string, Func<NodeContext, OnnxKernel>> Factories = Build();

    public static readonly IReadOnlyList<string> Names = Factories.Keys.Order(StringComparer.Ordinal).ToArray();

    private static Dictionary<string, Func<NodeContext, OnnxKernel>> Build()
    {
        var r = new Dictionary<string, Func<NodeContext, OnnxKernel>>(StringComparer.Ordinal);
        ElementwiseOps.Register(r);
        ShapeOps.Register(r);
        NetworkOps.Register(r);
        ConvPoolOps.Register(r);
        ReductionOps.Register(r);
        RecurrentOps.Register(r);
        ResizeOps.Register(r);
        LossOps.Register(r);
        MiscOps.Register(r);
        return r;
    }
}
