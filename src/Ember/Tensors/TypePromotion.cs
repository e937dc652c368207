namespace Ember;

/// <summary>
/// PyTorch's type promotion (<c>torch.result_type</c>): operands fall in three priority groups —
/// tensors with dimensions, 0-d tensors, and C# numbers (PyTorch's "wrapped numbers") — and a lower
/// group only takes part when its category (bool &lt; integer &lt; float) is higher than that of the groups
/// above it. So <c>float32 [3] + float64 0-d</c> is float32, <c>int64 [3] + 2.5</c> is the default float
/// dtype, <c>uint8 [3] + 300</c> stays uint8 and <c>int32 [3] + float16 0-d</c> is float16.
/// </summary>
internal static class TypePromotion
{
    private static volatile int _defaultDType = (int)DType.Float32;

    /// <summary>The dtype of new floating-point tensors and of C# doubles in arithmetic.</summary>
    public static DType DefaultDType
    {
        get => (DType)_defaultDType;
        set => _defaultDType = (int)value;
    }

    private struct State
    {
        public DType? Dim, Zero, Wrapped;

        public void Update(Tensor t)
        {
            var current = t.DType;
            if (t.IsWrappedNumber)
            {
                if (current.IsFloatingPoint()) current = DefaultDType;
                Wrapped = PromoteSkipUndefined(Wrapped, current);
            }
            else if (t.Dim > 0) Dim = PromoteSkipUndefined(Dim, current);
            else Zero = PromoteSkipUndefined(Zero, current);
        }

        public readonly DType Result() => Combine(Dim, Combine(Zero, Wrapped)) ?? DefaultDType;
    }

    private static DType? PromoteSkipUndefined(DType? a, DType? b) =>
        a is not { } x ? b : b is not { } y ? a : DTypeExtensions.Promote(x, y);

    // c10's combine_categories: the higher-priority group wins unless the lower one is of a higher category.
    private static DType? Combine(DType? higher, DType? lower)
    {
        if (higher is { } h && h.IsFloatingPoint()) return h;
        if (higher == DType.Bool || (lower is { } l && l.IsFloatingPoint())) return PromoteSkipUndefined(higher, lower);
        return higher ?? lower;
    }

    /// <summary>The result dtype of an op on <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentNullException">An operand is null (named input or other, by position).</exception>
    public static DType ResultType(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a, "input");
        ArgumentNullException.ThrowIfNull(b, "other");
        var s = default(State);
        s.Update(a);
        s.Update(b);
        return s.Result();
    }

    /// <summary>The result dtype of an op on all of <paramref name="operands"/>.</summary>
    public static DType ResultType(ReadOnlySpan<Tensor> operands)
    {
        var s = default(State);
        foreach (var t in operands) s.Update(t ?? throw new ArgumentNullException(nameof(operands)));
        return s.Result();
    }
}

public partial class Tensor
{
    /// <summary>
    /// True for the 0-d tensor that stands for a C# number in an op (PyTorch's wrapped number): it
    /// takes part in type promotion with the lowest priority.
    /// </summary>
    internal bool IsWrappedNumber { get; private init; }

    /// <summary>A C# double as an operand (float64 storage; promotes as the default float dtype).</summary>
    internal static Tensor Wrap(double value) =>
        new(new Storage<double>([value]), [], [], 0) { IsWrappedNumber = true };

    /// <summary>A C# integer as an operand (int64 storage; never widens an integer tensor).</summary>
    internal static Tensor Wrap(long value) =>
        new(new Storage<long>([value]), [], [], 0) { IsWrappedNumber = true };

    /// <summary>A C# bool as an operand.</summary>
    internal static Tensor Wrap(bool value) =>
        new(new Storage<bool>([value]), [], [], 0) { IsWrappedNumber = true };

    /// <summary>
    /// This tensor converted to <paramref name="dtype"/> without recording autograd (kernels use it to bring
    /// operands to the compute dtype; the op records its own node), or this tensor when it has that dtype.
    /// </summary>
    internal Tensor Cast(DType dtype)
    {
        if (dtype == DType) return this;
        var y = Empty(ShapeArray.Length == 0 ? [] : ShapeArray.ToArray(), dtype);
        Kernels.Elementwise.CopyInto(this, y);
        return y;
    }
}

public static partial class Torch
{
    /// <summary>
    /// The smallest dtype both dtypes convert to without losing their category (PyTorch's
    /// <c>torch.promote_types</c>); see <see cref="DTypeExtensions.Promote"/>.
    /// </summary>
    /// <param name="type1">The first dtype.</param>
    /// <param name="type2">The second dtype.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a defined dtype.</exception>
    public static DType PromoteTypes(DType type1, DType type2) => DTypeExtensions.Promote(type1, type2);

    /// <summary>
    /// The dtype of the result of an arithmetic op on the two tensors (PyTorch's <c>torch.result_type</c>):
    /// a 0-d tensor only widens a tensor with dimensions when it is of a higher category (bool &lt; integer
    /// &lt; float).
    /// </summary>
    /// <param name="tensor1">The first operand.</param>
    /// <param name="tensor2">The second operand.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DType ResultType(Tensor tensor1, Tensor tensor2) => TypePromotion.ResultType(tensor1, tensor2);

    /// <summary>The dtype of an op on a tensor and a C# double (the default float dtype for integer and bool tensors).</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="scalar">The number.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DType ResultType(Tensor tensor, double scalar) => TypePromotion.ResultType(tensor, Tensor.Wrap(scalar));

    /// <summary>The dtype of an op on a tensor and a C# integer (the tensor's dtype, int64 for bool).</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="scalar">The number.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DType ResultType(Tensor tensor, long scalar) => TypePromotion.ResultType(tensor, Tensor.Wrap(scalar));

    /// <summary>Whether an in-place op may write a <paramref name="from"/> result into a <paramref name="to"/> tensor (PyTorch's <c>torch.can_cast</c>).</summary>
    /// <param name="from">The result dtype.</param>
    /// <param name="to">The destination dtype.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a defined dtype.</exception>
    public static bool CanCast(DType from, DType to) => DTypeExtensions.CanCast(from, to);

    /// <summary>The default floating-point dtype (PyTorch's <c>torch.get_default_dtype</c>), float32 unless changed.</summary>
    public static DType GetDefaultDType() => TypePromotion.DefaultDType;

    /// <summary>
    /// Sets the default floating-point dtype (PyTorch's <c>torch.set_default_dtype</c>): the dtype of tensors
    /// that factories create without a dtype from floating-point values, of integer inputs promoted by float
    /// ops, and of C# doubles in arithmetic. Process-wide, as in PyTorch.
    /// </summary>
    /// <param name="dtype">float32 or float64 (or float16/bfloat16).</param>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not a floating-point dtype.</exception>
    public static void SetDefaultDType(DType dtype)
    {
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"set_default_dtype: only floating-point types are supported as the default type, got {dtype.TorchName()}", nameof(dtype));
        TypePromotion.DefaultDType = dtype;
    }
}
