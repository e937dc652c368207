namespace Ember.Onnx.Import;

/// <summary>Elementwise operators: unary math, activations, binary arithmetic and comparisons, variadic Min/Max/Sum/Mean.</summary>
internal static class ElementwiseOps
{
    public static void Register(Dictionary<string, Func<NodeContext, OnnxKernel>> r)
    {
        Unary(r, "Abs", Torch.Abs);
        Unary(r, "Neg", Torch.Neg);
        Unary(r, "Sqrt", Torch.Sqrt);
        Unary(r, "Exp", Torch.Exp);
        Unary(r, "Log", Torch.Log);
        Unary(r, "Reciprocal", x => Torch.Div(1.0, x));
        Unary(r, "Floor", Torch.Floor);
        Unary(r, "Ceil", Torch.Ceil);
        Unary(r, "Round", x => Torch.Round(x));
        Unary(r, "Relu", Torch.Relu);
        Unary(r, "Sigmoid", Torch.Sigmoid);
        Unary(r, "Tanh", Torch.Tanh);
        Unary(r, "Erf", Torch.Erf);
        Unary(r, "Sign", Torch.Sign);
        Unary(r, "Sin", Torch.Sin);
        Unary(r, "Cos", Torch.Cos);
        Unary(r, "Tan", x => Torch.Sin(x) / Torch.Cos(x));
        Unary(r, "Not", Torch.LogicalNot);
        Unary(r, "IsNaN", Torch.IsNan);
        Unary(r, "Softsign", x => x / (Torch.Abs(x) + 1.0));
        Unary(r, "Softplus", x => Torch.Softplus(x));
        r["Identity"] = _ => a => [Runtime.Req(a, 0, "Identity")];

        r["LeakyRelu"] = c => { double alpha = c.Float("alpha", 0.01f); return a => [Torch.LeakyRelu(Runtime.Req(a, 0, "LeakyRelu"), alpha)]; };
        r["Elu"] = c => { double alpha = c.Float("alpha", 1f); return a => [Torch.Elu(Runtime.Req(a, 0, "Elu"), alpha)]; };
        r["Selu"] = c =>
        {
            double alpha = c.Float("alpha", 1.67326319217681884765625f), gamma = c.Float("gamma", 1.05070102214813232421875f);
            return a => [Torch.Elu(Runtime.Req(a, 0, "Selu"), alpha) * gamma];
        };
        r["Celu"] = c =>
        {
            double alpha = c.Float("alpha", 1f);
            return a =>
            {
                var x = Runtime.Req(a, 0, "Celu");
                return [Torch.Relu(x) + Torch.ClampMax((Torch.Exp(x / alpha) - 1.0) * alpha, 0.0)];
            };
        };
        r["HardSigmoid"] = c =>
        {
            double alpha = c.Float("alpha", 0.2f), beta = c.Float("beta", 0.5f);
            return a => [Torch.Clamp(Runtime.Req(a, 0, "HardSigmoid") * alpha + beta, 0.0, 1.0)];
        };
        r["HardSwish"] = _ => a =>
        {
            var x = Runtime.Req(a, 0, "HardSwish");
            return [x * Torch.Clamp(x * (1.0 / 6) + 0.5, 0.0, 1.0)];
        };
        r["ThresholdedRelu"] = c =>
        {
            double alpha = c.Float("alpha", 1f);
            return a => { var x = Runtime.Req(a, 0, "ThresholdedRelu"); return [Torch.Where(x > alpha, x, 0.0)]; };
        };
        r["Shrink"] = c =>
        {
            double lambd = c.Float("lambd", 0.5f), bias = c.Float("bias", 0f);
            return a =>
            {
                var x = Runtime.Req(a, 0, "Shrink");
                var y = Torch.Where(x < -lambd, x + bias, Torch.Where(x > lambd, x - bias, Torch.ZerosLike(x)));
                return [y.To(x.DType)];
            };
        };
        r["PRelu"] = _ => a =>
        {
            var x = Runtime.Req(a, 0, "PRelu");
            var slope = Runtime.Req(a, 1, "PRelu");
            return [Torch.Where(x < 0.0, x * slope, x)];
        };
        r["IsInf"] = c =>
        {
            bool neg = c.Int("detect_negative", 1) != 0, pos = c.Int("detect_positive", 1) != 0;
            return a =>
            {
                var x = Runtime.Req(a, 0, "IsInf");
                return [neg && pos ? Torch.IsInf(x) : neg ? Torch.IsNegInf(x) : pos ? Torch.IsPosInf(x) : Torch.ZerosLike(x, DType.Bool)];
            };
        };

        Binary(r, "Add", (x, y) => x + y);
        Binary(r, "Sub", (x, y) => x - y);
        Binary(r, "Mul", (x, y) => x * y);
        Binary(r, "Div", (x, y) => x.DType.IsFloatingPoint() ? x / y : Torch.Div(x, y, "trunc"));
        Binary(r, "Pow", (x, y) => { var p = Torch.Pow(x, y); return p.DType == x.DType ? p : p.To(x.DType); });
        Binary(r, "Equal", Torch.Eq);
        Binary(r, "Less", Torch.Lt);
        Binary(r, "LessOrEqual", Torch.Le);
        Binary(r, "Greater", Torch.Gt);
        Binary(r, "GreaterOrEqual", Torch.Ge);
        Binary(r, "And", Torch.LogicalAnd);
        Binary(r, "Or", Torch.LogicalOr);
        Binary(r, "Xor", Torch.LogicalXor);
        r["Mod"] = c =>
        {
            bool fmod = c.Int("fmod", 0) != 0;
            return a => { var x = Runtime.Req(a, 0, "Mod"); var y = Runtime.Req(a, 1, "Mod"); return [fmod ? Torch.Fmod(x, y) : Torch.Remainder(x, y)]; };
        };

        Variadic(r, "Max", Torch.Maximum, null);
        Variadic(r, "Min", Torch.Minimum, null);
        Variadic(r, "Sum", (x, y) => x + y, null);
        Variadic(r, "Mean", (x, y) => x + y, (s, n) => s / (double)n);

        r["Where"] = _ => a => [Torch.Where(Runtime.Req(a, 0, "Where"), Runtime.Req(a, 1, "Where"), Runtime.Req(a, 2, "Where"))];
        r["Clip"] = c =>
        {
            if (c.Opset < 11)
            {
                double min = c.Float("min", float.MinValue), max = c.Float("max", float.MaxValue);
                bool hasMin = c.Has("min"), hasMax = c.Has("max");
                return a => [Torch.Clamp(Runtime.Req(a, 0, "Clip"), hasMin ? min : null, hasMax ? max : (double?)null)];
            }
            return a =>
            {
                var x = Runtime.Req(a, 0, "Clip");
                Tensor? lo = a.Length > 1 ? a[1] : null, hi = a.Length > 2 ? a[2] : null;
                if (lo is null && hi is null) return [x];
                var y = Torch.Clamp(x, lo, hi);
                return [y.DType == x.DType ? y : y.To(x.DType)];
            };
        };
        r["Cast"] = c =>
        {
            if (!c.Has("to")) throw c.Format("attribute 'to' is required");
            DType to = OnnxTensors.ToDType(c.Int32("to", 0), $"{c.Describe}'s target type");
            return a => { var x = Runtime.Req(a, 0, "Cast"); return [x.DType == to ? x : x.To(to)]; };
        };
        r["CastLike"] = _ => a =>
        {
            var x = Runtime.Req(a, 0, "CastLike");
            var like = Runtime.Req(a, 1, "CastLike");
            return [x.DType == like.DType ? x : x.To(like.DType)];
        };
    }

    private static void Unary(Dictionary<string, Func<NodeContext, OnnxKernel>> r, string op, Func<Tensor, Tensor> f) =>
        r[op] = _ => a => [f(Runtime.Req(a, 0, op))];

    private static void Binary(Dictionary<string, Func<NodeContext, OnnxKernel>> r, string op, Func<Tensor, Tensor, Tensor> f) =>
        r[op] = c =>
        {
            // before opset 7, broadcast=1 with an axis aligned B at that axis instead of numpy's trailing alignment
            if (c.Opset < 7 && c.Int("broadcast", 0) != 0 && c.Has("axis")) throw c.Unsupported("legacy broadcasting with an axis (opset < 7)");
            return a => [f(Runtime.Req(a, 0, op), Runtime.Req(a, 1, op))];
        };

    private static void Variadic(Dictionary<string, Func<NodeContext, OnnxKernel>> r, string op, Func<Tensor, Tensor, Tensor> f,
        Func<Tensor, int, Tensor>? finish) =>
        r[op] = c =>
        {
            if (c.InputCount == 0) throw c.Format("needs at least one input");
            return a =>
            {
                var acc = Runtime.Req(a, 0, op);
                for (int i = 1; i < a.Length; i++) acc = f(acc, Runtime.Req(a, i, op));
                if (finish is not null) acc = finish(acc, a.Length);
                // a single input is returned as is (a copy keeps outputs independent of inputs)
                return [a.Length == 1 && finish is null ? acc.Clone() : acc];
            };
        };
}
