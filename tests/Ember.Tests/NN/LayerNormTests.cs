using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>LayerNorm: values and gradients against PyTorch 1.13, float64 gradchecks, the fused backward, printing and validation.</summary>
public class LayerNormTests
{
    private static double[] Vals(int n, int off) =>
        Enumerable.Range(off, n).Select(k => (k * 37 % 23 - 11) / 4.0 + k % 5 * 0.1).ToArray();

    private static Tensor T(int[] shape, int off, DType dtype = DType.Float32) =>
        Torch.FromArray(Vals(shape.Aggregate(1, (a, b) => a * b), off), shape).To(dtype);

    [Fact]
    public void ValuesAndGradientsMatchPyTorch()
    {
        var ln = new LayerNorm([3, 4]);
        using (Torch.NoGrad())
        {
            ln.Weight!.Copy_(T([3, 4], 3) * 0.5);
            ln.Bias!.Copy_(T([3, 4], 6) * 0.25);
        }
        var x = T([2, 3, 4], 1).RequiresGrad_();
        var y = ln.Forward(x);
        Assert.Equal("NativeLayerNormBackward0", y.GradFn!.Name);
        (y * T([2, 3, 4], 9)).Sum().Backward();
        Close([0.8407736420631409, -0.3268757164478302, -1.1158225536346436, 0.1287858933210373, 0.28380516171455383, 1.1649634838104248, -0.34026581048965454, -1.0546308755874634, 0.30381256341934204, 0.08199840784072876, 1.5284068584442139, -0.31440237164497375, 1.8365999460220337, -0.2523689568042755, 2.3526649475097656, 0.47147101163864136, -0.2750988006591797, 2.250131130218506, -0.14454595744609833, 2.0836849212646484, 0.7143743634223938, -0.33790358901023865, -1.8793030977249146, -0.001175489043816924], y, 2e-6);
        Close([0.5451766848564148, 0.2481183409690857, -0.8695528507232666, 0.011778593063354492, -0.5145354270935059, 0.7653964757919312, 0.09150463342666626, -0.9515849351882935, 0.04358169436454773, -0.36889734864234924, 1.024869680404663, -0.025855571031570435, 0.7554253935813904, -0.7635496854782104, 0.6260601878166199, -0.2601586580276489, -0.46814343333244324, 1.1026780605316162, -0.7220050692558289, 0.3263491988182068, -0.04798620939254761, -0.5972265601158142, 0.6934695839881897, -0.6449129581451416], x.Grad!, 1e-5);
        Close([2.708930015563965, 1.8907475471496582, 5.255311489105225, 0.7348417043685913, -3.692481279373169, 3.5720601081848145, 1.3887944221496582, 5.201347827911377, 1.029484748840332, -3.9311861991882324, -3.1005685329437256, 1.0364433526992798], ln.Weight!.Grad!, 1e-5);
        Close([2.25, -2.549999952316284, -1.100000023841858, 0.34999996423721313, 1.2999999523162842, 2.75, -2.049999952316284, -0.6000000238418579, 0.8499999642372131, 1.7999999523162842, 3.25, -1.5499999523162842], ln.Bias!.Grad!, 1e-5);
        Assert.Equal([3, 4], ln.Weight.Grad!.Shape.ToArray());

        var ln2 = new LayerNorm(4, eps: 1e-3, elementwiseAffine: false);
        Close([-0.53803551197052, 1.474357008934021, 0.27251148223876953, -1.2088329792022705, 0.2698502242565155, -1.3878010511398315, 1.3878010511398315, -0.2698502242565155, -1.3010236024856567, 0.553901195526123, -0.5539011359214783, 1.3010236024856567], ln2.Forward(T([3, 4], 2)), 2e-6);
    }

    [Fact]
    public void NormalizesOverTheTrailingDimensions()
    {
        var x = Torch.Randn(new[] { 5, 6, 7 }, DType.Float64, new Generator(3)) * 4.0 + 9.0;
        var y = F.LayerNorm(x, [6, 7]);
        Close(Enumerable.Repeat(0.0, 5).ToArray(), y.Mean([1, 2]), 1e-12);
        Close(Enumerable.Repeat(1.0, 5).ToArray(), y.Var([1, 2], correction: 0), 1e-5);
        var z = F.LayerNorm(x, [7], eps: 0);
        Close(Enumerable.Repeat(1.0, 30).ToArray(), z.Var(-1, correction: 0), 1e-12);
    }

    [Fact]
    public void GradcheckEveryLayout()
    {
        var ln = (LayerNorm)new LayerNorm([3, 4]).To(DType.Float64);
        using (Torch.NoGrad())
        {
            ln.Weight!.Copy_(TestUtil.Input(3, 4) + 1.0);
            ln.Bias!.Copy_(TestUtil.Input(3, 4));
        }
        GradOk(t => ln.Forward(t[0]), TestUtil.Input(2, 3, 4), ln.Weight!, ln.Bias!);
        GradOk(t => ln.Forward(t[0]), TestUtil.Input(3, 4), ln.Weight!, ln.Bias!);           // no leading dimensions
        GradOk(t => ln.Forward(t[0]), TestUtil.Input(0, 3, 4), ln.Weight!, ln.Bias!);        // empty batch
        GradOk(t => F.LayerNorm(t[0], [5], t[1], t[2]), TransposedInput(4, 5), TestUtil.Input(5), TestUtil.Input(5));
        GradOk(t => F.LayerNorm(t[0], [1], t[1], t[2]), TestUtil.Input(3, 1), TestUtil.Input(1), TestUtil.Input(1));
        GradOk(t => F.LayerNorm(t[0].Expand(3, 4), [4], t[1]), TestUtil.Input(1, 4), TestUtil.Input(4));   // broadcast (stride 0)
        GradOk(t => F.LayerNorm(t[0], [4]), TestUtil.Input(2, 3, 4));                         // no affine
        GradOk(t => F.LayerNorm(t[0], [4], t[1]), TestUtil.Input(3, 4), TestUtil.Input(4));   // weight only
        GradOk(t => F.LayerNorm(t[0], [4], null, t[1]), TestUtil.Input(3, 4), TestUtil.Input(4));
    }

    [Fact]
    public void FusedBackwardMatchesDifferentiableBackward()
    {
        var results = new List<double[]>();
        for (int k = 0; k < 2; k++)
        {
            var x = T([4, 2, 5], 1, DType.Float64).RequiresGrad_();
            var w = T([2, 5], 3, DType.Float64).RequiresGrad_();
            var b = T([2, 5], 7, DType.Float64).RequiresGrad_();
            (F.LayerNorm(x, [2, 5], w, b) * T([4, 2, 5], 11, DType.Float64)).Sum().Backward(createGraph: k == 1);
            results.Add(x.Grad!.ToArray<double>().Concat(w.Grad!.ToArray<double>()).Concat(b.Grad!.ToArray<double>()).ToArray());
        }
        Close(results[0], Torch.FromArray(results[1]), 1e-12);
    }

    [Fact]
    public void LargeInputsMatchAComposedReference()
    {
        // 300 rows of 1000: the parallel row split, with a large mean
        var g = new Generator(1);
        var x = Torch.Randn(new[] { 300, 1000 }, DType.Float64, g) * 2.0 + 50.0;
        var w = Torch.Randn(new[] { 1000 }, DType.Float64, g);
        var b = Torch.Randn(new[] { 1000 }, DType.Float64, g);
        var r = Torch.Randn(new[] { 300, 1000 }, DType.Float64, g);
        var xr = x.Detach().RequiresGrad_();
        var wr = w.Detach().RequiresGrad_();
        var m = xr.Mean(-1, keepdim: true);
        var reference = (xr - m) / ((xr - m).Pow(2).Mean(-1, keepdim: true) + 1e-5).Sqrt() * wr + b;
        (reference * r).Sum().Backward();
        var xa = x.Detach().RequiresGrad_();
        var wa = w.Detach().RequiresGrad_();
        var y = F.LayerNorm(xa, [1000], wa, b);
        Close(reference.ToArray<double>(), y, 1e-10);
        (y * r).Sum().Backward();
        Close(xr.Grad!.ToArray<double>(), xa.Grad!, 1e-9);
        Close(wr.Grad!.ToArray<double>(), wa.Grad!, 1e-9);
        // float32 stays close despite the mean of 50
        Close(reference.ToArray<double>(), F.LayerNorm(x.To(DType.Float32), [1000], w.To(DType.Float32), b.To(DType.Float32)), 2e-4);
    }

    [Fact]
    public void ParametersPrintingAndValidation()
    {
        var ln = new LayerNorm(5);
        Assert.Equal("LayerNorm((5,), eps=1e-05, elementwise_affine=True)", ln.ToString());
        Assert.Equal("LayerNorm((2, 3), eps=1e-06, elementwise_affine=False)", new LayerNorm([2, 3], 1e-6, false).ToString());
        Assert.Equal(["weight", "bias"], ln.StateDict().Keys);
        Close([1, 1, 1, 1, 1], ln.Weight!, 0);
        Close([0, 0, 0, 0, 0], ln.Bias!, 0);
        Assert.Empty(new LayerNorm(5, elementwiseAffine: false).Parameters());
        Assert.Equal([2, 3], new LayerNorm([2, 3]).Weight!.Shape.ToArray());

        var ex = Assert.Throws<ArgumentException>(() => ln.Forward(Torch.Zeros(2, 4)));
        Assert.StartsWith("layer_norm: Given normalized_shape=[5], expected input with shape [*, 5], but got input of size[2, 4]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.LayerNorm(Torch.Zeros(3), [2, 3]));
        Assert.Contains("expected input with shape [*, 2, 3]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.LayerNorm(Torch.Zeros(2, 3), [3], Torch.Ones(4)));
        Assert.StartsWith("layer_norm: Expected weight to be of same shape as normalized_shape, but got weight of shape [4] and normalized_shape = [3]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.LayerNorm(Torch.Zeros(2, 3), [3], null, Torch.Ones(3, 1)));
        Assert.Contains("bias of shape [3, 1]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.LayerNorm(Torch.Zeros(2, 3), [3], Torch.Ones(new[] { 3 }, DType.Float64)));
        Assert.Contains("float64", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.LayerNorm(Torch.Zeros(2, 3), []));
        Assert.StartsWith("layer_norm: Expected normalized_shape to be at least 1-dimensional", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.LayerNorm(Torch.FromArray(new long[] { 1, 2 }), [2]));
        Assert.Contains("int64", ex.Message);
        Assert.Throws<ArgumentException>(() => new LayerNorm(Array.Empty<int>()));
    }
}
