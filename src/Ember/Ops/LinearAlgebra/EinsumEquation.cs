namespace Ember;

/// <summary>
/// A parsed einsum equation: per operand, its subscripts as label ids (A–Z are 0–25, a–z 26–51, PyTorch's order for
/// the implicit output) with <see cref="Ellipsis"/> standing for "..."; and the output subscripts (explicit after
/// "->", or implicit: the ellipsis, then every label used exactly once, in label order).
/// </summary>
internal sealed class EinsumEquation
{
    public const int Ellipsis = -1;
    public const int LabelCount = 52;

    public readonly List<int>[] Inputs;
    public readonly List<int> Output = [];

    private EinsumEquation(List<int>[] inputs) => Inputs = inputs;

    /// <summary>The letter of a label id.</summary>
    public static char Letter(int label) => label < 26 ? (char)('A' + label) : (char)('a' + label - 26);

    /// <exception cref="ArgumentException">The equation is malformed or does not match the operand count.</exception>
    public static EinsumEquation Parse(string equation, int operandCount)
    {
        int arrow = equation.IndexOf("->", StringComparison.Ordinal);
        string lhs = arrow < 0 ? equation : equation[..arrow];
        var terms = new List<List<int>> { new() };
        int pos = 0;
        for (; pos < lhs.Length; pos++)
        {
            char c = lhs[pos];
            if (c == ',') { terms.Add([]); continue; }
            if (char.IsWhiteSpace(c)) continue;
            pos = ParseSubscript(equation, pos, terms[^1], $"operand {terms.Count - 1}");
        }
        if (terms.Count > operandCount)
            throw new ArgumentException($"einsum(): fewer operands were provided than specified in the equation ({operandCount} operands, equation \"{equation}\")");
        if (terms.Count < operandCount)
            throw new ArgumentException($"einsum(): more operands were provided than specified in the equation ({operandCount} operands, equation \"{equation}\")");
        var eq = new EinsumEquation(terms.ToArray());
        if (arrow >= 0)
        {
            for (pos = arrow + 2; pos < equation.Length; pos++)
            {
                if (char.IsWhiteSpace(equation[pos])) continue;
                pos = ParseSubscript(equation, pos, eq.Output, "output");
            }
            var seen = new bool[LabelCount];
            foreach (var label in eq.Output)
            {
                if (label == Ellipsis) continue;
                if (seen[label])
                    throw new ArgumentException($"einsum(): output subscript {Letter(label)} appears more than once in the output (equation \"{equation}\")");
                seen[label] = true;
                if (!eq.Inputs.Any(t => t.Contains(label)))
                    throw new ArgumentException($"einsum(): output subscript {Letter(label)} does not appear in the equation for any input operand (equation \"{equation}\")");
            }
        }
        else
        {
            var counts = new int[LabelCount];
            bool ellipsis = false;
            foreach (var term in eq.Inputs)
                foreach (var label in term)
                    if (label == Ellipsis) ellipsis = true;
                    else counts[label]++;
            if (ellipsis) eq.Output.Add(Ellipsis);
            for (int label = 0; label < LabelCount; label++)
                if (counts[label] == 1) eq.Output.Add(label);
        }
        return eq;
    }

    // Reads one subscript (a letter or "...") at pos into term; returns the position of its last character.
    private static int ParseSubscript(string equation, int pos, List<int> term, string owner)
    {
        char c = equation[pos];
        if (c is >= 'A' and <= 'Z') { term.Add(c - 'A'); return pos; }
        if (c is >= 'a' and <= 'z') { term.Add(c - 'a' + 26); return pos; }
        if (c == '.')
        {
            if (term.Contains(Ellipsis))
                throw new ArgumentException($"einsum(): found '.' for {owner} for which an ellipsis was already found (equation \"{equation}\")");
            if (pos + 2 >= equation.Length || equation[pos + 1] != '.' || equation[pos + 2] != '.')
                throw new ArgumentException($"einsum(): found '.' for {owner} that is not part of any ellipsis (equation \"{equation}\")");
            term.Add(Ellipsis);
            return pos + 2;
        }
        throw new ArgumentException($"einsum(): invalid subscript given at index {pos} in the equation string, subscripts must be in [a-zA-Z] (equation \"{equation}\")");
    }
}
