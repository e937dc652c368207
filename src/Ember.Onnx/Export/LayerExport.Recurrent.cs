using Ember.NN;
using Google.Protobuf;
using static Ember.Onnx.Export.OnnxGraphBuilder;

namespace Ember.Onnx.Export;

internal static partial class LayerExport
{
    /// <summary>
    /// LSTM, GRU and RNN: one ONNX node per layer (both directions in one node), with the weights in ONNX's gate order
    /// (LSTM i, o, f, c from PyTorch's i, f, g, o; GRU z, r, h from r, z, n with linear_before_reset=1), and the
    /// outputs in PyTorch's layout: output [seq, batch, dirs·H] (batch first when the layer is), h_n (and c_n)
    /// [layers·dirs, batch, H].
    /// </summary>
    private static string[] Recurrent(EmitStep s, Module module)
    {
        var (op, gates, order, batchFirst, layers, bidirectional, hidden, bias, projSize) = module switch
        {
            LSTM m => ("LSTM", 4, new[] { 0, 3, 1, 2 }, m.BatchFirst, m.NumLayers, m.Bidirectional, m.HiddenSize, m.HasBias, m.ProjSize),
            GRU m => ("GRU", 3, new[] { 1, 0, 2 }, m.BatchFirst, m.NumLayers, m.Bidirectional, m.HiddenSize, m.HasBias, m.ProjSize),
            RNN m => ("RNN", 1, new[] { 0 }, m.BatchFirst, m.NumLayers, m.Bidirectional, m.HiddenSize, m.HasBias, m.ProjSize),
            _ => throw s.Unsupported("not a recurrent layer"),
        };
        if (projSize > 0) throw s.Unsupported("proj_size > 0 has no ONNX equivalent");
        if (s.Event.InputTensors.Length != 1 || s.InTensor().Dim != 3)
            throw s.Unsupported("only a batched input [seq, batch, features] (or [batch, seq, features] with batch_first) without an initial state is exported");
        var parameters = module.NamedParameters(recurse: false).ToDictionary(p => p.Name, p => (Tensor)p.Parameter);
        string[] directions = bidirectional ? ["", "_reverse"] : [""];

        string x = batchFirst ? s.Node("Transpose", [s.X], Attr("perm", 1L, 0L, 2L)) : s.X;
        var hs = new List<string>();
        var cs = new List<string>();
        for (int l = 0; l < layers; l++)
        {
            Tensor Stacked(string kind) => Torch.Stack(directions.Select(d => Reorder(parameters[$"{kind}_l{l}{d}"].Detach(), gates, order, hidden)).ToArray());
            var inputs = new List<string> { x, s.Init(Stacked("weight_ih"), $"onnx_W_l{l}"), s.Init(Stacked("weight_hh"), $"onnx_R_l{l}") };
            if (bias) inputs.Add(s.Init(Torch.Cat([Stacked("bias_ih"), Stacked("bias_hh")], 1), $"onnx_B_l{l}"));
            var attrs = new List<Proto.AttributeProto>
            {
                Attr("hidden_size", (long)hidden), Attr("direction", bidirectional ? "bidirectional" : "forward"),
            };
            if (module is GRU) attrs.Add(Attr("linear_before_reset", 1L));
            if (module is RNN rnn)
            {
                var act = new Proto.AttributeProto { Name = "activations", Type = Proto.AttributeProto.Types.AttributeType.Strings };
                foreach (var _ in directions) act.Strings.Add(ByteString.CopyFromUtf8(rnn.Nonlinearity == "relu" ? "Relu" : "Tanh"));
                attrs.Add(act);
            }
            var outs = s.B.Node(op, [.. inputs], module is LSTM ? 3 : 2, [.. attrs]);
            // Y [seq, dirs, batch, H] → [seq, batch, dirs·H].
            string y = s.Node("Transpose", [outs[0]], Attr("perm", 0L, 2L, 1L, 3L));
            x = s.Reshape(y, [0, 0, -1]);
            hs.Add(outs[1]);
            if (module is LSTM) cs.Add(outs[2]);
        }
        string output = batchFirst ? s.Node("Transpose", [x], Attr("perm", 1L, 0L, 2L)) : x;
        string h = hs.Count == 1 ? hs[0] : s.Node("Concat", [.. hs], Attr("axis", 0L));
        if (module is not LSTM) return [output, h];
        string c = cs.Count == 1 ? cs[0] : s.Node("Concat", [.. cs], Attr("axis", 0L));
        return [output, h, c];
    }

    /// <summary>PyTorch's gate blocks (each <paramref name="hidden"/> rows) in ONNX's order.</summary>
    private static Tensor Reorder(Tensor w, int gates, int[] order, int hidden)
    {
        var blocks = new Tensor[gates];
        for (int i = 0; i < gates; i++) blocks[i] = w.Narrow(0, order[i] * hidden, hidden);
        return Torch.Cat(blocks, 0);
    }
}
