using Ember.NN;
using Ember.Tests.NN;
using static Ember.Tests.TestUtil;

namespace Ember.Tests.Ops;

/// <summary>F.pad / Torch.Pad and the padding modules: PyTorch values and gradients, gradchecks, dtypes, errors, printing.</summary>
public class PadTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in PadReferenceData.Pads) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = PadReferenceData.Pads.Single(k => k.Name == name);
        var x = ConvReferenceTests.X(c.X).RequiresGrad_();
        var y = F.Pad(x, c.Pad, c.Mode, c.Value);
        Assert.Equal(c.YShape, y.Shape.ToArray());
        Close(c.Y, y, 1e-10);
        (y * ConvReferenceTests.G(c.YShape)).Sum().Backward();
        Close(c.DX, x.Grad!, 1e-10);
        Close(c.Y, Torch.Pad(ConvReferenceTests.X(c.X).To(DType.Float32), c.Pad, c.Mode, c.Value), 1e-6);
    }

    [Fact]
    public void GradChecks()
    {
        GradOk(t => F.Pad(t[0], [1, 2, -1, 1], value: 0.5), Input(2, 3, 4));
        GradOk(t => F.Pad(t[0], [2, 1, 1, 2], "reflect"), Input(1, 2, 3, 4));
        GradOk(t => F.Pad(t[0], [2, 3], "replicate"), Input(2, 3));
        GradOk(t => F.Pad(t[0], [1, 2, 2, 0], "circular"), Input(1, 1, 3, 3));
        GradOk(t => F.Pad(t[0], [1, 1], "reflect"), TransposedInput(3, 4));
        GradOk(t => F.Pad(t[0], [1, 0]), Input(0, 3));
    }

    [Fact]
    public void DTypesAndValues()
    {
        // Constant padding works for every dtype; the value converts as PyTorch (2.5 → 2 for integers).
        var xi = Torch.Arange(6).Reshape(2, 3);
        var yi = F.Pad(xi, [1, 1], value: 2.5);
        Assert.Equal(DType.Int64, yi.DType);
        Assert.Equal([2L, 0, 1, 2, 2, 2, 3, 4, 5, 2], yi.ToArray<long>());
        var yb = F.Pad(Torch.Ones(new Size(1, 1, 1), DType.Bool), [1, 1]);
        Assert.Equal([false, true, false], yb.ToArray<bool>());
        var yc = F.Pad(Torch.Arange(6).Reshape(1, 2, 3), [1, 1], "circular");
        Assert.Equal([2L, 0, 1, 2, 0, 5, 3, 4, 5, 3], yc.ToArray<long>());
        var yh = F.Pad(Torch.Ones(1, 2, 3).To(DType.Float16), [1, 1], "reflect");
        Assert.Equal(DType.Float16, yh.DType);
        Assert.Equal([1, 2, 5], yh.Shape.ToArray());
        // No padding is a copy; an empty batch pads fine.
        Assert.Equal([0, 2, 5], F.Pad(Torch.Zeros(0, 2, 3), [1, 1], "reflect").Shape.ToArray());
        var x = Torch.Ones(2, 3);
        var same = F.Pad(x, [0, 0]);
        Assert.False(ReferenceEquals(x, same));
    }

    [Fact]
    public void BadInputs()
    {
        var x = Torch.Zeros(1, 2, 3);
        Err(() => F.Pad(x, [1]), "pad: Padding length must be divisible by 2");
        Err(() => F.Pad(x, [1, 1, 1, 1, 1, 1, 1, 1]), "pad: Padding length too large");
        Err(() => F.Pad(x, [3, 0], "reflect"), "pad: Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (3, 0) at dimension 2 of input [1, 2, 3]");
        Err(() => F.Pad(x, [4, 0], "circular"), "pad: Padding value causes wrapping around more than once");
        Err(() => F.Pad(x, [1, 1, 1, 1], "circular"), "pad: Invalid padding size for mode circular, expected 2 but got 4");
        Err(() => F.Pad(x[0], [1, 1], "circular"), "pad: Only 3D, 4D, 5D padding with mode circular");
        Err(() => F.Pad(x[0, 0], [1, 1], "reflect"), "pad: Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now");
        Err(() => F.Pad(x, [1, 1], "bogus"), "pad: Unrecognised padding mode bogus");
        Err(() => F.Pad(x, [1, 1], "reflect", 1.0), "pad: Padding mode \"reflect\" doesn't take in value argument");
        Err(() => F.Pad(x, [-2, -2]), "pad: the padding (-2, -2) at dimension 2 of input [1, 2, 3] gives a negative size (-1)");
        Err(() => F.Pad(Torch.Zeros(1, 2, 0), [1, 1], "replicate"), "pad: replicate padding needs non-empty padded dimensions");
        Err(() => F.Pad(x, [int.MaxValue, int.MaxValue]), "pad:");
        Assert.Throws<NotSupportedException>(() => F.Pad(Torch.Arange(6).Reshape(1, 2, 3), [1, 1], "reflect"));
        Assert.Throws<ArgumentNullException>(() => F.Pad(x, null!));
    }

    private static void Err(Action a, string start)
    {
        var e = Assert.ThrowsAny<ArgumentException>(a);
        Assert.StartsWith(start, e.Message);
    }

    [Fact]
    public void Modules()
    {
        var x = ConvReferenceTests.X([1, 2, 3, 4]);
        Assert.Equal("ZeroPad2d((1, 1, 1, 1))", new ZeroPad2d(1).ToString());
        Assert.Equal("ZeroPad2d((1, 2, 3, 4))", new ZeroPad2d((1, 2, 3, 4)).ToString());
        Assert.Equal("ConstantPad1d(padding=(2, 2), value=3.5)", new ConstantPad1d(2, 3.5).ToString());
        Assert.Equal("ConstantPad2d(padding=(1, 0, 2, 0), value=-1)", new ConstantPad2d((1, 0, 2, 0), -1).ToString());
        Assert.Equal("ReflectionPad1d((2, 2))", new ReflectionPad1d(2).ToString());
        Assert.Equal("ReflectionPad2d((1, 1, 2, 0))", new ReflectionPad2d((1, 1, 2, 0)).ToString());
        Assert.Equal("ReplicationPad1d((1, 2))", new ReplicationPad1d((1, 2)).ToString());
        Assert.Equal("ReplicationPad2d((1, 1, 1, 1))", new ReplicationPad2d(1).ToString());
        Close(F.Pad(x, [1, 2, 3, 4]).ToArray<double>(), new ZeroPad2d((1, 2, 3, 4)).Call(x));
        Close(F.Pad(x, [1, 1, 1, 1], value: 2).ToArray<double>(), new ConstantPad2d(1, 2).Call(x));
        Close(F.Pad(x, [2, 1], value: -1).ToArray<double>(), new ConstantPad1d((2, 1), -1).Call(x));
        Close(F.Pad(x, [1, 2, 2, 1], "reflect").ToArray<double>(), new ReflectionPad2d((1, 2, 2, 1)).Call(x));
        Close(F.Pad(x[0], [3, 3], "reflect").ToArray<double>(), new ReflectionPad1d(3).Call(x[0]));
        Close(F.Pad(x, [1, 2, 2, 1], "replicate").ToArray<double>(), new ReplicationPad2d((1, 2, 2, 1)).Call(x));
        Close(F.Pad(x[0], [4, 4], "replicate").ToArray<double>(), new ReplicationPad1d(4).Call(x[0]));
        Assert.Throws<ArgumentException>(() => new ZeroPad2d((1, 2)));
        Assert.Throws<ArgumentException>(() => new ReflectionPad1d(default));
        Assert.Empty(new ZeroPad2d(1).Parameters());
    }
}
