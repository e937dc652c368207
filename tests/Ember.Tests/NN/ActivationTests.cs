using Ember.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.NN;

/// <summary>
/// The activations (ops, functional forms and modules): forward values and gradients against PyTorch 1.13 (including
/// ±1000 and tiny inputs), the accuracy of the exact GELU's erf, float64 gradchecks on every layout, the fused backward
/// against the differentiable one, second derivatives, PReLU's weight gradient, printing and validation.
/// </summary>
public class ActivationTests
{
    private static readonly double[] Xs = [-1000, -20, -5, -1.5, -1, -0.5, -1e-3, -1e-8, 0, 1e-8, 1e-3, 0.5, 1, 1.5, 3, 5, 20, 25, 1000];

    // PyTorch 1.13 on Xs: float64 and float32 results, and the float64 gradient of the sum.
    private static readonly double[] Relu64 = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1e-08, 0.001, 0.5, 1.0, 1.5, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] Relu32 = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 9.99999993922529e-09, 0.0010000000474974513, 0.5, 1.0, 1.5, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] LeakyRelu64 = [-10.0, -0.2, -0.05, -0.015, -0.01, -0.005, -1e-05, -1e-10, 0.0, 1e-08, 0.001, 0.5, 1.0, 1.5, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] LeakyRelu32 = [-10.0, -0.19999998807907104, -0.04999999701976776, -0.014999999664723873, -0.009999999776482582, -0.004999999888241291, -1.0000000656873453e-05, -9.999999439624929e-11, 0.0, 9.99999993922529e-09, 0.0010000000474974513, 0.5, 1.0, 1.5, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] LeakyRelu0264 = [-200.0, -4.0, -1.0, -0.30000000000000004, -0.2, -0.1, -0.0002, -2e-09, 0.0, 1e-08, 0.001, 0.5, 1.0, 1.5, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] LeakyRelu0232 = [-200.0, -4.0, -1.0, -0.30000001192092896, -0.20000000298023224, -0.10000000149011612, -0.00020000000949949026, -1.999999943436137e-09, 0.0, 9.99999993922529e-09, 0.0010000000474974513, 0.5, 1.0, 1.5, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] Elu64 = [-1.0, -0.9999999979388464, -0.9932620530009145, -0.7768698398515702, -0.6321205588285577, -0.3934693402873666, -0.000999500166624978, -9.99999993922529e-09, 0.0, 1e-08, 0.001, 0.5, 1.0, 1.5, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] Elu32 = [-1.0, -1.0, -0.9932620525360107, -0.7768698334693909, -0.6321205496788025, -0.39346933364868164, -0.0009995102882385254, 0.0, 0.0, 9.99999993922529e-09, 0.0010000000474974513, 0.5, 1.0, 1.5, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] Elu0564 = [-0.5, -0.4999999989694232, -0.49663102650045726, -0.3884349199257851, -0.31606027941427883, -0.1967346701436833, -0.000499750083312489, -4.999999969612645e-09, 0.0, 1e-08, 0.001, 0.5, 1.0, 1.5, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] Elu0532 = [-0.5, -0.5, -0.49663102626800537, -0.38843491673469543, -0.31606027483940125, -0.19673466682434082, -0.0004997551441192627, 0.0, 0.0, 9.99999993922529e-09, 0.0010000000474974513, 0.5, 1.0, 1.5, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] Gelu64 = [-0.0, -0.0, -1.4332578593401202e-06, -0.10021080190328704, -0.15865525393145702, -0.15426876936299344, -0.000499601057786089, -4.999999960105772e-09, 0.0, 5.000000039894228e-09, 0.000500398942213911, 0.34573123063700656, 0.841344746068543, 1.399789198096713, 2.99595030590511, 4.999998566742141, 20.0, 25.0, 1000.0];
    private static readonly double[] Gelu32 = [0.0, 0.0, -1.4901161193847656e-06, -0.10021086037158966, -0.1586552858352661, -0.1542687863111496, -0.0004996011266484857, -4.999999969612645e-09, 0.0, 4.999999969612645e-09, 0.0005003989208489656, 0.3457311987876892, 0.8413447141647339, 1.3997890949249268, 2.995950222015381, 4.999998569488525, 20.0, 25.0, 1000.0];
    private static readonly double[] GeluTanh64 = [-0.0, -0.0, -2.2917961972623857e-07, -0.10042842301976707, -0.1588080093917233, -0.15428599017485606, -0.000499601057786418, -4.999999960105772e-09, 0.0, 5.000000039894228e-09, 0.000500398942213582, 0.34571400982514394, 0.8411919906082768, 1.3995715769802328, 2.996362607918227, 4.999999770820381, 20.0, 25.0, 1000.0];
    private static readonly double[] GeluTanh32 = [-0.0, -0.0, -2.980232238769531e-07, -0.10042843222618103, -0.15880799293518066, -0.1542859971523285, -0.0004996010684408247, -4.999999969612645e-09, 0.0, 4.999999969612645e-09, 0.0005003989790566266, 0.3457140028476715, 0.8411920070648193, 1.3995715379714966, 2.9963626861572266, 4.999999523162842, 20.0, 25.0, 1000.0];
    private static readonly double[] Silu64 = [-0.0, -4.122307236380407e-08, -0.03346425462142428, -0.2736382857095345, -0.2689414213699951, -0.1887703343990727, -0.0004997500000208334, -4.9999999750000005e-09, 0.0, 5.000000025e-09, 0.0005002499999791667, 0.3112296656009273, 0.7310585786300049, 1.2263617142904655, 2.8577223804672998, 4.966535745378576, 19.999999958776925, 24.9999999996528, 1000.0];
    private static readonly double[] Silu32 = [-0.0, -4.1223074731533416e-08, -0.033464252948760986, -0.2736382782459259, -0.2689414322376251, -0.1887703388929367, -0.0004997500218451023, -4.999999969612645e-09, 0.0, 4.999999969612645e-09, 0.000500250025652349, 0.3112296760082245, 0.7310585975646973, 1.226361632347107, 2.857722520828247, 4.966535568237305, 20.0, 25.0, 1000.0];
    private static readonly double[] Softplus64 = [0.0, 2.061153620314381e-09, 0.006715348489118068, 0.2014132779827524, 0.31326168751822286, 0.4740769841801067, 0.6926473055599401, 0.6931471755599453, 0.6931471805599453, 0.6931471855599453, 0.6936473055599401, 0.9740769841801067, 1.3132616875182228, 1.7014132779827524, 3.048587351573742, 5.006715348489118, 20.000000002061153, 25.0, 1000.0];
    private static readonly double[] Softplus32 = [0.0, 2.06115369216775e-09, 0.006715348456054926, 0.20141328871250153, 0.3132616877555847, 0.4740769863128662, 0.6926472783088684, 0.6931471824645996, 0.6931471824645996, 0.6931471824645996, 0.6936473250389099, 0.9740769863128662, 1.31326162815094, 1.7014132738113403, 3.0485873222351074, 5.006715297698975, 20.0, 25.0, 1000.0];
    private static readonly double[] Softplus2_564 = [0.0, 2.1241771276457944e-18, 2.2699449608432323e-05, 0.02429367578687103, 0.06346400552148625, 0.15663084375911143, 0.346073840279931, 0.3465735852799727, 0.34657359027997264, 0.34657359527997267, 0.347073840279931, 0.6566308437591114, 1.0634640055214863, 1.524293675786871, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] Softplus2_532 = [0.0, 2.12417706556933e-18, 2.2699450710206293e-05, 0.024293676018714905, 0.06346400827169418, 0.15663084387779236, 0.34607383608818054, 0.3465735912322998, 0.3465735912322998, 0.3465735912322998, 0.34707385301589966, 0.65663081407547, 1.0634640455245972, 1.5242936611175537, 3.0, 5.0, 20.0, 25.0, 1000.0];
    private static readonly double[] Sigmoid64 = [0.0, 2.0611536181902037e-09, 0.0066928509242848554, 0.18242552380635635, 0.2689414213699951, 0.3775406687981454, 0.4997500000208333, 0.4999999975, 0.5, 0.5000000025, 0.5002499999791666, 0.6224593312018546, 0.7310585786300049, 0.8175744761936437, 0.9525741268224334, 0.9933071490757153, 0.9999999979388463, 0.999999999986112, 1.0];
    private static readonly double[] Sigmoid32 = [0.0, 2.06115369216775e-09, 0.006692850962281227, 0.18242552876472473, 0.2689414322376251, 0.3775406777858734, 0.499750018119812, 0.5, 0.5, 0.5, 0.500249981880188, 0.622459352016449, 0.7310585975646973, 0.8175744414329529, 0.9525741338729858, 0.9933071732521057, 1.0, 1.0, 1.0];
    private static readonly double[] Tanh64 = [-1.0, -1.0, -0.9999092042625951, -0.9051482536448664, -0.7615941559557649, -0.46211715726000974, -0.0009999996666668, -1e-08, 0.0, 1e-08, 0.0009999996666668, 0.46211715726000974, 0.7615941559557649, 0.9051482536448664, 0.9950547536867305, 0.9999092042625951, 1.0, 1.0, 1.0];
    private static readonly double[] Tanh32 = [-1.0, -1.0, -0.9999092221260071, -0.9051482677459717, -0.7615941762924194, -0.46211716532707214, -0.0009999996982514858, -9.99999993922529e-09, 0.0, 9.99999993922529e-09, 0.0009999996982514858, 0.46211716532707214, 0.7615941762924194, 0.9051482677459717, 0.9950547814369202, 0.9999092221260071, 1.0, 1.0, 1.0];
    private static readonly double[] ReluGrad = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
    private static readonly double[] LeakyReluGrad = [0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
    private static readonly double[] LeakyRelu02Grad = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
    private static readonly double[] EluGrad = [0.0, 2.061153622438558e-09, 0.006737946999085467, 0.22313016014842982, 0.36787944117144233, 0.6065306597126334, 0.999000499833375, 0.9999999900000001, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
    private static readonly double[] Elu05Grad = [0.0, 1.030576811219279e-09, 0.0033689734995427335, 0.11156508007421491, 0.18393972058572117, 0.3032653298563167, 0.4995002499166875, 0.49999999500000003, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
    private static readonly double[] GeluGrad = [0.0, -1.1041896724319527e-86, -7.1469460018034646e-06, -0.1274691922299796, -0.08331547058768635, 0.13250487534383712, 0.4992021157051586, 0.4999999920211544, 0.5, 0.5000000079788456, 0.5007978842948414, 0.8674951246561629, 1.0833154705876864, 1.1274691922299795, 1.011945647204184, 1.000007146946002, 1.0, 1.0, 1.0];
    private static readonly double[] GeluTanhGrad = [0.0, 0.0, -1.5463619879596227e-06, -0.12771079315143308, -0.08296408384578258, 0.13263009646535764, 0.499202115706475, 0.4999999920211544, 0.5, 0.5000000079788456, 0.500797884293525, 0.8673699035346424, 1.0829640838457826, 1.127710793151433, 1.0115841666309695, 1.000001546361988, 1.0, 1.0, 1.0];
    private static readonly double[] SiluGrad = [-0.0, -3.9161918660646786e-08, -0.026547432429665917, -0.041294154299142946, 0.07232948812851325, 0.2600388126973482, 0.4995000000833333, 0.49999999500000003, 0.5, 0.500000005, 0.5004999999166666, 0.7399611873026519, 0.9276705118714869, 1.041294154299143, 1.0881041060151693, 1.0265474324296655, 1.0000000391619202, 1.000000000333312, 1.0];
    private static readonly double[] SoftplusGrad = [0.0, 2.0611536181902033e-09, 0.006692850924284856, 0.18242552380635632, 0.2689414213699951, 0.37754066879814546, 0.49975000002083336, 0.4999999975, 0.5, 0.5000000025, 0.5002499999791666, 0.6224593312018546, 0.7310585786300049, 0.8175744761936437, 0.9525741268224333, 0.9933071490757152, 0.9999999979388464, 1.0, 1.0];
    private static readonly double[] Softplus2_5Grad = [0.0, 4.248354255291589e-18, 4.5397868702434395e-05, 0.04742587317756679, 0.11920292202211755, 0.2689414213699951, 0.49950000016666657, 0.49999999500000003, 0.5, 0.5000000050000001, 0.5004999998333334, 0.7310585786300049, 0.8807970779778824, 0.9525741268224333, 1.0, 1.0, 1.0, 1.0, 1.0];
    private static readonly double[] SigmoidGrad = [0.0, 2.0611536139418496e-09, 0.006648056670790155, 0.14914645207033286, 0.19661193324148185, 0.2350037122015945, 0.24999993750001046, 0.25, 0.25, 0.25, 0.24999993750001043, 0.2350037122015945, 0.19661193324148185, 0.14914645207033286, 0.045176659730912, 0.006648056670790033, 2.0611536879193953e-09, 1.3888001859448131e-11, 0.0];
    private static readonly double[] TanhGrad = [0.0, 0.0, 0.00018158323094385266, 0.1807066389236486, 0.41997434161402614, 0.7864477329659274, 0.9999990000006667, 0.9999999999999999, 1.0, 0.9999999999999999, 0.9999990000006667, 0.7864477329659274, 0.41997434161402614, 0.1807066389236486, 0.009866037165440166, 0.00018158323094385266, 0.0, 0.0, 0.0];

    /// <summary>Each activation's name, function, expected float64/float32 values and float64 gradient at <see cref="Xs"/>.</summary>
    private static (string Name, Func<Tensor, Tensor> Fn, double[] E64, double[] E32, double[] Grad)[] Cases =>
    [
        ("relu", x => F.Relu(x), Relu64, Relu32, ReluGrad),
        ("leaky_relu", x => F.LeakyRelu(x), LeakyRelu64, LeakyRelu32, LeakyReluGrad),
        ("leaky_relu(0.2)", x => F.LeakyRelu(x, 0.2), LeakyRelu0264, LeakyRelu0232, LeakyRelu02Grad),
        ("elu", x => F.Elu(x), Elu64, Elu32, EluGrad),
        ("elu(0.5)", x => F.Elu(x, 0.5), Elu0564, Elu0532, Elu05Grad),
        ("gelu", x => F.Gelu(x), Gelu64, Gelu32, GeluGrad),
        ("gelu(tanh)", x => F.Gelu(x, "tanh"), GeluTanh64, GeluTanh32, GeluTanhGrad),
        ("silu", x => F.Silu(x), Silu64, Silu32, SiluGrad),
        ("softplus", x => F.Softplus(x), Softplus64, Softplus32, SoftplusGrad),
        ("softplus(2, 5)", x => F.Softplus(x, 2, 5), Softplus2_564, Softplus2_532, Softplus2_5Grad),
        ("sigmoid", F.Sigmoid, Sigmoid64, Sigmoid32, SigmoidGrad),
        ("tanh", F.Tanh, Tanh64, Tanh32, TanhGrad),
    ];

    /// <summary>The smooth activations (second derivatives exist away from 0).</summary>
    private static (string Name, Func<Tensor, Tensor> Fn)[] Smooth =>
    [
        ("elu(0.5)", x => F.Elu(x, 0.5)), ("gelu", x => F.Gelu(x)), ("gelu(tanh)", x => F.Gelu(x, "tanh")), ("silu", x => F.Silu(x)),
        ("softplus", x => F.Softplus(x)), ("softplus(2, 5)", x => F.Softplus(x, 2, 5)),
    ];

    private static Tensor X64() => Torch.FromArray(Xs);

    private static Tensor X32() => Torch.FromArray(Xs.Select(v => (float)v).ToArray());

    [Fact]
    public void ForwardMatchesPyTorchInBothDtypes()
    {
        foreach (var (name, fn, e64, e32, _) in Cases)
        {
            var y64 = fn(X64());
            Assert.Equal(DType.Float64, y64.DType);
            Assert.True(y64.ToArray<double>().All(double.IsFinite), name);
            Close(e64, y64, 1e-12);
            var y32 = fn(X32());
            Assert.Equal(DType.Float32, y32.DType);
            Assert.True(y32.ToArray<float>().All(float.IsFinite), name);
            Close(e32, y32, 2e-6);
        }
    }

    [Fact]
    public void GradientsMatchPyTorchIncludingExtremes()
    {
        foreach (var (name, fn, _, _, grad) in Cases)
        {
            var x = X64().RequiresGrad_();
            fn(x).Sum().Backward();
            Assert.True(x.Grad!.ToArray<double>().All(double.IsFinite), name);
            Close(grad, x.Grad!, 1e-10);
            // the float32 kernels agree with the float64 gradient
            var x32 = X32().RequiresGrad_();
            fn(x32).Sum().Backward();
            Assert.Equal(DType.Float32, x32.Grad!.DType);
            Close(grad, x32.Grad!, 2e-6);
        }
    }

    [Fact]
    public void TinyResultsKeepFullRelativePrecision()
    {
        // references from Python's math.log1p / math.erfc / math.expm1
        RelClose([3.059022737137205e-07, 9.357622968839737e-14, 4.248354255291589e-18, 9.85967654375977e-305, 0.6931471806099453],
            F.Softplus(Torch.FromArray(new[] { -15.0, -30, -40, -700, 1e-10 })), 1e-14);
        RelClose([-1.4332578593959731e-06, -7.619853024160593e-23, -5.507248237212663e-88, -1.4720141781446293e-196],
            F.Gelu(Torch.FromArray(new[] { -5.0, -10, -20, -30 })), 1e-12);
        RelClose([-9.999999999500001e-11, -9.999950000166666e-06, -0.2591817793182821],
            F.Elu(Torch.FromArray(new[] { -1e-10, -1e-5, -0.3 })), 1e-15);
        // float32: no cancellation either (PyTorch's float ELU gives 0 at -1e-10)
        RelClose([4.248354255291589e-18, -1e-10, -1.4332578593959731e-06],
            Torch.Cat([F.Softplus(Torch.FromArray(new[] { -40f })), F.Elu(Torch.FromArray(new[] { -1e-10f })), F.Gelu(Torch.FromArray(new[] { -5f }))]), 1e-6);
    }

    private static void RelClose(double[] expected, Tensor actual, double rtol)
    {
        var a = actual.ToArray<double>();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(a[i] - expected[i]) <= rtol * Math.Abs(expected[i]), $"element {i}: expected {expected[i]:R}, got {a[i]:R}");
    }

    [Fact]
    public void NormalCdfAndErfAreAccurate()
    {
        // Python: 0.5·math.erfc(−x/√2), math.erf, math.erfc
        double[] pts = [-38.0, -30.0, -26.0, -20.0, -12.5, -8.0, -6.0, -5.0, -3.7, -2.5, -1.3, -0.9, -0.66, -0.6629, -0.663, -0.5, -0.1, -0.001, -1e-09, 0.0, 1e-09, 0.001, 0.3, 0.6629, 0.7, 1.0, 2.0, 3.3, 5.65, 5.66, 6.0, 8.0, 9.0];
        double[] cdf = [2.88542835e-316, 4.906713927148764e-198, 2.476063315503457e-149, 2.7536241186063314e-89, 3.73256429887781e-36, 6.220960574271819e-16, 9.865876450377012e-10, 2.866515718791946e-07, 0.00010779973347738823, 0.006209665325776139, 0.09680048458561034, 0.1840601253467595, 0.25462691467133614, 0.2536973008682368, 0.2536652770386165, 0.3085375387259869, 0.460172162722971, 0.49960105778608893, 0.49999999960105773, 0.5, 0.5000000003989423, 0.500398942213911, 0.6179114221889526, 0.7463026991317632, 0.758036347776927, 0.8413447460685429, 0.9772498680518208, 0.9995165758576162, 0.9999999919776081, 0.9999999924313503, 0.9999999990134123, 0.9999999999999993, 1.0];
        var vec = new double[pts.Length];
        var s1 = new double[pts.Length];
        var s2 = new double[pts.Length];
        NormalCdf.Cdf(pts, vec, s1, s2);
        for (int i = 0; i < pts.Length; i++)
        {
            // the argument's rounding (x/√2) alone moves erfc by ~x²·1e-16 relatively
            double tol = 2e-15 * (1 + pts[i] * pts[i]) * cdf[i] + 1e-300;
            Assert.True(Math.Abs(NormalCdf.Cdf(pts[i]) - cdf[i]) <= tol, $"scalar Φ({pts[i]}) = {NormalCdf.Cdf(pts[i]):R}, expected {cdf[i]:R}");
            Assert.True(Math.Abs(vec[i] - cdf[i]) <= tol, $"vector Φ({pts[i]}) = {vec[i]:R}, expected {cdf[i]:R}");
        }
        double[] ep = [0.0, 1e-10, 0.1, 0.46875, 0.5, 1.0, 2.0, 3.9, 4.0, 4.1, 6.0, -0.3, -2.2, -5.0];
        double[] erf = [0.0, 1.1283791670955126e-10, 0.1124629160182849, 0.49261347321793797, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527, 0.9999999652077514, 0.9999999845827421, 0.9999999932999724, 1.0, -0.3286267594591274, -0.9981371537020182, -0.9999999999984626];
        double[] erfc = [1.0, 0.999999999887162, 0.8875370839817152, 0.507386526782062, 0.4795001221869535, 0.15729920705028513, 0.004677734981047265, 3.479224859723177e-08, 1.541725790028002e-08, 6.700027654084918e-09, 2.1519736712498916e-17, 0.6713732405408726, 0.0018628462979818894, 1.5374597944280351e-12];
        for (int i = 0; i < ep.Length; i++)
        {
            Assert.True(Math.Abs(NormalCdf.Erf(ep[i]) - erf[i]) <= 2e-16 * Math.Abs(erf[i]) + 1e-300, $"erf({ep[i]})");
            Assert.True(Math.Abs(NormalCdf.Erfc(Math.Abs(ep[i])) - erfc[i]) <= 4e-15 * erfc[i], $"erfc({Math.Abs(ep[i])}) = {NormalCdf.Erfc(Math.Abs(ep[i])):R}");
        }
        // NaN and infinities
        Assert.True(double.IsNaN(NormalCdf.Cdf(double.NaN)));
        Assert.Equal(0.0, NormalCdf.Cdf(double.NegativeInfinity));
        Assert.Equal(1.0, NormalCdf.Cdf(double.PositiveInfinity));
        var special = new double[] { double.NaN, double.NegativeInfinity, double.PositiveInfinity, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        var outs = new double[special.Length];
        NormalCdf.Cdf(special, outs, new double[special.Length], new double[special.Length]);
        Assert.True(double.IsNaN(outs[0]));
        Assert.Equal(0.0, outs[1]);
        Assert.Equal(1.0, outs[2]);
    }

    [Fact]
    public void VectorizedAndParallelPathsMatchTheScalarTail()
    {
        // 100 003 elements: parallel chunks, vector bodies and tails; sampled elements recomputed one at a time
        var g = new Generator(5);
        var big = Torch.Randn(new[] { 100_003 }, DType.Float64, g) * 6.0;
        var idx = Enumerable.Range(0, 300).Select(_ => (int)g.NextInt64(0, big.Numel)).ToArray();
        var values = big.ToArray<double>();
        foreach (var (name, fn, _, _, _) in Cases.Concat([("prelu", x => F.Prelu(x, Torch.Full(new[] { 1 }, 0.3, x.DType)), null!, null!, null!)]))
            foreach (var dt in new[] { DType.Float64, DType.Float32 })
            {
                var x = big.Detach().To(dt).RequiresGrad_();
                var y = fn(x);
                var r = Torch.Cos(x.Detach()); // a varied incoming gradient
                (y * r).Sum().Backward();
                var ys = y.ToArray<double>();
                var gs = x.Grad!.ToArray<double>();
                foreach (int i in idx)
                {
                    var xi = Torch.FromArray(new[] { values[i] }).To(dt).RequiresGrad_();
                    var yi = fn(xi);
                    (yi * Torch.Cos(xi.Detach())).Sum().Backward();
                    double tol = dt == DType.Float64 ? 1e-13 : 1e-6;
                    Assert.True(Math.Abs(ys[i] - yi.ToArray<double>()[0]) <= tol * Math.Max(1, Math.Abs(ys[i])), $"{name} {dt} forward at {values[i]}");
                    Assert.True(Math.Abs(gs[i] - xi.Grad!.ToArray<double>()[0]) <= tol * Math.Max(1, Math.Abs(gs[i])), $"{name} {dt} backward at {values[i]}");
                }
            }
    }

    [Fact]
    public void GradcheckEveryActivationOnEveryLayout()
    {
        var all = Cases.Select(c => (c.Name, c.Fn)).Concat(
        [
            ("softmax", x => F.Softmax(x, -1)), ("log_softmax", x => F.LogSoftmax(x, 0)),
            ("ReLU module", x => new ReLU().Forward(x)), ("GELU module", x => new GELU("tanh").Forward(x)),
        ]);
        foreach (var (name, fn) in all)
        {
            // inputs kept away from ReLU-type kinks at 0, which finite differences straddle
            GradOk(t => fn(t[0]), AwayFromZero(TestUtil.Input(3, 4)));
            GradOk(t => fn(t[0]), AwayFromZero(TransposedInput(3, 5)));
            GradOk(t => fn(t[0]), AwayFromZero(TestUtil.Input(1)));
            GradOk(t => fn(t[0].Expand(3, 4)), AwayFromZero(TestUtil.Input(1, 4)));   // broadcast (stride 0)
            GradOk(t => fn(t[0]), TestUtil.Input(0));
            GradOk(t => fn(t[0]), TestUtil.Input(2, 0, 3));
            var y = fn(TestUtil.Input(2, 0, 3));
            Assert.Equal([2, 0, 3], y.Shape.ToArray());
        }
    }

    /// <summary>Moves entries within 1e-3 of 0 to ±0.5 (a new float64 leaf of the same layout).</summary>
    private static Tensor AwayFromZero(Tensor t)
    {
        using (Torch.NoGrad())
        {
            var shifted = Torch.Where(t.Abs() < 1e-3, t.Sign() * 0.5 + 0.25, t);
            t.Detach().Copy_(shifted);
        }
        return t;
    }

    [Fact]
    public void FusedBackwardMatchesDifferentiableBackward()
    {
        var w = Torch.Linspace(-2, 3, Xs.Length, DType.Float64);
        foreach (var (name, fn, _, _, _) in Cases)
        {
            var grads = new Tensor[2];
            for (int k = 0; k < 2; k++)
            {
                var x = X64().RequiresGrad_();
                (fn(x) * w).Sum().Backward(createGraph: k == 1);
                grads[k] = x.Grad!.Detach();
            }
            Assert.True(grads[1].ToArray<double>().All(double.IsFinite), name);
            Close(grads[0].ToArray<double>(), grads[1], 1e-12);
        }
    }

    [Fact]
    public void SecondDerivativesMatchFiniteDifferences()
    {
        double[] pts = [-3, -1.2, -0.4, 0.3, 0.9, 2.4, 2.6];
        const double h = 1e-6;
        foreach (var (name, fn) in Smooth.Concat([("sigmoid", (Func<Tensor, Tensor>)F.Sigmoid), ("tanh", F.Tanh)]))
        {
            var x = Torch.FromArray(pts).RequiresGrad_();
            fn(x).Sum().Backward(createGraph: true);
            var first = x.Grad!;
            Assert.True(first.RequiresGrad, name);
            x.Grad = null;
            first.Sum().Backward();
            var second = x.Grad!.ToArray<double>();
            var plus = FirstDerivative(fn, pts.Select(v => v + h).ToArray());
            var minus = FirstDerivative(fn, pts.Select(v => v - h).ToArray());
            for (int i = 0; i < pts.Length; i++)
            {
                double numeric = (plus[i] - minus[i]) / (2 * h);
                Assert.True(Math.Abs(second[i] - numeric) <= 1e-6 + 1e-5 * Math.Abs(numeric), $"{name}'' at {pts[i]}: {second[i]} vs {numeric}");
            }
        }
    }

    private static double[] FirstDerivative(Func<Tensor, Tensor> fn, double[] at)
    {
        var x = Torch.FromArray(at).RequiresGrad_();
        fn(x).Sum().Backward();
        return x.Grad!.ToArray<double>();
    }

    private static double[] Vals(int n, int off) =>
        Enumerable.Range(off, n).Select(k => (k * 37 % 23 - 11) / 4.0 + k % 5 * 0.1).ToArray();

    [Fact]
    public void PreluMatchesPyTorchWithWeightGradient()
    {
        var x = Torch.FromArray(Vals(12, 0), 2, 3, 2).RequiresGrad_();
        var w = Torch.FromArray(new[] { 0.25, -0.5, 1.5 }).RequiresGrad_();
        var r = Torch.FromArray(Vals(12, 5), 2, 3, 2);
        var y = F.Prelu(x, w);
        Assert.Equal("PreluBackward0", y.GradFn!.Name);
        (y * r).Sum().Backward();
        Close([-0.6875, 0.85, 0.65, 2.3, 0.15000000000000002, -3.75, 1.1, -0.2625, 2.55, 0.4, -3.375, 1.35], y, 1e-12);
        Close([-0.625, 1.1, 0.525, 2.55, 0.4, -3.375, 1.35, -0.2, 2.8, 0.65, -3.0, 1.6], x.Grad!, 1e-12);
        Close([7.715, 1.3650000000000002, 10.125], w.Grad!, 1e-12);

        x.Grad = null;
        var w1 = Torch.FromArray(new[] { 0.3 }).RequiresGrad_();
        var y1 = x.Prelu(w1);
        (y1 * r).Sum().Backward();
        Close([-0.825, 0.85, -0.39, 2.3, 0.15000000000000002, -0.75, 1.1, -0.315, 2.55, 0.4, -0.6749999999999999, 1.35], y1, 1e-12);
        Close([-0.75, 1.1, -0.315, 2.55, 0.4, -0.6749999999999999, 1.35, -0.24, 2.8, 0.65, -0.6, 1.6], x.Grad!, 1e-12);
        Close([19.205000000000002], w1.Grad!, 1e-12);
    }

    [Fact]
    public void PreluGradcheckInputAndWeight()
    {
        var w3 = TestUtil.PositiveInput(3);
        GradOk(t => F.Prelu(t[0], t[1]), AwayFromZero(TestUtil.Input(2, 3, 4)), w3);              // per channel, rows of 4
        GradOk(t => F.Prelu(t[0], t[1]), AwayFromZero(TestUtil.Input(5, 3)), TestUtil.Input(3));   // [N, C]: one slope per column
        GradOk(t => F.Prelu(t[0], t[1]), AwayFromZero(TransposedInput(4, 3)), TestUtil.Input(3));  // non-contiguous
        GradOk(t => F.Prelu(t[0], t[1]), AwayFromZero(TestUtil.Input(5)), TestUtil.Input(1));      // one shared slope
        GradOk(t => F.Prelu(t[0], t[1]), AwayFromZero(TestUtil.Input(2, 3, 2)), TestUtil.Input(1));
        GradOk(t => F.Prelu(t[0], t[1]), TestUtil.Input(0, 3), TestUtil.Input(3));
        // the differentiable backward agrees with the fused one
        var grads = new List<double[]>();
        for (int k = 0; k < 2; k++)
        {
            var x = TestUtil.Input(2, 3, 4);
            var w = TestUtil.Input(3);
            (F.Prelu(x, w) * Torch.Linspace(-1, 1, 24, DType.Float64).View(2, 3, 4)).Sum().Backward(createGraph: k == 1);
            grads.Add(x.Grad!.ToArray<double>().Concat(w.Grad!.ToArray<double>()).ToArray());
        }
        Close(grads[0], Torch.FromArray(grads[1]), 1e-12);
    }

    [Fact]
    public void PReLUModuleLearnsItsSlopes()
    {
        var m = new PReLU(3, init: 0.1);
        Assert.Equal("PReLU(num_parameters=3)", m.ToString());
        Assert.Equal("PReLU(num_parameters=1)", new PReLU().ToString());
        Assert.Equal(["weight"], m.NamedParameters().Select(p => p.Name));
        Close([0.1, 0.1, 0.1], m.Weight, 1e-7);
        Close([0.25], new PReLU().Weight, 1e-7);
        var x = Torch.FromArray(new float[,] { { -1, 2, -3 }, { 4, -5, 6 } });
        var y = m.Forward(x);
        Close([-0.1, 2, -0.3, 4, -0.5, 6], y, 1e-6);
        y.Sum().Backward();
        Close([-1, -5, -3], m.Weight.Grad!, 1e-6);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PReLU(0));
    }

    [Fact]
    public void PreluValidation()
    {
        var x = Torch.Zeros(2, 3);
        var ex = Assert.Throws<ArgumentException>(() => F.Prelu(x, Torch.Ones(4)));
        Assert.StartsWith("prelu:", ex.Message);
        Assert.Contains("parameter numbers = 4 and channel size = 3", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.Prelu(x, Torch.Ones(3, 1)));
        Assert.Contains("scalar or 1D tensor, but got ndim = 2", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.Prelu(x, Torch.Ones(new[] { 3 }, DType.Float64)));
        Assert.Contains("float64", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.Prelu(Torch.Zeros(3), Torch.Ones(3)));
        Assert.Contains("channel size = 1", ex.Message);
        Close([2.0], F.Prelu(Torch.Scalar(2.0), Torch.Ones(1)), 0);
    }

    [Fact]
    public void ModulesMatchFunctionalFormsAndPrintLikePyTorch()
    {
        var x = X32();
        (Module<Tensor, Tensor> Module, string Text, Tensor Expected)[] modules =
        [
            (new ReLU(), "ReLU()", F.Relu(x)),
            (new ReLU(inplace: true), "ReLU(inplace=True)", F.Relu(x)),
            (new LeakyReLU(), "LeakyReLU(negative_slope=0.01)", F.LeakyRelu(x)),
            (new LeakyReLU(0.2, inplace: true), "LeakyReLU(negative_slope=0.2, inplace=True)", F.LeakyRelu(x, 0.2)),
            (new ELU(), "ELU(alpha=1.0)", F.Elu(x)),
            (new ELU(2, inplace: true), "ELU(alpha=2.0, inplace=True)", F.Elu(x, 2)),
            (new GELU(), "GELU(approximate='none')", F.Gelu(x)),
            (new GELU("tanh"), "GELU(approximate='tanh')", F.Gelu(x, "tanh")),
            (new SiLU(), "SiLU()", F.Silu(x)),
            (new SiLU(true), "SiLU(inplace=True)", F.Silu(x)),
            (new Sigmoid(), "Sigmoid()", x.Sigmoid()),
            (new Tanh(), "Tanh()", x.Tanh()),
            (new Softplus(), "Softplus(beta=1, threshold=20)", F.Softplus(x)),
            (new Softplus(2.5, 10.5), "Softplus(beta=2.5, threshold=10.5)", F.Softplus(x, 2.5, 10.5)),
        ];
        foreach (var (module, text, expected) in modules)
        {
            Assert.Equal(text, module.ToString());
            Assert.Empty(module.Parameters());
            var y = module.Forward(x.Clone());
            Close(expected.ToArray<double>(), y, 0);
        }
        var x2 = Torch.Randn(new[] { 3, 4 }, DType.Float32, new Generator(2));
        Assert.Equal("Softmax(dim=1)", new Softmax(1).ToString());
        Assert.Equal("LogSoftmax(dim=-1)", new LogSoftmax(-1).ToString());
        Close(x2.Softmax(1).ToArray<double>(), new Softmax(1).Forward(x2), 0);
        Close(x2.LogSoftmax(0).ToArray<double>(), new LogSoftmax(0).Forward(x2), 0);
        Close(x2.To(DType.Float64).Softmax(1).ToArray<double>(), F.Softmax(x2, 1, DType.Float64), 0);
        Assert.Equal(DType.Float64, F.LogSoftmax(x2, 1, DType.Float64).DType);
    }

    [Fact]
    public void InplaceFormsOverwriteTheInputAndKeepGradientsRight()
    {
        var x = X64();
        var same = F.LeakyRelu(x, 0.2, inplace: true);
        Assert.Same(x, same);
        Close(LeakyRelu0264, x, 1e-12);
        var e = X64();
        Assert.Same(e, F.Elu(e, inplace: true));
        Close(Elu64, e, 1e-12);
        var s = X64();
        Assert.Same(s, new SiLU(inplace: true).Forward(s));
        Close(Silu64, s, 1e-12);

        // on a non-leaf that requires grad the in-place op records the same gradient as the out-of-place one
        var a = X64().RequiresGrad_();
        var h = a * 1.0;
        F.Elu(h, inplace: true).Sum().Backward();
        Close(EluGrad, a.Grad!, 1e-12);
        // a leaf that requires grad can't be overwritten
        Assert.Throws<InvalidOperationException>(() => F.Silu(X64().RequiresGrad_(), inplace: true));
    }

    [Fact]
    public void ValidationNamesTheOp()
    {
        var ints = Torch.FromArray(new long[] { 1, 2 });
        foreach (var (op, fn) in new (string, Func<Tensor, Tensor>)[]
                 {
                     ("leaky_relu", x => F.LeakyRelu(x)), ("elu", x => F.Elu(x)), ("gelu", x => F.Gelu(x)), ("silu", x => F.Silu(x)),
                     ("softplus", x => F.Softplus(x)), ("prelu", x => F.Prelu(x, Torch.Ones(new[] { 1 }, DType.Int64))),
                 })
        {
            var ex = Assert.Throws<ArgumentException>(() => fn(ints));
            Assert.StartsWith(op + ":", ex.Message);
            Assert.Contains("int64", ex.Message);
        }
        var g = Assert.Throws<ArgumentException>(() => F.Gelu(X32(), "foo"));
        Assert.StartsWith("gelu: approximate argument must be either none or tanh", g.Message);
        Assert.Throws<ArgumentException>(() => new GELU("exact"));
    }

    [Fact]
    public void NodeNamesAreTorchs()
    {
        var x = X64().RequiresGrad_();
        Assert.Equal("LeakyReluBackward0", F.LeakyRelu(x).GradFn!.Name);
        Assert.Equal("EluBackward0", F.Elu(x).GradFn!.Name);
        Assert.Equal("GeluBackward0", F.Gelu(x).GradFn!.Name);
        Assert.Equal("GeluBackward0", F.Gelu(x, "tanh").GradFn!.Name);
        Assert.Equal("SiluBackward0", F.Silu(x).GradFn!.Name);
        Assert.Equal("SoftplusBackward0", F.Softplus(x).GradFn!.Name);
    }
}
