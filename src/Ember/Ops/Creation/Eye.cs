namespace Ember;

public static partial class Torch
{
    /// <summary>An identity matrix of <paramref name="n"/> rows and <paramref name="m"/> columns (default square), PyTorch's <c>torch.eye</c>.</summary>
    /// <param name="n">Rows.</param>
    /// <param name="m">Columns (default <paramref name="n"/>).</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <exception cref="ArgumentException">A size is negative.</exception>
    public static Tensor Eye(int n, int? m = null, DType dtype = DType.Float32)
    {
        int cols = m ?? n;
        if (n < 0 || cols < 0) throw new ArgumentException($"eye: n and m must be non-negative, got n={n}, m={cols}");
        var t = Zeros(new Size(n, cols), dtype);
        for (int i = 0; i < Math.Min(n, cols); i++) SetFlat(t, i * cols + i, 1);
        return t;
    }
}
