using Ember.Autograd;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// Makes a view sharing this tensor's storage. When grad is recorded, <paramref name="backward"/>
    /// becomes the view's grad_fn with this tensor as its input. If the base is later modified in place with
    /// autograd, the view's grad_fn is re-derived from the base's new history when next used (<see cref="GradFn"/>).
    /// </summary>
    internal Tensor MakeView(int[] shape, int[] strides, int offset, Func<Node> backward)
    {
        var v = new Tensor(Storage, shape, strides, offset) { ViewBase = ViewBase ?? this };
        if (Graph.NeedsGrad(this))
        {
            Graph.Record(v, backward(), this);
        }
        return v;
    }
}
