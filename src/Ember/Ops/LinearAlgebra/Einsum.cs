using Ember.Kernels;

namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// Sums the product of the operands over the indices the equation names (PyTorch's <c>torch.einsum</c>), e.g.
    /// <c>"ij,jk->ik"</c> (matmul), <c>"bij,bjk->bik"</c> (bmm), <c>"i,j->ij"</c> (outer), <c>"i,i->"</c> (dot),
    /// <c>"ij->ji"</c> (transpose), <c>"ii->"</c> (trace), <c>"ii->i"</c> (diagonal), <c>"...ij,...jk"</c> (batched
    /// matmul with broadcast batch dimensions). Subscripts are letters a–z and A–Z; "..." stands for the dimensions not
    /// named (broadcast across operands, aligned at the right). Without "->" the output is "..." followed by the
    /// subscripts used exactly once, in alphabetical order with capitals first. A subscript repeated within an operand
    /// takes its diagonal; a subscript not in the output is summed over; a dimension of size 1 broadcasts.
    /// </summary>
    /// <remarks>
    /// Computed with Diagonal, Permute, Sum, Mul and batched Matmul (one per pair of operands, left to right), so autograd
    /// comes with them. The operands must share one dtype: float16/bfloat16 are computed in float32; integer and bool
    /// operands in int64, the result keeping their dtype when nothing is summed or when every summed subscript is shared by
    /// two operands (PyTorch's bmm contraction, wrapping), and int64 when a subscript of one operand alone is summed
    /// (PyTorch's sum). Bool operands cannot be contracted (PyTorch's bmm has no bool kernel).
    /// </remarks>
    /// <param name="equation">The subscripts of each operand separated by commas, optionally "->" and the output's.</param>
    /// <param name="operands">The tensors, one per term of the equation.</param>
    /// <exception cref="ArgumentException">The equation is malformed, does not match the operands (count, dimensions,
    /// sizes), or the dtypes differ.</exception>
    /// <exception cref="NotSupportedException">Bool operands are contracted.</exception>
    public static Tensor Einsum(string equation, params Tensor[] operands)
    {
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(operands);
        if (operands.Length == 0) throw new ArgumentException("einsum(): must provide at least one operand", nameof(operands));
        for (int i = 0; i < operands.Length; i++)
            if (operands[i] is null) throw new ArgumentNullException(nameof(operands), $"einsum(): operand {i} is null");
        var eq = EinsumEquation.Parse(equation, operands.Length);
        var dt = operands[0].DType;
        for (int i = 1; i < operands.Length; i++)
            if (operands[i].DType != dt)
                throw new ArgumentException(
                    $"einsum(): expected all operands to have the same dtype, but operand 0 is {dt.TorchName()} and operand {i} is {operands[i].DType.TorchName()}", nameof(operands));
        var compute = dt switch
        {
            DType.Float32 or DType.Float64 or DType.Int64 => dt,
            DType.Float16 or DType.BFloat16 => DType.Float32,
            DType.Int32 or DType.UInt8 or DType.Bool => DType.Int64,
            _ => throw Dispatch.Unsupported("einsum", dt),
        };
        var ops = operands.Select(t => compute.IsFloatingPoint() ? t.To(compute) : t.Cast(compute)).ToArray();
        var plan = new EinsumPlan(eq, ops, equation);
        bool contraction = IsPureContraction(eq);
        if (dt == DType.Bool && contraction && operands.Length > 1) throw Dispatch.Unsupported("einsum", dt); // PyTorch's bmm has no bool kernel
        var y = plan.Run(ops, out bool summed);
        if (dt.IsReducedFloat()) return y.To(dt);
        // int32/uint8/bool: PyTorch contracts shared labels with bmm (the dtype stays, wrapping as int64 arithmetic
        // reduced to it does) but sums a label held by one operand with sum (int64)
        if (compute != dt && (!summed || (contraction && operands.Length > 1))) return y.Cast(dt);
        return y;
    }

    /// <summary>Whether every label summed away appears in at least two operands (a contraction, no lone sum).</summary>
    private static bool IsPureContraction(EinsumEquation eq)
    {
        Span<int> count = stackalloc int[EinsumEquation.LabelCount];
        foreach (var term in eq.Inputs)
            foreach (int label in term.Distinct())
                if (label != EinsumEquation.Ellipsis) count[label]++;
        for (int label = 0; label < EinsumEquation.LabelCount; label++)
            if (count[label] == 1 && !eq.Output.Contains(label)) return false;
        return true;
    }
}

/// <summary>
/// How the operands of an einsum map onto one global dimension list (the ellipsis dimensions, then every label used,
/// in label order), and the pairwise contraction over it.
/// </summary>
internal sealed class EinsumPlan
{
    private readonly int _ellipsisDims;
    private readonly int[] _globalOfLabel = new int[EinsumEquation.LabelCount];
    private readonly int[] _size;          // per global dimension, the broadcast size
    private readonly bool[] _inOutput;
    private readonly int[] _output;        // global dimensions of the output, in order
    private readonly List<int>[] _tags;    // per operand, per axis: label id, or −1 − g for ellipsis dimension g

    public EinsumPlan(EinsumEquation eq, Tensor[] ops, string equation)
    {
        int n = ops.Length;
        _tags = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            var term = eq.Inputs[i];
            int labels = term.Count(l => l != EinsumEquation.Ellipsis);
            bool ellipsis = term.Contains(EinsumEquation.Ellipsis);
            if (ellipsis && labels > ops[i].Dim)
                throw new ArgumentException(
                    $"einsum(): the number of subscripts in the equation ({labels}) is more than the number of dimensions ({ops[i].Dim}) for operand {i} (equation \"{equation}\", shape {ops[i].Shape})");
            if (!ellipsis && labels != ops[i].Dim)
                throw new ArgumentException(
                    $"einsum(): the number of subscripts in the equation ({labels}) does not match the number of dimensions ({ops[i].Dim}) for operand {i} and no ellipsis was given (equation \"{equation}\", shape {ops[i].Shape})");
            if (ellipsis) _ellipsisDims = Math.Max(_ellipsisDims, ops[i].Dim - labels);
        }
        var labelSize = new int[EinsumEquation.LabelCount];
        Array.Fill(labelSize, -1);
        var ellipsisSize = new int[_ellipsisDims];
        Array.Fill(ellipsisSize, -1);
        for (int i = 0; i < n; i++)
        {
            var tags = new List<int>();
            var mine = new Dictionary<int, int>();
            int m = ops[i].Dim - eq.Inputs[i].Count(l => l != EinsumEquation.Ellipsis);
            foreach (var label in eq.Inputs[i])
            {
                if (label == EinsumEquation.Ellipsis)
                {
                    for (int k = 0; k < m; k++)
                    {
                        int g = _ellipsisDims - m + k, s = ops[i].ShapeArray[tags.Count];
                        if (ellipsisSize[g] != -1 && ellipsisSize[g] != s && ellipsisSize[g] != 1 && s != 1)
                            throw new ArgumentException(
                                $"einsum(): dimension {k} covered by ellipsis in operand {i} has size {s} which does not broadcast with previously seen ellipsis with size {ellipsisSize[g]} for the respective dimension (equation \"{equation}\")");
                        ellipsisSize[g] = ellipsisSize[g] == -1 || ellipsisSize[g] == 1 ? s : ellipsisSize[g];
                        tags.Add(-1 - g);
                    }
                    continue;
                }
                int size = ops[i].ShapeArray[tags.Count];
                char c = EinsumEquation.Letter(label);
                if (mine.TryGetValue(label, out int seen) && seen != size)
                    throw new ArgumentException(
                        $"einsum(): subscript {c} is repeated for operand {i} but the sizes don't match, {size} != {seen} (equation \"{equation}\", shape {ops[i].Shape})");
                mine[label] = size;
                if (labelSize[label] != -1 && labelSize[label] != size && labelSize[label] != 1 && size != 1)
                    throw new ArgumentException(
                        $"einsum(): subscript {c} has size {size} for operand {i} which does not broadcast with previously seen size {labelSize[label]} (equation \"{equation}\")");
                labelSize[label] = labelSize[label] == -1 || labelSize[label] == 1 ? size : labelSize[label];
                tags.Add(label);
            }
            _tags[i] = tags;
        }
        var sizes = new List<int>(ellipsisSize.Select(s => Math.Max(s, 1)));
        Array.Fill(_globalOfLabel, -1);
        for (int label = 0; label < EinsumEquation.LabelCount; label++)
        {
            if (labelSize[label] == -1) continue;
            _globalOfLabel[label] = sizes.Count;
            sizes.Add(labelSize[label]);
        }
        _size = sizes.ToArray();
        _inOutput = new bool[_size.Length];
        var output = new List<int>();
        foreach (var label in eq.Output)
        {
            if (label == EinsumEquation.Ellipsis) for (int g = 0; g < _ellipsisDims; g++) output.Add(g);
            else output.Add(_globalOfLabel[label]);
        }
        foreach (var g in output) _inOutput[g] = true;
        _output = output.ToArray();
    }

    private int Global(int tag) => tag < 0 ? -1 - tag : _globalOfLabel[tag];

    /// <summary>The result, and whether any dimension was summed over.</summary>
    public Tensor Run(Tensor[] ops, out bool summed)
    {
        int n = ops.Length, total = _size.Length;
        var aligned = new Tensor[n];
        var has = new bool[n][];
        for (int i = 0; i < n; i++) (aligned[i], has[i]) = Align(ops[i], _tags[i]);
        summed = false;
        var result = aligned[0];
        var hasResult = has[0];
        var sum = new bool[total];
        for (int i = 1; i < n; i++)
        {
            for (int g = 0; g < total; g++)
            {
                bool later = false;
                for (int j = i + 1; j < n; j++) later |= has[j][g];
                sum[g] = !_inOutput[g] && !later;
            }
            (result, hasResult) = Combine(result, hasResult, aligned[i], has[i], sum, ref summed);
        }
        for (int g = 0; g < total; g++)
            if (hasResult[g] && !_inOutput[g])
            {
                result = result.Sum(g, keepdim: true);
                summed = true;
            }
        // [output dimensions in order, then the rest (all of size 1)]
        var perm = new List<int>(_output);
        for (int g = 0; g < total; g++) if (!_inOutput[g]) perm.Add(g);
        var outShape = _output.Select(g => result.ShapeArray[g]).ToArray();
        if (total > 0) result = result.Permute(perm.ToArray());
        return result.Reshape(outShape);
    }

    /// <summary>
    /// The operand with repeated subscripts reduced to their diagonal, its axes permuted to global order and size-1
    /// axes inserted for the global dimensions it lacks; and which global dimensions it has at full size.
    /// </summary>
    private (Tensor, bool[]) Align(Tensor t, List<int> axisTags)
    {
        var tags = new List<int>(axisTags);
        while (true)
        {
            int p = -1, q = -1;
            for (int a = 0; a < tags.Count && p < 0; a++)
                for (int b = a + 1; b < tags.Count; b++)
                    if (tags[a] == tags[b]) { p = a; q = b; break; }
            if (p < 0) break;
            t = t.Diagonal(0, p, q);
            int tag = tags[p];
            tags.RemoveAt(q);
            tags.RemoveAt(p);
            tags.Add(tag);
        }
        int total = _size.Length;
        var present = new bool[total];
        var perm = new List<int>();
        for (int g = 0; g < total; g++)
        {
            int axis = tags.FindIndex(tag => Global(tag) == g);
            if (axis < 0) continue;
            present[g] = true;
            perm.Add(axis);
        }
        if (perm.Count > 0) t = t.Permute(perm.ToArray());
        for (int g = 0; g < total; g++) if (!present[g]) t = t.Unsqueeze(g);
        var has = new bool[total];
        for (int g = 0; g < total; g++) has[g] = present[g] && t.ShapeArray[g] == _size[g];
        return (t, has);
    }

    /// <summary>Multiplies two aligned operands and sums the dimensions in <paramref name="sum"/> (as size 1).</summary>
    private static (Tensor, bool[]) Combine(Tensor a, bool[] hasA, Tensor b, bool[] hasB, bool[] sum, ref bool summed)
    {
        int total = sum.Length;
        hasA = (bool[])hasA.Clone();
        hasB = (bool[])hasB.Clone();
        for (int g = 0; g < total; g++)
        {
            if (!sum[g] || hasA[g] == hasB[g]) continue;
            // summed over and held by one side only: sum that side first
            if (hasA[g]) { a = a.Sum(g, keepdim: true); hasA[g] = false; }
            else { b = b.Sum(g, keepdim: true); hasB[g] = false; }
            summed = true;
        }
        var batch = new List<int>();
        var left = new List<int>();
        var right = new List<int>();
        var contract = new List<int>();
        var rest = new List<int>();
        var has = new bool[total];
        for (int g = 0; g < total; g++)
        {
            if (hasA[g] && hasB[g]) (sum[g] ? contract : batch).Add(g);
            else if (hasA[g]) left.Add(g);
            else if (hasB[g]) right.Add(g);
            has[g] = (hasA[g] || hasB[g]) && !sum[g];
        }
        if (contract.Count == 0) return (a * b, has);
        summed = true;
        // An empty operand: the product is empty or all zeros. The matmul below would merge dimensions whose sizes
        // multiply past the int range although the operand holds no element (0 · 65536 · 32768).
        if (a.Numel == 0 || b.Numel == 0) return ((a * b).Sum([.. contract], keepdim: true), has);
        for (int g = 0; g < total; g++) if (!batch.Contains(g) && !left.Contains(g) && !right.Contains(g)) rest.Add(g);
        int Size(Tensor t, List<int> dims) => dims.Aggregate(1, (p, g) => p * t.ShapeArray[g]);
        int[] Order(List<int> x, List<int> y, List<int> z) =>
            [.. x, .. y, .. z, .. Enumerable.Range(0, total).Where(g => !x.Contains(g) && !y.Contains(g) && !z.Contains(g))];
        var lhs = a.Permute(Order(batch, left, contract)).Reshape(Size(a, batch), Size(a, left), Size(a, contract));
        var rhs = b.Permute(Order(batch, contract, right)).Reshape(Size(b, batch), Size(b, contract), Size(b, right));
        var product = Torch.Matmul(lhs, rhs);
        // [batch, left, right, rest (size 1)] back to global order
        var order = new List<int>([.. batch, .. left, .. right, .. rest]);
        var shape = order.Select(g => batch.Contains(g) ? a.ShapeArray[g] : left.Contains(g) ? a.ShapeArray[g] : right.Contains(g) ? b.ShapeArray[g] : 1).ToArray();
        var inverse = new int[total];
        for (int k = 0; k < total; k++) inverse[order[k]] = k;
        return (product.Reshape(shape).Permute(inverse), has);
    }
}
