namespace Ember.Tests.Tensors;

/// <summary>
/// A <see cref="DType"/> value outside the eight dtypes (<c>(DType)42</c>) is refused by the op that receives it, with the
/// op's name — it used to surface from the storage allocator or a dispatch table as "42 is not a defined DType", or
/// to be accepted (can_cast answered true).
/// </summary>
public class UndefinedDTypeTests
{
    private static readonly DType Bad = (DType)42;

    public static TheoryData<string, Func<object?>> Calls => new()
    {
        { "zeros", () => Torch.Zeros(new Size(2), Bad) },
        { "full", () => Torch.Ones(new Size(2), Bad) },
        { "full", () => Torch.Full(new Size(2), 1.0, Bad) },
        { "full", () => Torch.Scalar(1L, Bad) },
        { "empty", () => Torch.Empty(new Size(2), Bad) },
        { "empty_like", () => Torch.EmptyLike(Torch.Zeros(2), Bad) },
        { "zeros", () => Torch.ZerosLike(Torch.Zeros(2), Bad) },
        { "eye", () => Torch.Eye(2, null, Bad) },
        { "arange", () => Torch.Arange(0, 3, 1, Bad) },
        { "arange", () => Torch.Arange(0.0, 3.0, 1.0, Bad) },
        { "linspace", () => Torch.Linspace(0, 1, 3, Bad) },
        { "randint", () => Torch.Randint(0, 3, new Size(2), null, Bad) },
        { "tensor", () => Torch.FromArray(new float[] { 1, 2 }, Bad) },
        { "to", () => Torch.Zeros(2).To(Bad) },
        { "promote_types", () => Torch.PromoteTypes(Bad, DType.Float32) },
        { "can_cast", () => Torch.CanCast(DType.Float32, Bad) },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void TheOpRefusesIt(string op, Func<object?> call)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => { call(); });
        Assert.StartsWith(op + ": 42 is not a defined DType", ex.Message);
    }
}
