using Ember.NN;
using Ember.Onnx.Export;
using Ember.Serialization;
using Google.Protobuf;

namespace Ember.Onnx;

/// <summary>
/// Exports an Ember model to ONNX (IR version 8, opset 17, default domain), like PyTorch's <c>torch.onnx.export</c>:
/// one forward pass on sample inputs is traced in evaluation mode (Dropout is the identity, BatchNorm uses its running
/// statistics; each module's training mode is restored afterwards), and the result is a static graph for the sample's
/// shapes with a symbolic batch dimension (see <see cref="OnnxExportOptions.DynamicBatch"/>).
/// </summary>
/// <remarks>
/// Layers exported from their configuration and weights: Linear, Conv1d/2d, ConvTranspose1d/2d, MaxPool1d/2d,
/// AvgPool1d/2d, AdaptiveAvgPool1d/2d and AdaptiveMaxPool1d/2d (a 1×…×1 output, or input sizes that are multiples of
/// the output's), BatchNorm1d/2d, LayerNorm, GroupNorm, ReLU, LeakyReLU, ELU, GELU, SiLU, Sigmoid, Tanh, Softplus,
/// Softmax, LogSoftmax, Flatten, Unflatten, Dropout (all kinds), Identity, Embedding, and LSTM/GRU/RNN (multi-layer,
/// bidirectional, batch first; no initial state, no proj_size; ONNX's gate orders). Between layers, a custom module's
/// forward may add, subtract, multiply, divide, concatenate (<c>Torch.Cat</c>), view/reshape/flatten/squeeze,
/// transpose/permute, slice (narrow), expand, sum/mean, matmul, and apply elementwise functions and softmax; they are
/// recorded from autograd. Anything else raises <see cref="NotSupportedException"/> naming the layer or op.
/// </remarks>
public static class OnnxExporter
{
    /// <summary>Exports a model with one input to an ONNX file, written atomically.</summary>
    /// <param name="model">A <c>Module&lt;Tensor, TOutput&gt;</c> whose output is a tensor or a tuple of tensors.</param>
    /// <param name="sampleInput">A sample input, e.g. [N, C, H, W] (its values do not matter, its shape does).</param>
    /// <param name="path">The file to write; a temporary file in the same folder is written, flushed to disk and renamed.</param>
    /// <param name="options">Names, dynamic batch and producer (default <see cref="OnnxExportOptions"/>'s defaults).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The path is empty, the model does not take one tensor, the sample has no
    /// elements, or the options' names or batch dimensions do not fit the model.</exception>
    /// <exception cref="NotSupportedException">A layer or op of the model has no ONNX export (the message names it).</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Export(Module model, Tensor sampleInput, string path, OnnxExportOptions? options = null) =>
        Export(model, [sampleInput], path, options);

    /// <summary>Exports a model with several inputs (it takes a tuple of tensors) to an ONNX file, written atomically.</summary>
    /// <param name="model">A <c>Module&lt;(Tensor, Tensor, …), TOutput&gt;</c>.</param>
    /// <param name="sampleInputs">One sample per input, in the tuple's order.</param>
    /// <param name="path">The file to write (atomically).</param>
    /// <param name="options">Names, dynamic batch and producer (default <see cref="OnnxExportOptions"/>'s defaults).</param>
    /// <exception cref="ArgumentNullException">An argument or a sample is null.</exception>
    /// <exception cref="ArgumentException">The path is empty, the model does not take that many tensors, a sample has no
    /// elements, or the options' names or batch dimensions do not fit the model.</exception>
    /// <exception cref="NotSupportedException">A layer or op of the model has no ONNX export (the message names it).</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Export(Module model, Tensor[] sampleInputs, string path, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("onnx export: the path is empty", nameof(path));
        var proto = OnnxModelBuilder.Build(model, Check(model, sampleInputs), options ?? new OnnxExportOptions());
        AtomicFile.Write(path, proto.WriteTo);
    }

    /// <summary>Exports a model with one input and returns the ONNX file's bytes.</summary>
    /// <param name="model">A <c>Module&lt;Tensor, TOutput&gt;</c> whose output is a tensor or a tuple of tensors.</param>
    /// <param name="sampleInput">A sample input.</param>
    /// <param name="options">Names, dynamic batch and producer (default <see cref="OnnxExportOptions"/>'s defaults).</param>
    /// <returns>The serialized ModelProto.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The model does not take one tensor, the sample has no elements, or the options'
    /// names or batch dimensions do not fit the model.</exception>
    /// <exception cref="NotSupportedException">A layer or op of the model has no ONNX export (the message names it).</exception>
    public static byte[] ExportToBytes(Module model, Tensor sampleInput, OnnxExportOptions? options = null) =>
        ExportToBytes(model, [sampleInput], options);

    /// <summary>Exports a model with several inputs and returns the ONNX file's bytes.</summary>
    /// <param name="model">A <c>Module&lt;(Tensor, Tensor, …), TOutput&gt;</c>.</param>
    /// <param name="sampleInputs">One sample per input, in the tuple's order.</param>
    /// <param name="options">Names, dynamic batch and producer (default <see cref="OnnxExportOptions"/>'s defaults).</param>
    /// <returns>The serialized ModelProto.</returns>
    /// <exception cref="ArgumentNullException">An argument or a sample is null.</exception>
    /// <exception cref="ArgumentException">The model does not take that many tensors, a sample has no elements, or the
    /// options' names or batch dimensions do not fit the model.</exception>
    /// <exception cref="NotSupportedException">A layer or op of the model has no ONNX export (the message names it).</exception>
    public static byte[] ExportToBytes(Module model, Tensor[] sampleInputs, OnnxExportOptions? options = null) =>
        OnnxModelBuilder.Build(model, Check(model, sampleInputs), options ?? new OnnxExportOptions()).ToByteArray();

    private static Tensor[] Check(Module model, Tensor[] samples)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length == 0) throw new ArgumentException("onnx export: at least one sample input is needed", nameof(samples));
        for (int i = 0; i < samples.Length; i++)
        {
            var s = samples[i] ?? throw new ArgumentNullException(nameof(samples), $"onnx export: sample input {i} is null");
            if (s.IsDisposed) throw new ArgumentException($"onnx export: sample input {i} is disposed", nameof(samples));
            if (s.Numel == 0) throw new ArgumentException($"onnx export: sample input {i} of shape {s.Shape} has no elements", nameof(samples));
        }
        ModelInvoker.CheckInputs(model, samples.Length);
        return samples;
    }
}
