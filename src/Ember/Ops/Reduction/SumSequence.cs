namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// The sum of a sequence of tensors, like Python's <c>sum(tensors)</c> (0 + t₀ + t₁ + …): the shapes broadcast and
    /// the dtypes promote as in <see cref="Add(Tensor, Tensor, double)"/> (bool tensors give int64), autograd
    /// flows to every term, and an empty sequence gives a 0-d int64 zero.
    /// </summary>
    /// <param name="tensors">The tensors to add.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor Sum(IEnumerable<Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        Tensor? acc = null;
        int i = 0;
        foreach (var t in tensors)
        {
            if (t is null) throw new ArgumentNullException(nameof(tensors), $"sum: tensor number {i} in the sequence is null");
            acc = acc is null ? Add(t, Tensor.Wrap(0L)) : Add(acc, t);
            i++;
        }
        return acc ?? Scalar(0L);
    }
}

/// <summary>LINQ-style helpers on sequences of tensors.</summary>
public static class TensorEnumerable
{
    /// <summary>
    /// The sum of the tensors (see <see cref="Torch.Sum(IEnumerable{Tensor})"/>), so that <c>losses.Sum()</c> works like
    /// Python's <c>sum(losses)</c>.
    /// </summary>
    /// <param name="tensors">The tensors to add.</param>
    public static Tensor Sum(this IEnumerable<Tensor> tensors) => Torch.Sum(tensors);
}
