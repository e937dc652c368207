using static Ember.Tests.Ops.OpAssert;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>einsum against PyTorch 1.13.</summary>
public class EinsumTests
{
    private static Tensor A => Torch.FromArray(new double[,] { { 0.5, -1, 2 }, { 1.5, 0.25, -3 } });
    private static Tensor B => Torch.FromArray(new double[,] { { 1, 2, -1, 0.5 }, { 0, -2, 3, 1 }, { 2.5, 1, 0, -1 } });
    private static Tensor V => F64(1, -2, 0.5);
    private static Tensor Range(double div, params int[] shape) => Torch.Arange(0.0, shape.Aggregate(1, (p, s) => p * s), 1.0, DType.Float64).View(shape) / div;
    private static Tensor BB => Range(10, 2, 3, 4);
    private static Tensor CC => Range(7, 2, 4, 2);

    private static void Check(string equation, int[] shape, double[] expected, params Tensor[] operands)
    {
        var y = Torch.Einsum(equation, operands);
        Shape(shape, y);
        Values(expected, y, 1e-14, 1e-15);
    }

    [Fact]
    public void MatmulTransposeAndImplicitOutput()
    {
        double[] mm = [5.5, 5.0, -3.5, -2.75, -6.0, -0.5, -0.75, 4.0];
        Check("ij,jk->ik", [2, 4], mm, A, B);
        Check("ij,jk", [2, 4], mm, A, B);
        Check("ba,ac", [2, 4], mm, A, B);
        Check(" i j , j k -> i k ", [2, 4], mm, A, B);
        Check("ij,jk->ik", [2, 4], mm, A.T.Contiguous().T, B);
        Check("ij->ji", [3, 2], [0.5, 1.5, -1.0, 0.25, 2.0, -3.0], A);
        Check("ij", [2, 3], [0.5, -1.0, 2.0, 1.5, 0.25, -3.0], A);
        Check("ji", [3, 2], [0.5, 1.5, -1.0, 0.25, 2.0, -3.0], A);
        Check("bA,Ab->", [], [16.5625], A, A.T);
        Check("Ba,aB", [], [16.5625], A, A.T);
    }

    [Fact]
    public void VectorsSumsAndProducts()
    {
        Check("i,j->ij", [3, 3], [1.0, -2.0, 0.5, -2.0, 4.0, -1.0, 0.5, -1.0, 0.25], V, V);
        Check("i,i->", [], [5.25], V, V);
        Check("i,i", [], [5.25], V, V);
        Check("ij->", [], [0.25], A);
        Check("ij->j", [3], [2.0, -0.75, -1.0], A);
        Check("ij,ij->ij", [2, 3], [0.25, 1.0, 4.0, 2.25, 0.0625, 9.0], A, A);
        Check("ij,ij->i", [2], [3.0, -3.75], A, Torch.FromArray(new double[,] { { 2 }, { 3 } }).Expand(2, 3));
        Check("ij,kj", [2, 1], [4.5, -7.0], A, Torch.FromArray(new double[,] { { 1, 2, 3 } }));
        Check("i,j,k->ijk", [3, 2, 3], [1.0, -2.0, 0.5, -2.0, 4.0, -1.0, -2.0, 4.0, -1.0, 4.0, -8.0, 2.0, 0.5, -1.0, 0.25, -1.0, 2.0, -0.5], V, V.Narrow(0, 0, 2), V);
        Check("ijk,jl,lk->il", [2, 3], [2.15, 10.383333333333335, 22.616666666666667, 2.75, 14.05, 31.483333333333334],
            BB.Permute(1, 0, 2).Narrow(0, 0, 2), Range(4, 2, 3), Range(3, 3, 4));
        Check("...->...", [], [3.0], Torch.Scalar(3.0, DType.Float64));
        Check("", [], [3.0], Torch.Scalar(3.0, DType.Float64));
        Check("i,", [3], [2.0, -4.0, 1.0], V, Torch.Scalar(2.0, DType.Float64));
    }

    [Fact]
    public void TracesAndDiagonals()
    {
        var c = Range(1, 3, 3);
        Check("ii", [], [12.0], c);
        Check("ii->i", [3], [0.0, 4.0, 8.0], c);
        Check("iij->ji", [2, 3], [0.0, 8.0, 16.0, 1.0, 9.0, 17.0], Range(1, 3, 3, 2));
    }

    [Fact]
    public void BatchesAndEllipsis()
    {
        double[] bmm = [0.39999999999999997, 0.4857142857142857, 1.0857142857142856, 1.4, 1.7714285714285714, 2.314285714285714, 8.628571428571428, 9.399999999999999, 11.142857142857142, 12.142857142857142, 13.657142857142857, 14.885714285714286];
        Check("bij,bjk->bik", [2, 3, 2], bmm, BB, CC);
        Check("...ij,...jk", [2, 3, 2], bmm, BB, CC);
        Check("...ij,jk->...ik", [2, 3, 2], [2.8, 3.4000000000000004, 7.6, 9.8, 12.4, 16.200000000000003, 17.2, 22.6, 22.0, 29.0, 26.799999999999997, 35.4], BB, Range(1, 4, 2));
        Check("...ij,...jk->ik", [3, 2], [9.028571428571428, 9.885714285714286, 12.228571428571428, 13.542857142857143, 15.428571428571429, 17.2], BB, CC);
        Check("...ij,...jk->...", [2], [7.457142857142857, 69.85714285714285], BB, CC);
        Check("i...j,j...k", [5, 2, 4],
            [0.4444444444444445, 0.5111111111111111, 0.5777777777777777, 0.6444444444444445, 4.444444444444445, 5.511111111111111, 6.5777777777777775, 7.644444444444444, 1.2444444444444445, 1.511111111111111, 1.7777777777777777, 2.0444444444444443, 5.244444444444445, 6.511111111111111, 7.777777777777778, 9.044444444444444, 2.0444444444444443, 2.511111111111111, 2.977777777777778, 3.4444444444444446, 6.044444444444444, 7.511111111111111, 8.977777777777778, 10.444444444444446, 2.8444444444444446, 3.511111111111111, 4.177777777777778, 4.844444444444445, 6.844444444444445, 8.511111111111111, 10.177777777777777, 11.844444444444445, 3.644444444444445, 4.511111111111111, 5.377777777777778, 6.2444444444444445, 7.644444444444445, 9.511111111111113, 11.377777777777778, 13.244444444444444],
            Range(9, 2, 5, 3), Range(5, 3, 1, 4));
    }

    [Fact]
    public void EmptyDimensions()
    {
        Check("ij,jk->ik", [2, 3], [0, 0, 0, 0, 0, 0], Torch.Zeros(new Size([2, 0]), DType.Float64), Torch.Zeros(new Size([0, 3]), DType.Float64));
        Check("ij,ik->jk", [2, 3], [0, 0, 0, 0, 0, 0], Torch.Zeros(new Size([0, 2]), DType.Float64), Torch.Zeros(new Size([0, 3]), DType.Float64));
        Shape([0, 4], Torch.Einsum("ij,jk", Torch.Zeros(0, 3), Torch.Zeros(3, 4)));
    }

    [Fact]
    public void DTypes()
    {
        var y = Torch.Einsum("ij,jk", (A * 2).To(DType.Int64), (B * 2).To(DType.Int64));
        Assert.Equal(DType.Int64, y.DType);
        Longs([22, 20, -14, -11, -24, 0, -6, 15], y);
        Longs([22, 20, -14, -11, -24, 0, -6, 15], Torch.Einsum("ij,jk", (A * 2).To(DType.Int32), (B * 2).To(DType.Int32)));
        Assert.Equal(DType.Int32, Torch.Einsum("ij->ji", Ints(DType.Int32, 1, 2).View(1, 2)).DType);
        Assert.Equal(DType.Bool, Torch.Einsum("ij", Torch.Ones(new Size([2, 3]), DType.Bool)).DType);
        Longs([6], Torch.Einsum("ij->", Torch.Ones(new Size([2, 3]), DType.Bool)));
        var h = Torch.Einsum("ij,jk", A.To(DType.Float16), B.To(DType.Float16));
        Assert.Equal(DType.Float16, h.DType);
        Values([5.5, 5.0, -3.5, -2.75, -6.0, -0.5, -0.75, 4.0], h, 0);
        Assert.Equal(DType.Float32, Torch.Einsum("i,i", Torch.Ones(3), Torch.Ones(3)).DType);
        Assert.Contains("einsum(): expected all operands to have the same dtype",
            Assert.Throws<ArgumentException>(() => Torch.Einsum("ij,jk", A.To(DType.Float32), B)).Message);
    }

    public static TheoryData<string, int, string> Errors => new()
    {
        { "ij,jk", 1, "einsum(): fewer operands were provided than specified in the equation" },
        { "ij", 2, "einsum(): more operands were provided than specified in the equation" },
        { "ijk", 1, "einsum(): the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0 and no ellipsis was given" },
        { "ij...k", 1, "einsum(): the number of subscripts in the equation (3) is more than the number of dimensions (2) for operand 0" },
        { "ij->ii", 1, "einsum(): output subscript i appears more than once in the output" },
        { "ij->k", 1, "einsum(): output subscript k does not appear in the equation for any input operand" },
        { "i?", 1, "einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]" },
        { "ij->ij->", 1, "einsum(): invalid subscript given at index 6" },
        { "i..j", 1, "einsum(): found '.' for operand 0 that is not part of any ellipsis" },
        { "......", 1, "einsum(): found '.' for operand 0 for which an ellipsis was already found" },
        { "ij->j.", 1, "einsum(): found '.' for output that is not part of any ellipsis" },
        { "ii", 1, "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void MalformedEquationsNameTheProblem(string equation, int count, string message)
    {
        var ops = Enumerable.Repeat(A, count).ToArray();
        var ex = Assert.Throws<ArgumentException>(() => Torch.Einsum(equation, ops));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void SizeMismatches()
    {
        Assert.Contains("einsum(): subscript j has size 2 for operand 1 which does not broadcast with previously seen size 3",
            Assert.Throws<ArgumentException>(() => Torch.Einsum("ij,kj", A, Torch.Zeros(new Size([4, 2]), DType.Float64))).Message);
        Assert.Contains("covered by ellipsis in operand 1 has size 6 which does not broadcast with previously seen ellipsis with size 5",
            Assert.Throws<ArgumentException>(() => Torch.Einsum("i...j,j...k", Range(1, 2, 5, 3), Range(1, 3, 6, 4))).Message);
        Assert.Contains("must provide at least one operand", Assert.Throws<ArgumentException>(() => Torch.Einsum("ij")).Message);
    }

    [Fact]
    public void GradCheck()
    {
        GradOk(x => Torch.Einsum("ij,jk->ik", x[0], x[1]), Input(2, 3), Input(3, 4));
        GradOk(x => Torch.Einsum("ij,jk->ik", x[0], x[1]), TransposedInput(2, 3), TransposedInput(3, 2));
        GradOk(x => Torch.Einsum("bij,bjk->bik", x[0], x[1]), Input(2, 2, 3), Input(2, 3, 2));
        GradOk(x => Torch.Einsum("...ij,...jk", x[0], x[1]), Input(2, 2, 3), Input(3, 2));
        GradOk(x => Torch.Einsum("i,j->ij", x[0], x[1]), Input(3), Input(2));
        GradOk(x => Torch.Einsum("i,i->", x[0], x[1]), Input(4), Input(4));
        GradOk(x => Torch.Einsum("ii->i", x[0]), Input(3, 3));
        GradOk(x => Torch.Einsum("ii", x[0]), TransposedInput(3, 3));
        GradOk(x => Torch.Einsum("ij,ij->i", x[0], x[1]), Input(2, 3), Input(1, 3));
        GradOk(x => Torch.Einsum("ijk,jl,lk->il", x[0], x[1], x[2]), Input(2, 2, 3), Input(2, 2), Input(2, 3));
        GradOk(x => Torch.Einsum("ij,jk", x[0], x[1]), Input(1, 1), Input(1, 1));
        GradOk(x => Torch.Einsum("ij,jk", x[0], x[1]), Input(0, 2), Input(2, 3));
    }
}
