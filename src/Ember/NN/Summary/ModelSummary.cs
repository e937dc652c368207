using System.Collections;
using System.Runtime.CompilerServices;

namespace Ember.NN;

/// <summary>
/// A model's layer table like torchinfo's <c>summary</c>: one forward pass (no grad, evaluation mode by default, the
/// modes restored afterwards) on an input of a given shape, recorded through forward hooks, gives per layer its type,
/// depth and index (<c>Conv2d: 1-2</c>), output shape, parameters, trainability and multiply-adds, and for the model
/// the parameter totals (shared parameters counted once), multiply-adds and torchinfo's memory estimate.
/// <see cref="ToString()"/> prints torchinfo's default table.
/// </summary>
/// <example>
/// <code>
/// var summary = ModelSummary.Of(Vision.Models.ResNet18(), 1, 3, 224, 224);
/// Console.WriteLine(summary);            // the table; Total params: 11,689,512 … Total mult-adds (G): 1.81
/// long macs = summary.TotalMultAdds;     // 1,814,083,944
/// </code>
/// </example>
public sealed class ModelSummary
{
    /// <summary>
    /// The bytes torchinfo adds to each input tensor: it measures an input with Python's <c>sys.getsizeof</c> on its
    /// storage, the data plus CPython's 56-byte object header. Ember adds the same so that the sizes agree.
    /// </summary>
    public const int InputOverheadBytes = 56;

    private ModelSummary(List<LayerSummary> layers, IReadOnlyList<Size> inputShapes, long inputBytes, bool hasInput)
    {
        Layers = layers;
        InputShapes = inputShapes;
        HasInput = hasInput;
        InputBytes = inputBytes;
        foreach (var row in layers)
            if (row.IsLeaf)
            {
                TotalMultAdds += row.MultAdds;
                if (row.NumParams > 0) ForwardBackwardPassBytes += row.OutputBytes * 2;
            }
        foreach (var row in layers)
            if (row.Parent is null)
            {
                TotalParams += row.NumParams;
                TrainableParams += row.TrainableParams;
                ParamsBytes += row.ParamBytes;
            }
        // A row whose own parameters were all listed by an earlier row shows "(recursive)", so the rows add up to the total.
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var row in layers)
        {
            bool any = false, fresh = false;
            foreach (var p in row.Module.Parameters(recurse: false))
            {
                any |= p.Numel > 0;
                fresh |= seen.Add(p);
            }
            if (any && !fresh) row.IsRecursive = true;
        }
    }

    /// <summary>The rows: every module call in call order, with containers that were not called placed above their children.</summary>
    public IReadOnlyList<LayerSummary> Layers { get; }

    /// <summary>The shapes of the input tensors (empty for a summary made without an input).</summary>
    public IReadOnlyList<Size> InputShapes { get; }

    /// <summary>True when the summary ran a forward pass (false for <see cref="Tree"/>).</summary>
    internal bool HasInput { get; }

    /// <summary>All parameters of the model, each counted once even when modules share it.</summary>
    public long TotalParams { get; }

    /// <summary>The parameters that require grad.</summary>
    public long TrainableParams { get; }

    /// <summary>The parameters that do not require grad (frozen).</summary>
    public long NonTrainableParams => TotalParams - TrainableParams;

    /// <summary>The multiply-adds of all leaf-layer calls (see <see cref="LayerSummary.MultAdds"/>).</summary>
    public long TotalMultAdds { get; }

    /// <summary>The input tensors' bytes, plus <see cref="InputOverheadBytes"/> each (torchinfo's <c>Input size</c>).</summary>
    public long InputBytes { get; }

    /// <summary>Twice the output bytes of every leaf-layer call that has parameters (activations and their gradients; torchinfo's <c>Forward/backward pass size</c>).</summary>
    public long ForwardBackwardPassBytes { get; }

    /// <summary>The bytes of all parameters (torchinfo's <c>Params size</c>).</summary>
    public long ParamsBytes { get; }

    /// <summary>Input, forward/backward pass and parameter bytes together (torchinfo's <c>Estimated Total Size</c>).</summary>
    public long EstimatedTotalBytes => InputBytes + ForwardBackwardPassBytes + ParamsBytes;

    /// <summary><see cref="InputBytes"/> in megabytes (10⁶ bytes).</summary>
    public double InputSizeMB => InputBytes / 1e6;

    /// <summary><see cref="ForwardBackwardPassBytes"/> in megabytes.</summary>
    public double ForwardBackwardPassSizeMB => ForwardBackwardPassBytes / 1e6;

    /// <summary><see cref="ParamsBytes"/> in megabytes.</summary>
    public double ParamsSizeMB => ParamsBytes / 1e6;

    /// <summary><see cref="EstimatedTotalBytes"/> in megabytes.</summary>
    public double EstimatedTotalSizeMB => EstimatedTotalBytes / 1e6;

    /// <summary>
    /// Summarizes <paramref name="model"/> on one float32 input of shape <paramref name="inputShape"/> (batch
    /// included), filled with U(0, 1) values from a fixed seed, in evaluation mode.
    /// </summary>
    /// <typeparam name="TOutput">The model's output type.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="inputShape">The input shape, batch dimension included, e.g. 1, 3, 224, 224.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="inputShape"/> is null.</exception>
    /// <exception cref="ArgumentException">A dimension is not positive; or the model rejects the input (the layer's own exception, not wrapped).</exception>
    public static ModelSummary Of<TOutput>(Module<Tensor, TOutput> model, params int[] inputShape) =>
        Of(model, inputShape, DType.Float32);

    /// <summary>
    /// Summarizes <paramref name="model"/> on one input of shape <paramref name="inputShape"/> and type
    /// <paramref name="dtype"/>: U(0, 1) values from a fixed seed for a floating dtype, zeros otherwise (torchinfo's
    /// <c>torch.rand(...).type(dtype)</c>; use <see cref="DType.Int64"/> for an <see cref="Embedding"/>).
    /// </summary>
    /// <typeparam name="TOutput">The model's output type.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="inputShape">The input shape, batch dimension included.</param>
    /// <param name="dtype">The input's dtype.</param>
    /// <param name="eval">Run in evaluation mode (default true; false runs in the modes the modules are in). The modes are restored afterwards.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="inputShape"/> is null.</exception>
    /// <exception cref="ArgumentException">A dimension is not positive; or the model rejects the input (the layer's own exception, not wrapped).</exception>
    public static ModelSummary Of<TOutput>(Module<Tensor, TOutput> model, int[] inputShape, DType dtype, bool eval = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0 || inputShape.Any(d => d <= 0))
            throw new ArgumentException(
                $"summary: the input shape must have positive dimensions, got {Size.Format(inputShape)}", nameof(inputShape));
        var input = dtype.IsFloatingPoint()
            ? Torch.Rand(new Size(inputShape), dtype, new Generator(0))
            : Torch.Zeros(new Size(inputShape), dtype);
        return Of(model, input, eval);
    }

    /// <summary>
    /// Summarizes <paramref name="model"/> on a sample input (torchinfo's <c>input_data</c>): a tensor, or a tuple of
    /// tensors for a model with several inputs.
    /// </summary>
    /// <typeparam name="TInput">The model's input type.</typeparam>
    /// <typeparam name="TOutput">The model's output type.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="input">The sample input.</param>
    /// <param name="eval">Run in evaluation mode (default true). The modes are restored afterwards.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The model rejects the input (the layer's own exception, not wrapped).</exception>
    public static ModelSummary Of<TInput, TOutput>(Module<TInput, TOutput> model, TInput input, bool eval = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        var tensors = new List<Tensor>();
        CollectTensors(input, tensors);
        var modes = model.Modules().Select(m => (m, m.Training)).ToList();
        List<LayerSummary> rows;
        try
        {
            if (eval) model.Eval();
            using (Torch.NoGrad())
                rows = SummaryRecorder.Record(model, () => model.Call(input));
        }
        finally
        {
            foreach (var (m, training) in modes) m.Train(training); // pre-order: each module restores its own mode last
        }
        long inputBytes = tensors.Sum(t => (long)t.Numel * t.DType.ElementSize() + InputOverheadBytes);
        return new ModelSummary(rows, tensors.Select(t => t.Shape).ToList(), inputBytes, hasInput: true);
    }

    /// <summary>
    /// Lists the module tree and parameter counts without running the model (torchinfo without an input): no shapes,
    /// multiply-adds or memory estimate.
    /// </summary>
    /// <param name="model">The model (any module, containers included).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static ModelSummary Tree(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ModelSummary(SummaryRecorder.Structure(model), [], 0, hasInput: false);
    }

    private static void CollectTensors(object? value, List<Tensor> into)
    {
        switch (value)
        {
            case Tensor t: into.Add(t); break;
            case ITuple tuple:
                for (int i = 0; i < tuple.Length; i++) CollectTensors(tuple[i], into);
                break;
            case IEnumerable list and not string:
                foreach (var item in list) CollectTensors(item, into);
                break;
        }
    }

    /// <summary>Prints torchinfo's default table (depth 3, output shape and parameter columns) and the totals.</summary>
    /// <returns>The table.</returns>
    public override string ToString() => ToString(new SummaryFormat());

    /// <summary>Prints the table in <paramref name="format"/> (torchinfo's <c>depth</c>, <c>col_names</c>, <c>col_width</c>, <c>row_settings</c>).</summary>
    /// <param name="format">The layout.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The column width is not positive or the depth is negative.</exception>
    public string ToString(SummaryFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.ColumnWidth <= 0)
            throw new ArgumentOutOfRangeException(nameof(format), format.ColumnWidth, $"summary: column width must be greater than 0: col_width={format.ColumnWidth}");
        if (format.Depth < 0)
            throw new ArgumentOutOfRangeException(nameof(format), format.Depth, $"summary: depth must not be negative, got {format.Depth}");
        return SummaryTable.Render(this, format);
    }
}
