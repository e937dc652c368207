using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// For a tensor sharing <paramref name="root"/>'s storage: the row-major index into <paramref name="root"/> of each
    /// of this tensor's elements (an int64 tensor of this shape).
    /// </summary>
    /// <exception cref="InvalidOperationException">An element of this tensor is not an element of <paramref name="root"/>.</exception>
    internal Tensor ViewPositions(Tensor root)
    {
        // Lay the root's row-major numbering out in a buffer shaped like the shared storage, then read it through this
        // tensor's own layout: whatever the strides of both, each element finds its place in the root.
        var numbering = new long[Storage.Length];
        Array.Fill(numbering, -1L);
        var store = new Storage<long>(numbering);
        using (Torch.NoGrad())
        {
            var rootView = new Tensor(store, root.ShapeArray, root.StridesArray, root.Offset);
            Elementwise.CopyInto(Torch.Arange(root.Numel).View(root.ShapeArray), rootView);
            var positions = new Tensor(store, ShapeArray, StridesArray, Offset).Clone();
            if (positions.Numel > 0 && positions.Min().Item<long>() < 0)
                throw new InvalidOperationException($"autograd: a view {Shape} reaches outside its base {root.Shape}; an in-place write into it cannot be recorded");
            return positions;
        }
    }

    /// <summary>
    /// Ends an in-place op that autograd records: writes <paramref name="result"/> (computed out of place, with its
    /// history) into this tensor, bumps the version and hands the history on. A tensor that is not a view takes the
    /// result's history. A view's write is recorded on its base (PyTorch's CopySlices): the base's new history passes
    /// its old gradient outside the view and the result's inside it, and this view derives from the base's new history.
    /// </summary>
    internal Tensor CommitInPlace(Tensor result)
    {
        Elementwise.CopyInto(result, this);
        Storage.BumpVersion();
        if (_viewBase is not { } root)
        {
            GradFn = result.GradFn;
            OutputNr = result.OutputNr;
            if (RetainsGrad) RetainedGrads.Register(this); // the retained gradient is now that of the new history
            return this;
        }
        if (!(root.RequiresGrad || result.RequiresGrad)) return this;
        var positions = ViewPositions(root);
        Graph.Record(root, new CopySlicesBackward(positions, root.ShapeArray, ShapeArray), root, result);
        Graph.Record(this, new ViewFromBaseBackward(positions, root.ShapeArray), root);
        _viewBaseFn = root._gradFn;
        return this;
    }
}

/// <summary>
/// A view re-derived from its base's current history: the gradient of the view is scattered (added, for views that
/// repeat elements) into a zero gradient of the base at the view's positions.
/// </summary>
internal sealed class ViewFromBaseBackward(Tensor positions, int[] baseShape) : Node
{
    private readonly Tensor _positions = positions.Reshape(-1);

    public override string Name => "AsStridedBackward0";

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var g = Torch.Zeros([Tensor.NumelOf(baseShape)], grad.DType);
        return [g.IndexAdd(0, _positions, grad.Reshape(-1)).View(baseShape)];
    }
}

/// <summary>
/// PyTorch's CopySlices: the history of a base after an in-place write into one of its views. Inputs: the base's
/// previous history, and the written result. The base's old values get the gradient outside the view (they were
/// overwritten inside it); the result gets the gradient at the view's positions.
/// </summary>
internal sealed class CopySlicesBackward(Tensor positions, int[] baseShape, int[] viewShape) : Node
{
    private readonly Tensor _positions = positions.Reshape(-1);

    public override string Name => "CopySlices";

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var flat = grad.Reshape(-1);
        return
        [
            NeedsGrad(0) ? flat.IndexFill(0, _positions, 0.0).View(baseShape) : null,
            NeedsGrad(1) ? flat.IndexSelect(0, _positions).View(viewShape) : null,
        ];
    }
}
