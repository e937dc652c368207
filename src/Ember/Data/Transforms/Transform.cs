namespace Ember.Data.Transforms;

/// <summary>
/// A per-sample transform from <typeparamref name="TIn"/> to <typeparamref name="TOut"/> (torchvision's
/// transform objects). Any transform converts implicitly to <c>Func&lt;TIn, TOut&gt;</c>, so it can be passed
/// wherever a dataset takes a <c>transform</c> delegate:
/// <c>FashionMnist.Load(transform: new Normalize(0.2860, 0.3530))</c>.
/// </summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class Transform<TIn, TOut>
{
    /// <summary>Applies the transform (torchvision's <c>__call__</c>). Safe to call from several threads at once.</summary>
    /// <param name="input">The sample.</param>
    public abstract TOut Forward(TIn input);

    /// <summary>The transform as a delegate.</summary>
    /// <param name="transform">The transform.</param>
    public static implicit operator Func<TIn, TOut>(Transform<TIn, TOut> transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return transform.Forward;
    }
}

/// <summary>
/// A transform of a tensor (image transforms take [C, H, W], or more generally [..., H, W], of any dtype — uint8 or float, as
/// torchvision's tensor transforms — and return a new tensor unless they say otherwise; they never track autograd and never
/// change their input).
/// </summary>
public abstract class Transform : Transform<Tensor, Tensor>
{
}

/// <summary>
/// A tensor transform that draws random numbers. Inside a <see cref="DataLoader{T, TBatch}"/> it draws
/// from <see cref="DataLoader.SampleGenerator"/> (seeded from the epoch's seed and the sample's position,
/// so results do not depend on <c>numWorkers</c>); elsewhere from the generator given to its constructor,
/// or else the calling thread's <see cref="Generator.Default"/>.
/// </summary>
public abstract class RandomTransform : Transform
{
    /// <summary>Stores the generator used outside a loader.</summary>
    /// <param name="generator">The generator used when called outside a loader (null: the calling thread's <see cref="Generator.Default"/>). Not thread-safe: do not share one between threads.</param>
    protected RandomTransform(Generator? generator) => Generator = generator;

    /// <summary>The generator used outside a loader, or null.</summary>
    public Generator? Generator { get; }

    /// <summary>The generator to draw from now (see the class remarks).</summary>
    protected Generator Random => DataLoader.SampleGenerator ?? Generator ?? Generator.Default;

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>) (torch's <c>uniform_</c>).</summary>
    protected static double Uniform(Generator g, double low, double high) => low + (high - low) * g.NextDouble();
}
