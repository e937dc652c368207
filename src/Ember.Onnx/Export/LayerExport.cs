using Ember.NN;
using static Ember.Onnx.Export.OnnxGraphBuilder;

namespace Ember.Onnx.Export;

/// <summary>
/// The layers exported as a whole from their configuration and weights (the ops inside them are not traced). Each
/// returns the ONNX names of the layer's outputs, in the order of its flattened output.
/// </summary>
internal static partial class LayerExport
{
    /// <summary>Whether <paramref name="module"/> is a layer exported as a whole.</summary>
    public static bool Handles(Module module) => module is Linear or ConvNd or MaxPool1d or MaxPool2d or AvgPool1d or AvgPool2d
        or AdaptiveAvgPool1d or AdaptiveAvgPool2d or AdaptiveMaxPool1d or AdaptiveMaxPool2d or BatchNorm or LayerNorm or GroupNorm
        or ReLU or LeakyReLU or ELU or GELU or SiLU or Sigmoid or Tanh or Softplus or Softmax or LogSoftmax or Flatten or Unflatten
        or DropoutNd or Identity or Embedding or LSTM or GRU or RNN;

    /// <summary>Emits the nodes of one layer call.</summary>
    /// <exception cref="NotSupportedException">The layer's configuration has no ONNX equivalent.</exception>
    public static string[] Emit(EmitStep s, Module module)
    {
        switch (module)
        {
            case Linear m: return [EmitLinear(s, m)];
            case ConvNd m: return [EmitConv(s, m)];
            case MaxPool1d m: return [Pool(s, "MaxPool", [m.KernelSize], [m.Stride], [m.Padding], [m.Dilation], m.CeilMode)];
            case MaxPool2d m:
                return [Pool(s, "MaxPool", [m.KernelSize.H, m.KernelSize.W], [m.Stride.H, m.Stride.W], [m.Padding.H, m.Padding.W],
                    [m.Dilation.H, m.Dilation.W], m.CeilMode)];
            case AvgPool1d m: return [Pool(s, "AveragePool", [m.KernelSize], [m.Stride], [m.Padding], null, m.CeilMode, m.CountIncludePad)];
            case AvgPool2d m:
                if (m.DivisorOverride is not null) throw s.Unsupported("divisor_override has no ONNX equivalent");
                return [Pool(s, "AveragePool", [m.KernelSize.H, m.KernelSize.W], [m.Stride.H, m.Stride.W], [m.Padding.H, m.Padding.W], null,
                    m.CeilMode, m.CountIncludePad)];
            case AdaptiveAvgPool1d or AdaptiveAvgPool2d: return [Adaptive(s, average: true)];
            case AdaptiveMaxPool1d or AdaptiveMaxPool2d: return [Adaptive(s, average: false)];
            case BatchNorm m: return [EmitBatchNorm(s, m)];
            case LayerNorm m: return [EmitLayerNorm(s, m)];
            case GroupNorm m: return [EmitGroupNorm(s, m)];
            case ReLU: return [s.Node("Relu", [s.X])];
            case LeakyReLU m: return [s.Node("LeakyRelu", [s.X], Attr("alpha", m.NegativeSlope))];
            case ELU m: return [s.Node("Elu", [s.X], Attr("alpha", m.Alpha))];
            case GELU m: return [Gelu(s, s.X, s.InTensor().DType, m.Approximate == "tanh")];
            case SiLU: return [s.Node("Mul", [s.X, s.Node("Sigmoid", [s.X])])];
            case Sigmoid: return [s.Node("Sigmoid", [s.X])];
            case Tanh: return [s.Node("Tanh", [s.X])];
            case Softplus m: return [EmitSoftplus(s, m)];
            case Softmax m: return [s.Node("Softmax", [s.X], Attr("axis", (long)m.Dim))];
            case LogSoftmax m: return [s.Node("LogSoftmax", [s.X], Attr("axis", (long)m.Dim))];
            case Flatten m: return [EmitFlatten(s, m)];
            case Unflatten: return [s.Reshape(s.X, s.ReshapeTarget())];
            case DropoutNd or Identity: return [s.X];
            case Embedding m:
                if (m.MaxNorm is not null) throw s.Unsupported("max_norm renormalizes the weights during the forward pass, which ONNX cannot express");
                return [s.Node("Gather", [s.Init(m.Weight, "weight"), s.X], Attr("axis", 0L))];
            case LSTM or GRU or RNN: return Recurrent(s, module);
        }
        throw s.Unsupported("no exporter for this layer");
    }

    private static string EmitLinear(EmitStep s, Linear m)
    {
        if (s.InTensor().Dim == 2)
        {
            string[] inputs = m.Bias is { } b ? [s.X, s.Init(m.Weight, "weight"), s.Init(b, "bias")] : [s.X, s.Init(m.Weight, "weight")];
            return s.Node("Gemm", inputs, Attr("transB", 1L));
        }
        string y = s.Node("MatMul", [s.X, s.Init(m.Weight.T.Contiguous(), "weight")]);
        return m.Bias is { } bias ? s.Node("Add", [y, s.Init(bias, "bias")]) : y;
    }

    private static string EmitConv(EmitStep s, ConvNd m)
    {
        if (m.PaddingMode != "zeros") throw s.Unsupported($"padding_mode='{m.PaddingMode}' is not exported (only 'zeros')");
        int n = m.KernelSize.Count;
        var pads = new long[2 * n];
        for (int i = 0; i < n; i++)
        {
            if (m.PaddingString == "same")
            {
                int total = m.Dilation[i] * (m.KernelSize[i] - 1);
                pads[i] = total / 2;
                pads[n + i] = total - total / 2;
            }
            else
            {
                pads[i] = pads[n + i] = m.Padding[i];
            }
        }
        var attrs = new List<Proto.AttributeProto>
        {
            Attr("kernel_shape", m.KernelSize), Attr("strides", m.Stride), Attr("pads", pads), Attr("dilations", m.Dilation),
            Attr("group", (long)m.Groups),
        };
        if (m.Transposed) attrs.Add(Attr("output_padding", m.OutputPadding));
        string[] inputs = m.Bias is { } b ? [s.X, s.Init(m.Weight, "weight"), s.Init(b, "bias")] : [s.X, s.Init(m.Weight, "weight")];
        return s.Node(m.Transposed ? "ConvTranspose" : "Conv", inputs, [.. attrs]);
    }

    private static string Pool(EmitStep s, string op, int[] kernel, int[] stride, int[] padding, int[]? dilation, bool ceil, bool? countIncludePad = null)
    {
        var attrs = new List<Proto.AttributeProto>
        {
            Attr("kernel_shape", kernel), Attr("strides", stride), Attr("pads", [.. padding, .. padding]), Attr("ceil_mode", ceil ? 1L : 0L),
        };
        if (dilation is not null) attrs.Add(Attr("dilations", dilation));
        if (countIncludePad is { } c) attrs.Add(Attr("count_include_pad", c ? 1L : 0L));
        return s.Node(op, [s.X], [.. attrs]);
    }

    /// <summary>Adaptive pooling: global pooling for a 1×…×1 output, else a fixed window when the sizes divide.</summary>
    internal static string Adaptive(EmitStep s, bool average)
    {
        int[] input = s.InTensor().ShapeArray, output = s.OutTensor().ShapeArray;
        int spatial = output.Length - 2;
        if (spatial < 1 || input.Length != output.Length) throw s.Unsupported($"input [{string.Join(", ", input)}] has no batch dimension");
        bool global = true, divisible = true;
        var kernel = new int[spatial];
        for (int i = 0; i < spatial; i++)
        {
            int a = input[i + 2], b = output[i + 2];
            global &= b == 1;
            divisible &= b > 0 && a % b == 0;
            kernel[i] = b > 0 ? a / b : 0;
        }
        if (global) return s.Node(average ? "GlobalAveragePool" : "GlobalMaxPool", [s.X]);
        if (!divisible)
            throw s.Unsupported(
                $"adaptive pooling from [{string.Join(", ", input[2..])}] to [{string.Join(", ", output[2..])}] has windows of different sizes " +
                "(ONNX pooling needs the input size to be a multiple of the output size, or an output of 1)");
        return s.Node(average ? "AveragePool" : "MaxPool", [s.X], Attr("kernel_shape", kernel), Attr("strides", kernel));
    }

    private static string EmitBatchNorm(EmitStep s, BatchNorm m)
    {
        if (m.RunningMean is null || m.RunningVar is null)
            throw s.Unsupported("track_running_stats=False uses the batch's statistics in evaluation mode, which is not exported");
        var dt = m.RunningMean.DType;
        string scale = m.Weight is { } w ? s.Init(w, "weight") : s.Init(Torch.Ones(new Size(m.NumFeatures), dt), "weight");
        string bias = m.Bias is { } b ? s.Init(b, "bias") : s.Init(Torch.Zeros(new Size(m.NumFeatures), dt), "bias");
        return s.Node("BatchNormalization", [s.X, scale, bias, s.Init(m.RunningMean, "running_mean"), s.Init(m.RunningVar, "running_var")],
            Attr("epsilon", m.Eps));
    }

    private static string EmitLayerNorm(EmitStep s, LayerNorm m)
    {
        int[] shape = [.. m.NormalizedShape];
        var dt = s.InTensor().DType;
        string scale = m.Weight is { } w ? s.Init(w, "weight") : s.Init(Torch.Ones(new Size(shape), dt), "weight");
        string bias = m.Bias is { } b ? s.Init(b, "bias") : s.Init(Torch.Zeros(new Size(shape), dt), "bias");
        return s.Node("LayerNormalization", [s.X, scale, bias], Attr("axis", (long)-shape.Length), Attr("epsilon", m.Eps));
    }

    /// <summary>GroupNorm in opset 17: InstanceNormalization over [N, G, C/G·…], then the per-channel affine.</summary>
    private static string EmitGroupNorm(EmitStep s, GroupNorm m)
    {
        var x = s.InTensor();
        var dt = x.DType;
        int g = m.NumGroups;
        string grouped = s.Reshape(s.X, [0, g, -1]);
        string normed = s.Node("InstanceNormalization",
            [grouped, s.Init(Torch.Ones(new Size(g), dt), "group_scale"), s.Init(Torch.Zeros(new Size(g), dt), "group_bias")], Attr("epsilon", m.Eps));
        string y = s.Node("Reshape", [normed, s.Node("Shape", [s.X])]);
        if (!m.Affine) return y;
        var channelShape = new int[x.Dim - 1];
        Array.Fill(channelShape, 1);
        channelShape[0] = m.NumChannels;
        y = s.Node("Mul", [y, s.Init(m.Weight!.Reshape(channelShape), "weight")]);
        return s.Node("Add", [y, s.Init(m.Bias!.Reshape(channelShape), "bias")]);
    }

    /// <summary>GELU (opset 17 has no Gelu): x·½·(1 + erf(x/√2)), or the tanh approximation.</summary>
    internal static string Gelu(EmitStep s, string x, DType dt, bool tanh)
    {
        string inner;
        if (tanh)
        {
            string cube = s.Node("Mul", [s.Node("Mul", [x, x]), x]);
            string sum = s.Node("Add", [x, s.Node("Mul", [cube, s.Scalar(0.044715, dt)])]);
            inner = s.Node("Tanh", [s.Node("Mul", [sum, s.Scalar(Math.Sqrt(2 / Math.PI), dt)])]);
        }
        else
        {
            inner = s.Node("Erf", [s.Node("Mul", [x, s.Scalar(1 / Math.Sqrt(2), dt)])]);
        }
        string half = s.Node("Mul", [x, s.Scalar(0.5, dt)]);
        return s.Node("Mul", [half, s.Node("Add", [inner, s.Scalar(1, dt)])]);
    }

    /// <summary>Softplus with beta and threshold: x where beta·x &gt; threshold, else log(1 + exp(beta·x))/beta.</summary>
    private static string EmitSoftplus(EmitStep s, Softplus m)
    {
        var dt = s.InTensor().DType;
        string bx = m.Beta == 1 ? s.X : s.Node("Mul", [s.X, s.Scalar(m.Beta, dt)]);
        string soft = s.Node("Softplus", [bx]);
        if (m.Beta != 1) soft = s.Node("Div", [soft, s.Scalar(m.Beta, dt)]);
        return s.Node("Where", [s.Node("Greater", [bx, s.Scalar(m.Threshold, dt)]), s.X, soft]);
    }

    private static string EmitFlatten(EmitStep s, Flatten m)
    {
        int rank = s.InTensor().Dim;
        int start = m.StartDim < 0 ? m.StartDim + rank : m.StartDim, end = m.EndDim < 0 ? m.EndDim + rank : m.EndDim;
        if (rank >= 2 && start == 1 && end == rank - 1) return s.Node("Flatten", [s.X], Attr("axis", 1L));
        return s.Reshape(s.X, s.ReshapeTarget());
    }
}
