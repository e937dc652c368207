namespace Ember.Data.Transforms;

/// <summary>Wraps a function as a transform (torchvision's <c>Lambda</c>): <c>new Lambda(x =&gt; x * 2 - 1)</c>.</summary>
public sealed class Lambda : Transform
{
    /// <summary>Wraps <paramref name="function"/>.</summary>
    /// <param name="function">The tensor function; it should not modify its input. If it draws random numbers, it should use
    /// <c>DataLoader.SampleGenerator ?? Generator.Default</c> to stay repeatable with loader workers.</param>
    public Lambda(Func<Tensor, Tensor> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
    }

    /// <summary>The wrapped function.</summary>
    public Func<Tensor, Tensor> Function { get; }

    /// <summary>Applies the function.</summary>
    /// <param name="input">The tensor.</param>
    public override Tensor Forward(Tensor input) => Function(input);

    /// <summary>torchvision's representation, <c>Lambda()</c>.</summary>
    public override string ToString() => "Lambda()";
}
