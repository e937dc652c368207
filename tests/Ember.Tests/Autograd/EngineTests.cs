using Ember.Autograd;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Autograd;

public class EngineTests
{
    private static Tensor Leaf(params double[] values) => Torch.FromArray(values).RequiresGrad_();

    /// <summary>An identity op whose backward deliberately produces no gradient (a cut branch).</summary>
    private sealed class NoGradientBackward : Node
    {
        protected internal override Tensor?[] Backward(Tensor grad) => [null];
    }

    private static Tensor Blocked(Tensor x)
    {
        var y = x.Detach().Clone();
        if (GradMode.IsEnabled && x.RequiresGrad) Graph.Record(y, new NoGradientBackward(), x);
        return y;
    }

    // ---- accumulation ----

    [Fact]
    public void GradientsAccumulateAcrossBackwardCallsUntilReset()
    {
        var x = Leaf(1, 2, 3);
        (x * x).Sum().Backward();
        Close([2, 4, 6], x.Grad!);
        (x * x).Sum().Backward();
        Close([4, 8, 12], x.Grad!);

        x.Grad = null;
        (x * 3.0).Sum().Backward();
        Close([3, 3, 3], x.Grad!);

        using (Torch.NoGrad()) x.Grad!.Mul_(0.0);
        Close([0, 0, 0], x.Grad!);
        (x * 3.0).Sum().Backward();
        Close([3, 3, 3], x.Grad!);
    }

    [Fact]
    public void LeafGradientDoesNotAliasTheGradientPassedIn()
    {
        var x = Leaf(1, 1, 1);
        var g = Torch.Ones(new Size(3), DType.Float64);
        x.Backward(g);
        g.Add_(1.0);
        Close([1, 1, 1], x.Grad!);

        var y = x * 2.0;
        var gy = Torch.Ones(new Size(3), DType.Float64);
        x.Grad = null;
        y.Backward(gy);
        gy.Add_(5.0);
        Close([2, 2, 2], x.Grad!);
    }

    [Fact]
    public void TheFirstAccumulatedGradientIsOwnedByTheLeaf()
    {
        // y = x + x hands the same gradient tensor to both edges; accumulating must not alias it.
        var x = Leaf(1, 2);
        var w = Leaf(3, 4);
        (x + w).Sum().Backward();
        using (Torch.NoGrad()) x.Grad!.Add_(10.0);
        Close([1, 1], w.Grad!);
        Close([11, 11], x.Grad!);
    }

    [Fact]
    public void AGradientPassedThroughByAViewIsCopiedForTheLeaf()
    {
        // View's backward hands the caller's gradient on as a view of its storage: the leaf must own a copy.
        var x = Leaf(1, 2, 3, 4);
        var g = Torch.Ones(new Size(2, 2), DType.Float64);
        x.View(2, 2).Backward(g);
        g.Add_(1.0);
        Close([1, 1, 1, 1], x.Grad!);
    }

    [Fact]
    public void ANonContiguousGradientIsStoredContiguously()
    {
        // the gradient of a transposed view arrives transposed; the leaf keeps a contiguous copy
        var a = Torch.FromArray(new[] { 1.0, 2, 3, 4, 5, 6 }, 3, 2).RequiresGrad_();
        var c = Torch.FromArray(new[] { 1.0, 2, 3, 4, 5, 6 }, 2, 3);
        (a.T * c).Sum().Backward();
        Assert.True(a.Grad!.IsContiguous);
        Close([1, 4, 2, 5, 3, 6], a.Grad!);
        (a.T * c).Sum().Backward();
        Close([2, 8, 4, 10, 6, 12], a.Grad!);
    }

    [Fact]
    public void ARetainedGradientAndALeafGradientDoNotShareStorage()
    {
        // Clone's backward passes the same gradient tensor to the retained non-leaf and to the leaf.
        var x = Leaf(1, 2);
        var y = x.Clone();
        y.RetainGrad();
        (y * 3.0).Sum().Backward();
        using (Torch.NoGrad()) x.Grad!.Add_(10.0);
        Close([3, 3], y.Grad!);
        Close([13, 13], x.Grad!);
    }

    [Fact]
    public void LeafGradientsSurviveTheRecyclingOfIntermediates()
    {
        // the gradients handed to the weight must not go back to the pool with the intermediates
        var w = Torch.Randn(new[] { 64, 32 }, DType.Float32, new Generator(1)).RequiresGrad_();
        var x = Torch.Randn(new[] { 16, 32 }, DType.Float32, new Generator(2));
        x.Matmul(w.T).Relu().Sum().Backward();
        var first = w.Grad!;
        for (int i = 0; i < 5; i++)
        {
            w.Grad = null; // as ZeroGrad: the next passes rent buffers, perhaps ones the pool recycled
            (x.Matmul(w.T) * 2.0).Sum().Backward();
        }
        var expected = x.Matmul(w.T).Detach().Gt(0.0).To(DType.Float32).T.Matmul(x).ToArray<float>();
        var got = first.ToArray<float>();
        for (int i = 0; i < got.Length; i++) Assert.Equal(expected[i], got[i], 1e-4f);
    }

    // ---- the root gradient ----

    [Fact]
    public void BackwardWithoutGradientOnNonScalarThrows()
    {
        var y = Leaf(1, 2, 3) * 2.0;
        var ex = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("scalar", ex.Message);
    }

    [Fact]
    public void BackwardOfOneElementNonScalarNeedsNoGradient()
    {
        var x = Leaf(3);
        (x * x).Backward();
        Close([6], x.Grad!);
    }

    [Fact]
    public void BackwardOnTensorThatDoesNotRequireGradThrows()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Torch.Ones(2).Sum().Backward());
        Assert.Contains("does not require grad", ex.Message);
    }

    [Fact]
    public void BackwardWithGradientIsAVectorJacobianProduct()
    {
        // y = x*x: J is diagonal with 2x, so x.grad = 2 x v.
        var x = Torch.FromArray(new double[,] { { 1, 2 }, { 3, 4 } }, requiresGrad: true);
        (x * x).Backward(Torch.FromArray(new double[,] { { 1, 0.5 }, { -1, 2 } }));
        Close([2, 2, -6, 16], x.Grad!);

        // A non-contiguous gradient: x.grad = 3 vᵀ.
        x.Grad = null;
        (x * 3.0).Backward(Torch.FromArray(new double[,] { { 1, 2 }, { 3, 4 } }).T);
        Close([3, 9, 6, 12], x.Grad!);

        // y = x.sum(0): every row of x gets v.
        x.Grad = null;
        x.Sum(0).Backward(Torch.FromArray(new double[] { 5, -7 }));
        Close([5, -7, 5, -7], x.Grad!);

        // Broadcast: y[i, j] = a[i, 0] * b[j]; a.grad[i] = sum_j v[i, j] b[j], b.grad[j] = sum_i v[i, j] a[i].
        var a = Torch.FromArray(new double[,] { { 1 }, { 2 } }, requiresGrad: true);
        var b = Leaf(3, 4, 5);
        var v = Torch.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        (a * b).Backward(v);
        Close([1 * 3 + 2 * 4 + 3 * 5, 4 * 3 + 5 * 4 + 6 * 5], a.Grad!);
        Assert.Equal(new Size(2, 1), a.Grad!.Shape);
        Close([1 * 1 + 4 * 2, 2 * 1 + 5 * 2, 3 * 1 + 6 * 2], b.Grad!);
    }

    [Fact]
    public void FloatGradientForDoubleOutputIsConverted()
    {
        var x = Leaf(1, 2);
        (x * 3.0).Backward(Torch.FromArray(new float[] { 1, 2 }));
        Assert.Equal(DType.Float64, x.Grad!.DType);
        Close([3, 6], x.Grad!);
    }

    [Fact]
    public void WrongShapedGradientThrows()
    {
        var y = Leaf(1, 2, 3) * 2.0;
        var ex = Assert.Throws<ArgumentException>(() => y.Backward(Torch.Ones(new Size(2), DType.Float64)));
        Assert.Contains("[2]", ex.Message);
        Assert.Contains("[3]", ex.Message);
        Assert.Throws<ArgumentException>(() => y.Backward(Torch.Ones(new Size(3, 1), DType.Float64)));
    }

    // ---- retaining and freeing the graph ----

    [Fact]
    public void RetainGraphAllowsSecondBackwardAndDoublesGradients()
    {
        var x = Leaf(1, 2, 3);
        var z = (x * x).Sum();
        z.Backward(retainGraph: true);
        Close([2, 4, 6], x.Grad!);
        z.Backward();
        Close([4, 8, 12], x.Grad!);
    }

    [Fact]
    public void SecondBackwardWithoutRetainGraphThrows()
    {
        var x = Leaf(1, 2, 3);
        var z = (x * x).Sum();
        z.Backward();
        var ex = Assert.Throws<InvalidOperationException>(() => z.Backward());
        Assert.Contains("second time", ex.Message);
        Assert.Contains("retainGraph", ex.Message);
        // The failed call left the first gradient as it was.
        Close([2, 4, 6], x.Grad!);
    }

    // ---- grad mode ----

    [Fact]
    public void NoGradResultsDoNotRequireGradAndModeIsRestored()
    {
        var x = Leaf(1, 2);
        Assert.True(Torch.IsGradEnabled);
        Tensor y;
        using (Torch.NoGrad())
        {
            Assert.False(Torch.IsGradEnabled);
            y = (x * 2.0).Exp() + x;
        }
        Assert.True(Torch.IsGradEnabled);
        Assert.False(y.RequiresGrad);
        Assert.Null(y.GradFn);
        Assert.True(y.IsLeaf);
        Assert.True((x * 2.0).RequiresGrad);
    }

    [Fact]
    public void NoGradScopesNest()
    {
        var x = Leaf(1, 2);
        using (Torch.NoGrad())
        {
            using (Torch.NoGrad()) Assert.False((x * 2.0).RequiresGrad);
            Assert.False(Torch.IsGradEnabled);
            using (Torch.EnableGrad())
            {
                Assert.True(Torch.IsGradEnabled);
                var y = x * 2.0;
                Assert.True(y.RequiresGrad);
                Assert.NotNull(y.GradFn);
            }
            Assert.False(Torch.IsGradEnabled);
            Assert.False((x * 2.0).RequiresGrad);
        }
        Assert.True(Torch.IsGradEnabled);

        using (Torch.EnableGrad()) Assert.True(Torch.IsGradEnabled);
        Assert.True(Torch.IsGradEnabled);
    }

    [Fact]
    public void GradModeIsPerThread()
    {
        var x = Leaf(1, 2, 3);
        using var barrier = new Barrier(2);
        bool noGradThreadRecorded = true, noGradThreadModeOn = true, otherThreadRecorded = false, otherThreadModeOn = false;
        Tensor? otherGrad = null;
        Exception? failure = null;
        void Sync()
        {
            if (!barrier.SignalAndWait(TimeSpan.FromSeconds(20))) throw new TimeoutException("the other thread did not reach the barrier");
        }

        var noGradThread = new Thread(() =>
        {
            try
            {
                using (Torch.NoGrad())
                {
                    Sync(); // 1: NoGrad is in force here while the other thread records
                    noGradThreadRecorded = (x * 2.0).RequiresGrad;
                    noGradThreadModeOn = Torch.IsGradEnabled;
                    Sync(); // 2: the other thread has recorded and run backward
                }
            }
            catch (Exception e) { failure = e; }
        });
        var recordingThread = new Thread(() =>
        {
            try
            {
                var w = Leaf(4, 5, 6);
                Sync(); // 1
                var y = (w * w).Sum();
                otherThreadRecorded = y.RequiresGrad;
                otherThreadModeOn = Torch.IsGradEnabled;
                y.Backward();
                otherGrad = w.Grad;
                Sync(); // 2
            }
            catch (Exception e) { failure = e; }
        });
        noGradThread.Start();
        recordingThread.Start();
        Assert.True(noGradThread.Join(TimeSpan.FromSeconds(30)));
        Assert.True(recordingThread.Join(TimeSpan.FromSeconds(30)));
        Assert.Null(failure);

        Assert.False(noGradThreadRecorded);
        Assert.False(noGradThreadModeOn);
        Assert.True(otherThreadRecorded);
        Assert.True(otherThreadModeOn);
        Close([8, 10, 12], otherGrad!);
        Assert.True(Torch.IsGradEnabled);
    }

    // ---- detach, retain_grad ----

    [Fact]
    public void DetachSharesStorageAndCutsTheGraph()
    {
        var x = Leaf(1, 2, 3);
        var y = x * 2.0;
        var d = y.Detach();
        Assert.False(d.RequiresGrad);
        Assert.True(d.IsLeaf);
        Assert.Null(d.GradFn);

        // Gradients do not flow through the detached tensor: d(d * x)/dx = d.
        (d * x).Sum().Backward();
        Close([2, 4, 6], x.Grad!);

        // Same storage: writing through the detached tensor changes y.
        d.Add_(1.0);
        Close([3, 5, 7], y);
        Assert.Equal(y.Version, d.Version);

        var xd = x.Detach();
        using (Torch.NoGrad()) xd.Mul_(10.0);
        Close([10, 20, 30], x);
    }

    [Fact]
    public void RetainGradFillsGradOfAnIntermediate()
    {
        var x = Leaf(1, 2, 3);
        var y = x * 2.0;
        y.RetainGrad();
        var u = y * y;
        var z = u.Sum();
        z.Backward(retainGraph: true);
        Close([4, 8, 12], y.Grad!);   // dz/dy = 2y
        Close([8, 16, 24], x.Grad!);  // dz/dx = 2y * 2
        Assert.Null(u.Grad);           // not retained

        // Retained gradients accumulate like leaf gradients (a new graph over y's retained history).
        (y * y).Sum().Backward();
        Close([8, 16, 24], y.Grad!);
        Close([16, 32, 48], x.Grad!);

        Assert.Throws<InvalidOperationException>(() => Torch.Ones(2).RetainGrad());
    }

    [Fact]
    public void RetainGradFollowsAnInPlaceUpdate()
    {
        // PyTorch 1.13: y = x * 2; y.retain_grad(); y.add_(1); (y * y).sum().backward() gives y.grad = [6, 10], x.grad = [12, 20].
        var x = Leaf(1, 2);
        var y = x * 2.0;
        y.RetainGrad();
        y.Add_(1.0);
        (y * y).Sum().Backward();
        Close([6, 10], y.Grad!);
        Close([12, 20], x.Grad!);
    }

    [Fact]
    public void CreateGraphGivesDifferentiableGradientsAndKeepsTheGraph()
    {
        // PyTorch 1.13: (x^3).sum().backward(create_graph=True) gives x.grad = 3x^2 with a grad_fn; its sum's backward gives 6x.
        var x = Leaf(1, 2);
        (x * x * x).Sum().Backward(createGraph: true);
        var g = x.Grad!;
        Close([3, 12], g);
        Assert.True(g.RequiresGrad);
        x.Grad = null;
        g.Sum().Backward();
        Close([6, 12], x.Grad!);
    }

    [Fact]
    public void RetainGradOnTheRootGetsTheSeedGradient()
    {
        var x = Leaf(1, 2);
        var z = (x * x).Sum();
        z.RetainGrad();
        z.Backward();
        Close([1], z.Grad!);
    }

    // ---- graph shapes ----

    [Fact]
    public void DiamondGraphSumsGradients()
    {
        var x = Leaf(1, 2, 3);
        var y = x * x + x * 3.0;
        y.Sum().Backward();
        Close([5, 7, 9], x.Grad!);   // 2x + 3

        // x reaches the output through two paths of different lengths.
        var w = Leaf(0.5, -1);
        var a = w.Exp();
        var b = (a * w).Sin() + a;
        b.Sum().Backward();
        // d/dw [sin(w e^w) + e^w] = cos(w e^w)(e^w + w e^w) + e^w
        var expected = new[] { 0.5, -1.0 }.Select(v => Math.Cos(v * Math.Exp(v)) * (Math.Exp(v) + v * Math.Exp(v)) + Math.Exp(v)).ToArray();
        Close(expected, w.Grad!, 1e-12);
    }

    [Fact]
    public void IntegerBranchesDoNotBreakBackward()
    {
        var x = Leaf(-1, 2, 3);
        var mask = x > 0.0;
        var count = mask.Sum();
        var asInt = x.To(DType.Int64);
        Assert.Equal(DType.Bool, mask.DType);
        Assert.Equal(DType.Int64, count.DType);
        Assert.Equal(DType.Int64, asInt.DType);
        Assert.False(mask.RequiresGrad);
        Assert.False(asInt.RequiresGrad);

        var y = (x * mask).Sum() + (x * asInt).Sum() + count;
        Assert.Equal(DType.Float64, y.DType);
        y.Backward();
        Close([0 + -1, 1 + 2, 1 + 3], x.Grad!);
    }

    [Fact]
    public void BranchThatProducesNoGradientIsSkipped()
    {
        // x reaches the output directly and through a node whose backward returns no gradient; the
        // skipped branch must still release x's accumulator.
        var x = Leaf(1, 2);
        var y = Blocked(x * 5.0) + x * 2.0;
        y.Sum().Backward();
        Close([2, 2], x.Grad!);

        // A graph whose only path is blocked leaves the leaf without a gradient.
        var w = Leaf(1, 2);
        Blocked(w.Exp()).Sum().Backward();
        Assert.Null(w.Grad);
    }

    [Fact]
    public void LongChainBackpropagatesWithoutRecursion()
    {
        // 100,000 ops: alternately x * 1.0000001 and x + 0.
        const int n = 100_000;
        var x = Leaf(2);
        var y = x;
        for (int i = 0; i < n; i++) y = i % 2 == 0 ? y * 1.0000001 : y + 0.0;
        y.Sum().Backward();
        double factor = 1;
        for (int i = 0; i < n / 2; i++) factor *= 1.0000001;
        Close([2 * factor], y.Detach());
        Close([factor], x.Grad!, 1e-12);
    }

    // ---- in-place ops ----

    [Fact]
    public void InPlaceOnLeafThatRequiresGradThrows()
    {
        var w = Leaf(1, 2);
        var ex = Assert.Throws<InvalidOperationException>(() => w.Add_(1.0));
        Assert.Contains("leaf", ex.Message);
        Assert.Contains("in-place", ex.Message);
        Assert.Throws<InvalidOperationException>(() => w.Exp_());
        Assert.Throws<InvalidOperationException>(() => w.Mul_(Torch.FromArray(new double[] { 2, 2 })));
        Close([1, 2], w);
        Assert.True(w.IsLeaf);
    }

    [Fact]
    public void InPlaceOnNonLeafRebasesHistory()
    {
        var x = Leaf(1, 2);
        var y = x * 2.0;
        var node = y.GradFn;
        y.Add_(1.0);
        y.Mul_(3.0);
        Assert.NotSame(node, y.GradFn);
        Assert.False(y.IsLeaf);
        Close([9, 15], y);
        y.Sum().Backward();
        Close([6, 6], x.Grad!);
    }

    [Fact]
    public void InPlaceWhoseBackwardNeedsTheOldValueIsCorrect()
    {
        // Values from PyTorch 1.13: y = x * 2; y.sin_(); y.sum().backward().
        var x = Leaf(0.5, 1, 2);
        var y = x * 2.0;
        y.Sin_();
        y.Sum().Backward();
        Close([1.0806046117362795, -0.8322936730942848, -1.3072872417272239], x.Grad!, 1e-12);

        // y = x * 2; y.mul_(w): x.grad = 2w, w.grad = 2x.
        var a = Leaf(1, 2, 3);
        var w = Leaf(4, 5, 6);
        var b = a * 2.0;
        b.Mul_(w);
        Close([8, 20, 36], b);
        b.Sum().Backward();
        Close([8, 10, 12], a.Grad!);
        Close([2, 4, 6], w.Grad!);

        // y = x * 2; y.log_(): x.grad = 1/x.
        var c = Leaf(0.5, 1, 2);
        var d = c * 2.0;
        d.Log_();
        d.Sum().Backward();
        Close([2, 1, 0.5], c.Grad!);
    }

    [Fact]
    public void InPlaceIntoTensorWithoutGradFromOperandThatRequiresGrad()
    {
        var w = Leaf(1, 2);
        var acc = Torch.Zeros(new Size(2), DType.Float64);
        acc.Add_(w * 3.0);
        Assert.True(acc.RequiresGrad);
        acc.Sum().Backward();
        Close([3, 3], w.Grad!);
    }

    [Fact]
    public void ModifyingASavedTensorInPlaceIsDetected()
    {
        var x = Leaf(1, 2);
        var y = x.Exp();
        y.Add_(1.0);
        var ex = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("modified by an inplace operation", ex.Message);
        Assert.Null(x.Grad);

        var x2 = Leaf(1, 2);
        var y2 = x2.Exp();
        using (Torch.NoGrad()) y2.Add_(1.0);
        ex = Assert.Throws<InvalidOperationException>(() => y2.Sum().Backward());
        Assert.Contains("modified by an inplace operation", ex.Message);

        // Through a view sharing the storage.
        var x3 = Leaf(1, 2);
        var y3 = x3.Exp();
        using (Torch.NoGrad()) y3.Narrow(0, 0, 1).Mul_(2.0);
        ex = Assert.Throws<InvalidOperationException>(() => y3.Sum().Backward());
        Assert.Contains("modified by an inplace operation", ex.Message);

        // The operand of an in-place op saved by that op itself (PyTorch raises here too).
        var x4 = Leaf(1, 2);
        var y4 = x4 * 2.0;
        y4.Mul_(y4);
        ex = Assert.Throws<InvalidOperationException>(() => y4.Sum().Backward());
        Assert.Contains("modified by an inplace operation", ex.Message);

        // A leaf saved by a graph and then updated.
        var w = Leaf(1, 2);
        var loss = (w * w).Sum();
        using (Torch.NoGrad()) w.Sub_(0.5);
        ex = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("modified by an inplace operation", ex.Message);
    }

    [Fact]
    public void ViewTakenBeforeAnInPlaceOpOnItsBaseFollowsTheNewHistory()
    {
        // PyTorch 1.13 regenerates the view's grad_fn (AsStridedBackward0): x.grad = [6, 6, 0].
        var x = Leaf(1, 2, 3);
        var y = x * 2.0;
        var v = y.Narrow(0, 0, 2);
        y.Mul_(3.0);
        Close([6, 12], v);
        Assert.Equal("AsStridedBackward0", v.GradFn!.Name);
        v.Sum().Backward();
        Close([6, 6, 0], x.Grad!);

        // A view of a view: PyTorch gives [0, 2, 2].
        var x1 = Leaf(1, 2, 3);
        var y1 = x1 * 2.0;
        var w1 = y1.Unsqueeze(0).Select(0, 0).Narrow(0, 1, 2);
        y1.Add_(1.0);
        w1.Sum().Backward();
        Close([0, 2, 2], x1.Grad!);

        // Backward through the base itself follows the new history.
        var x2 = Leaf(1, 2, 3);
        var y2 = x2 * 2.0;
        y2.Mul_(3.0);
        y2.Sum().Backward();
        Close([6, 6, 6], x2.Grad!);
    }

    [Fact]
    public void InPlaceOpOnAViewIsRecordedOnItsBase()
    {
        // PyTorch 1.13: y.grad_fn = CopySlices, x.grad = [2, 4, 6].
        var x = Leaf(1, 2, 3);
        var y = x * 2.0;
        y.Narrow(0, 0, 2).Add_(1.0);
        Assert.Equal("CopySlices", y.GradFn!.Name);
        Close([3, 5, 6], y);
        (y * Torch.FromArray(new[] { 1.0, 2, 3 })).Sum().Backward();
        Close([2, 4, 6], x.Grad!);

        // An op that saves its input (exp_) on a transposed view: x.grad = [[1.6487, 2], [13.4451, 4]].
        var a = Torch.FromArray(new[,] { { 0.5, 1.0 }, { 1.5, 2.0 } }).RequiresGrad_();
        var b = a * 1.0;
        b.T[0].Exp_();
        Close([1.6487212707001282, 1.0, 4.4816890703380645, 2.0], b, 1e-14);
        (b * Torch.FromArray(new[,] { { 1.0, 2 }, { 3, 4 } })).Sum().Backward();
        Close([1.6487212707001282, 2.0, 13.445067211014194, 4.0], a.Grad!, 1e-14);

        // fill_ on a view: the filled elements get no gradient ([1, 0, 0, 1]).
        var c = Leaf(1, 2, 3, 4);
        var d = c * 1.0;
        d[1..3].Fill_(0.0);
        d.Sum().Backward();
        Close([1, 0, 0, 1], c.Grad!);
    }

    [Fact]
    public void OptimizerStyleUpdateUnderNoGradWorks()
    {
        var w = Leaf(1, 2);
        (w * w).Sum().Backward();
        using (Torch.NoGrad()) w.Sub_(w.Grad! * 0.1);
        Close([0.8, 1.6], w, 1e-12);
        Assert.True(w.IsLeaf);
        Assert.True(w.RequiresGrad);

        w.Grad = null;
        (w * w).Sum().Backward();
        Close([1.6, 3.2], w.Grad!, 1e-12);

        using (Torch.NoGrad()) w.Sub_(w.Grad!, alpha: 0.5);
        Close([0, 0], w, 1e-12);
    }
}
