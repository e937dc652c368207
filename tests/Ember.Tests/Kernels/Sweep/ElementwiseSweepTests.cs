namespace Ember.Tests.Kernels.Sweep;

/// <summary>
/// Unary and binary elementwise ops at every length 0..257 (the tails of 128-, 256- and 512-bit vector bodies and of
/// the 256-element activation blocks), contiguous, strided, transposed and broadcast, against a scalar loop in double
/// (rounded once to the dtype). Ops that round once (+, −, ×, ÷, max, relu, clamp, abs, neg) must match exactly; the
/// transcendental ones within a few ulps. The activations' backward (autograd) is checked against the derivative.
/// </summary>
public class ElementwiseSweepTests
{
    /// <summary>
    /// A unary op under test: the Ember call, its value and derivative in double, its domain and its tolerance in ulps (0:
    /// exact) of the larger of the result and <paramref name="Floor"/> (1 where the function cancels, e.g. 1 + erf(x) at
    /// negative x, so that the double reference itself is good to a few ulps of 1 only).
    /// </summary>
    private sealed record Unary(string Name, Func<Tensor, Tensor> Op, Func<double, double> F, Func<double, double>? Df,
        double Lo, double Hi, double Ulps, bool Ints = false, Func<Tensor, Tensor>? InPlace = null, double Floor = 0);

    private const double Sqrt2OverPi = 0.7978845608028654;

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>erf(x) = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(2n+1)!!, a series of positive terms (no cancellation), to full double precision for |x| ≤ 6.</summary>
    internal static double Erf(double x)
    {
        double term = x, sum = x, x2 = x * x;
        for (int n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x2) * sum;
    }

    private static double Gelu(double x) => 0.5 * x * (1 + Erf(x / Math.Sqrt(2)));
    private static double GeluDerivative(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2))) + x * Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);

    private static double GeluTanh(double x) => 0.5 * x * (1 + Math.Tanh(Sqrt2OverPi * (x + 0.044715 * x * x * x)));

    private static double GeluTanhDerivative(double x)
    {
        double u = Sqrt2OverPi * (x + 0.044715 * x * x * x), t = Math.Tanh(u);
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * Sqrt2OverPi * (1 + 3 * 0.044715 * x * x);
    }

    private static readonly Unary[] UnaryOps =
    [
        new("exp", Torch.Exp, Math.Exp, Math.Exp, -5, 5, 4, InPlace: t => t.Exp_()),
        new("log", Torch.Log, Math.Log, x => 1 / x, 0.01, 10, 4),
        new("tanh", Torch.Tanh, Math.Tanh, x => 1 - Math.Tanh(x) * Math.Tanh(x), -5, 5, 4, InPlace: t => t.Tanh_()),
        new("sigmoid", Torch.Sigmoid, Sigmoid, x => Sigmoid(x) * (1 - Sigmoid(x)), -10, 10, 4, InPlace: t => t.Sigmoid_()),
        new("sqrt", Torch.Sqrt, Math.Sqrt, x => 0.5 / Math.Sqrt(x), 0.01, 4, 0),
        new("sin", Torch.Sin, Math.Sin, Math.Cos, -4, 4, 4),
        new("relu", Torch.Relu, x => Math.Max(x, 0), x => x > 0 ? 1 : 0, -1, 1, 0, Ints: true, InPlace: t => t.Relu_()),
        new("gelu", t => Torch.Gelu(t), Gelu, GeluDerivative, -3, 3, 8, Floor: 1),
        new("gelu_tanh", t => Torch.Gelu(t, "tanh"), GeluTanh, GeluTanhDerivative, -3, 3, 8, Floor: 1),
        new("silu", Torch.Silu, x => x * Sigmoid(x), x => Sigmoid(x) * (1 + x * (1 - Sigmoid(x))), -6, 6, 4),
        new("softplus", t => Torch.Softplus(t), x => Math.Log(1 + Math.Exp(x)), Sigmoid, -6, 6, 4, Floor: 1),
        new("elu", t => Torch.Elu(t), x => x > 0 ? x : Math.Exp(x) - 1, x => x > 0 ? 1 : Math.Exp(x), -3, 3, 4, Floor: 1),
        new("leaky_relu", t => Torch.LeakyRelu(t), x => x > 0 ? x : 0.01 * x, x => x > 0 ? 1 : 0.01, -1, 1, 1),
        new("abs", Torch.Abs, Math.Abs, x => Math.Sign(x), -1, 1, 0, Ints: true),
        new("neg", Torch.Neg, x => -x, _ => -1, -1, 1, 0, Ints: true),
        new("clamp", t => Torch.Clamp(t, -0.5, 0.5), x => Math.Clamp(x, -0.5, 0.5), x => x is > -0.5 and < 0.5 ? 1 : 0, -1, 1, 0,
            InPlace: t => t.Clamp_(-0.5, 0.5)),
        new("clamp_int", t => Torch.Clamp(t, (long?)-3, 4), x => Math.Clamp(x, -3, 4), null, -1, 1, 0, Ints: true),
    ];

    private static readonly DType[] FloatTypes = [DType.Float32, DType.Float64];
    private static readonly DType[] IntTypes = [DType.Int64, DType.Int32];

    /// <summary>The reference value rounded to the dtype's precision.</summary>
    private static double Round(double v, DType dt) => dt == DType.Float32 ? (float)v : v;

    private static double Tol(double expected, DType dt, Unary op) =>
        op.Ulps == 0 ? 0 : op.Ulps * SweepData.Eps(dt) * Math.Max(Math.Abs(expected), op.Floor);

    [Fact]
    public void Unary_EveryLength_AllLayouts()
    {
        var rng = new Random(41);
        foreach (var op in UnaryOps)
            foreach (var dt in op.Ints ? [.. FloatTypes, .. IntTypes] : (op.Name == "clamp_int" ? IntTypes : FloatTypes))
                for (int n = 0; n <= SweepData.MaxSize; n++)
                {
                    var v = SweepData.Values(rng, 3 * n, dt, op.Lo, op.Hi);
                    var expected = Array.ConvertAll(v, x => Round(op.F(x), dt));
                    var v1 = v[..n];
                    var e1 = expected[..n];
                    // Contiguous at every length; the strided and transposed layouts take turns in runs of 17 lengths
                    // (each sees every tail length of a 16-lane vector).
                    bool strided = n / 17 % 2 == 0;
                    foreach (var layout in strided ? new[] { Layout.Contiguous, Layout.Strided } : [Layout.Contiguous])
                    {
                        var y = op.Op(SweepData.Make(v1, [n], dt, layout));
                        Assert.Equal(dt, y.DType);
                        SweepData.AllClose(e1, y, i => Tol(e1[i], dt, op), () => $"{op.Name} {dt} n={n} {layout}");
                        if (op.InPlace is not null)
                        {
                            var x = SweepData.Make(v1, [n], dt, layout);
                            op.InPlace(x);
                            SweepData.AllClose(e1, x, i => Tol(e1[i], dt, op), () => $"{op.Name}_ (in place) {dt} n={n} {layout}");
                        }
                    }
                    if (strided) continue;
                    var y2 = op.Op(SweepData.Make(v, [3, n], dt, Layout.Transposed));
                    SweepData.AllClose(expected, y2, i => Tol(expected[i], dt, op), () => $"{op.Name} {dt} [3, {n}] transposed");
                }
    }

    [Fact]
    public void UnaryBackward_EveryLength()
    {
        var rng = new Random(43);
        foreach (var op in UnaryOps)
        {
            if (op.Df is null) continue;
            foreach (var dt in FloatTypes)
                for (int n = 0; n <= SweepData.MaxSize; n++)
                    foreach (var layout in n / 17 % 2 == 0 ? new[] { Layout.Contiguous, Layout.Strided } : [Layout.Contiguous])
                    {
                        var v = SweepData.Values(rng, n, dt, op.Lo, op.Hi);
                        var g = SweepData.Values(rng, n, dt);
                        var x = SweepData.Make(v, [n], dt, layout).RequiresGrad_();
                        op.Op(x).Backward(SweepData.Make(g, [n], dt, Layout.Strided));
                        var expected = new double[n];
                        for (int i = 0; i < n; i++) expected[i] = Round(g[i] * op.Df(v[i]), dt);
                        // A derivative is a few roundings deeper than its forward: 16 ulps of the larger of the result and the gradient.
                        SweepData.AllClose(expected, x.Grad!, i => (op.Ulps == 0 ? 2 : 4 * op.Ulps) * SweepData.Eps(dt) * Math.Max(Math.Abs(expected[i]), Math.Abs(g[i])),
                            () => $"{op.Name} backward {dt} n={n} {layout}");
                    }
        }
    }

    /// <summary>A binary op under test: the Ember call and its value in double.</summary>
    private sealed record Binary(string Name, Func<Tensor, Tensor, Tensor> Op, Func<double, double, double> F, Func<Tensor, Tensor, Tensor>? InPlace = null);

    private static readonly Binary[] BinaryOps =
    [
        new("add", (x, y) => Torch.Add(x, y), (a, b) => a + b, (a, b) => a.Add_(b)),
        new("sub", (x, y) => Torch.Sub(x, y), (a, b) => a - b, (a, b) => a.Sub_(b)),
        new("mul", Torch.Mul, (a, b) => a * b, (a, b) => a.Mul_(b)),
        new("div", Torch.Div, (a, b) => a / b, (a, b) => a.Div_(b)),
        new("maximum", Torch.Maximum, Math.Max),
        new("minimum", Torch.Minimum, Math.Min),
    ];

    [Fact]
    public void Binary_EveryLength_BroadcastAndStrided()
    {
        var rng = new Random(47);
        foreach (var op in BinaryOps)
            foreach (var dt in op.Name == "div" ? FloatTypes : [.. FloatTypes, .. IntTypes])
                for (int n = 0; n <= SweepData.MaxSize; n++)
                {
                    var a = SweepData.Values(rng, 3 * n, dt);
                    var b = SweepData.Values(rng, 3 * n, dt);
                    if (op.Name == "div")
                        for (int i = 0; i < b.Length; i++) b[i] = Round(Math.CopySign(0.5 + Math.Abs(b[i]), b[i]), dt);
                    var c = SweepData.Values(rng, 1, dt, 0.5, 1);
                    double F(double x, double y) => Round(op.F(x, y), dt);
                    Func<int, double> exact = _ => 0;

                    // [n] ⊕ [n] in every pairing of contiguous and strided, in place too.
                    var e1 = new double[n];
                    for (int i = 0; i < n; i++) e1[i] = F(a[i], b[i]);
                    // Contiguous pairs at every length; the strided pairings and the broadcasts take turns in runs of
                    // 17 lengths (each sees every tail length of a 16-lane vector).
                    int turn = n / 17;
                    var pairs = new[] { (Layout.Strided, Layout.Contiguous), (Layout.Contiguous, Layout.Strided), (Layout.Strided, Layout.Strided) };
                    foreach (var (la, lb) in new[] { (Layout.Contiguous, Layout.Contiguous), pairs[turn % 3] })
                        {
                            var y = op.Op(SweepData.Make(a[..n], [n], dt, la), SweepData.Make(b[..n], [n], dt, lb));
                            Assert.Equal(dt, y.DType);
                            SweepData.AllClose(e1, y, exact, () => $"{op.Name} {dt} n={n} {la} ⊕ {lb}");
                            if (op.InPlace is not null)
                            {
                                var x = SweepData.Make(a[..n], [n], dt, la);
                                op.InPlace(x, SweepData.Make(b[..n], [n], dt, lb));
                                SweepData.AllClose(e1, x, exact, () => $"{op.Name}_ (in place) {dt} n={n} {la} ⊕ {lb}");
                            }
                        }

                    // [3, n] transposed ⊕ [n] strided (row broadcast), and [3, 1] ⊕ [n] (both broadcast).
                    var e2 = new double[3 * n];
                    for (int i = 0; i < 3 * n; i++) e2[i] = F(a[i], b[i % n]);
                    if (turn % 4 == 0)
                        SweepData.AllClose(e2, op.Op(SweepData.Make(a, [3, n], dt, Layout.Transposed), SweepData.Make(b[..n], [n], dt, Layout.Strided)),
                        exact, () => $"{op.Name} {dt} [3, {n}] transposed ⊕ [{n}] strided");
                    var col = SweepData.Values(rng, 3, dt, 0.5, 1);
                    var e3 = new double[3 * n];
                    for (int i = 0; i < 3 * n; i++) e3[i] = F(col[i / n], a[i % n]);
                    if (turn % 4 == 1)
                        SweepData.AllClose(e3, op.Op(SweepData.Make(col, [3, 1], dt, Layout.Strided), SweepData.Make(a[..n], [n], dt, Layout.Contiguous)),
                            exact, () => $"{op.Name} {dt} [3, 1] ⊕ [{n}]");

                    // [n] ⊕ [1] and [1] ⊕ [n] (a scalar operand on either side).
                    var e4 = new double[n];
                    var e5 = new double[n];
                    for (int i = 0; i < n; i++)
                    {
                        e4[i] = F(a[i], c[0]);
                        e5[i] = F(c[0], a[i]);
                    }
                    if (turn % 4 == 2)
                        SweepData.AllClose(e4, op.Op(SweepData.Make(a[..n], [n], dt, Layout.Strided), SweepData.Make(c, [1], dt, Layout.Contiguous)),
                        exact, () => $"{op.Name} {dt} [{n}] strided ⊕ [1]");
                    if (turn % 4 == 3)
                        SweepData.AllClose(e5, op.Op(SweepData.Make(c, [1], dt, Layout.Strided), SweepData.Make(a[..n], [n], dt, Layout.Contiguous)),
                        exact, () => $"{op.Name} {dt} [1] ⊕ [{n}]");
                }
    }

    [Fact]
    public void IntegerDivision_EveryLength_IsFloat32TrueDivision()
    {
        var rng = new Random(53);
        foreach (var dt in IntTypes)
            for (int n = 0; n <= SweepData.MaxSize; n++)
            {
                var a = SweepData.Values(rng, n, dt);
                var b = Array.ConvertAll(SweepData.Values(rng, n, dt), v => v == 0 ? 7 : v);
                var e = new double[n];
                for (int i = 0; i < n; i++) e[i] = (float)(a[i] / b[i]);
                var y = Torch.Div(SweepData.Make(a, [n], dt, Layout.Strided), SweepData.Make(b, [n], dt, Layout.Contiguous));
                Assert.Equal(DType.Float32, y.DType);
                SweepData.AllClose(e, y, _ => 0, () => $"div {dt} n={n}");
            }
    }
}
