using System.Collections;
using System.Globalization;

namespace Ember.Selection;

/// <summary>
/// The candidates of a grid search: every combination of the values listed per parameter, in scikit-learn's
/// <c>ParameterGrid</c> order — parameter names sorted (ordinal, as Python sorts strings), the last name varying fastest; with
/// several grids, the first grid's combinations come first.
/// </summary>
/// <example><code>
/// var grid = new ParameterGrid(new Dictionary&lt;string, IEnumerable&lt;object&gt;&gt;
/// {
///     ["lr"] = [0.1, 0.01],
///     ["hidden"] = [16, 32],
/// });
/// // {hidden: 16, lr: 0.1}, {hidden: 16, lr: 0.01}, {hidden: 32, lr: 0.1}, {hidden: 32, lr: 0.01}
/// </code></example>
public sealed class ParameterGrid : IReadOnlyList<IReadOnlyDictionary<string, object>>
{
    private readonly List<(string[] Names, object[][] Values)> _grids = [];
    private readonly List<long> _starts = [];

    /// <summary>Creates a grid from one dictionary of parameter name → values to try.</summary>
    /// <param name="grid">Each parameter's values (at least one each); at least one parameter.</param>
    /// <exception cref="ArgumentNullException"><paramref name="grid"/>, a value list or a value is null.</exception>
    /// <exception cref="ArgumentException">The grid names no parameter, a parameter has no value, or the grid has more than 2^31 − 1 combinations.</exception>
    public ParameterGrid(IReadOnlyDictionary<string, IEnumerable<object>> grid) : this([grid]) { }

    /// <summary>Creates the union of several grids (scikit-learn's list of dictionaries), explored one after the other.</summary>
    /// <param name="grids">The grids (at least one), each as for <see cref="ParameterGrid(IReadOnlyDictionary{string, IEnumerable{object}})"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="grids"/>, a grid, a value list or a value is null.</exception>
    /// <exception cref="ArgumentException">No grid, a grid names no parameter, a parameter has no value, or more than 2^31 − 1 combinations.</exception>
    public ParameterGrid(IEnumerable<IReadOnlyDictionary<string, IEnumerable<object>>> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        long total = 0;
        foreach (var grid in grids)
        {
            ArgumentNullException.ThrowIfNull(grid, nameof(grids));
            if (grid.Count == 0) throw new ArgumentException("parametergrid: a grid names no parameter", nameof(grids));
            var names = grid.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
            var values = new object[names.Length][];
            long size = 1;
            for (int i = 0; i < names.Length; i++)
            {
                var list = grid[names[i]] ?? throw new ArgumentNullException(nameof(grids), $"parametergrid: the values of parameter '{names[i]}' are null");
                values[i] = list.ToArray();
                if (values[i].Length == 0)
                    throw new ArgumentException($"parametergrid: parameter '{names[i]}' needs a non-empty list of values, got none", nameof(grids));
                if (values[i].Any(v => v is null)) throw new ArgumentNullException(nameof(grids), $"parametergrid: parameter '{names[i]}' has a null value");
                size = Math.Min(size * values[i].Length, (long)int.MaxValue + 1);
            }
            _starts.Add(total);
            total += size;
            if (total > int.MaxValue) throw new ArgumentException($"parametergrid: the grid has more than {int.MaxValue} combinations", nameof(grids));
            _grids.Add((names, values));
        }
        if (_grids.Count == 0) throw new ArgumentException("parametergrid: no grid was given", nameof(grids));
        Count = (int)total;
    }

    /// <summary>The number of combinations.</summary>
    public int Count { get; }

    /// <summary>Combination number <paramref name="index"/> (scikit-learn's <c>grid[index]</c>): names sorted, values of that combination.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public IReadOnlyDictionary<string, object> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"parametergrid: index {index} is out of range for a grid of {Count} combinations");
            int g = _grids.Count - 1;
            while (_starts[g] > index) g--;
            long rest = index - _starts[g];
            var (names, values) = _grids[g];
            var chosen = new object[names.Length];
            for (int i = names.Length - 1; i >= 0; i--)
            {
                chosen[i] = values[i][rest % values[i].Length];
                rest /= values[i].Length;
            }
            return Candidate(names, chosen);
        }
    }

    internal static IReadOnlyDictionary<string, object> Candidate(string[] names, object[] values)
    {
        var d = new Dictionary<string, object>(names.Length, StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++) d[names[i]] = values[i];
        return d;
    }

    /// <summary>Enumerates the combinations in order.</summary>
    public IEnumerator<IReadOnlyDictionary<string, object>> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A candidate as Python prints a dict: <c>{'act': 'relu', 'lr': 0.1}</c>.</summary>
    /// <param name="parameters">The candidate.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    public static string Format(IReadOnlyDictionary<string, object> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return "{" + string.Join(", ", parameters.Select(kv => $"'{kv.Key}': {Repr(kv.Value)}")) + "}";
    }

    /// <summary>Python's <c>repr</c> of a float: <c>1.0</c>, <c>0.01</c>, <c>1e-05</c>, <c>nan</c>, <c>inf</c>.</summary>
    private static string PythonFloat(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        string r = d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        int e = r.IndexOf('e', StringComparison.Ordinal);
        if (e >= 0)
        {
            // Python writes at least two exponent digits and a sign: 1e-05, 1e+16.
            string exponent = r[(e + 1)..];
            char sign = exponent[0] is '-' or '+' ? exponent[0] : '+';
            string digits = exponent.TrimStart('-', '+');
            return r[..e] + "e" + sign + digits.PadLeft(2, '0');
        }
        return r.Contains('.', StringComparison.Ordinal) ? r : r + ".0";
    }

    private static string Repr(object? v) => v switch
    {
        null => "None",
        string s => $"'{s}'",
        bool b => b ? "True" : "False",
        double d => PythonFloat(d),
        float f => PythonFloat(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
