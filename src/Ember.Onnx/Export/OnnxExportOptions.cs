namespace Ember.Onnx;

/// <summary>Options of <see cref="OnnxExporter"/>.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>
    /// The names of the graph's inputs, one per sample input; null (the default) for <c>input</c> (one input) or
    /// <c>input_0</c>, <c>input_1</c>, … (several).
    /// </summary>
    public IReadOnlyList<string>? InputNames { get; init; }

    /// <summary>
    /// The names of the graph's outputs, one per tensor of the model's output (a tuple's tensors in order, e.g. an
    /// LSTM's output, h_n, c_n); null (the default) for <c>output</c> (one output) or <c>output_0</c>, <c>output_1</c>, ….
    /// </summary>
    public IReadOnlyList<string>? OutputNames { get; init; }

    /// <summary>
    /// Whether the batch dimension is symbolic (default true): the inputs' and outputs' batch dimension is the
    /// parameter <c>batch</c> and every reshape in the graph works for any batch size. The batch dimension is 0, or 1 for
    /// the input of an LSTM/GRU/RNN that is not batch first. False exports the sample's shapes exactly.
    /// </summary>
    public bool DynamicBatch { get; init; } = true;

    /// <summary>
    /// The batch dimension of each input, or -1 for an input without one; null (the default) to find it: 1 for an input
    /// that goes straight into an LSTM/GRU/RNN that is not batch first, else 0. Set it for inputs whose batch is elsewhere,
    /// e.g. token ids [seq, batch] embedded before a time-first LSTM.
    /// </summary>
    public IReadOnlyList<int>? BatchDims { get; init; }

    /// <summary>The model's producer name (default <c>Ember</c>).</summary>
    public string ProducerName { get; init; } = "Ember";

    /// <summary>The model's producer version (default the version of the Ember assembly).</summary>
    public string ProducerVersion { get; init; } = typeof(Tensor).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>The graph's name (default <c>main_graph</c>).</summary>
    public string GraphName { get; init; } = "main_graph";
}
