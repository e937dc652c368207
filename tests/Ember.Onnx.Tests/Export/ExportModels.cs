using Ember.NN;

namespace Ember.Onnx.Tests.Export;

/// <summary>
/// A custom module whose forward glues layers with operations the exporter traces: DenseNet-style concatenations,
/// a residual add, scalar arithmetic, a view with the batch, transpose/permute, narrow, unsqueeze/expand, sum and mean.
/// </summary>
public sealed partial class ConcatBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d _a = new(4, 3, 3, padding: 1);
    private readonly Conv2d _b = new(7, 5, 1);
    private readonly BatchNorm2d _bn = new(12);
    private readonly Linear _fc = new(12, 3);
    private readonly Linear _head = new(48, 2);

    public override Tensor Forward(Tensor x)
    {
        var y = Torch.Cat([x, F.Relu(_a.Call(x))], 1);                 // [B, 7, 4, 4]
        var z = Torch.Cat([y, _b.Call(y)], dim: 1);                     // [B, 12, 4, 4]
        z = _bn.Call(z) + z * 0.5 - 0.25;                               // residual
        var pooled = z.Mean([2, 3]);                                    // [B, 12]
        var rows = z.Narrow(2, 1, 2).Sum(3) / 3.0;                      // [B, 12, 2]
        var t = rows.Transpose(1, 2).Permute(0, 2, 1);                  // [B, 12, 2]
        var gate = t.Sum(2).Sigmoid();                                  // [B, 12]
        var mixed = _fc.Call(pooled * gate);                            // [B, 3]
        var flat = z.Narrow(1, 0, 3).View(z.Size(0), -1);               // [B, 48]
        var side = _head.Call(flat).Unsqueeze(1).Expand(z.Size(0), 3, 2).Sum(2); // [B, 3]
        return Torch.Cat([mixed, side.Tanh()], 1);                      // [B, 6]
    }
}

/// <summary>A model with two inputs (a tuple) and two outputs.</summary>
public sealed partial class TwoInputs : Module<(Tensor A, Tensor B), (Tensor Sum, Tensor Product)>
{
    private readonly Linear _a = new(3, 4);
    private readonly Linear _b = new(5, 4);

    public override (Tensor Sum, Tensor Product) Forward((Tensor A, Tensor B) input)
    {
        var a = _a.Call(input.A);
        var b = _b.Call(input.B);
        return (a + b, a * b);
    }
}

/// <summary>An LSTM classifier: the last time step of a batch-first LSTM into a linear layer.</summary>
public sealed partial class LstmClassifier : Module<Tensor, Tensor>
{
    private readonly LSTM _lstm = new(5, 6, numLayers: 2, batchFirst: true, bidirectional: true);
    private readonly Linear _fc = new(12, 3);

    public override Tensor Forward(Tensor x)
    {
        var (y, _) = _lstm.Call(x);
        return _fc.Call(y.Narrow(1, y.Size(1) - 1, 1).Squeeze(1));
    }
}

/// <summary>
/// Attention-like glue: matmul of traced values, functional softmax, transpose, elementwise functions, a parameter and a
/// constant used directly, a reshape with -1.
/// </summary>
public sealed partial class GlueOps : Module<Tensor, Tensor>
{
    private readonly Linear _q = new(4, 4);
    private readonly Linear _k = new(4, 4);
    private readonly Parameter _scale = new(Torch.Linspace(0.5, 2, 4));

    public override Tensor Forward(Tensor x)
    {
        var k = F.Linear(x, _k.Weight, _k.Bias);                                         // functional: reshape, addmm (Gemm), reshape
        var att = F.Softmax(_q.Call(x).Matmul(k.Transpose(1, 2)) / 2.0, -1);          // [B, 3, 3]
        var y = att.Matmul(x);                                                        // [B, 3, 4]
        y = (y - x.Exp().Sqrt()).Abs() + Torch.Ones(4);
        var n = y.Neg() * _scale;
        return F.LogSoftmax(n.Reshape(-1, 12), 1);
    }
}

/// <summary>Adds a tensor made outside autograd whose shape depends on the batch: not exportable.</summary>
public sealed partial class BatchSizedConstant : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor x) => x + Torch.Ones(x.Size(0), x.Size(1));
}

/// <summary>Uses an op without an exporter (cumsum).</summary>
public sealed partial class UsesCumsum : Module<Tensor, Tensor>
{
    private readonly Linear _fc = new(3, 3);

    public override Tensor Forward(Tensor x) => _fc.Call(x).Cumsum(1);
}

/// <summary>Reshapes to a fixed batch of 2: runs only at batch 2.</summary>
public sealed partial class FixedBatchView : Module<Tensor, Tensor>
{
    private readonly Linear _fc = new(3, 3);

    public override Tensor Forward(Tensor x) => _fc.Call(x).View(2, -1);
}

/// <summary>Drops the first sample (a slice of the batch dimension to its end) and rescales.</summary>
public sealed partial class SliceToEnd : Module<Tensor, Tensor>
{
    private readonly Linear _fc = new(3, 2);

    public override Tensor Forward(Tensor x) => _fc.Call(x.Narrow(0, 1, x.Size(0) - 1)) * 2;
}

/// <summary>Expands a parameter to the batch size: not exportable with a symbolic batch.</summary>
public sealed partial class ExpandsParameter : Module<Tensor, Tensor>
{
    private readonly Parameter _bias = new(Torch.Ones(3));

    public override Tensor Forward(Tensor x) => Torch.Cat([x, _bias.Unsqueeze(0).Expand(x.Size(0), 3)], 1);
}

/// <summary>Calls the same layer twice (shared weights).</summary>
public sealed partial class SharedLayer : Module<Tensor, Tensor>
{
    private readonly Linear _fc = new(3, 3);

    public override Tensor Forward(Tensor x) => _fc.Call(F.Relu(_fc.Call(x)));
}

/// <summary>Token ids [seq, batch] embedded into a time-first LSTM; the last layer's final state into a classifier.</summary>
public sealed partial class EmbeddingLstm : Module<Tensor, Tensor>
{
    private readonly Embedding _embedding = new(10, 4);
    private readonly LSTM _lstm = new(4, 3, numLayers: 2);
    private readonly Linear _fc = new(3, 2);

    public override Tensor Forward(Tensor x)
    {
        var (_, (h, _)) = _lstm.Call(_embedding.Call(x));
        return _fc.Call(h.Narrow(0, 1, 1).Squeeze(0));
    }
}
