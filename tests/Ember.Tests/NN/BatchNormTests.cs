using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>
/// BatchNorm1d/2d: training and evaluation outputs, running statistics (momentum and cumulative), gradients against
/// PyTorch 1.13, float64 gradchecks, state-dict keys, printing and validation.
/// </summary>
public class BatchNormTests
{
    /// <summary>The deterministic values shared with the PyTorch reference script: ((k·37 mod 23) − 11)/4 + (k mod 5)/10.</summary>
    private static double[] Vals(int n, int off) =>
        Enumerable.Range(off, n).Select(k => (k * 37 % 23 - 11) / 4.0 + k % 5 * 0.1).ToArray();

    private static Tensor T(int[] shape, int off, DType dtype = DType.Float32) =>
        Torch.FromArray(Vals(shape.Aggregate(1, (a, b) => a * b), off), shape).To(dtype);

    private static void SetAffine(BatchNorm bn)
    {
        using var _ = Torch.NoGrad();
        bn.Weight!.Copy_(Torch.FromArray(new[] { 1.5, -0.5, 2.0 }));
        bn.Bias!.Copy_(Torch.FromArray(new[] { 0.1, 0.2, -0.3 }));
    }

    private const double F32 = 2e-6;

    [Fact]
    public void TrainingStepsAndRunningStatsMatchPyTorch()
    {
        var bn = new BatchNorm1d(3);
        SetAffine(bn);
        var outs = Enumerable.Range(0, 3).Select(step => bn.Forward(T([4, 3], step * 7))).ToList();
        Close([-2.3199658393859863, -0.4028434753417969, -1.6142611503601074, 1.736740231513977, -0.10670983046293259, -2.804535388946533, 0.7727705836296082, 0.40094780921936035, 2.2045352458953857, 0.21045488119125366, 0.9086055159568787, 1.0142611265182495], outs[0], F32);
        Close([2.2258167266845703, 1.006655216217041, 2.1113739013671875, 0.7028436064720154, -0.3455800414085388, 0.926839292049408, -0.82012939453125, -0.02425682172179222, -1.103791356086731, -1.708530306816101, 0.16318175196647644, -3.1344218254089355], outs[2], F32);
        Close([-0.056487515568733215, 0.14467501640319824, 0.03415000066161156], bn.RunningMean!, F32);
        Close([1.7796905040740967, 1.49625825881958, 1.774243712425232], bn.RunningVar!, F32);
        Assert.Equal(3L, bn.NumBatchesTracked!.Item<long>());
        bn.Eval();
        Close([2.7496163845062256, 0.1978233903646469, -4.104998588562012, 1.4003456830978394, 0.6883318424224854, 3.4775211811065674], bn.Forward(T([2, 3], 3)), F32);
        // evaluation changes no statistics
        bn.Forward(T([2, 3], 5));
        Assert.Equal(3L, bn.NumBatchesTracked!.Item<long>());
        Close([-0.056487515568733215, 0.14467501640319824, 0.03415000066161156], bn.RunningMean!, F32);
    }

    [Fact]
    public void NullMomentumIsACumulativeAverage()
    {
        var bn = new BatchNorm1d(3, momentum: null);
        SetAffine(bn);
        for (int step = 0; step < 3; step++) bn.Forward(T([4, 3], step * 7));
        Close([-0.1625000387430191, 0.4791666865348816, 0.12083332240581512], bn.RunningMean!, F32);
        Close([3.9774303436279297, 2.7315971851348877, 3.9829859733581543], bn.RunningVar!, F32);
        Assert.Equal(3L, bn.NumBatchesTracked!.Item<long>());
        bn.Eval();
        Close([1.952105164527893, 0.2995810806751251, -2.926421642303467, 1.0495564937591553, 0.6626107692718506, 2.1343462467193604], bn.Forward(T([2, 3], 3)), F32);
        Assert.Equal("BatchNorm1d(3, eps=1e-05, momentum=None, affine=True, track_running_stats=True)", bn.ToString());
    }

    [Fact]
    public void ThreeDimensionalInputGradientsMatchPyTorch()
    {
        var bn = new BatchNorm1d(3);
        SetAffine(bn);
        var x = T([2, 3, 4], 1).RequiresGrad_();
        var r = T([2, 3, 4], 9);
        var y = bn.Forward(x);
        Assert.Equal("NativeBatchNormBackward0", y.GradFn!.Name);
        (y * r).Sum().Backward();
        Close([0.31092798709869385, -1.762192964553833, 1.7090792655944824, -0.36404165625572205, 0.924552321434021, -0.03485487401485443, 0.5381243824958801, -0.42128273844718933, 0.40088188648223877, -3.0952818393707275, 1.6542236804962158, -1.1822866201400757, 2.1912004947662354, 0.11807947605848312, -2.4371626377105713, 1.0341097116470337, 0.40487343072891235, -0.5545337200164795, 0.018445536494255066, 0.7246758341789246, 2.3138771057128906, -0.5226330757141113, -3.3591434955596924, 1.3903621435165405], y, F32);
        Close([0.3091915249824524, -0.25023937225341797, -0.12079048901796341, -0.19810017943382263, -0.972917377948761, -0.037985458970069885, 0.452078640460968, -0.14537589251995087, -1.1967535018920898, 2.324455499649048, 1.1565743684768677, -3.3361315727233887, -0.10281141102313995, -0.18012118339538574, 0.20671114325523376, 0.33616000413894653, 0.36909884214401245, -0.22835566103458405, 0.1284574419260025, 0.43499937653541565, 2.0479819774627686, -2.4447240829467773, 1.3082388639450073, 0.14035779237747192], x.Grad!, 1e-5);
        Close([11.980912208557129, 5.662501335144043, -4.260744094848633], bn.Weight!.Grad!, 1e-5);
        Close([-1.0500000715255737, 1.3999996185302734, 4.350000381469727], bn.Bias!.Grad!, 1e-5);
        Close([0.06312500685453415, 0.02187499962747097, -0.013125001452863216], bn.RunningMean!, F32);
        Close([1.1765669584274292, 1.3022812604904175, 1.1626384258270264], bn.RunningVar!, F32);

        // evaluation mode: running statistics are constants
        bn.Eval();
        x.Grad = null;
        bn.ZeroGrad();
        y = bn.Forward(x);
        (y * r).Sum().Backward();
        Close([1.1881452798843384, -1.78502357006073, 3.193305492401123, 0.22013676166534424, 1.304942011833191, -0.2723729610443115, 0.6696345806121826, -0.907680332660675, 0.46627962589263916, -4.449038982391357, 2.22837495803833, -1.7595250606536865, 3.884740114212036, 0.9115713238716125, -2.7530322074890137, 2.225297212600708, 0.45056307315826416, -1.1267518997192383, -0.18474434316158295, 0.9763346910476685, 3.1557936668395996, -0.8321064710617065, -4.820006370544434, 1.8574074506759644], y, F32);
        Close([0.5531476736068726, -3.1114559173583984, 1.8668735027313232, -1.1062953472137451, -1.226800560951233, -0.2847929894924164, 0.8762861490249634, -0.7010289430618286, -1.020160436630249, 5.657253265380859, 1.6693533658981323, -3.245965003967285, 2.5583078861236572, -0.4148607552051544, -3.3880295753479004, 1.5902996063232422, 0.6572146415710449, -0.9201003909111023, 0.021907154470682144, 0.9639148116111755, 2.5967719554901123, -2.3185465335845947, 4.358867168426514, 0.37096744775772095], x.Grad!, 1e-5);
        Close([16.632488250732422, 9.550971031188965, -6.466803073883057], bn.Weight!.Grad!, 1e-5);
        Close([-1.0500000715255737, 1.3999996185302734, 4.350000381469727], bn.Bias!.Grad!, 1e-5);
    }

    [Fact]
    public void BatchNorm2dMatchesPyTorch()
    {
        var bn = new BatchNorm2d(2, momentum: 0.2, eps: 1e-3);
        var x = T([2, 2, 3, 3], 2);
        var y = bn.Forward(x);
        bn.Forward(T([2, 2, 3, 3], 4));
        Close([-0.6427176594734192, 1.4767788648605347, 0.21096841990947723, -1.3492165803909302, 0.7702800035476685, -0.4955304265022278, 1.623966097831726, 0.35815566778182983, -1.2020293474197388, 0.4565684199333191, -0.918466329574585, 1.3839173316955566, 0.008882650174200535, -1.6859276294708252, 0.616456151008606, -0.7585785984992981, 1.5438051223754883, 0.1687704175710678, -0.9076547622680664, 1.2118418216705322, -0.05396866798400879, -1.3197791576385498, 0.7997174263000488, -0.760467529296875, 1.3590290546417236, 0.0932186022400856, -1.1725919246673584, 0.4885459244251251, -1.2062642574310303, 1.0961194038391113, -0.27891531586647034, -1.6539500951766968, 0.6484336853027344, -1.0463765859603882, 1.256007194519043, -0.11902754753828049], y, F32);
        Close([-0.07944445312023163, 0.22455555200576782], bn.RunningMean!, F32);
        Close([1.6492317914962769, 1.6597676277160645], bn.RunningVar!, F32);
        Assert.Equal(2L, bn.NumBatchesTracked!.Item<long>());
        bn.Eval();
        Close([-0.9501344561576843, 1.8522648811340332, 0.1786097288131714, -1.8842676877975464, 0.9181318283081055, -0.7555233836174011, 2.0468759536743164, 0.3732208013534546, -1.6896566152572632, 0.8733124136924744, -0.7950255274772644, 1.998470425605774, 0.3301325738430023, -1.7261908054351807, 1.0673052072525024, -0.6010327339172363, 2.1924631595611572, 0.524125337600708, -1.3004344701766968, 1.501965045928955, -0.1716902107000351, -1.8453454971313477, 0.9570540189743042, -1.1058233976364136, 1.6965759992599487, 0.022920867428183556, -1.6507344245910645, 0.9121109247207642, -1.1442124843597412, 1.6492834091186523, -0.019054396077990532, -1.6873923540115356, 1.1061036586761475, -0.9502197504043579, 1.8432762622833252, 0.17493836581707], bn.Forward(x), F32);
    }

    [Fact]
    public void StateDictKeysAndBuffersAreTorchs()
    {
        var bn = new BatchNorm2d(4);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], bn.StateDict().Keys);
        Assert.Equal(["weight", "bias"], bn.NamedParameters().Select(p => p.Name));
        Assert.Equal(["running_mean", "running_var", "num_batches_tracked"], bn.NamedBuffers().Select(b => b.Name));
        Assert.Equal(DType.Int64, bn.NumBatchesTracked!.DType);
        Assert.Equal(0, bn.NumBatchesTracked.Dim);
        Close([1, 1, 1, 1], bn.Weight!, 0);
        Close([0, 0, 0, 0], bn.Bias!, 0);
        Close([0, 0, 0, 0], bn.RunningMean!, 0);
        Close([1, 1, 1, 1], bn.RunningVar!, 0);
        Assert.Equal(["running_mean", "running_var", "num_batches_tracked"], new BatchNorm1d(3, affine: false).StateDict().Keys);
        Assert.Equal(["weight", "bias"], new BatchNorm1d(3, trackRunningStats: false).StateDict().Keys);
        Assert.Empty(new BatchNorm1d(3, affine: false, trackRunningStats: false).StateDict());

        // round trip: a fresh layer loaded from the state dict evaluates the same
        var trained = new BatchNorm1d(3);
        SetAffine(trained);
        trained.Forward(T([4, 3], 0));
        trained.Forward(T([4, 3], 3));
        var copy = new BatchNorm1d(3);
        copy.LoadStateDict(trained.StateDict());
        Assert.Equal(2L, copy.NumBatchesTracked!.Item<long>());
        trained.Eval();
        copy.Eval();
        Close(trained.Forward(T([3, 3], 1)).ToArray<double>(), copy.Forward(T([3, 3], 1)), 0);

        // To(float64) converts parameters and running statistics, not the counter
        trained.To(DType.Float64);
        Assert.Equal(DType.Float64, trained.Weight!.DType);
        Assert.Equal(DType.Float64, trained.RunningVar!.DType);
        Assert.Equal(DType.Int64, trained.NumBatchesTracked!.DType);
        Assert.Equal(DType.Float64, trained.Forward(T([3, 3], 1, DType.Float64)).DType);
    }

    [Fact]
    public void TrainAndEvalDiffer()
    {
        var bn = new BatchNorm1d(3);
        var x = T([5, 3], 2);
        var train = bn.Forward(x).ToArray<double>();
        bn.Eval();
        var eval = bn.Forward(x).ToArray<double>();
        Assert.Contains(train.Zip(eval), p => Math.Abs(p.First - p.Second) > 0.1);
        // training output is normalized per channel: mean 0, biased variance 1
        var t = Torch.FromArray(train, 5, 3);
        Close([0, 0, 0], t.Mean(0), 1e-6);
        Close([1, 1, 1], t.Var(0, correction: 0), 1e-4);
        // without running statistics, evaluation also uses the batch
        var free = new BatchNorm1d(3, trackRunningStats: false);
        var a = free.Forward(x).ToArray<double>();
        free.Eval();
        Close(a, free.Forward(x), 0);
        Assert.Null(free.RunningMean);
        Assert.Null(free.NumBatchesTracked);
    }

    [Fact]
    public void GradcheckTrainingAndEval()
    {
        foreach (bool training in new[] { true, false })
        {
            var bn1 = (BatchNorm1d)new BatchNorm1d(3).To(DType.Float64);
            var bn2 = (BatchNorm2d)new BatchNorm2d(3).To(DType.Float64);
            using (Torch.NoGrad())
            {
                // non-trivial parameters and running statistics
                foreach (var bn in new BatchNorm[] { bn1, bn2 })
                {
                    bn.Weight!.Copy_(TestUtil.Input(3) + 1.0);
                    bn.Bias!.Copy_(TestUtil.Input(3));
                    bn.RunningMean!.Copy_(TestUtil.Input(3) * 0.3);
                    bn.RunningVar!.Copy_(TestUtil.PositiveInput(3));
                }
            }
            bn1.Train(training);
            bn2.Train(training);
            GradOk(t => bn1.Forward(t[0]), TestUtil.Input(4, 3), bn1.Weight!, bn1.Bias!);
            GradOk(t => bn1.Forward(t[0]), TestUtil.Input(2, 3, 5), bn1.Weight!, bn1.Bias!);
            GradOk(t => bn1.Forward(t[0]), TransposedInput(5, 3), bn1.Weight!, bn1.Bias!);
            GradOk(t => bn1.Forward(t[0]), TestUtil.Input(2, 3, 1), bn1.Weight!, bn1.Bias!);
            GradOk(t => bn1.Forward(t[0].Expand(4, 3)), TestUtil.Input(4, 1), bn1.Weight!, bn1.Bias!);   // broadcast (stride 0)
            GradOk(t => bn2.Forward(t[0]), TestUtil.Input(2, 3, 2, 3), bn2.Weight!, bn2.Bias!);
            // channels-last layout (a permuted view)
            GradOk(t => bn2.Forward(t[0].Permute(0, 3, 1, 2)), TestUtil.Input(2, 2, 3, 3), bn2.Weight!, bn2.Bias!);
            // no affine parameters, through the functional form
            GradOk(t => F.BatchNorm(t[0], null, null, training: true), TestUtil.Input(3, 4, 2));
            // empty batch: an empty result, still connected
            GradOk(t => bn1.Forward(t[0]), TestUtil.Input(0, 3), bn1.Weight!, bn1.Bias!);
        }
    }

    [Fact]
    public void FusedBackwardMatchesDifferentiableBackward()
    {
        foreach (bool training in new[] { true, false })
            foreach (var shape in new[] { new[] { 6, 3 }, new[] { 2, 3, 7 } })
            {
                var results = new List<double[]>();
                for (int k = 0; k < 2; k++)
                {
                    var bn = (BatchNorm1d)new BatchNorm1d(3).To(DType.Float64);
                    SetAffine(bn);
                    using (Torch.NoGrad()) bn.RunningVar!.Fill_(1.7);
                    bn.Train(training);
                    var x = T(shape, 3, DType.Float64).RequiresGrad_();
                    var y = bn.Forward(x);
                    (y * T(shape, 8, DType.Float64)).Sum().Backward(createGraph: k == 1);
                    results.Add(x.Grad!.ToArray<double>().Concat(bn.Weight!.Grad!.ToArray<double>()).Concat(bn.Bias!.Grad!.ToArray<double>()).ToArray());
                }
                Close(results[0], Torch.FromArray(results[1]), 1e-12);
            }
    }

    [Fact]
    public void SecondDerivativeThroughTheDifferentiableBackward()
    {
        // d/dx of Σ (dL/dx)² with L = Σ bn(x)·r, against finite differences of the first gradient
        var r = T([4, 3], 5, DType.Float64);
        var bn = (BatchNorm1d)new BatchNorm1d(3).To(DType.Float64);
        SetAffine(bn);
        double[] Objective(double[] xs, bool second)
        {
            var x = Torch.FromArray(xs, 4, 3).RequiresGrad_();
            (bn.Forward(x) * r).Sum().Backward(createGraph: true);
            var g = x.Grad!;
            if (!second) return [(g * g).Sum().Item<double>()];
            x.Grad = null;
            (g * g).Sum().Backward();
            return x.Grad!.ToArray<double>();
        }
        var x0 = Vals(12, 2);
        var analytic = Objective(x0, true);
        for (int i = 0; i < 12; i++)
        {
            var p = (double[])x0.Clone();
            var m = (double[])x0.Clone();
            p[i] += 1e-6;
            m[i] -= 1e-6;
            double numeric = (Objective(p, false)[0] - Objective(m, false)[0]) / 2e-6;
            Assert.True(Math.Abs(analytic[i] - numeric) <= 1e-5 + 1e-4 * Math.Abs(numeric), $"element {i}: {analytic[i]} vs {numeric}");
        }
    }

    [Fact]
    public void LargeInputsMatchAComposedReference()
    {
        // 8·16·32·32 elements: the parallel channel split, long rows, both dtypes
        var g = new Generator(7);
        var x64 = Torch.Randn(new[] { 8, 16, 32, 32 }, DType.Float64, g) * 3.0 + 5.0;
        var w = Torch.Randn(new[] { 16 }, DType.Float64, g);
        var b = Torch.Randn(new[] { 16 }, DType.Float64, g);
        int[] dims = [0, 2, 3];
        var mean = x64.Mean(dims, keepdim: true);
        var varB = x64.Var(dims, correction: 0, keepdim: true);
        var expected = ((x64 - mean) / (varB + 1e-5).Sqrt() * w.View(1, 16, 1, 1) + b.View(1, 16, 1, 1)).ToArray<double>();
        var rm = Torch.Zeros(new[] { 16 }, DType.Float64);
        var rv = Torch.Ones(new[] { 16 }, DType.Float64);
        Close(expected, F.BatchNorm(x64, rm, rv, w, b, training: true), 1e-10);
        Close(x64.Mean(dims).ToArray<double>().Select(v => 0.1 * v).ToArray(), rm, 1e-10);
        Close(x64.Var(dims, correction: 1).ToArray<double>().Select(v => 0.9 + 0.1 * v).ToArray(), rv, 1e-10);
        Close(expected, F.BatchNorm(x64.To(DType.Float32), null, null, w.To(DType.Float32), b.To(DType.Float32), training: true), 1e-4);

        // [N, C] with many channels: the column-wise statistics path
        var x2 = Torch.Randn(new[] { 300, 500 }, DType.Float64, g);
        var e2 = ((x2 - x2.Mean(0, keepdim: true)) / (x2.Var(0, correction: 0, keepdim: true) + 1e-5).Sqrt()).ToArray<double>();
        Close(e2, F.BatchNorm(x2, null, null, training: true), 1e-10);
        // and the gradients agree with the composed reference's
        var xa = x2.Detach().RequiresGrad_();
        var xb = x2.Detach().RequiresGrad_();
        var rr = Torch.Randn(new[] { 300, 500 }, DType.Float64, g);
        (F.BatchNorm(xa, null, null, training: true) * rr).Sum().Backward();
        var mb = xb.Mean(0, keepdim: true);
        (((xb - mb) / ((xb - mb).Pow(2).Mean(0, keepdim: true) + 1e-5).Sqrt()) * rr).Sum().Backward();
        Close(xb.Grad!.ToArray<double>(), xa.Grad!, 1e-9);
    }

    /// <summary>Planes of 1 to 33 elements (the short rows, handled a sample's block of channels at a time, and the long
    /// ones), with 7 channels or thousands (several blocks): output, running statistics and all three gradients against
    /// the composed float64 reference; float32 close to it; the same bits on 1, 2 and 3 threads (odd channel splits).</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(1, 3)]
    [InlineData(2, 8)]
    [InlineData(4, 4)]
    [InlineData(1, 31)]
    [InlineData(4, 8)]
    [InlineData(1, 33)]
    [InlineData(1, 3, 6000)]
    [InlineData(1, 1, 9000)]
    public void ShortAndLongPlanesMatchAComposedReference(int h, int w, int c = 7)
    {
        // (thousands of channels: a thread's channels go in several blocks)
        var g = new Generator(h * 100 + w);
        const int n = 5;
        var x64 = Torch.Randn(new[] { n, c, h, w }, DType.Float64, g) * 2.0 + 1.5;
        var wt = Torch.Randn(new[] { c }, DType.Float64, g);
        var bs = Torch.Randn(new[] { c }, DType.Float64, g);
        var r = Torch.Randn(new[] { n, c, h, w }, DType.Float64, g);
        int[] dims = [0, 2, 3];
        var shape = new[] { 1, c, 1, 1 };

        // The composed reference and its gradients.
        var xr = x64.Detach().RequiresGrad_();
        var wr = wt.Detach().RequiresGrad_();
        var br = bs.Detach().RequiresGrad_();
        var mr = xr.Mean(dims, keepdim: true);
        var yr = (xr - mr) / ((xr - mr).Pow(2).Mean(dims, keepdim: true) + 1e-5).Sqrt() * wr.View(shape) + br.View(shape);
        (yr * r).Sum().Backward();

        double[] Run(DType dtype, int threads, out double[] running)
        {
            int saved = Threading.NumThreads;
            Threading.NumThreads = threads;
            try
            {
                var x = x64.To(dtype).Detach().RequiresGrad_();
                var wv = wt.To(dtype).Detach().RequiresGrad_();
                var bv = bs.To(dtype).Detach().RequiresGrad_();
                var rm = Torch.Zeros(new[] { c }, dtype);
                var rv = Torch.Ones(new[] { c }, dtype);
                var y = F.BatchNorm(x, rm, rv, wv, bv, training: true);
                (y * r.To(dtype)).Sum().Backward();
                running = [.. rm.ToArray<double>(), .. rv.ToArray<double>()];
                return [.. y.ToArray<double>(), .. x.Grad!.ToArray<double>(), .. wv.Grad!.ToArray<double>(), .. bv.Grad!.ToArray<double>()];
            }
            finally { Threading.NumThreads = saved; }
        }

        double[] expected = [.. yr.ToArray<double>(), .. xr.Grad!.ToArray<double>(), .. wr.Grad!.ToArray<double>(), .. br.Grad!.ToArray<double>()];
        double[] expectedRunning = [.. x64.Mean(dims).ToArray<double>().Select(v => 0.1 * v), .. x64.Var(dims, correction: 1).ToArray<double>().Select(v => 0.9 + 0.1 * v)];
        var got = Run(DType.Float64, 2, out var running);
        Close(expected, Torch.FromArray(got), 1e-9);
        Close(expectedRunning, Torch.FromArray(running), 1e-12);
        Close(expected, Torch.FromArray(Run(DType.Float32, 2, out var running32)), 2e-4);
        Close(expectedRunning, Torch.FromArray(running32), 1e-5);
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var one = Run(dtype, 1, out var r1);
            Assert.Equal(one, Run(dtype, 2, out var r2));
            Assert.Equal(one, Run(dtype, 3, out var r3));
            Assert.Equal(r1, r2);
            Assert.Equal(r1, r3);
        }
    }

    [Fact]
    public void ValidationNamesLayerAndShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BatchNorm1d(3).Forward(Torch.Zeros(2, 3, 4, 5)));
        Assert.StartsWith("batch_norm: expected 2D or 3D input (got 4D input)", ex.Message);
        Assert.Contains("BatchNorm1d", ex.Message);
        Assert.Contains("[2, 3, 4, 5]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new BatchNorm2d(3).Forward(Torch.Zeros(2, 3, 4)));
        Assert.StartsWith("batch_norm: expected 4D input (got 3D input)", ex.Message);
        Assert.Contains("BatchNorm2d", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new BatchNorm1d(4).Forward(Torch.Zeros(2, 3)));
        Assert.StartsWith("batch_norm: running_mean should contain 3 elements not 4", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new BatchNorm1d(4, trackRunningStats: false).Forward(Torch.Zeros(2, 3)));
        Assert.StartsWith("batch_norm: weight should contain 3 elements not 4", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new BatchNorm1d(3).Forward(Torch.Zeros(1, 3)));
        Assert.Contains("Expected more than 1 value per channel when training, got input size [1, 3]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new BatchNorm1d(3).Forward(Torch.Zeros(1, 3, 1)));
        Assert.Contains("Expected more than 1 value per channel when training", ex.Message);
        // a rejected batch leaves the statistics alone; a single sample is fine in evaluation
        var bn = new BatchNorm1d(3);
        Assert.Throws<ArgumentException>(() => bn.Forward(Torch.Zeros(1, 3)));
        Assert.Equal(0L, bn.NumBatchesTracked!.Item<long>());
        bn.Eval();
        Assert.Equal([1, 3], bn.Forward(Torch.Ones(1, 3)).Shape.ToArray());
        // the functional form
        ex = Assert.Throws<ArgumentException>(() => F.BatchNorm(Torch.Zeros(2, 3), Torch.Zeros(3), Torch.Ones(3), Torch.Ones(2)));
        Assert.StartsWith("batch_norm: weight should contain 3 elements not 2", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.BatchNorm(Torch.Zeros(2, 3), null, null));
        Assert.StartsWith("batch_norm: running_mean and running_var must be defined", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.BatchNorm(Torch.Zeros(2, 3), Torch.Zeros(new[] { 3 }, DType.Float64), Torch.Ones(3)));
        Assert.Contains("float64", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.BatchNorm(Torch.Zeros(3), null, null, training: true));
        Assert.StartsWith("batch_norm:", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.BatchNorm(Torch.FromArray(new long[,] { { 1, 2 }, { 3, 4 } }), null, null, training: true));
        Assert.Contains("int64", ex.Message);
        // affine-free, untracked layers accept any channel count, as PyTorch
        Assert.Equal([2, 5], new BatchNorm1d(3, affine: false, trackRunningStats: false).Forward(Torch.Randn(2, 5)).Shape.ToArray());
    }

    [Fact]
    public void PrintsLikePyTorch()
    {
        Assert.Equal("BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", new BatchNorm1d(3).ToString());
        Assert.Equal("BatchNorm2d(4, eps=1e-05, momentum=None, affine=False, track_running_stats=False)",
            new BatchNorm2d(4, momentum: null, affine: false, trackRunningStats: false).ToString());
        Assert.Equal("BatchNorm1d(3, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)", new BatchNorm1d(3, 0.001, 0.01).ToString());
    }

    [Fact]
    public void ResetRestoresInitialState()
    {
        var bn = new BatchNorm1d(3);
        SetAffine(bn);
        bn.Forward(T([4, 3], 1));
        bn.ResetParameters();
        Close([1, 1, 1], bn.Weight!, 0);
        Close([0, 0, 0], bn.Bias!, 0);
        Close([0, 0, 0], bn.RunningMean!, 0);
        Close([1, 1, 1], bn.RunningVar!, 0);
        Assert.Equal(0L, bn.NumBatchesTracked!.Item<long>());
    }
}
