namespace Ember.Tests.Parity;

internal static partial class ParityOps
{
    private static void AddBinary(Dictionary<string, Func<ParityCall, object>> t)
    {
        t["add"] = c => Torch.Add(c[0], c[1], c.D("alpha", 1));
        t["sub"] = c => Torch.Sub(c[0], c[1], c.D("alpha", 1));
        t["mul"] = c => Torch.Mul(c[0], c[1]);
        t["div"] = c => c.Has("rounding_mode") ? Torch.Div(c[0], c[1], c.S("rounding_mode", "")) : Torch.Div(c[0], c[1]);
        t["floor_divide"] = c => Torch.FloorDivide(c[0], c[1]);
        t["fmod"] = c => Torch.Fmod(c[0], c[1]);
        t["remainder"] = c => Torch.Remainder(c[0], c[1]);
        t["pow"] = c => Torch.Pow(c[0], c[1]);
        t["maximum"] = c => Torch.Maximum(c[0], c[1]);
        t["minimum"] = c => Torch.Minimum(c[0], c[1]);
        t["eq"] = c => Torch.Eq(c[0], c[1]);
        t["ne"] = c => Torch.Ne(c[0], c[1]);
        t["lt"] = c => Torch.Lt(c[0], c[1]);
        t["le"] = c => Torch.Le(c[0], c[1]);
        t["gt"] = c => Torch.Gt(c[0], c[1]);
        t["ge"] = c => Torch.Ge(c[0], c[1]);
        t["logical_and"] = c => Torch.LogicalAnd(c[0], c[1]);
        t["logical_or"] = c => Torch.LogicalOr(c[0], c[1]);
        t["logical_xor"] = c => Torch.LogicalXor(c[0], c[1]);
        t["isclose"] = c => Torch.Isclose(c[0], c[1], c.D("rtol", 1e-5), c.D("atol", 1e-8), c.B("equal_nan"));
        t["allclose"] = c => Torch.Allclose(c[0], c[1], c.D("rtol", 1e-5), c.D("atol", 1e-8), c.B("equal_nan"));
        t["equal"] = c => Torch.Equal(c[0], c[1]);

        // a tensor and a C# number (long when written as an integer, else double)
        t["add_s"] = c => c.Num("other", l => c[0].Add(l), d => c[0].Add(d));
        t["sub_s"] = c => c.Num("other", l => c[0].Sub(l), d => c[0].Sub(d));
        t["mul_s"] = c => c.Num("other", l => c[0].Mul(l), d => c[0].Mul(d));
        t["div_s"] = c => c.Num("other", l => c[0].Div(l), d => c[0].Div(d));
        t["div_floor_s"] = c => c.Num("other", l => c[0].Div(l, "floor"), d => c[0].Div(d, "floor"));
        t["div_trunc_s"] = c => c.Num("other", l => c[0].Div(l, "trunc"), d => c[0].Div(d, "trunc"));
        t["floor_divide_s"] = c => c.Num("other", l => c[0].FloorDivide(l), d => c[0].FloorDivide(d));
        t["fmod_s"] = c => c.Num("other", l => c[0].Fmod(l), d => c[0].Fmod(d));
        t["remainder_s"] = c => c.Num("other", l => c[0].Remainder(l), d => c[0].Remainder(d));
        t["pow_s"] = c => c.Num("other", l => c[0].Pow(l), d => c[0].Pow(d));
        t["eq_s"] = c => c.Num("other", l => c[0].Eq(l), d => c[0].Eq(d));
        t["ne_s"] = c => c.Num("other", l => c[0].Ne(l), d => c[0].Ne(d));
        t["lt_s"] = c => c.Num("other", l => c[0].Lt(l), d => c[0].Lt(d));
        t["ge_s"] = c => c.Num("other", l => c[0].Ge(l), d => c[0].Ge(d));
        t["rsub_s"] = c => c.Num("other", l => Torch.Sub(l, c[0]), d => Torch.Sub(d, c[0]));
        t["rdiv_s"] = c => c.Num("other", l => Torch.Div(l, c[0]), d => Torch.Div(d, c[0]));
        t["rpow_s"] = c => c.Num("other", l => Torch.Pow(l, c[0]), d => Torch.Pow(d, c[0]));
        t["rremainder_s"] = c => c.Num("other", l => Torch.Remainder(l, c[0]), d => Torch.Remainder(d, c[0]));
        t["radd_s"] = c => c.Num("other", l => l + c[0], d => d + c[0]);
        t["rmul_s"] = c => c.Num("other", l => l * c[0], d => d * c[0]);
    }
}
