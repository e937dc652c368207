namespace Ember;

public static partial class Torch
{
    /// <summary>An identity matrix of <paramref name="n"/> rows and <paramref name="m"/> columns (default square), PyTorch's <c>torch.eye</c>.</summary>
    /// <param name="n">Rows.</param>
    /// <param name="m">Columns (default <paramref name="n"/>).</param>
    /// <param name="dtype">The element type (default: <see cref="GetDefaultDType"/>).</param>
    /// <exception cref="ArgumentException">A size is negative, or the matrix would have more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor Eye(int n, int? m = null, DType? dtype = null)
    {
        int cols = m ?? n;
        if (n < 0 || cols < 0) throw new ArgumentException($"eye: n and m must be non-negative, got n={n}, m={cols}");
        var t = Tensor.Empty(CheckShape(new Size(n, cols), "eye"), (dtype ?? GetDefaultDType()).CheckDefined("eye"), zero: true, "eye");
        // The diagonal as a strided view of the new matrix (a non-empty matrix has cols + 1 ≤ its element count).
        int diagonal = Math.Min(n, cols);
        if (diagonal > 0) Kernels.CreationKernels.Fill(new Tensor(t.Storage, [diagonal], [cols + 1], 0), 1L);
        return t;
    }
}
