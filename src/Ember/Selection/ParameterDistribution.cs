namespace Ember.Selection;

/// <summary>
/// A distribution a <see cref="RandomSearch"/> draws a parameter's value from (scipy.stats' frozen distributions with
/// <c>rvs</c>); the ready-made ones are in <see cref="Distributions"/>.
/// </summary>
public abstract class ParameterDistribution
{
    /// <summary>Draws one value.</summary>
    /// <param name="generator">The random stream.</param>
    /// <returns>The value (boxed).</returns>
    public abstract object Sample(Generator generator);
}

/// <summary>The distributions of <see cref="RandomSearch"/>'s parameter space.</summary>
public static class Distributions
{
    /// <summary>A double uniform in [<paramref name="low"/>, <paramref name="high"/>) (scipy's <c>uniform(low, high - low)</c>).</summary>
    /// <param name="low">The lower bound (finite).</param>
    /// <param name="high">The upper bound (finite, greater than <paramref name="low"/>).</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">A bound is not finite or <paramref name="high"/> ≤ <paramref name="low"/>.</exception>
    public static ParameterDistribution Uniform(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || !(high > low))
            throw new ArgumentException($"uniform: needs finite bounds with low < high, got low={low}, high={high}", nameof(high));
        return new UniformDistribution(low, high);
    }

    /// <summary>A double between <paramref name="low"/> and <paramref name="high"/> whose logarithm is uniform (scipy's <c>loguniform(low, high)</c>), e.g. learning rates.</summary>
    /// <param name="low">The lower bound (positive, finite).</param>
    /// <param name="high">The upper bound (finite, greater than <paramref name="low"/>).</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">A bound is not positive and finite, or <paramref name="high"/> ≤ <paramref name="low"/>.</exception>
    public static ParameterDistribution LogUniform(double low, double high)
    {
        if (!(low > 0) || !double.IsFinite(high) || !(high > low))
            throw new ArgumentException($"loguniform: needs finite bounds with 0 < low < high, got low={low}, high={high}", nameof(low));
        return new LogUniformDistribution(low, high);
    }

    /// <summary>An integer uniform in [<paramref name="low"/>, <paramref name="high"/>) (scipy's <c>randint(low, high)</c>), as an <see cref="int"/>.</summary>
    /// <param name="low">The smallest value.</param>
    /// <param name="high">One more than the largest value; greater than <paramref name="low"/>.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException"><paramref name="high"/> ≤ <paramref name="low"/>.</exception>
    public static ParameterDistribution IntRange(int low, int high)
    {
        if (high <= low) throw new ArgumentException($"intrange: needs low < high, got low={low}, high={high}", nameof(high));
        return new IntRangeDistribution(low, high);
    }

    /// <summary>One of <paramref name="values"/>, each equally likely (what a plain list means in a random search).</summary>
    /// <param name="values">The values (at least one, none null).</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or a value is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static ParameterDistribution Choice(params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("choice: needs at least one value", nameof(values));
        if (values.Any(v => v is null)) throw new ArgumentNullException(nameof(values), "choice: a value is null");
        return new ChoiceDistribution(values.ToArray());
    }

    private sealed class UniformDistribution(double low, double high) : ParameterDistribution
    {
        public override object Sample(Generator generator) => low + (high - low) * generator.NextDouble();
        public override string ToString() => $"Uniform({low}, {high})";
    }

    private sealed class LogUniformDistribution(double low, double high) : ParameterDistribution
    {
        public override object Sample(Generator generator) => Math.Exp(Math.Log(low) + (Math.Log(high) - Math.Log(low)) * generator.NextDouble());
        public override string ToString() => $"LogUniform({low}, {high})";
    }

    private sealed class IntRangeDistribution(int low, int high) : ParameterDistribution
    {
        public override object Sample(Generator generator) => (int)generator.NextInt64(low, high);
        public override string ToString() => $"IntRange({low}, {high})";
    }

    private sealed class ChoiceDistribution(object[] values) : ParameterDistribution
    {
        public override object Sample(Generator generator) => values[generator.NextInt64(0, values.Length)];
        public override string ToString() => $"Choice({values.Length} values)";
    }
}
