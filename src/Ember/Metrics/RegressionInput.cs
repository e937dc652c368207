namespace Ember.Metrics;

/// <summary>Reads regression predictions and targets: equal shapes [N, …] (or [N] against [N, 1], as scikit-learn), all finite.</summary>
internal static class RegressionInput
{
    /// <summary>The values of both tensors (row-major), the number of samples N and of outputs K (the product of the trailing dims).</summary>
    internal static (double[] Pred, double[] Target, int N, int Outputs) Read(Tensor predictions, Tensor targets, int expectedOutputs, string name)
    {
        if (predictions.Dim == 0 || targets.Dim == 0)
            throw new ArgumentException($"{name}: predictions {predictions.Shape} and targets {targets.Shape} must have a sample dimension (at least 1-D)", nameof(predictions));
        bool same = predictions.Shape.Equals(targets.Shape)
            || (IsColumn(predictions) && IsColumn(targets) && predictions.ShapeArray[0] == targets.ShapeArray[0]);
        if (!same)
            throw new ArgumentException($"{name}: predictions {predictions.Shape} and targets {targets.Shape} must have the same shape", nameof(predictions));
        int n = predictions.ShapeArray[0];
        int outputs = 1;
        for (int d = 1; d < predictions.Dim; d++) outputs *= predictions.ShapeArray[d];
        if (outputs == 0)
            throw new ArgumentException($"{name}: predictions {predictions.Shape} have no outputs per sample", nameof(predictions));
        if (expectedOutputs >= 0 && outputs != expectedOutputs)
            throw new ArgumentException($"{name}: predictions {predictions.Shape} have {outputs} outputs per sample but earlier batches had {expectedOutputs}", nameof(predictions));
        var p = predictions.ToArray<double>();
        var t = targets.ToArray<double>();
        MetricInput.CheckFinite(p, name, "predictions");
        MetricInput.CheckFinite(t, name, "targets");
        return (p, t, n, outputs);
    }

    private static bool IsColumn(Tensor t) => t.Dim == 1 || (t.Dim == 2 && t.ShapeArray[1] == 1);
}
