namespace Ember;

public static partial class Torch
{
    /// <summary>Uniform samples from [0, 1) (PyTorch's <c>torch.rand</c>), float32.</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    public static Tensor Rand(params ReadOnlySpan<int> shape) => Rand(new Size(shape));

    /// <summary>Uniform samples from [0, 1).</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="dtype">A floating-point element type (default: <see cref="GetDefaultDType"/>).</param>
    /// <param name="generator">The generator (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false).</param>
    /// <exception cref="ArgumentException">The dtype is not floating point, a size is negative, or the shape has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    public static Tensor Rand(Size shape, DType? dtype = null, Generator? generator = null, bool requiresGrad = false)
    {
        var dt = dtype ?? GetDefaultDType();
        RequireFloat(dt, "rand");
        var t = Tensor.Empty(CheckShape(shape, "rand"), dt, op: "rand");
        Kernels.CreationKernels.Uniform(t, generator ?? Generator.Default);
        return requiresGrad ? t.RequiresGrad_() : t;
    }

    /// <summary>Standard normal samples (PyTorch's <c>torch.randn</c>), float32.</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    public static Tensor Randn(params ReadOnlySpan<int> shape) => Randn(new Size(shape));

    /// <summary>Standard normal samples.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="dtype">A floating-point element type (default: <see cref="GetDefaultDType"/>).</param>
    /// <param name="generator">The generator (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <param name="requiresGrad">Whether autograd tracks the new leaf (default false).</param>
    /// <exception cref="ArgumentException">The dtype is not floating point, a size is negative, or the shape has more than <see cref="Tensor.MaxNumel"/> elements.</exception>
    public static Tensor Randn(Size shape, DType? dtype = null, Generator? generator = null, bool requiresGrad = false)
    {
        var dt = dtype ?? GetDefaultDType();
        RequireFloat(dt, "randn");
        var t = Tensor.Empty(CheckShape(shape, "randn"), dt, op: "randn");
        Kernels.CreationKernels.Normal(t, generator ?? Generator.Default);
        return requiresGrad ? t.RequiresGrad_() : t;
    }

    /// <summary>Uniform integers in [<paramref name="low"/>, <paramref name="high"/>) as int64 (PyTorch's <c>torch.randint</c>).</summary>
    /// <param name="low">The inclusive lower bound.</param>
    /// <param name="high">The exclusive upper bound; greater than <paramref name="low"/>.</param>
    /// <param name="shape">The shape.</param>
    /// <param name="generator">The generator (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <exception cref="ArgumentException"><paramref name="high"/> ≤ <paramref name="low"/>, a size is negative, the shape
    /// has more than <see cref="Tensor.MaxNumel"/> elements, or <paramref name="low"/> or <paramref name="high"/> − 1 is out
    /// of the range of <paramref name="dtype"/> (PyTorch's "to - 1 is out of bounds for unsigned char").</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined dtype.</exception>
    public static Tensor Randint(long low, long high, Size shape, Generator? generator = null, DType? dtype = null)
    {
        if (high <= low) throw new ArgumentException($"randint: expected low < high, but got low={low}, high={high}", nameof(high));
        if (dtype is { } target)
        {
            // The samples are drawn as int64 and converted: a range the dtype cannot hold would wrap around.
            var (min, max) = target.CheckDefined("randint") switch
            {
                DType.Bool => (0, 1),
                DType.UInt8 => (0, byte.MaxValue),
                DType.Int32 => (int.MinValue, int.MaxValue),
                DType.Float16 => (-65504, 65504),
                _ => (long.MinValue, long.MaxValue),
            };
            if (low < min || low > max)
                throw new ArgumentException($"randint: from is out of bounds for {target.TorchName()} (low={low}, high={high})", nameof(low));
            if (high - 1 < min || high - 1 > max)
                throw new ArgumentException($"randint: to - 1 is out of bounds for {target.TorchName()} (low={low}, high={high})", nameof(high));
        }
        var t = Tensor.Empty(CheckShape(shape, "randint"), DType.Int64, op: "randint");
        Kernels.CreationKernels.RandomIntegers(t, low, high, generator ?? Generator.Default);
        return dtype is { } dt && dt != DType.Int64 ? t.Cast(dt) : t;
    }

    /// <summary>Uniform integers in [0, <paramref name="high"/>) as int64.</summary>
    /// <param name="high">The exclusive upper bound; positive.</param>
    /// <param name="shape">The shape.</param>
    /// <param name="generator">The generator (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <exception cref="ArgumentException">low is not below high.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The dtype is not a defined DType.</exception>
    public static Tensor Randint(long high, Size shape, Generator? generator = null, DType? dtype = null) => Randint(0, high, shape, generator, dtype);

    /// <summary>A random permutation of 0 … <paramref name="n"/>-1 as int64 (PyTorch's <c>torch.randperm</c>).</summary>
    /// <param name="n">The length; non-negative.</param>
    /// <param name="generator">The generator (default: this thread's <see cref="Generator.Default"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="n"/> is negative or more than <see cref="Tensor.MaxNumel"/>.</exception>
    public static Tensor Randperm(int n, Generator? generator = null)
    {
        if (n < 0) throw new ArgumentException($"randperm: n must be non-negative, got {n}", nameof(n));
        if (n > Tensor.MaxNumel) throw new ArgumentException($"randperm: n ({n}) is more than the {Tensor.MaxNumel} elements a tensor can hold", nameof(n));
        var t = Arange(n);
        Kernels.CreationKernels.Shuffle(t, generator ?? Generator.Default);
        return t;
    }

    /// <summary>Uniform [0, 1) samples with the shape of <paramref name="like"/>.</summary>
    /// <param name="like">The tensor whose shape (and floating dtype) to use.</param>
    /// <exception cref="ArgumentNullException"><paramref name="like"/> is null.</exception>
    public static Tensor RandLike(Tensor like) => Rand(NotNull(like).Shape, like.DType.IsFloatingPoint() ? like.DType : GetDefaultDType());

    /// <summary>Standard normal samples with the shape of <paramref name="like"/>.</summary>
    /// <param name="like">The tensor whose shape (and floating dtype) to use.</param>
    /// <exception cref="ArgumentNullException"><paramref name="like"/> is null.</exception>
    public static Tensor RandnLike(Tensor like) => Randn(NotNull(like).Shape, like.DType.IsFloatingPoint() ? like.DType : GetDefaultDType());

    internal static void RequireFloat(DType dtype, string op)
    {
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a floating point dtype, got {dtype.TorchName()}", nameof(dtype));
    }
}
