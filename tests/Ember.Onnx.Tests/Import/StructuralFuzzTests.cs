using Ember.Onnx.Proto;
using Ember.Serialization;
using Google.Protobuf;
using Xunit.Abstractions;
using AttrType = Ember.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace Ember.Onnx.Tests.Import;

/// <summary>
/// Well-formed protobuf, hostile graphs: each claimed node-test model gets random structural edits (attribute types and
/// values, dims, element types, input names, data) and must then load and run, or fail with a documented exception —
/// ModelFormatException or NotSupportedException at load, ArgumentException, NotSupportedException or
/// ModelFormatException at run — never another type.
/// </summary>
public class StructuralFuzzTests(ITestOutputHelper output)
{
    [NodeTestFact]
    public void MutatedNodeTestModelsRaiseOnlyDocumentedExceptions()
    {
        var counts = new Dictionary<string, int>();
        int seed = 0;
        foreach (string name in NodeTestCases.ClaimedCases())
        {
            string dir = Path.Combine(NodeTestCases.Root, name);
            var set = Path.Combine(dir, "test_data_set_0");
            for (int round = 0; round < 3; round++, seed++)
            {
                var m = NodeTestCases.Model(name);
                Mutate(m, new Random(seed));
                string outcome = Outcome(m.ToByteArray(), set);
                counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            }
        }
        output.WriteLine(string.Join(", ", counts.OrderBy(k => k.Key).Select(k => $"{k.Key}: {k.Value}")));
        Assert.True(counts.Keys.All(k => k is "ran" or "load:ModelFormatException" or "load:NotSupportedException"
            or "run:ArgumentException" or "run:ArgumentOutOfRangeException" or "run:NotSupportedException" or "run:ModelFormatException"),
            string.Join(", ", counts.Keys));
    }

    private static string Outcome(byte[] bytes, string set)
    {
        OnnxModel model;
        try { model = OnnxModel.Load(bytes); }
        catch (ModelFormatException) { return "load:ModelFormatException"; }
        catch (NotSupportedException) { return "load:NotSupportedException"; }
        catch (Exception e) { return $"load:{e.GetType().Name} {e.Message}"; }
        try
        {
            var inputs = new List<Tensor>();
            for (int i = 0; i < model.InputNames.Count; i++)
            {
                string path = Path.Combine(set, $"input_{i}.pb");
                if (!File.Exists(path)) return "ran";
                var proto = TensorProto.Parser.ParseFrom(File.ReadAllBytes(path));
                if (proto.DataType == (int)TensorProto.Types.DataType.Uint16) return "ran";
                inputs.Add(Ember.Onnx.Import.OnnxTensors.Read(proto, path));
            }
            model.Run(inputs.ToArray());
            return "ran";
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or ModelFormatException) { return "run:" + e.GetType().Name; }
        catch (Exception e) { return $"run:{e.GetType().Name} {e.Message}"; }
    }

    private static void Mutate(ModelProto m, Random r)
    {
        var g = m.Graph;
        switch (r.Next(7))
        {
            case 0 when g.Node.Count > 0:
            {
                var node = g.Node[r.Next(g.Node.Count)];
                if (node.Attribute.Count == 0) goto default;
                var a = node.Attribute[r.Next(node.Attribute.Count)];
                switch (r.Next(4))
                {
                    case 0: a.Type = (AttrType)new[] { 1, 2, 3, 4, 6, 7, 8 }[r.Next(7)]; break;
                    case 1: a.I = new long[] { -1, 0, 1, 7, -100, long.MaxValue, long.MinValue, 1L << 40 }[r.Next(8)]; break;
                    case 2: a.Ints.Clear(); a.Ints.Add(Enumerable.Range(0, r.Next(6)).Select(_ => (long)r.Next(-5, 10))); break;
                    default: a.F = new[] { float.NaN, -1f, 0f, 1e30f, float.PositiveInfinity }[r.Next(5)]; break;
                }
                break;
            }
            case 1 when g.Node.Count > 0:
            {
                var node = g.Node[r.Next(g.Node.Count)];
                if (node.Input.Count > 0 && r.Next(2) == 0) node.Input.RemoveAt(r.Next(node.Input.Count));
                else node.Input.Add(g.Input.Count > 0 ? g.Input[r.Next(g.Input.Count)].Name : "");
                break;
            }
            case 2 when g.Node.Count > 0:
            {
                var node = g.Node[r.Next(g.Node.Count)];
                if (node.Output.Count > 0) node.Output.Add(node.Output[0] + "_extra");
                if (g.Output.Count > 0 && node.Output.Count > 1) g.Output[0].Name = node.Output[^1];
                break;
            }
            case 3 when g.Input.Count > 0:
            {
                var t = g.Input[r.Next(g.Input.Count)].Type?.TensorType;
                if (t?.Shape is { Dim.Count: > 0 } shape) shape.Dim[r.Next(shape.Dim.Count)].DimValue = r.Next(0, 4);
                else if (t is not null) t.ElemType = r.Next(0, 18);
                break;
            }
            case 4:
            {
                var tensors = g.Node.SelectMany(n => n.Attribute).Where(a => a.T is not null).Select(a => a.T).Concat(g.Initializer).ToList();
                if (tensors.Count == 0) goto default;
                var t = tensors[r.Next(tensors.Count)];
                switch (r.Next(3))
                {
                    case 0: if (t.Dims.Count > 0) t.Dims[r.Next(t.Dims.Count)] = r.Next(-2, 5); else t.Dims.Add(2); break;
                    case 1: t.DataType = r.Next(0, 18); break;
                    default: t.RawData = ByteString.CopyFrom(new byte[r.Next(0, 9)]); break;
                }
                break;
            }
            case 5 when g.Node.Count > 1:
            {
                // swap two nodes' outputs: may create cycles or dangling reads
                var a = g.Node[r.Next(g.Node.Count)];
                var b = g.Node[r.Next(g.Node.Count)];
                if (a.Output.Count > 0 && b.Input.Count > 0) b.Input[0] = a.Output[0];
                if (b.Output.Count > 0 && a.Input.Count > 0) a.Input[0] = b.Output[0];
                break;
            }
            default:
                if (g.Node.Count > 0) g.Node[r.Next(g.Node.Count)].OpType = new[] { "Relu", "Conv", "Gemm", "Softmax", "LSTM", "Reshape", "Resize", "Slice" }[r.Next(8)];
                break;
        }
    }
}
