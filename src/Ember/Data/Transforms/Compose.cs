namespace Ember.Data.Transforms;

/// <summary>
/// Applies tensor transforms one after another (torchvision's <c>Compose</c>):
/// <c>new Compose(new RandomCrop(28, padding: 2), new RandomHorizontalFlip(), new Normalize(0.2860, 0.3530))</c>.
/// Shapes are whatever the chain makes of them.
/// </summary>
public sealed class Compose : Transform
{
    private readonly Transform<Tensor, Tensor>[] _transforms;

    /// <summary>Chains <paramref name="transforms"/> (applied first to last; none: identity).</summary>
    /// <param name="transforms">The transforms.</param>
    public Compose(params Transform<Tensor, Tensor>[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        for (int i = 0; i < transforms.Length; i++)
            if (transforms[i] is null) throw new ArgumentNullException(nameof(transforms), $"Compose: transform {i} is null");
        _transforms = (Transform<Tensor, Tensor>[])transforms.Clone();
    }

    /// <summary>The transforms, in order.</summary>
    public IReadOnlyList<Transform<Tensor, Tensor>> Transforms => _transforms;

    /// <summary>Applies every transform in order.</summary>
    /// <param name="input">The tensor.</param>
    public override Tensor Forward(Tensor input)
    {
        foreach (var t in _transforms) input = t.Forward(input);
        return input;
    }

    /// <summary>torchvision's representation: <c>Compose(</c>, one transform per line, <c>)</c>.</summary>
    public override string ToString() => Format(_transforms);

    internal static string Format(IEnumerable<object> transforms) =>
        "Compose(\n" + string.Concat(transforms.Select(t => $"    {t}\n")) + ")";
}

/// <summary>
/// A chain that starts from a non-tensor sample (e.g. an <see cref="Image"/>) and continues with tensor
/// transforms: <c>new Compose&lt;Image&gt;(new ToTensor(), new Normalize(0.5, 0.5))</c>.
/// </summary>
/// <typeparam name="TIn">The input type of the first transform.</typeparam>
public sealed class Compose<TIn> : Transform<TIn, Tensor>
{
    private readonly Transform<TIn, Tensor> _first;
    private readonly Compose _rest;

    /// <summary>Chains <paramref name="first"/> and then <paramref name="rest"/>.</summary>
    /// <param name="first">The transform that makes a tensor (e.g. <see cref="ToTensor"/>).</param>
    /// <param name="rest">Tensor transforms applied afterwards, in order.</param>
    public Compose(Transform<TIn, Tensor> first, params Transform<Tensor, Tensor>[] rest)
    {
        ArgumentNullException.ThrowIfNull(first);
        _first = first;
        _rest = new Compose(rest);
    }

    /// <summary>Applies the first transform, then the others in order.</summary>
    /// <param name="input">The sample.</param>
    public override Tensor Forward(TIn input) => _rest.Forward(_first.Forward(input));

    /// <summary>torchvision's representation.</summary>
    public override string ToString() => Compose.Format(new object[] { _first }.Concat(_rest.Transforms));
}
