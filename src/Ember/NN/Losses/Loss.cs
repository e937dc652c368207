namespace Ember.NN;

/// <summary>How a loss reduces its per-element values (PyTorch's <c>reduction=</c> string).</summary>
public enum Reduction
{
    /// <summary>No reduction: the loss of every element (<c>'none'</c>), in the shape the loss documents.</summary>
    None,

    /// <summary>The mean of the element losses (<c>'mean'</c>, the default); weighted losses divide by the sum of the weights.</summary>
    Mean,

    /// <summary>The sum of the element losses (<c>'sum'</c>).</summary>
    Sum,

    /// <summary>
    /// The sum divided by the batch size, the first dimension (<c>'batchmean'</c>); only
    /// <see cref="KLDivLoss"/>/<see cref="F.KlDiv"/> accept it, as in PyTorch, and it is the mathematically
    /// correct KL divergence. Every other loss throws <see cref="ArgumentException"/>.
    /// </summary>
    BatchMean,
}

/// <summary>
/// The base of the loss modules (PyTorch's <c>_Loss</c>): it holds the <see cref="Reduction"/>. Each loss
/// has a <c>Forward(input, target)</c> (or three inputs) that calls its functional twin in <see cref="F"/>,
/// and prints like PyTorch, e.g. <c>CrossEntropyLoss()</c>.
/// </summary>
public abstract class Loss : Module
{
    /// <summary>Sets the reduction and checks that this loss supports it.</summary>
    /// <param name="reduction">The reduction.</param>
    /// <param name="allowBatchMean">Whether <see cref="Reduction.BatchMean"/> is allowed (only for KL divergence).</param>
    /// <exception cref="ArgumentException"><paramref name="reduction"/> is not a defined value, or is BatchMean where not allowed.</exception>
    protected Loss(Reduction reduction, bool allowBatchMean = false)
    {
        if (!Enum.IsDefined(reduction) || (reduction == Reduction.BatchMean && !allowBatchMean))
            throw new ArgumentException(
                $"{TypeName}: reduction {reduction} is not supported; use Reduction.None, Reduction.Mean or Reduction.Sum (BatchMean is only for KLDivLoss)",
                nameof(reduction));
        Reduction = reduction;
    }

    /// <summary>How the element losses are reduced (default <see cref="Reduction.Mean"/>).</summary>
    public Reduction Reduction { get; }
}
