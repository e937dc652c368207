namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// The values of this tensor without autograd history (PyTorch's <c>x.data</c>). Getting it is
    /// <see cref="Detach"/>; setting it makes this leaf tensor point at <paramref name="value"/>'s storage,
    /// shape and dtype while keeping its identity (how modules convert their parameters in place).
    /// Views taken before the assignment keep the old values.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a non-leaf tensor, or a tensor that requires grad receives a non-float value.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Tensor Data
    {
        get => Detach();
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            ObjectDisposedException.ThrowIf(value.IsDisposed, value);
            if (!IsLeaf)
                throw new InvalidOperationException("data: only a leaf tensor's data can be replaced; this tensor has a grad_fn");
            if (_requiresGrad && !value.DType.IsFloatingPoint())
                throw new InvalidOperationException($"data: a tensor that requires grad cannot hold {value.DType.TorchName()} data");
            var old = Storage;
            value.Storage.AddHandle();
            Storage = value.Storage;
            old.ReleaseHandle();
            ShapeArray = value.ShapeArray;
            StridesArray = value.StridesArray;
            Offset = value.Offset;
            ViewBase = null;
        }
    }
}
