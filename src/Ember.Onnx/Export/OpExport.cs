using System.Reflection;
using Ember.Autograd;
using static Ember.Onnx.Export.OnnxGraphBuilder;

namespace Ember.Onnx.Export;

/// <summary>
/// The ops traced between layers (residual adds, concatenations, reshapes, …), recognised by their autograd node
/// (PyTorch's grad_fn name) and mapped to ONNX nodes. Attributes the shapes cannot tell (a concatenation's dimension,
/// a permutation) are read from what the node saved for backward.
/// </summary>
internal static class OpExport
{
    /// <summary>
    /// The op's name without PyTorch's <c>Backward0</c> suffix, e.g. <c>Cat</c>; other overloads (<c>DivBackward2</c>, a
    /// division with rounding) keep their full name, so they are not mistaken for the plain op.
    /// </summary>
    public static string BaseName(Node node)
    {
        string n = node.Name;
        if (n == "BackwardHookFunctionBackward") return "BackwardHookFunction";
        return n.EndsWith("Backward0", StringComparison.Ordinal) ? n[..^"Backward0".Length] : n;
    }

    /// <summary>Emits one traced op; returns the names of its outputs.</summary>
    /// <exception cref="NotSupportedException">The op has no exporter.</exception>
    public static string[] Emit(EmitStep s, Node node)
    {
        string op = BaseName(node);
        switch (op)
        {
            case "Add" or "Sub" or "Mul" or "Div": return [s.Node(op, [s.X, Operand(s, 1)])];
            case "Neg" or "Relu" or "Sigmoid" or "Tanh" or "Exp" or "Log" or "Sqrt" or "Abs" or "Erf" or "Sin" or "Cos" or "Floor" or "Ceil":
                return [s.Node(op, [s.X])];
            case "Rsqrt": return [s.Node("Reciprocal", [s.Node("Sqrt", [s.X])])];
            case "Silu": return [s.Node("Mul", [s.X, s.Node("Sigmoid", [s.X])])];
            case "Gelu": return [LayerExport.Gelu(s, s.X, s.InTensor().DType, Field<bool>(node, "tanh"))];
            case "Clone": return [s.X];
            case "BackwardHookFunction": return [.. s.In.Select(n => n!)];
            case "ToCopy": return [s.Node("Cast", [s.X], Attr("to", (long)ElemType(s.OutTensor().DType)))];
            case "View" or "Squeeze" or "Unsqueeze": return [s.Reshape(s.X, s.ReshapeTarget())];
            case "Expand": return [Expand(s)];
            case "Transpose":
            {
                int rank = s.InTensor().Dim;
                var perm = Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
                int a = Field<int>(node, "a"), b = Field<int>(node, "b");
                if (rank > 0) (perm[a], perm[b]) = (perm[b], perm[a]);
                return [s.Node("Transpose", [s.X], Attr("perm", perm))];
            }
            case "Permute": return [s.Node("Transpose", [s.X], Attr("perm", Field<int[]>(node, "perm")))];
            case "Cat":
            {
                var inputs = new List<string>();
                for (int i = 0; i < s.In.Length; i++)
                    if (!(s.Event.InputTensors[i] is { Dim: 1 } t && t.ShapeArray[0] == 0)) inputs.Add(Operand(s, i));
                return [s.Node("Concat", [.. inputs], Attr("axis", (long)Field<int>(node, "dim")))];
            }
            case "Slice":
            {
                return [Slice(s, node)];
            }
            case "Sum": return [Sum(s, Field<int[]>(node, "keepShape"))];
            case "Mm": return [s.Node("MatMul", [s.X, Operand(s, 1)])];
            // F.linear with a bias: x [m, in], W [out, in], b [out].
            case "Addmm": return [s.Node("Gemm", [s.X, Operand(s, 1), Operand(s, 2)], Attr("transB", 1L))];
            case "Softmax" or "LogSoftmax": return [s.Node(op, [s.X], Attr("axis", (long)Field<int>(node, "dim")))];
            case "AdaptiveAvgPool1D" or "AdaptiveAvgPool2D": return [LayerExport.Adaptive(s, average: true)];
            case "AdaptiveMaxPool1D" or "AdaptiveMaxPool2D": return [LayerExport.Adaptive(s, average: false)];
        }
        throw new NotSupportedException($"onnx export: {s.Where}: the operation {op} ({node.Name}) has no ONNX exporter");
    }

    /// <summary>
    /// A slice (narrow, indexing with a range); one that runs to the end of its dimension runs to the end for any batch.
    /// </summary>
    private static string Slice(EmitStep s, Node node)
    {
        int dim = Field<int>(node, "dim"), start = Field<int>(node, "start"), end = Field<int>(node, "end"), step = Field<int>(node, "step");
        var other = ((OpEvent)s.Other).Node;
        int size = s.InTensor().ShapeArray[dim], otherSize = s.Other.InputTensors[0]!.ShapeArray[dim];
        int otherStart = Field<int>(other, "start"), otherEnd = Field<int>(other, "end");
        bool toEnd = step > 0 && end >= size && otherEnd >= otherSize;
        if (otherStart != start || (!toEnd && otherEnd != end))
            throw new NotSupportedException(
                $"onnx export: {s.Where}: slices [{start}:{end}] of dimension {dim}, which depends on the batch size; export with DynamicBatch = false");
        long stop = toEnd ? long.MaxValue : end;
        return s.Node("Slice", [s.X, s.B.Int64s("starts", start), s.B.Int64s("ends", stop), s.B.Int64s("axes", dim), s.B.Int64s("steps", step)]);
    }

    /// <summary>Expand: the sizes that follow the batch must come from the input (1 in the target keeps them).</summary>
    private static string Expand(EmitStep s)
    {
        long[] target = s.ExpandTarget();
        int[] input = s.InTensor().ShapeArray, output = s.OutTensor().ShapeArray;
        for (int d = 0; d < output.Length; d++)
        {
            int di = d - (output.Length - input.Length);
            if (target[d] == 1 && output[d] != 1 && (di < 0 || input[di] != output[d]))
                throw new NotSupportedException(
                    $"onnx export: {s.Where}: expands a tensor of shape [{string.Join(", ", input)}] to the batch size; export with DynamicBatch = false");
        }
        return s.Node("Expand", [s.X, s.B.Int64s("shape", target)]);
    }

    /// <summary>Input <paramref name="i"/> (a traced value or a constant).</summary>
    private static string Operand(EmitStep s, int i) => s.In[i] ?? throw new NotSupportedException($"onnx export: {s.Where}: input {i} is missing");

    /// <summary>ReduceSum over the dimensions the node reduced (<paramref name="keepShape"/> has 1 there), keeping them or not.</summary>
    private static string Sum(EmitStep s, int[] keepShape)
    {
        int[] input = s.InTensor().ShapeArray, output = s.OutTensor().ShapeArray;
        bool keepdims = output.Length == input.Length;
        var candidates = Enumerable.Range(0, input.Length).Where(d => keepShape[d] == 1).ToList();
        List<int> axes = candidates;
        if (!keepdims)
        {
            // Among dimensions of size 1, those that disappeared: pick the subset whose removal gives the output's shape.
            int removed = input.Length - output.Length;
            axes = Subsets(candidates, removed).FirstOrDefault(c => Removed(input, c).SequenceEqual(output))
                ?? throw new NotSupportedException($"onnx export: {s.Where}: cannot tell which dimensions the sum reduced");
        }
        if (axes.Count == 0) return s.X;
        return s.Node("ReduceSum", [s.X, s.B.Int64s("axes", [.. axes.Select(a => (long)a)])], Attr("keepdims", keepdims ? 1L : 0L));
    }

    private static IEnumerable<int> Removed(int[] shape, List<int> axes) => shape.Where((_, d) => !axes.Contains(d));

    private static IEnumerable<List<int>> Subsets(List<int> items, int size)
    {
        if (size == 0) { yield return []; yield break; }
        for (int i = 0; i <= items.Count - size; i++)
            foreach (var rest in Subsets(items[(i + 1)..], size - 1))
                yield return [items[i], .. rest];
    }

    /// <summary>A value the node saved for backward (a constructor parameter it captured).</summary>
    private static T Field<T>(Node node, string name)
    {
        for (var type = node.GetType(); type is not null && type != typeof(Node); type = type.BaseType)
            foreach (var f in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                if ((f.Name == name || f.Name == $"<{name}>P" || f.Name == "_" + name) && f.GetValue(node) is T value)
                    return value;
        throw new NotSupportedException($"onnx export: cannot read '{name}' from {node.Name}");
    }
}
