using Ember.Autograd;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Autograd;

/// <summary>
/// Nodes with several outputs: Split, Chunk and Unbind record one node for all their pieces; the engine hands such a
/// node one gradient per output (null where none reached, never materialized zeros), and RetainGrad, hooks and the
/// iterative walk work per output.
/// </summary>
public class MultiOutputTests
{
    /// <summary>Σᵢ (i + 1)·Σ piece_i²: every piece contributes with a different weight.</summary>
    private static Tensor WeightedSquares(IEnumerable<Tensor> pieces)
    {
        Tensor total = Torch.Scalar(0.0, DType.Float64);
        int i = 0;
        foreach (var p in pieces) total = total + (p * p).Sum() * (++i + 0.0);
        return total;
    }

    private static IEnumerable<Tensor> Pick(Tensor[] pieces, params int[] which) => which.Select(i => pieces[i]);

    // ---- one node for all pieces ----

    [Fact]
    public void PiecesShareOneNodeNamedAsPyTorch()
    {
        var x = Input(6, 3);
        var split = x.Split(2);
        Assert.Equal("SplitBackward0", split[0].GradFn!.Name);
        Assert.All(split, p => Assert.Same(split[0].GradFn, p.GradFn));
        Assert.Equal("SplitWithSizesBackward0", x.Split([1, 5])[1].GradFn!.Name);
        Assert.Equal("SplitBackward0", x.Chunk(4)[0].GradFn!.Name);
        var rows = x.Unbind(1);
        Assert.Equal("UnbindBackward0", rows[2].GradFn!.Name);
        Assert.Same(rows[0].GradFn, rows[2].GradFn);
        Assert.Equal("AccumulateGrad", rows[0].GradFn!.NextFunctions.Single()!.Name);
        using (Torch.NoGrad()) Assert.Null(x.Split(2)[0].GradFn);
    }

    [Fact]
    public void UnbindReturnsViewsOfTheSlicesAsPyTorch()
    {
        var x = Torch.Arange(0, 24).Reshape(2, 3, 4);
        var s = x.Unbind(1);
        Assert.Equal(3, s.Length);
        Assert.Equal(new[] { 2, 4 }, s[1].Shape.ToArray());
        Assert.Equal(new long[] { 4, 5, 6, 7, 16, 17, 18, 19 }, s[1].ToArray<long>());
        Assert.Equal(new long[] { 20, 21, 22, 23 }, Torch.Unbind(x, -3)[1][2].ToArray<long>());
        using (Torch.NoGrad()) s[1].Fill_(-1);
        Assert.Equal(-1, x[0, 1, 0].Item<long>()); // a view: writes show through
        Assert.Empty(Torch.Zeros(0, 3).Unbind(0));
        Assert.Equal(3, Torch.Zeros(0, 3).Unbind(1).Length);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Scalar(1.0).Unbind());
        Assert.StartsWith("unbind: dimension specified as 0 but tensor has no dimensions", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Zeros(2, 3).Unbind(2));
        Assert.StartsWith("unbind: dimension out of range (expected to be in range of [-2, 1], but got 2)", e.Message);
    }

    // ---- gradcheck, also with pieces that get no gradient ----

    [Fact]
    public void SplitGradientsWithSomePiecesUnused()
    {
        GradOk(x => WeightedSquares(Pick(x[0].Split(2, 1), 0, 2)), Input(3, 6));                // middle piece unused
        GradOk(x => WeightedSquares(Pick(x[0].Split([1, 2, 3], 0), 1)), Input(6, 2));           // only one piece
        GradOk(x => WeightedSquares(Pick(x[0].Split([1, 2], 0), 0)), TransposedInput(3, 4));    // non-contiguous input
        GradOk(x => WeightedSquares(Pick(x[0].Expand(4, 3).Split(1, 0), 3)), Input(1, 3));       // broadcast input
        GradOk(x => WeightedSquares(Pick(x[0].Split([0, 2, 0], 1), 0, 2)) + x[1], Input(2, 2), Input()); // only empty pieces
        GradOk(x => WeightedSquares(x[0].Split(1, 0)), Input(1));                                // size 1
    }

    [Fact]
    public void ChunkGradientsWithSomePiecesUnused()
    {
        GradOk(x => WeightedSquares(Pick(x[0].Chunk(4, 1), 1, 2)), Input(2, 7));
        GradOk(x => WeightedSquares(Pick(x[0].Chunk(3, 0), 2)), TransposedInput(5, 2));
        GradOk(x => WeightedSquares(Pick(x[0].Expand(3, 4).Chunk(2, 1), 0)), Input(3, 1));
        GradOk(x => WeightedSquares(x[0].Chunk(2, 1)) + x[1], Input(3, 0), Input());           // empty dimension
    }

    [Fact]
    public void UnbindGradients()
    {
        GradOk(x => WeightedSquares(x[0].Unbind(1)), Input(3, 4));
        GradOk(x => WeightedSquares(Pick(x[0].Unbind(0), 1)), Input(3, 4));
        GradOk(x => WeightedSquares(Pick(x[0].Unbind(-1), 0, 2)), TransposedInput(3, 4));
        GradOk(x => WeightedSquares(Pick(x[0].Expand(2, 3).Unbind(0), 1)), Input(1, 3));
        GradOk(x => WeightedSquares(x[0].Unbind(0)), Input(1, 2));
        GradOk(x => WeightedSquares(x[0].Unbind(0)), Input(2, 0));
        GradOk(x => WeightedSquares(x[0].Unbind(0)), Input(2));                                // to 0-d slices
    }

    [Fact]
    public void DoubleBackwardThroughSplitAndUnbindZeroFillsMissingPieces()
    {
        // y = Σ p1³ over columns 1..2: dy/dx = 3x² there and 0 in column 0; then Σ (dy/dx)² = Σ 9x⁴ has gradient 36x³.
        var x = Torch.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3).RequiresGrad_();
        var p = x.Split([1, 2], 1);
        (p[1] * p[1] * p[1]).Sum().Backward(createGraph: true);
        var g = x.Grad!;
        Assert.True(g.RequiresGrad);
        Close([0, 12, 27, 0, 75, 108], g);
        x.Grad = null;
        (g * g).Sum().Backward();
        Close([0, 36 * 8, 36 * 27, 0, 36 * 125, 36 * 216], x.Grad!);

        var z = Torch.FromArray(new double[] { 1, 2, 3, 4 }, 2, 2).RequiresGrad_();
        var r = z.Unbind(0);
        (r[0] * r[0] * r[0]).Sum().Backward(createGraph: true);
        var gz = z.Grad!;
        Close([3, 12, 0, 0], gz);
        z.Grad = null;
        (gz * gz).Sum().Backward();
        Close([36, 36 * 8, 0, 0], z.Grad!);
    }

    // ---- the input's gradient is built once ----

    /// <summary>The tensor elements a backward pass of <paramref name="loss"/> allocates.</summary>
    private static long BackwardCost(Tensor loss)
    {
        loss.Backward();
        return Engine.LastPassAllocatedElements;
    }

    [Fact]
    public void BackwardThroughA100WaySplitBuildsTheInputGradientOnce()
    {
        const int rows = 100, cols = 64, full = rows * cols;
        var x = Torch.Randn(new[] { rows, cols }, DType.Float64, new Generator(1)).RequiresGrad_();
        // The same loss on 100 separate leaves: what the pieces' own backward costs, without the split.
        Tensor[] Leaves() => x.Detach().Split(1, 0).Select(p => p.Clone().RequiresGrad_()).ToArray();
        long baseline = BackwardCost(WeightedSquares(Leaves()));
        long baselineOne = BackwardCost(WeightedSquares(Pick(Leaves(), 57)));

        // Every piece used: a node per piece used to cost a full-size zero tensor each, plus a full-size sum per piece
        // (about 200 × full); now the input's gradient is allocated once.
        long all = BackwardCost(WeightedSquares(x.Split(1, 0))) - baseline;
        Assert.True(all <= full, $"100 pieces used: the split cost {all} elements in backward; expected {full}");
        var expected = (x * Torch.Arange(1, rows + 1).To(DType.Float64).Reshape(rows, 1) * 2).Detach();
        Close(expected.ToArray<double>(), x.Grad!, 1e-12);

        // One piece used: the other 99 get no gradient, and cost nothing but their share of the input's gradient
        // (which x.Grad then copies: the leaf's copy of a full-size gradient against the baseline's of one row).
        x.Grad = null;
        long one = BackwardCost(WeightedSquares(Pick(x.Split(1, 0), 57))) - baselineOne;
        Assert.True(one <= 2 * full, $"1 piece used: the split cost {one} elements in backward; expected {2 * full}");
        var g = x.Grad!.ToArray<double>();
        var xv = x.ToArray<double>();
        for (int i = 0; i < full; i++) Assert.Equal(i / cols == 57 ? 2 * xv[i] : 0.0, g[i]);

        // Unbind likewise.
        x.Grad = null;
        long unbind = BackwardCost(WeightedSquares(x.Unbind(0))) - baseline;
        Assert.True(unbind <= full, $"100 slices used: the unbind cost {unbind} elements in backward; expected {full}");
        Close(expected.ToArray<double>(), x.Grad!, 1e-12);
    }

    // ---- RetainGrad and hooks per output ----

    [Fact]
    public void RetainGradWorksForEachOutput()
    {
        var x = Input(4, 2);
        var p = x.Split(1, 0);
        foreach (var q in p) q.RetainGrad();
        WeightedSquares(Pick(p, 0, 2)).Backward();
        Close((p[0] * 2).Detach().ToArray<double>(), p[0].Grad!);
        Assert.Null(p[1].Grad);                                      // no gradient reached it
        Close((p[2] * 4).Detach().ToArray<double>(), p[2].Grad!);    // the second picked piece has weight 2
        Assert.Null(p[3].Grad);
    }

    [Fact]
    public void HookOnOnePieceSeesOnlyThatPiecesGradient()
    {
        var x = Torch.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }).RequiresGrad_();
        var p = x.Chunk(3);
        var seen = new List<double[]>();
        p[1].RegisterHook(g => { seen.Add(g.ToArray<double>()); return g * 10; });
        p[2].RegisterHook(g => throw new InvalidOperationException("no gradient reaches this piece"));
        (p[0].Sum() + (p[1] * p[1]).Sum()).Backward();
        Assert.Equal([new double[] { 6, 8 }], seen);
        Close([1, 1, 60, 80, 0, 0], x.Grad!);
    }

    // ---- a custom node with two outputs, as an LSTM step returning (h, c) ----

    /// <summary>c = x·y and h = tanh(c), computed in one op recorded by one node with two outputs.</summary>
    private sealed class StepBackward(Tensor x, Tensor y, Tensor h) : MultiOutputNode(2)
    {
        public readonly List<(bool H, bool C)> Received = new();

        protected override Tensor?[] Backward(Tensor?[] grads)
        {
            Received.Add((grads[0] is not null, grads[1] is not null));
            // dL/dc = gc + gh·(1 − h²), each term only when its gradient arrived.
            Tensor? dc = grads[0] is { } gh ? gh * (1 - h * h) : null;
            if (grads[1] is { } gc) dc = dc is null ? gc : dc + gc;
            return [NeedsGrad(0) ? dc! * y : null, NeedsGrad(1) ? dc! * x : null];
        }
    }

    private static (Tensor H, Tensor C, StepBackward? Node) Step(Tensor x, Tensor y)
    {
        Tensor c, h;
        using (Torch.NoGrad())
        {
            c = x * y;
            h = c.Tanh();
        }
        if (!Graph.NeedsGrad(x, y)) return (h, c, null);
        var node = new StepBackward(x.Detach(), y.Detach(), h.Detach());
        Graph.Record([h, c], node, x, y);
        return (h, c, node);
    }

    [Fact]
    public void TwoOutputNodeGetsNullForTheOutputThatIsNotUsed()
    {
        var x = Input(3);
        var y = PositiveInput(3);
        var (h, c, node) = Step(x, y);
        Assert.Same(h.GradFn, c.GradFn);
        h.Sum().Backward(retainGraph: true);
        Assert.Equal((true, false), node!.Received[^1]);
        var hv = h.ToArray<double>();
        var yv = y.ToArray<double>();
        Close(hv.Select((v, i) => (1 - v * v) * yv[i]).ToArray(), x.Grad!);

        x.Grad = null;
        c.Sum().Backward();
        Assert.Equal((false, true), node.Received[^1]);
        Close(yv, x.Grad!);
    }

    [Fact]
    public void TwoOutputNodeGradients()
    {
        GradOk(t => Step(t[0], t[1]).H.Sum(), Input(4), PositiveInput(4));
        GradOk(t => Step(t[0], t[1]).C * 3, Input(4), PositiveInput(4));
        GradOk(t => { var (h, c, _) = Step(t[0], t[1]); return h * c; }, Input(2, 3), PositiveInput(3));
        // The next step uses both outputs, the way an LSTM consumes the previous (h, c).
        GradOk(t =>
        {
            var (h, c, _) = Step(t[0], t[1]);
            var (h2, _, _) = Step(h, c);
            return h2;
        }, Input(3), PositiveInput(3));
    }

    [Fact]
    public void RetainGradAndHooksOnEachOutputOfATwoOutputNode()
    {
        var x = Input(3);
        var y = PositiveInput(3);
        var (h, c, node) = Step(x, y);
        h.RetainGrad();
        c.RetainGrad();
        c.RegisterHook(g => g * 2);
        (h.Sum() + (c * 3).Sum()).Backward();
        Assert.Equal((true, true), node!.Received.Single());
        Close([1, 1, 1], h.Grad!);
        Close([3, 3, 3], c.Grad!); // retained before the hook doubled it (PyTorch 1.13 runs them in registration order)
        var hv = h.ToArray<double>();
        var yv = y.ToArray<double>();
        Close(hv.Select((v, i) => ((1 - v * v) + 6) * yv[i]).ToArray(), x.Grad!);
    }

    [Fact]
    public void LongChainsOfMultiOutputNodesNeedNoRecursion()
    {
        var x = Torch.FromArray(new double[] { 1, 2 }).RequiresGrad_();
        var y = x;
        for (int i = 0; i < 20000; i++)
        {
            var p = y.Split(1);
            y = Torch.Cat([p[1], p[0]]);
        }
        (y * Torch.FromArray(new double[] { 1, 10 })).Sum().Backward();
        Close([1, 10], x.Grad!); // an even number of swaps
    }
}
