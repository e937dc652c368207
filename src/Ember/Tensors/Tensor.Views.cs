using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// Makes a view sharing this tensor's storage. When grad is recorded, <paramref name="backward"/>
    /// becomes the view's grad_fn with this tensor as its input (and checks at backward time that no
    /// in-place op has since rebased this tensor's history).
    /// </summary>
    internal Tensor MakeView(int[] shape, int[] strides, int offset, Func<Node> backward)
    {
        var v = new Tensor(Storage, shape, strides, offset) { ViewBase = ViewBase ?? this };
        if (Graph.NeedsGrad(this))
        {
            var node = backward();
            node.ViewOf = (this, GradFn);
            Graph.Record(v, node, this);
        }
        return v;
    }
}
