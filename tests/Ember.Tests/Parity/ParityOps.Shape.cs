namespace Ember.Tests.Parity;

internal static partial class ParityOps
{
    private static void AddShapeAndSort(Dictionary<string, Func<ParityCall, object>> t)
    {
        t["sort"] = c => c[0].Sort(c.I("dim"), c.B("descending"), c.B("stable"));
        t["argsort"] = c => c[0].Argsort(c.I("dim"), c.B("descending"));
        t["topk"] = c => c[0].Topk(c.I("k"), c.I("dim"), c.B("largest", true));

        t["cat"] = c => Torch.Cat(c.Inputs, c.I("dim"));
        t["stack"] = c => Torch.Stack(c.Inputs, c.I("dim"));
        t["split"] = c => c.Has("sections") ? c[0].Split(c.Ints("sections"), c.I("dim")) : c[0].Split(c.I("size"), c.I("dim"));
        t["chunk"] = c => c[0].Chunk(c.I("chunks"), c.I("dim"));
        t["unbind"] = c => c[0].Unbind(c.I("dim"));
        t["flip"] = c => c[0].Flip(c.Ints("dims"));
        t["roll"] = c => c.S("shifts", "").Contains(',') ? c[0].Roll(c.Ints("shifts"), c.NInts("dims")) : c[0].Roll(c.I("shifts"), c.NI("dims"));
        t["repeat"] = c => c[0].Repeat(c.Ints("repeats"));
        t["repeat_interleave"] = c => c[0].RepeatInterleave(c.I("repeats"), c.NI("dim"));
        t["repeat_interleave_t"] = c => c[0].RepeatInterleave(c[1], c.NI("dim"));
        t["tril"] = c => c[0].Tril(c.L("diagonal"));
        t["triu"] = c => c[0].Triu(c.L("diagonal"));
        t["diagonal"] = c => c[0].Diagonal(c.I("offset"), c.I("dim1"), c.I("dim2"));
        t["transpose"] = c => c[0].Transpose(c.I("dim0"), c.I("dim1"));
        t["permute"] = c => c[0].Permute(c.Ints("dims"));
        t["narrow"] = c => c[0].Narrow(c.I("dim"), c.I("start"), c.I("length"));
        t["select"] = c => c[0].Select(c.I("dim"), c.I("index"));
        t["flatten"] = c => c[0].Flatten(c.I("start_dim"), c.I("end_dim"));
        t["squeeze"] = c => c.Has("dim") ? c[0].Squeeze(c.I("dim")) : c[0].Squeeze();
        t["unsqueeze"] = c => c[0].Unsqueeze(c.I("dim"));
        t["reshape"] = c => c[0].Reshape(c.Ints("shape"));
        t["expand"] = c => c[0].Expand(c.Ints("shape"));
        t["broadcast_to"] = c => Torch.BroadcastTo(c[0], c.Ints("shape"));
    }

    private static void AddIndexing(Dictionary<string, Func<ParityCall, object>> t)
    {
        t["index_select"] = c => Torch.IndexSelect(c[0], c.I("dim"), c[1]);
        t["gather"] = c => Torch.Gather(c[0], c.I("dim"), c[1]);
        t["scatter"] = c => Torch.Scatter(c[0], c.I("dim"), c[1], c[2]);
        t["scatter_v"] = c => c.Num("value", l => Torch.Scatter(c[0], c.I("dim"), c[1], l), d => Torch.Scatter(c[0], c.I("dim"), c[1], d));
        t["scatter_add"] = c => Torch.ScatterAdd(c[0], c.I("dim"), c[1], c[2]);
        t["index_add"] = c => Torch.IndexAdd(c[0], c.I("dim"), c[1], c[2], c.D("alpha", 1));
        t["index_copy"] = c => Torch.IndexCopy(c[0], c.I("dim"), c[1], c[2]);
        t["index_fill"] = c => c.Num("value", l => Torch.IndexFill(c[0], c.I("dim"), c[1], l), d => Torch.IndexFill(c[0], c.I("dim"), c[1], d));
        t["masked_fill"] = c => c.Num("value", l => Torch.MaskedFill(c[0], c[1], l), d => Torch.MaskedFill(c[0], c[1], d));
        t["masked_fill_t"] = c => Torch.MaskedFill(c[0], c[1], c[2]);
        t["masked_select"] = c => Torch.MaskedSelect(c[0], c[1]);
        t["masked_scatter"] = c => Torch.MaskedScatter(c[0], c[1], c[2]);
        t["where"] = c => Torch.Where(c[0], c[1], c[2]);
        t["where_s"] = c => c.Num("other", l => Torch.Where(c[0], c[1], l), d => Torch.Where(c[0], c[1], d));
        t["one_hot"] = c => Torch.OneHot(c[0], c.I("num_classes"));
        t["index"] = c => c.S("spec", "") switch
        {
            "t" or "m" => c[0].Index(c[1]),
            "ct" => c[0].Index(TensorIndex.Colon, c[1]),
            "tt" => c[0].Index(c[1], c[2]),
            "tct" => c[0].Index(c[1], TensorIndex.Colon, c[2]),
            "ts" => c[0].Index(c[1], c.I("k")),
            "st" => c[0].Index(c.I("k"), c[1]),
            "r" => c[0].Index(c.I("start")..c.I("stop")),
            "n" => c[0].Dim > 0 ? c[0].Index(TensorIndex.None, TensorIndex.Ellipsis, -1) : c[0].Index(TensorIndex.None),
            "e" => c[0].Dim > 0 ? c[0].Index(TensorIndex.Ellipsis, 0) : c[0].Index(TensorIndex.Ellipsis),
            var s => throw new InvalidDataException($"unknown index spec '{s}'"),
        };
    }

    private static void AddLinearAlgebra(Dictionary<string, Func<ParityCall, object>> t)
    {
        t["matmul"] = c => Torch.Matmul(c[0], c[1]);
        t["mm"] = c => Torch.Mm(c[0], c[1]);
        t["bmm"] = c => Torch.Bmm(c[0], c[1]);
        t["outer"] = c => Torch.Outer(c[0], c[1]);
        t["addmm"] = c => Torch.Addmm(c[0], c[1], c[2], c.D("beta", 1), c.D("alpha", 1));
        t["einsum"] = c => Torch.Einsum(c.S("eq", ""), c.Inputs);
    }
}
