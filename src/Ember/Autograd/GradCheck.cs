using System.Text;

namespace Ember.Autograd;

/// <summary>
/// Checks autograd gradients against central finite differences, like <c>torch.autograd.gradcheck</c>:
/// every input that requires grad (in float64) is perturbed element by element by ±<c>eps</c>, and the
/// numerical Jacobian is compared with the analytical one built from one backward pass per output
/// element. Works on non-contiguous inputs (transposed views, slices).
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Returns true when the analytical and numerical Jacobians of <paramref name="function"/> agree,
    /// i.e. |analytical − numerical| ≤ <paramref name="atol"/> + <paramref name="rtol"/>·|numerical| for every entry.
    /// </summary>
    /// <param name="function">The function under test; it must not modify its inputs.</param>
    /// <param name="inputs">The inputs; those that require grad must be float64 and must not overlap in memory.</param>
    /// <param name="eps">The finite-difference step (default 1e-6, PyTorch's).</param>
    /// <param name="atol">Absolute tolerance (default 1e-5).</param>
    /// <param name="rtol">Relative tolerance (default 1e-3).</param>
    /// <param name="raiseException">Throw a <see cref="GradCheckException"/> describing the first mismatch instead of returning false (default true).</param>
    /// <exception cref="ArgumentException">No input requires grad, or one that does is not float64.</exception>
    /// <exception cref="GradCheckException">The Jacobians differ and <paramref name="raiseException"/> is true.</exception>
    public static bool Check(Func<Tensor[], Tensor> function, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5,
        double rtol = 1e-3, bool raiseException = true)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        var diff = inputs.Select((t, i) => (t, i)).Where(p => p.t.RequiresGrad).ToArray();
        if (diff.Length == 0) throw new ArgumentException("gradcheck: expected at least one input tensor to require gradient");
        foreach (var (t, i) in diff)
            if (t.DType != DType.Float64)
                throw new ArgumentException($"gradcheck: input {i} requires grad but is {t.DType.TorchName()}; finite differences need float64 inputs");

        Tensor output;
        using (Torch.EnableGrad()) output = function(inputs);
        if (!output.DType.IsFloatingPoint())
            throw new ArgumentException($"gradcheck: the function returned a {output.DType.TorchName()} tensor; expected floating point");
        int nOut = output.Numel;

        foreach (var (input, index) in diff)
        {
            int nIn = input.Numel;
            var analytical = new double[nOut, nIn];
            if (output.RequiresGrad)
            {
                for (int j = 0; j < nOut; j++)
                {
                    foreach (var (t, _) in diff) t.Grad = null;
                    var gradOut = Torch.Zeros(output.Shape, DType.Float64);
                    gradOut.Reshape(-1).Buffer<double>()[j] = 1.0;
                    output.Backward(gradOut.To(output.DType), retainGraph: true);
                    var g = input.Grad;
                    if (g is null) continue;
                    var gv = g.ToArray<double>();
                    for (int k = 0; k < nIn; k++) analytical[j, k] = gv[k];
                }
            }

            var numerical = new double[nOut, nIn];
            var buffer = input.Buffer<double>();
            for (int k = 0; k < nIn; k++)
            {
                int offset = StorageIndex(input, k);
                double original = buffer[offset];
                buffer[offset] = original + eps;
                double[] plus, minus;
                using (Torch.NoGrad()) plus = function(inputs).ToArray<double>();
                buffer[offset] = original - eps;
                using (Torch.NoGrad()) minus = function(inputs).ToArray<double>();
                buffer[offset] = original;
                for (int j = 0; j < nOut; j++) numerical[j, k] = (plus[j] - minus[j]) / (2 * eps);
            }

            for (int j = 0; j < nOut; j++)
                for (int k = 0; k < nIn; k++)
                {
                    double a = analytical[j, k], n = numerical[j, k];
                    if (!(Math.Abs(a - n) <= atol + rtol * Math.Abs(n)) && !(double.IsNaN(a) && double.IsNaN(n)))
                    {
                        if (!raiseException) return false;
                        throw new GradCheckException(Describe(index, j, k, a, n, analytical, numerical));
                    }
                }
            input.Grad = null;
        }
        return true;
    }

    private static int StorageIndex(Tensor t, int flat)
    {
        int offset = t.Offset;
        for (int d = t.Dim - 1; d >= 0; d--)
        {
            int size = t.ShapeArray[d];
            offset += flat % size * t.StridesArray[d];
            flat /= size;
        }
        return offset;
    }

    private static string Describe(int input, int j, int k, double a, double n, double[,] analytical, double[,] numerical)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"gradcheck: Jacobian mismatch for output element {j} with respect to input {input}, element {k}:");
        sb.AppendLine($"numerical: {n:R}");
        sb.AppendLine($"analytical: {a:R}");
        if (analytical.Length <= 64)
        {
            sb.AppendLine("numerical Jacobian (rows: outputs):").AppendLine(Format(numerical));
            sb.AppendLine("analytical Jacobian:").AppendLine(Format(analytical));
        }
        return sb.ToString();
    }

    private static string Format(double[,] m)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < m.GetLength(0); i++)
        {
            for (int j = 0; j < m.GetLength(1); j++) sb.Append(m[i, j].ToString("G6")).Append(' ');
            sb.AppendLine();
        }
        return sb.ToString();
    }
}

/// <summary>Thrown by <see cref="GradCheck.Check"/> when the analytical and numerical gradients differ.</summary>
public sealed class GradCheckException : Exception
{
    /// <summary>Creates the exception with a description of the mismatch.</summary>
    /// <param name="message">Which entry differs, and both Jacobians when small.</param>
    public GradCheckException(string message) : base(message) { }
}
