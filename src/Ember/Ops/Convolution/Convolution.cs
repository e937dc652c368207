using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

/// <summary>
/// The shared part of the convolution ops: argument checks with PyTorch's messages, the geometry, and the two
/// differentiable cores (convolution and transposed convolution, each the other's input gradient) on 4-D tensors.
/// </summary>
internal static class Convolution
{
    /// <summary>conv1d/conv2d: checks, then the 2-D core (1-D runs with a unit height).</summary>
    public static Tensor Conv(Tensor input, Tensor weight, Tensor? bias, IntTuple stride, ConvPadding padding, IntTuple dilation,
        int groups, int sd, string op) => Conv(input, weight, bias, stride, padding, dilation, groups, sd, op, relu: false);

    /// <summary>As <see cref="Conv(Tensor, Tensor, Tensor?, IntTuple, ConvPadding, IntTuple, int, int, string)"/>, followed by
    /// ReLU when <paramref name="relu"/> (fused into the kernel's epilogue when no graph is recorded).</summary>
    public static Tensor Conv(Tensor input, Tensor weight, Tensor? bias, IntTuple stride, ConvPadding padding, IntTuple dilation,
        int groups, int sd, string op, bool relu)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        CheckInput(input, weight, bias, sd, op);
        if (groups <= 0) throw new ArgumentException($"{op}: non-positive groups is not supported, got groups={groups}", nameof(groups));
        int[] s = Positive(stride.Expand(sd, 1, op, nameof(stride)), op, "stride");
        int[] d = Positive(dilation.Expand(sd, 1, op, nameof(dilation)), op, "dilation");
        bool batched = input.Dim == sd + 2;
        int outC = weight.ShapeArray[0], cg = weight.ShapeArray[1];
        int inC = input.ShapeArray[batched ? 1 : 0];
        if (outC % groups != 0)
            throw new ArgumentException($"{op}: expected weight {weight.Shape} to be divisible by groups={groups} at dimension 0 (out_channels={outC})", nameof(groups));
        if ((long)cg * groups != inC)
            throw new ArgumentException(
                $"{op}: Given groups={groups}, weight of size {weight.Shape}, expected input{input.Shape} to have {(long)cg * groups} channels, but got {inC} channels instead", nameof(input));
        if (bias is not null && (bias.Dim != 1 || bias.ShapeArray[0] != outC))
            throw new ArgumentException($"{op}: expected bias to be 1-D with {outC} elements (out_channels), but got bias of size {bias.Shape}", nameof(bias));

        int[] k = weight.ShapeArray[2..];
        int[] size = input.ShapeArray[^sd..];
        var lo = new long[sd];
        var hi = new long[sd];
        if (padding.Mode is not null)
        {
            if (padding.Mode == "same")
            {
                if (s.Any(v => v != 1))
                    throw new ArgumentException($"{op}: padding='same' is not supported for strided convolutions (stride {NN.PyRepr.Tuple(s)})", nameof(padding));
                for (int i = 0; i < sd; i++)
                {
                    long total = (long)d[i] * (k[i] - 1);
                    lo[i] = total / 2;
                    hi[i] = total - lo[i];
                }
            }
            else if (padding.Mode != "valid")
                throw new ArgumentException($"{op}: invalid padding string '{padding.Mode}', expected one of 'valid', 'same' or an int/tuple", nameof(padding));
        }
        else
        {
            int[] p = padding.Sizes.Expand(sd, 0, op, nameof(padding));
            if (p.Any(v => v < 0))
                throw new ArgumentException($"{op}: negative padding is not supported, got padding {NN.PyRepr.Tuple(p)}", nameof(padding));
            for (int i = 0; i < sd; i++) lo[i] = hi[i] = p[i];
        }
        var outSize = new long[sd];
        var padded = new long[sd];
        var eff = new long[sd];
        for (int i = 0; i < sd; i++)
        {
            padded[i] = size[i] + lo[i] + hi[i];
            eff[i] = (long)d[i] * (k[i] - 1) + 1;
            outSize[i] = padded[i] < eff[i] ? -1 : (padded[i] - eff[i]) / s[i] + 1;
        }
        if (outSize.Any(v => v < 0))
            throw new ArgumentException(
                $"{op}: Calculated padded input size per channel: ({string.Join(" x ", padded)}). Kernel size: ({string.Join(" x ", eff)}). " +
                $"Kernel size can't be greater than actual input size (input {input.Shape}, weight {weight.Shape})", nameof(input));
        if (lo.Any(v => v > int.MaxValue) || outSize.Any(v => v > int.MaxValue))
            throw new ArgumentException($"{op}: the padding or output size is too large (input {input.Shape}, weight {weight.Shape})", nameof(padding));

        if (input.DType.IsReducedFloat())
            return Conv(input.To(DType.Float32), weight.To(DType.Float32), bias?.To(DType.Float32), stride, padding, dilation, groups, sd, op, relu).To(input.DType);

        var x = batched ? input : input.Unsqueeze(0);
        var w = weight;
        if (sd == 1) { x = x.Unsqueeze(2); w = w.Unsqueeze(2); }
        int n = x.ShapeArray[0];
        var g = sd == 2
            ? new ConvGeometry(n, inC, size[0], size[1], outC, k[0], k[1], s[0], s[1], (int)lo[0], (int)lo[1], d[0], d[1], groups, (int)outSize[0], (int)outSize[1])
            : new ConvGeometry(n, inC, 1, size[0], outC, 1, k[0], 1, s[0], 0, (int)lo[0], 1, d[0], groups, 1, (int)outSize[0]);
        CheckColumns(g, op, input, weight);
        var y = Forward(x, w, bias, g, op, relu);
        if (sd == 1) y = y.Squeeze(2);
        return batched ? y : y.Squeeze(0);
    }

    /// <summary>conv_transpose1d/2d: checks, then the 2-D core.</summary>
    public static Tensor ConvTranspose(Tensor input, Tensor weight, Tensor? bias, IntTuple stride, IntTuple padding, IntTuple outputPadding,
        int groups, IntTuple dilation, int sd, string op)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        CheckInput(input, weight, bias, sd, op);
        if (groups <= 0) throw new ArgumentException($"{op}: non-positive groups is not supported, got groups={groups}", nameof(groups));
        int[] s = Positive(stride.Expand(sd, 1, op, nameof(stride)), op, "stride");
        int[] d = Positive(dilation.Expand(sd, 1, op, nameof(dilation)), op, "dilation");
        int[] p = padding.Expand(sd, 0, op, nameof(padding));
        int[] op_ = outputPadding.Expand(sd, 0, op, nameof(outputPadding));
        if (p.Any(v => v < 0))
            throw new ArgumentException($"{op}: negative padding is not supported, got padding {NN.PyRepr.Tuple(p)}", nameof(padding));
        if (op_.Any(v => v < 0))
            throw new ArgumentException($"{op}: negative output_padding is not supported, got output_padding {NN.PyRepr.Tuple(op_)}", nameof(outputPadding));
        for (int i = 0; i < sd; i++)
            if (op_[i] >= s[i] && op_[i] >= d[i])
                throw new ArgumentException(
                    $"{op}: output padding must be smaller than either stride or dilation, but got output_padding {NN.PyRepr.Tuple(op_)}, " +
                    $"stride {NN.PyRepr.Tuple(s)}, dilation {NN.PyRepr.Tuple(d)}", nameof(outputPadding));
        bool batched = input.Dim == sd + 2;
        int inC = weight.ShapeArray[0], cg = weight.ShapeArray[1];
        int xC = input.ShapeArray[batched ? 1 : 0];
        if (inC % groups != 0)
            throw new ArgumentException($"{op}: expected weight {weight.Shape} to be divisible by groups={groups} at dimension 0 (in_channels={inC})", nameof(groups));
        if (xC != inC)
            throw new ArgumentException(
                $"{op}: Given transposed=1, weight of size {weight.Shape}, expected input{input.Shape} to have {inC} channels, but got {xC} channels instead", nameof(input));
        long outC = (long)cg * groups;
        if (outC > int.MaxValue) throw new ArgumentException($"{op}: weight {weight.Shape} with groups={groups} has too many output channels", nameof(weight));
        if (bias is not null && (bias.Dim != 1 || bias.ShapeArray[0] != outC))
            throw new ArgumentException($"{op}: expected bias to be 1-D with {outC} elements (out_channels), but got bias of size {bias.Shape}", nameof(bias));
        int[] k = weight.ShapeArray[2..];
        int[] size = input.ShapeArray[^sd..];
        var outSize = new long[sd];
        for (int i = 0; i < sd; i++)
            outSize[i] = (long)(size[i] - 1) * s[i] - 2L * p[i] + (long)d[i] * (k[i] - 1) + op_[i] + 1;
        if (outSize.Any(v => v <= 0))
            throw new ArgumentException(
                $"{op}: Given input size per channel: ({string.Join(" x ", size)}). Calculated output size per channel: ({string.Join(" x ", outSize)}). " +
                $"Output size is too small (weight {weight.Shape})", nameof(input));
        if (outSize.Any(v => v > int.MaxValue))
            throw new ArgumentException($"{op}: the output size ({string.Join(" x ", outSize)}) is too large (input {input.Shape}, weight {weight.Shape})", nameof(input));

        if (input.DType.IsReducedFloat())
            return ConvTranspose(input.To(DType.Float32), weight.To(DType.Float32), bias?.To(DType.Float32), stride, padding, outputPadding, groups, dilation, sd, op).To(input.DType);

        var x = batched ? input : input.Unsqueeze(0);
        var w = weight;
        if (sd == 1) { x = x.Unsqueeze(2); w = w.Unsqueeze(2); }
        int n = x.ShapeArray[0];
        var g = sd == 2
            ? new ConvGeometry(n, (int)outC, (int)outSize[0], (int)outSize[1], inC, k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], groups, size[0], size[1])
            : new ConvGeometry(n, (int)outC, 1, (int)outSize[0], inC, 1, k[0], 1, s[0], 0, p[0], 1, d[0], groups, 1, size[0]);
        Tensor.NumelOf([n, (int)outC, g.H, g.W], op);
        CheckColumns(g, op, input, weight);
        var y = Transpose(x, w, bias, g, op);
        if (sd == 1) y = y.Squeeze(2);
        return batched ? y : y.Squeeze(0);
    }

    private static void CheckInput(Tensor input, Tensor weight, Tensor? bias, int sd, string op)
    {
        if (input.Dim != sd + 1 && input.Dim != sd + 2)
            throw new ArgumentException(
                $"{op}: Expected {sd + 1}D (unbatched) or {sd + 2}D (batched) input to {op}, but got input of size: {input.Shape}", nameof(input));
        if (weight.Dim != sd + 2)
            throw new ArgumentException(
                $"{op}: expected weight to be {sd + 2}-D [out_channels, in_channels/groups, {(sd == 1 ? "kW" : "kH, kW")}], but got weight of size {weight.Shape}", nameof(weight));
        if (!input.DType.IsFloatingPoint()) throw Dispatch.Unsupported(op, input.DType);
        if (weight.DType != input.DType)
            throw new ArgumentException($"{op}: expected input and weight to have the same dtype, but got input {input.Describe()} and weight {weight.Describe()}", nameof(weight));
        if (bias is not null && bias.DType != input.DType)
            throw new ArgumentException($"{op}: expected bias to have dtype {input.DType.TorchName()}, but got bias {bias.Describe()}", nameof(bias));
    }

    private static int[] Positive(int[] v, string op, string name)
    {
        if (v.Any(x => x <= 0))
            throw new ArgumentException($"{op}: non-positive {name} is not supported, got {name} {NN.PyRepr.Tuple(v)}", name);
        return v;
    }

    private static void CheckColumns(in ConvGeometry g, string op, Tensor input, Tensor weight)
    {
        if ((long)g.K * g.OHW > Array.MaxLength || (long)g.O * g.K > Array.MaxLength || (long)g.N * g.O * g.OHW > Array.MaxLength)
            throw new ArgumentException($"{op}: the convolution of input {input.Shape} with weight {weight.Shape} is too large (its column buffer would exceed {Array.MaxLength} elements)", nameof(input));
    }

    /// <summary>The differentiable convolution core on 4-D tensors (bias optional).</summary>
    internal static Tensor Forward(Tensor x, Tensor w, Tensor? b, ConvGeometry g, string op, bool relu = false)
    {
        var y = Tensor.Empty([g.N, g.O, g.OH, g.OW], x.DType, op: op);
        bool record = Graph.NeedsGrad(x, w) || (b is not null && Graph.NeedsGrad(b));
        ConvKernels.Forward(x.Detach().Contiguous(), w.Detach().Contiguous(), b?.Detach().Contiguous(), y, g, relu && !record);
        if (record)
        {
            Graph.Record(y, new ConvBackward(x, w, g), x, w, b);
            if (relu) y = NN.F.Relu(y);
        }
        return y;
    }

    /// <summary>The differentiable transposed-convolution core: x is [N, O, OH, OW] of <paramref name="g"/>, the result [N, C, H, W].</summary>
    internal static Tensor Transpose(Tensor x, Tensor w, Tensor? b, ConvGeometry g, string op)
    {
        var y = Tensor.Empty([g.N, g.C, g.H, g.W], x.DType, op: op);
        ConvKernels.BackwardInput(x.Detach().Contiguous(), w.Detach().Contiguous(), b?.Detach().Contiguous(), y, g);
        if (Graph.NeedsGrad(x, w) || (b is not null && Graph.NeedsGrad(b)))
            Graph.Record(y, new ConvTransposeBackward(x, w, g), x, w, b);
        return y;
    }

    /// <summary>
    /// The weight gradient Σₙ dY[n]·cols(x[n])ᵀ; recorded (bilinear in x and dy) when a graph is being built, so that
    /// double backward reaches x and dy.
    /// </summary>
    internal static Tensor WeightGrad(Tensor x, Tensor dy, ConvGeometry g, int[] weightShape)
    {
        var dw = Tensor.Empty(weightShape, x.DType, op: "conv_backward");
        ConvKernels.BackwardWeight(x.Detach().Contiguous(), dy.Detach().Contiguous(), dw, g);
        if (Graph.NeedsGrad(x, dy))
            Graph.Record(dw, new WeightGradBackward(x, dy, g), x, dy);
        return dw;
    }

    /// <summary>
    /// Backward of the weight gradient dW(x, dy): for an incoming gW, d⟨gW, dW⟩/dx is the input gradient of a convolution
    /// with weight gW at output gradient dy, and d⟨gW, dW⟩/d(dy) is the convolution of x with gW.
    /// </summary>
    private sealed class WeightGradBackward : Node
    {
        private SavedTensor _x, _dy;
        private readonly ConvGeometry _g;

        public WeightGradBackward(Tensor x, Tensor dy, ConvGeometry g)
        {
            if (dy.RequiresGrad) _x = new SavedTensor(x);
            if (x.RequiresGrad) _dy = new SavedTensor(dy);
            _g = g;
        }

        protected internal override Tensor?[] Backward(Tensor grad) =>
        [
            NeedsGrad(0) ? Transpose(Unpack(_dy), grad, null, _g, "conv_double_backward") : null,
            NeedsGrad(1) ? Forward(Unpack(_x), grad, null, _g, "conv_double_backward") : null,
        ];

        protected override void ReleaseSaved() => (_x, _dy) = (default, default);
    }

    /// <summary>The bias gradient Σ over batch and space per channel; differentiable when a graph is being built.</summary>
    internal static Tensor BiasGrad(Tensor dy)
    {
        if (GradMode.IsEnabled) return dy.Sum([0, 2, 3]);
        var db = Tensor.Empty([dy.ShapeArray[1]], dy.DType, op: "conv_backward");
        ConvKernels.BiasGrad(dy.Contiguous(), db);
        return db;
    }

    /// <summary>
    /// Backward of the convolution: the input gradient is the transposed convolution of dy, the weight gradient
    /// <see cref="WeightGrad"/>, the bias gradient a sum; all three differentiable when a graph is being built.
    /// </summary>
    private sealed class ConvBackward : Node
    {
        private SavedTensor _x, _w;
        private readonly ConvGeometry _g;
        private readonly int[] _wShape;

        public ConvBackward(Tensor x, Tensor w, ConvGeometry g)
        {
            if (w.RequiresGrad) _x = new SavedTensor(x);
            if (x.RequiresGrad) _w = new SavedTensor(w);
            _g = g;
            _wShape = w.ShapeArray.ToArray();
        }

        protected internal override Tensor?[] Backward(Tensor grad)
        {
            if (!GradMode.IsEnabled && ConvBackwardRuns.Suits(_g)) return InRuns(grad);
            // Without create_graph the gradient is made contiguous once for all three products.
            if (!GradMode.IsEnabled) grad = grad.Contiguous();
            return
            [
                NeedsGrad(0) ? Transpose(grad, Unpack(_w), null, _g, "conv_backward") : null,
                NeedsGrad(1) ? WeightGrad(Unpack(_x), grad, _g, _wShape) : null,
                NeedsGrad(2) ? BiasGrad(grad) : null,
            ];
        }

        /// <summary>The three gradients together, in runs of samples (<see cref="ConvBackwardRuns"/>).</summary>
        private Tensor?[] InRuns(Tensor grad)
        {
            var g = _g;
            var dx = NeedsGrad(0) ? Tensor.Empty([g.N, g.C, g.H, g.W], grad.DType, op: "conv_backward") : null;
            var dw = NeedsGrad(1) ? Tensor.Empty(_wShape, grad.DType, op: "conv_backward") : null;
            var db = NeedsGrad(2) ? Tensor.Empty([g.O], grad.DType, op: "conv_backward") : null;
            ConvBackwardRuns.Run(grad.Detach(), dw is null ? null : Unpack(_x).Detach().Contiguous(),
                dx is null ? null : Unpack(_w).Detach().Contiguous(), dx, dw, db, g);
            return [dx, dw, db];
        }

        protected override void ReleaseSaved() => (_x, _w) = (default, default);
    }

    private sealed class ConvTransposeBackward : Node
    {
        private SavedTensor _x, _w;
        private readonly ConvGeometry _g;
        private readonly int[] _wShape;

        public ConvTransposeBackward(Tensor x, Tensor w, ConvGeometry g)
        {
            if (w.RequiresGrad) _x = new SavedTensor(x);
            if (x.RequiresGrad) _w = new SavedTensor(w);
            _g = g;
            _wShape = w.ShapeArray.ToArray();
        }

        // y = convᵀ(x): dx = conv(dy), dw = weight gradient of conv with input dy and output gradient x.
        protected internal override Tensor?[] Backward(Tensor grad)
        {
            if (!GradMode.IsEnabled) grad = grad.Contiguous();
            return
            [
                NeedsGrad(0) ? Forward(grad, Unpack(_w), null, _g, "conv_transpose_backward") : null,
                NeedsGrad(1) ? WeightGrad(grad, Unpack(_x), _g, _wShape) : null,
                NeedsGrad(2) ? BiasGrad(grad) : null,
            ];
        }

        protected override void ReleaseSaved() => (_x, _w) = (default, default);
    }
}
