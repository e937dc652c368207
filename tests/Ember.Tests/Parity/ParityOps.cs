using Ember.NN;

namespace Ember.Tests.Parity;

/// <summary>The battery's op names (PyTorch's) mapped to Ember calls, one family per file.</summary>
internal static partial class ParityOps
{
    public static readonly IReadOnlyDictionary<string, Func<ParityCall, object>> Table = Build();

    private static Dictionary<string, Func<ParityCall, object>> Build()
    {
        var t = new Dictionary<string, Func<ParityCall, object>>();
        AddUnary(t);
        AddBinary(t);
        AddReductions(t);
        AddShapeAndSort(t);
        AddIndexing(t);
        AddLinearAlgebra(t);
        AddCreationAndMisc(t);
        AddLosses(t);
        return t;
    }

    private static void AddUnary(Dictionary<string, Func<ParityCall, object>> t)
    {
        t["abs"] = c => c[0].Abs();
        t["neg"] = c => c[0].Neg();
        t["sign"] = c => c[0].Sign();
        t["exp"] = c => c[0].Exp();
        t["exp2"] = c => c[0].Exp2();
        t["expm1"] = c => c[0].Expm1();
        t["log"] = c => c[0].Log();
        t["log10"] = c => c[0].Log10();
        t["log1p"] = c => c[0].Log1p();
        t["log2"] = c => c[0].Log2();
        t["sqrt"] = c => c[0].Sqrt();
        t["rsqrt"] = c => c[0].Rsqrt();
        t["sin"] = c => c[0].Sin();
        t["cos"] = c => c[0].Cos();
        t["tanh"] = c => c[0].Tanh();
        t["sigmoid"] = c => c[0].Sigmoid();
        t["relu"] = c => c[0].Relu();
        t["erf"] = c => c[0].Erf();
        t["erfc"] = c => c[0].Erfc();
        t["erfinv"] = c => c[0].Erfinv();
        t["floor"] = c => c[0].Floor();
        t["ceil"] = c => c[0].Ceil();
        t["trunc"] = c => c[0].Trunc();
        t["frac"] = c => c[0].Frac();
        t["round"] = c => c[0].Round(c.I("decimals", 0));
        t["logical_not"] = c => c[0].LogicalNot();
        t["isnan"] = c => c[0].IsNan();
        t["isinf"] = c => c[0].IsInf();
        t["isfinite"] = c => c[0].IsFinite();
        t["isposinf"] = c => c[0].IsPosInf();
        t["isneginf"] = c => c[0].IsNegInf();
        t["silu"] = c => F.Silu(c[0]);
        t["gelu"] = c => F.Gelu(c[0], c.S("approximate", "none"));
        t["leaky_relu"] = c => F.LeakyRelu(c[0], c.D("negative_slope", 0.01));
        t["elu"] = c => F.Elu(c[0], c.D("alpha", 1.0));
        t["softplus"] = c => F.Softplus(c[0], c.D("beta", 1), c.D("threshold", 20));
        t["nan_to_num"] = c => c[0].NanToNum(c.D("nan", 0.0), c.ND("posinf"), c.ND("neginf"));
        t["clamp"] = c => (c.Has("min") && !c.IsLong("min")) || (c.Has("max") && !c.IsLong("max"))
            ? c[0].Clamp(c.ND("min"), c.ND("max"))
            : c.Has("min") || c.Has("max") ? c[0].Clamp(c.NL("min"), c.NL("max")) : c[0].Clamp();
        t["clamp_min"] = c => c.Num("min", c[0].ClampMin, c[0].ClampMin);
        t["clamp_max"] = c => c.Num("max", c[0].ClampMax, c[0].ClampMax);
    }
}
