using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>Embedding and F.Embedding: values and weight gradients against PyTorch 1.13 for every option, gradchecks, init, printing, errors.</summary>
public class EmbeddingTests
{
    /// <summary>sin(0.37·k + 0.1) as a [v, d] float64 table (the same formula made the PyTorch references).</summary>
    internal static Tensor W(int v, int d) => (Torch.Arange(v * d).To(DType.Float64) * 0.37 + 0.1).Sin().Reshape(v, d);

    /// <summary>cos(0.61·k − 0.3) in <paramref name="shape"/>: the upstream gradient of the references.</summary>
    internal static Tensor G(params int[] shape) =>
        (Torch.Arange(shape.Aggregate(1, (a, b) => a * b)).To(DType.Float64) * 0.61 - 0.3).Cos().Reshape(shape);

    private static Tensor Idx() => Torch.FromArray(new long[] { 0, 2, 4, 2, 2, 2, 1, 3 }, 2, 4);

    private static (Tensor Y, Tensor Gw) Run(int? paddingIdx = null, bool freq = false)
    {
        var w = W(6, 3).RequiresGrad_();
        var y = F.Embedding(Idx(), w, paddingIdx, scaleGradByFreq: freq);
        (y * G(2, 4, 3)).Sum().Backward();
        return (y, w.Grad!);
    }

    [Fact]
    public void ValuesAndWeightGradientMatchPyTorch()
    {
        var (y, gw) = Run();
        Assert.Equal([2, 4, 3], y.Shape.ToArray());
        Close([0.09983341664682815, 0.4528862853790683, 0.7446431199708593, 0.7322314440302514, 0.4363990821601263, 0.08150215176026912, -0.9851777815038593, -0.980538397794069, -0.8431877418564172, 0.7322314440302514, 0.4363990821601263, 0.08150215176026912, 0.7322314440302514, 0.4363990821601263, 0.08150215176026912, 0.7322314440302514, 0.4363990821601263, 0.08150215176026912, 0.9356160015533859, 0.9999576464987401, 0.9289597150038692, -0.28442571253646254, -0.6118578909427193, -0.8564779741650012], y, 1e-12);
        Close([0.955336489125606, 0.9523335698857134, 0.6058201566434629, -0.3103624506444623, 0.29019032263813543, 0.7860702961410383, 0.40174344610525903, -0.4307081511451798, -1.1078016108173339, 0.9984115976002873, 0.8506218777929894, 0.3960094745377601, -0.9762437756724098, -0.6760501726952921, -0.13200259235517026, 0.0, 0.0, 0.0], gw, 1e-12);
    }

    [Fact]
    public void PaddingIdxGetsNoGradient()
    {
        var (y, gw) = Run(paddingIdx: 2);
        Close([0.09983341664682815, 0.4528862853790683, 0.7446431199708593, 0.7322314440302514, 0.4363990821601263, 0.08150215176026912, -0.9851777815038593, -0.980538397794069, -0.8431877418564172, 0.7322314440302514, 0.4363990821601263, 0.08150215176026912, 0.7322314440302514, 0.4363990821601263, 0.08150215176026912, 0.7322314440302514, 0.4363990821601263, 0.08150215176026912, 0.9356160015533859, 0.9999576464987401, 0.9289597150038692, -0.28442571253646254, -0.6118578909427193, -0.8564779741650012], y, 1e-12);
        Close([0.955336489125606, 0.9523335698857134, 0.6058201566434629, -0.3103624506444623, 0.29019032263813543, 0.7860702961410383, 0.0, 0.0, 0.0, 0.9984115976002873, 0.8506218777929894, 0.3960094745377601, -0.9762437756724098, -0.6760501726952921, -0.13200259235517026, 0.0, 0.0, 0.0], gw, 1e-12);
        // negative padding index counts from the end: -4 is row 2
        Close([0.955336489125606, 0.9523335698857134, 0.6058201566434629, -0.3103624506444623, 0.29019032263813543, 0.7860702961410383, 0.0, 0.0, 0.0, 0.9984115976002873, 0.8506218777929894, 0.3960094745377601, -0.9762437756724098, -0.6760501726952921, -0.13200259235517026, 0.0, 0.0, 0.0], Run(paddingIdx: -4).Gw, 1e-12);
    }

    [Fact]
    public void ScaleGradByFreqMatchesPyTorch()
    {
        Close([0.955336489125606, 0.9523335698857134, 0.6058201566434629, -0.3103624506444623, 0.29019032263813543, 0.7860702961410383, 0.10043586152631476, -0.10767703778629495, -0.27695040270433346, 0.9984115976002873, 0.8506218777929894, 0.3960094745377601, -0.9762437756724098, -0.6760501726952921, -0.13200259235517026, 0.0, 0.0, 0.0], Run(freq: true).Gw, 1e-12);
        Close([0.955336489125606, 0.9523335698857134, 0.6058201566434629, 0.0, 0.0, 0.0, 0.10043586152631476, -0.10767703778629495, -0.27695040270433346, 0.9984115976002873, 0.8506218777929894, 0.3960094745377601, -0.9762437756724098, -0.6760501726952921, -0.13200259235517026, 0.0, 0.0, 0.0], Run(paddingIdx: 1, freq: true).Gw, 1e-12);
    }

    [Fact]
    public void MaxNormRenormalizesLookedUpRowsInPlace()
    {
        var w = (W(6, 3) * 3).Detach().RequiresGrad_();
        int v0 = w.Version;
        var y = F.Embedding(Idx(), w, maxNorm: 1.0);
        Assert.True(w.Version > v0);
        (y * G(2, 4, 3)).Sum().Backward();
        Close([0.11380280348616767, 0.516257288067202, 0.8488387705807607, 0.8551108686881956, 0.5096333970400481, 0.09517943590087284, -0.6059911975540199, -0.6031374733399834, -0.5186519215551741, 0.8551108686881956, 0.5096333970400481, 0.09517943590087284, 0.8551108686881956, 0.5096333970400481, 0.09517943590087284, 0.8551108686881956, 0.5096333970400481, 0.09517943590087284, 0.565405970337907, 0.6042885355495594, 0.5613834823202499, -0.26086169863765657, -0.5611668766961785, -0.7855207505466971], y, 1e-12);
        Close([0.11380280348616767, 0.516257288067202, 0.8488387705807607, 0.565405970337907, 0.6042885355495594, 0.5613834823202499, 0.8551108686881956, 0.5096333970400481, 0.09517943590087284, -0.26086169863765657, -0.5611668766961785, -0.7855207505466971, -0.6059911975540199, -0.6031374733399834, -0.5186519215551741, -1.77514674189303, -0.7804724742914066, 0.319835081343668], w, 1e-12);   // row 5 is not looked up: unchanged
        Close([0.955336489125606, 0.9523335698857134, 0.6058201566434629, -0.3103624506444623, 0.29019032263813543, 0.7860702961410383, 0.40174344610525903, -0.4307081511451798, -1.1078016108173339, 0.9984115976002873, 0.8506218777929894, 0.3960094745377601, -0.9762437756724098, -0.6760501726952921, -0.13200259235517026, 0.0, 0.0, 0.0], w.Grad!, 1e-12);

        var w1 = W(6, 3) * 3;
        var y1 = F.Embedding(Idx(), w1, maxNorm: 1.5, normType: 1.0);
        Close([0.1154265549957812, 0.5236233065234168, 0.8609500999410831, 0.8785844543794812, 0.5236233060151411, 0.0977921996096242, -0.5261008194654778, -0.5236233137630962, -0.4502758489708887, 0.8785844543794812, 0.5236233060151411, 0.0977921996096242, 0.8785844543794812, 0.5236233060151411, 0.0977921996096242, 0.8785844543794812, 0.5236233060151411, 0.0977921996096242, 0.4899311015535931, 0.5236233138837697, 0.48644556710778764, -0.24340935249418041, -0.5236233100188842, -0.7329673089605233], y1, 1e-12);
        Close([0.1154265549957812, 0.5236233065234168, 0.8609500999410831, 0.4899311015535931, 0.5236233138837697, 0.48644556710778764, 0.8785844543794812, 0.5236233060151411, 0.0977921996096242, -0.24340935249418041, -0.5236233100188842, -0.7329673089605233, -0.5261008194654778, -0.5236233137630962, -0.4502758489708887, -1.77514674189303, -0.7804724742914066, 0.319835081343668], w1, 1e-12);
    }

    [Fact]
    public void Int32IndicesFloat32AndAnyShape()
    {
        var w = W(6, 3).To(DType.Float32);
        var y = F.Embedding(Torch.FromArray(new[] { 5, 0, 5 }, 3), w);
        Assert.Equal(DType.Float32, y.DType);
        Close([-0.5917155742645264, -0.2601574957370758, 0.1066116914153099, 0.0998334139585495, 0.45288628339767456, 0.7446430921554565, -0.5917155742645264, -0.2601574957370758, 0.1066116914153099], y, 1e-7);

        var w4 = W(7, 4).To(DType.Float32).RequiresGrad_();
        var i3 = Torch.FromArray(new long[] { 6, 0, 1, 6, 3, 3, 0, 2 }, 2, 2, 2);
        var y3 = F.Embedding(i3, w4, paddingIdx: -1);
        Assert.Equal([2, 2, 2, 4], y3.Shape.ToArray());
        (y3 * G(2, 2, 2, 4).To(DType.Float32)).Sum().Backward();
        Close([0.4302574694156647, 0.07470829039812088, -0.29095229506492615, -0.6172338724136353, 0.0998334139585495, 0.45288628339767456, 0.7446430921554565, 0.9356160163879395, 0.9999576210975647, 0.9289597272872925, 0.7322314381599426, 0.43639907240867615, 0.4302574694156647, 0.07470829039812088, -0.29095229506492615, -0.6172338724136353, -0.985177755355835, -0.9805383682250977, -0.8431877493858337, -0.5917155742645264, -0.985177755355835, -0.9805383682250977, -0.8431877493858337, -0.5917155742645264, 0.0998334139585495, 0.45288628339767456, 0.7446430921554565, 0.9356160163879395, 0.08150215446949005, -0.2844257056713104, -0.6118578910827637, -0.8564779758453369], y3, 1e-6);
        Close([-0.7404065728187561, -1.6505401134490967, -1.9653172492980957, -1.5711965560913086, -0.132002592086792, 0.4596588611602783, 0.8855195045471191, 0.9919697642326355, -0.4783366024494171, 0.11101112514734268, 0.6603167057037354, 0.9714434146881104, -0.21330946683883667, 0.19944536685943604, 0.5402594208717346, 0.6861997842788696, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], w4.Grad!, 1e-6);

        // a 0-d index gives one row; an empty index an empty [0, D] result
        Assert.Equal([3], F.Embedding(Torch.Scalar(2L), W(6, 3)).Shape.ToArray());
        var e = F.Embedding(Torch.Zeros(new Size(0, 5), DType.Int64), W(6, 3).RequiresGrad_());
        Assert.Equal([0, 5, 3], e.Shape.ToArray());
        // float16 tables work too
        Close([-0.5917155742645264, -0.2601574957370758, 0.1066116914153099, 0.0998334139585495, 0.45288628339767456, 0.7446430921554565, -0.5917155742645264, -0.2601574957370758, 0.1066116914153099], F.Embedding(Torch.FromArray(new long[] { 5, 0, 5 }, 3), W(6, 3).To(DType.Float16)).To(DType.Float64), 1e-3);
    }

    [Fact]
    public void GradChecks()
    {
        var idx = Idx();
        GradOk(t => F.Embedding(idx, t[0]), Input(6, 3));
        // (padding_idx and scale_grad_by_freq change the gradient on purpose: checked against PyTorch's values above)
        GradOk(t => F.Embedding(idx, t[0], paddingIdx: 5) * 2, Input(6, 3));   // index 5 never looked up
        GradOk(t => F.Embedding(Torch.FromArray(new long[] { 1 }, 1), t[0]), Input(2, 1));
        // a non-contiguous weight
        GradOk(t => F.Embedding(Torch.FromArray(new long[] { 2, 0, 2 }, 3), t[0]), TransposedInput(4, 3));
    }

    [Fact]
    public void DoubleBackwardThroughTheWeightGradient()
    {
        var w = W(6, 3).RequiresGrad_();
        var y = F.Embedding(Idx(), w, paddingIdx: 2, scaleGradByFreq: true);
        var g = G(2, 4, 3).RequiresGrad_();
        y.Backward(g, createGraph: true);
        var gw = w.Grad!;
        Assert.True(gw.RequiresGrad);
        Close([0.955336489125606, 0.9523335698857134, 0.6058201566434629, -0.3103624506444623, 0.29019032263813543, 0.7860702961410383, 0.0, 0.0, 0.0, 0.9984115976002873, 0.8506218777929894, 0.3960094745377601, -0.9762437756724098, -0.6760501726952921, -0.13200259235517026, 0.0, 0.0, 0.0], gw, 1e-12);
        // d Σ(gw·c)/dg[i] = c[idx[i]]·scale_i: zero at the padding positions, 1/count elsewhere
        (gw * W(6, 3)).Sum().Backward();
        Close([0.09983341664682815, 0.4528862853790683, 0.7446431199708593, 0.0, 0.0, 0.0, -0.9851777815038593, -0.980538397794069, -0.8431877418564172, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.9356160015533859, 0.9999576464987401, 0.9289597150038692, -0.28442571253646254, -0.6118578909427193, -0.8564779741650012], g.Grad!, 1e-12);
    }

    [Fact]
    public void ModuleInitializationStateDictAndRepr()
    {
        var e = new Embedding(10, 3, paddingIdx: -2, generator: new Generator(1));
        Assert.Equal(8, e.PaddingIdx);
        Assert.Equal(["weight"], e.StateDict().Keys);
        Assert.Equal([10, 3], e.Weight.Shape.ToArray());
        Close([0, 0, 0], e.Weight.Select(0, 8), 0);
        var big = new Embedding(1000, 100, generator: new Generator(2));
        Assert.InRange(big.Weight.Mean().Item<double>(), -0.01, 0.01);
        Assert.InRange(big.Weight.Std().Item<double>(), 0.99, 1.01);

        Assert.Equal("Embedding(10, 3)", new Embedding(10, 3).ToString());
        Assert.Equal("Embedding(10, 3, padding_idx=0)", new Embedding(10, 3, paddingIdx: 0).ToString());
        Assert.Equal("Embedding(10, 3, padding_idx=8, max_norm=2.0, norm_type=1.0, scale_grad_by_freq=True)",
            new Embedding(10, 3, paddingIdx: -2, maxNorm: 2.0, normType: 1.0, scaleGradByFreq: true).ToString());

        var y = e.Call(Torch.FromArray(new long[] { 8, 1 }, 2));
        y.Sum().Backward();
        Close([0, 0, 0], e.Weight.Grad!.Select(0, 8), 0);
        Close([1, 1, 1], e.Weight.Grad!.Select(0, 1), 0);
    }

    [Fact]
    public void FromPretrainedSharesTheWeightsAndFreezes()
    {
        var w = W(4, 3);
        var e = Embedding.FromPretrained(w, paddingIdx: 1);
        Assert.False(e.Weight.RequiresGrad);
        Close(W(4, 3).Select(0, 1).ToArray<double>(), e.Weight.Select(0, 1), 0);   // padding row not zeroed
        Close(W(4, 3).Select(0, 3).ToArray<double>(), e.Call(Torch.Scalar(3L)), 0);
        Assert.True(Embedding.FromPretrained(w, freeze: false).Weight.RequiresGrad);
        Assert.Throws<ArgumentException>(() => Embedding.FromPretrained(Torch.Zeros(3)));
    }

    [Fact]
    public void WeightTyingWithALinearLayer()
    {
        var emb = new Embedding(5, 3);
        var fc = new Linear(3, 5, bias: false);
        emb.Weight = fc.Weight;
        Assert.Same(fc.Weight, emb.Weight);
        Assert.Same(fc.Weight, emb.Parameters().Single());
        var logits = fc.Call(emb.Call(Torch.FromArray(new long[] { 1, 4 }, 2)));
        logits.Sum().Backward();
        Assert.NotNull(fc.Weight.Grad);
        Assert.Throws<ArgumentException>(() => emb.Weight = new Parameter(Torch.Zeros(3, 5)));
    }

    [Fact]
    public void BadInputsRaiseClearErrors()
    {
        var w = W(10, 3);
        var ex = Assert.Throws<IndexOutOfRangeException>(() => F.Embedding(Torch.FromArray(new long[] { 1, 12 }, 2), w));
        Assert.StartsWith("embedding: index 12 is out of range for 10 embeddings", ex.Message);
        Assert.Throws<IndexOutOfRangeException>(() => F.Embedding(Torch.FromArray(new long[] { -1 }, 1), w));
        Assert.StartsWith("embedding: expected indices of dtype torch.int64 or torch.int32, but got torch.float32",
            Assert.Throws<ArgumentException>(() => F.Embedding(Torch.Zeros(2), w)).Message);
        Assert.StartsWith("embedding: 'weight' must be 2-D", Assert.Throws<ArgumentException>(() => F.Embedding(Torch.Scalar(0L), Torch.Zeros(3))).Message);
        Assert.StartsWith("embedding: padding_idx must be within num_embeddings",
            Assert.Throws<ArgumentException>(() => F.Embedding(Torch.Scalar(0L), w, paddingIdx: 10)).Message);
        Assert.Throws<ArgumentException>(() => F.Embedding(Torch.Scalar(0L), w, paddingIdx: -11));
        Assert.Throws<NotSupportedException>(() => F.Embedding(Torch.Scalar(0L), w, sparse: true));
        Assert.Throws<NotSupportedException>(() => new Embedding(3, 2, sparse: true));
        Assert.Throws<ArgumentException>(() => new Embedding(3, 2, paddingIdx: 3));
        Assert.Throws<ArgumentException>(() => new Embedding(3, 2, weight: Torch.Zeros(2, 3)));
    }
}
