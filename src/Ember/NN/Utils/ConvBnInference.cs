using System.Runtime.CompilerServices;
using Ember.Autograd;

namespace Ember.NN.Utils;

/// <summary>
/// BatchNorm folded into the convolution before it, automatically, in <see cref="Torch.InferenceMode"/> (ONNX Runtime
/// folds it when it loads a graph; eager Ember has no graph, so the containers that run a Conv2d straight into a
/// BatchNorm2d ask here): the pair runs as one convolution with the weights of <see cref="Fusion.FuseConvBnWeights"/>,
/// made once per version of the six tensors they come from, and a ReLU that follows runs in the convolution's epilogue.
/// The result equals the unfused modules' up to float rounding. Anything else (training or autograd, a module in
/// training mode, a hook on any of the modules, BN without running statistics, mixed dtypes, an input BatchNorm2d would
/// reject) runs the modules as usual.
/// </summary>
internal static class ConvBnInference
{
    private static readonly ConditionalWeakTable<BatchNorm2d, Folded> Table = new();

    /// <summary>Tests: how many folded convolutions this thread has run.</summary>
    [ThreadStatic] internal static int Folds;

    /// <summary>Tests and benchmarks: false runs BatchNorm → ReLU as two modules when they are not folded.</summary>
    internal static bool FuseBnRelu = true;

    /// <summary>The folded parameters of one (conv, bn) pair, valid while the six source tensors keep their versions.</summary>
    private sealed class Folded(Conv2d conv, Stamp stamp, Tensor weight, Tensor bias)
    {
        public readonly Conv2d Conv = conv;
        public readonly Stamp Stamp = stamp;
        public readonly Tensor Weight = weight, Bias = bias;
    }

    /// <summary>The identity and version of each source tensor.</summary>
    private readonly record struct Stamp(Source ConvWeight, Source ConvBias, Source Mean, Source Var, Source BnWeight, Source BnBias)
    {
        public static Stamp Of(Conv2d conv, BatchNorm2d bn) =>
            new(new(conv.Weight), new(conv.Bias), new(bn.RunningMean), new(bn.RunningVar), new(bn.Weight), new(bn.Bias));
    }

    private readonly record struct Source(object? Storage, int Offset, int Version)
    {
        public Source(Tensor? t) : this(t?.Storage, t?.Offset ?? 0, t?.Version ?? 0) { }
    }

    /// <summary>relu(bn(conv(input))) (without the ReLU when <paramref name="relu"/> is null), folded when it can be.</summary>
    public static Tensor Call(Conv2d conv, BatchNorm2d bn, ReLU? relu, Tensor input)
    {
        if (!CanFold(conv, bn, relu, input))
        {
            var z = conv.Call(input);
            // Not folded (training, mostly): the ReLU still joins the normalization's pass.
            if (relu is not null && FuseBnRelu && bn.FusesWith(relu)) return bn.ForwardRelu(z);
            var y = bn.Call(z);
            return relu is null ? y : relu.Call(y);
        }
        Folds++;
        var folded = FoldedFor(conv, bn);
        return conv.ForwardWith(input, folded.Weight, folded.Bias, relu: relu is not null);
    }

    /// <summary>Whether the pair (and the ReLU) may run folded on this input.</summary>
    private static bool CanFold(Conv2d conv, BatchNorm2d bn, ReLU? relu, Tensor input) =>
        InferenceMode.IsEnabled && !conv.Training && !bn.Training && bn.RunningMean is not null && bn.RunningVar is not null &&
        !conv.HasHooks && !bn.HasHooks && (relu is null || !relu.HasHooks) && bn.NumFeatures == conv.OutChannels &&
        input.Dim == 4 && conv.Weight.DType is DType.Float32 or DType.Float64 && Same(input, conv.Weight, conv.Bias, bn.RunningMean,
            bn.RunningVar, bn.Weight, bn.Bias);

    private static bool Same(Tensor input, params ReadOnlySpan<Tensor?> others)
    {
        foreach (var t in others)
            if (t is not null && t.DType != input.DType) return false;
        return true;
    }

    private static Folded FoldedFor(Conv2d conv, BatchNorm2d bn)
    {
        var stamp = Stamp.Of(conv, bn);
        if (Table.TryGetValue(bn, out var kept) && ReferenceEquals(kept.Conv, conv) && kept.Stamp == stamp) return kept;
        var (weight, bias) = Fusion.FuseConvBnWeights(conv.Weight, conv.Bias, bn.RunningMean!, bn.RunningVar!, bn.Eps, bn.Weight, bn.Bias);
        // Kept across calls: no DisposeScope of the call that made them may free them.
        var made = new Folded(conv, stamp, weight.Detach().DetachFromDisposeScope(), bias.Detach().DetachFromDisposeScope());
        Table.AddOrUpdate(bn, made);
        return made;
    }
}
