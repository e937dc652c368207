namespace Ember;

public partial class Tensor
{
    /// <summary>
    /// A new tensor over the same storage, shape, strides and offset as <paramref name="source"/> (no copy), cut off
    /// from its graph: the storage seam through which a subclass such as <see cref="NN.Parameter"/> adopts a tensor's data.
    /// </summary>
    /// <param name="source">The tensor whose data to share.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    private protected Tensor(Tensor source)
        : this((source ?? throw new ArgumentNullException(nameof(source))).Storage, source.ShapeArray, source.StridesArray, source.Offset)
    {
    }
}
