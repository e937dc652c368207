using Ember.Onnx.Proto;
using Microsoft.ML.OnnxRuntime;

namespace Ember.Onnx.Tests;

public class ProtoSmokeTests
{
    [Fact]
    public void OnnxProtoSubsetParsesAModelThatOnnxRuntimeAlsoLoads()
    {
        var abs = new ModelProto
        {
            IrVersion = 8,
            Graph = new GraphProto { Name = "g" },
        };
        abs.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        abs.Graph.Node.Add(new NodeProto { OpType = "Abs", Input = { "x" }, Output = { "y" } });
        abs.Graph.Input.Add(Value("x"));
        abs.Graph.Output.Add(Value("y"));
        byte[] bytes = Google.Protobuf.MessageExtensions.ToByteArray(abs);
        Assert.Equal("Abs", ModelProto.Parser.ParseFrom(bytes).Graph.Node[0].OpType);
        using var session = new InferenceSession(bytes);
        Assert.Equal("x", Assert.Single(session.InputMetadata).Key);
    }

    private static ValueInfoProto Value(string name) => new()
    {
        Name = name,
        Type = new TypeProto
        {
            TensorType = new TypeProto.Types.Tensor
            {
                ElemType = (int)TensorProto.Types.DataType.Float,
                Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimValue = 3 } } },
            },
        },
    };
}
