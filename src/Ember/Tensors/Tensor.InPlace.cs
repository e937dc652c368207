using Ember.Autograd;
using Ember.Kernels;

namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// Runs a binary op in place on this tensor. Without autograd the kernel writes straight into this
    /// storage (computing in <paramref name="resultType"/> and storing in this dtype); with autograd the op runs
    /// out of place and this tensor takes over the result's values and history. Either way the version counter
    /// is bumped so stale saved tensors are detected. The caller has checked that the result dtype can be
    /// stored here.
    /// </summary>
    internal Tensor InPlace(Tensor other, DType resultType, string op, Func<Tensor, Tensor, Tensor> outOfPlace,
        Action<Tensor, Tensor, Tensor, DType> kernel)
    {
        if (!Broadcasting.CanBroadcastTo(other.ShapeArray, ShapeArray))
            throw new ArgumentException($"{op}: output with shape {Shape} doesn't match the broadcast shape of {Shape} and {other.Shape}", nameof(other));
        Graph.CheckInPlace(this, op);
        MemoryOverlap.AssertNoInternalOverlap(this, op);
        other = MemoryOverlap.SafeInput(this, other, op);
        if (GradMode.IsEnabled && (RequiresGrad || other.RequiresGrad))
        {
            // The op may save its input for backward; give it a copy of the old values (PyTorch's
            // original self), since this tensor is about to be overwritten.
            var r = outOfPlace(Clone(), other);
            return CommitInPlace(r);
        }
        kernel(this, other, this, resultType);
        Storage.BumpVersion();
        return this;
    }

    /// <summary>Runs a unary op in place (see <see cref="InPlace(Tensor, DType, string, Func{Tensor, Tensor, Tensor}, Action{Tensor, Tensor, Tensor, DType})"/>).</summary>
    internal Tensor InPlace(string op, Func<Tensor, Tensor> outOfPlace)
    {
        Graph.CheckInPlace(this, op);
        MemoryOverlap.AssertNoInternalOverlap(this, op);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            var r = outOfPlace(Clone());
            return CommitInPlace(r);
        }
        var result = outOfPlace(this);
        if (!DTypeExtensions.CanCast(result.DType, DType))
            throw Arithmetic.CannotCast(op, result.DType, DType);
        Elementwise.CopyInto(result, this);
        Storage.BumpVersion();
        return this;
    }
}
