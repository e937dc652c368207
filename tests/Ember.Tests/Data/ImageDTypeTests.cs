using Ember.Data;
using Ember.Data.Transforms;

namespace Ember.Tests.Data;

/// <summary>
/// The image transforms on every dtype, against torchvision 0.14's tensor transforms (reference values from
/// torchvision 0.14.1 / PyTorch 1.13 pasted as literals): geometric transforms keep uint8 (resize rounds half to even),
/// <see cref="ToTensor"/> reads uint8 H × W × C like torchvision's NumPy path, <see cref="Normalize"/> takes every float dtype.
/// </summary>
public class ImageDTypeTests
{
    private static readonly DType[] AllDTypes =
        [DType.Float32, DType.Float64, DType.Float16, DType.BFloat16, DType.Int64, DType.Int32, DType.UInt8, DType.Bool];

    // x = ((i * 37 + 11) % 256 for i in range(70)), uint8 [2, 5, 7].
    private static Tensor Pattern() =>
        Torch.FromArray(Enumerable.Range(0, 70).Select(i => (byte)((i * 37 + 11) % 256)).ToArray(), 2, 5, 7);

    private static byte[] Bytes(Tensor t)
    {
        Assert.Equal(DType.UInt8, t.DType);
        return t.ToArray<byte>();
    }

    // torchvision.transforms.functional.resize(x, size) (bilinear, antialias off) on the uint8 pattern and on x.float().
    [Theory]
    [InlineData(3, 4, new byte[] { 26, 91, 155, 220, 31, 96, 160, 225, 36, 101, 165, 230, 41, 106, 170, 235, 46, 111, 175, 240, 51, 116, 180, 85 })]
    [InlineData(5, 3, new byte[] { 36, 122, 208, 39, 125, 211, 42, 128, 214, 45, 131, 217, 48, 134, 220, 51, 137, 223, 54, 140, 226, 57, 143, 229, 60, 146, 147, 63, 149, 150 })]
    [InlineData(2, 7, new byte[] { 13, 50, 87, 124, 161, 198, 235, 21, 58, 95, 132, 169, 206, 243, 28, 65, 102, 139, 176, 213, 250, 36, 73, 110, 147, 184, 221, 2 })]
    [InlineData(5, 10, new byte[] { 11, 31, 57, 83, 109, 135, 161, 187, 213, 233, 14, 34, 60, 86, 112, 138, 164, 190, 216, 236, 17, 37, 63, 89, 115, 141, 167, 193,
        219, 239, 20, 40, 66, 92, 118, 144, 170, 196, 222, 242, 23, 43, 69, 95, 121, 147, 173, 199, 225, 245, 26, 46, 72, 98, 124, 150, 176, 202, 228, 248, 29, 49,
        75, 101, 127, 153, 179, 205, 231, 251, 32, 52, 78, 104, 130, 156, 182, 208, 234, 254, 35, 55, 81, 107, 133, 159, 185, 211, 121, 1, 38, 58, 84, 110, 136, 162,
        188, 214, 124, 4 })]
    public void ResizeKeepsUInt8AndRoundsLikeTorchvision(int h, int w, byte[] expected)
    {
        var y = new Resize((h, w)).Forward(Pattern());
        Assert.Equal(new[] { 2, h, w }, y.Shape.ToArray());
        Assert.Equal(expected, Bytes(y));
        // int32 and int64 images take the same float32 path (torchvision: resize(x.int()) == resize(x).int()).
        Assert.Equal(expected.Select(b => (int)b).ToArray(), new Resize((h, w)).Forward(Pattern().To(DType.Int32)).ToArray<int>());
        Assert.Equal(expected.Select(b => (long)b).ToArray(), new Resize((h, w)).Forward(Pattern().To(DType.Int64)).ToArray<long>());
    }

    [Fact]
    public void ResizeUpscaleMatchesTorchvisionBitForBit()
    {
        // 9 x 11: values such as 13.666667 (→ 14) and 132.99998 (→ 133) need PyTorch's float32 arithmetic to round alike.
        byte[] u8 = [11, 28, 51, 75, 98, 122, 146, 169, 193, 216, 233, 12, 29, 52, 76, 99, 123, 147, 170, 194, 217, 234, 14, 30, 54, 78, 101, 125, 148, 172, 195, 219,
            236, 15, 32, 56, 79, 103, 126, 150, 173, 197, 221, 237, 17, 34, 57, 81, 104, 128, 152, 175, 199, 222, 239, 19, 35, 59, 83, 106, 130, 153, 177, 200, 224,
            241, 20, 37, 61, 84, 108, 131, 155, 178, 202, 226, 242, 22, 39, 62, 86, 109, 133, 157, 180, 204, 227, 244, 23, 40, 63, 87, 110, 134, 158, 181, 205, 228,
            245, 26, 43, 66, 90, 113, 137, 161, 184, 208, 231, 248, 27, 44, 67, 91, 114, 138, 162, 185, 209, 232, 249, 29, 45, 69, 93, 116, 140, 163, 187, 210, 234,
            251, 30, 47, 71, 94, 118, 141, 165, 188, 212, 236, 252, 32, 49, 72, 96, 119, 143, 167, 190, 214, 237, 254, 34, 50, 74, 98, 121, 145, 168, 192, 215, 161,
            113, 35, 52, 76, 99, 123, 146, 170, 193, 217, 101, 1, 37, 54, 77, 101, 124, 148, 172, 195, 219, 103, 3, 38, 55, 78, 102, 125, 149, 173, 196, 220, 104, 4];
        Assert.Equal(u8, Bytes(new Resize((9, 11)).Forward(Pattern())));
        // The float32 image: the first rows of resize(x.float(), [9, 11]) exactly.
        float[] f32 = [11.0f, 27.818180084228516f, 51.3636360168457f, 74.90908813476562f, 98.45454406738281f, 122.0f, 145.5454559326172f, 169.09091186523438f,
            192.6363525390625f, 216.1818084716797f, 233.0f, 12.0f, 28.81818199157715f, 52.3636360168457f, 75.90908813476562f, 99.45454406738281f, 123.0f,
            146.5454559326172f, 170.09091186523438f, 193.6363525390625f, 217.1818084716797f, 234.0f, 13.666666984558105f, 30.484848022460938f,
            54.03030014038086f, 77.57575225830078f, 101.12120819091797f, 124.66667175292969f, 148.21212768554688f, 171.75758361816406f, 195.3030242919922f,
            218.84848022460938f, 235.66665649414062f];
        var y = new Resize((9, 11)).Forward(Pattern().To(DType.Float32)).ToArray<float>();
        Assert.Equal(f32, y[..f32.Length]);
        Assert.Equal(132.99998474121094f, y[82]);
        Assert.Equal(244.00001525878906f, y[87]);
    }

    [Fact]
    public void ResizeOfSingleChannelAndFloat64ImagesMatchesPyTorchBitForBit()
    {
        // A single-channel image ([1, H, W], [N, 1, H, W]) takes PyTorch's channels-last kernel, whose sum is rounded once.
        var one = Pattern().Narrow(0, 0, 1);
        float[] f32 = [2.065476179122925f, 8.232142448425293f, 14.398809432983398f, 20.565475463867188f, 26.732141494750977f, 32.898807525634766f,
            2.6011903285980225f, 8.76785659790039f, 14.934523582458496f, 21.1011905670166f, 27.26785659790039f, 33.43452072143555f, 3.136904716491699f,
            9.303571701049805f, 15.470237731933594f, 21.636903762817383f, 27.803571701049805f, 33.970237731933594f, 3.672619104385376f, 9.839284896850586f,
            16.005950927734375f, 22.172618865966797f, 28.339282989501953f, 34.505950927734375f];
        Assert.Equal(f32, new Resize((4, 6)).Forward(one.To(DType.Float32) / 7.0).ToArray<float>());
        double[] f64 = [2.0654761904761907, 8.232142857142858, 14.398809523809524, 20.565476190476186, 26.732142857142858, 32.898809523809526,
            2.6011904761904763, 8.767857142857142, 14.93452380952381, 21.101190476190474, 27.26785714285714, 33.43452380952381, 3.1369047619047623,
            9.303571428571429, 15.470238095238097, 21.636904761904763, 27.803571428571427, 33.970238095238095, 3.672619047619048, 9.839285714285715,
            16.005952380952383, 22.172619047619047, 28.339285714285715, 34.50595238095238];
        Assert.Equal(f64, new Resize((4, 6)).Forward(one.To(DType.Float64) / 7.0).ToArray<double>());
        double[] multi = [3.696428571428571, 12.946428571428571, 22.19642857142857, 31.446428571428573, 4.410714285714286, 13.660714285714285,
            22.910714285714285, 32.160714285714285, 5.125, 14.375, 23.625, 32.875, 5.839285714285714, 15.089285714285715, 24.339285714285715,
            33.589285714285715, 6.553571428571429, 15.803571428571427, 25.053571428571427, 34.30357142857143, 7.267857142857143, 16.517857142857142,
            25.767857142857142, 12.160714285714286];
        Assert.Equal(multi, new Resize((3, 4)).Forward(Pattern().To(DType.Float64) / 7.0).ToArray<double>());
        // uint8, one channel: the first 99 values of resize(x[:1], [9, 11]) equal the two-channel result's first plane here.
        var u = Bytes(new Resize((9, 11)).Forward(one));
        Assert.Equal(99, u.Length);
        Assert.Equal(new byte[] { 11, 28, 51, 75, 98, 122, 146, 169, 193, 216, 233 }, u[..11]);
        Assert.Equal(new byte[] { 23, 40, 63, 87, 110, 134, 158, 181, 205, 228, 245 }, u[88..]);
        // A batch [3, 1, 5, 7] of single-channel images.
        var batch = Torch.Stack([one, Pattern().Narrow(0, 1, 1), one.Flip(-1)]);
        Assert.Equal(new byte[] { 38, 124, 211, 45, 132, 218, 53, 139, 226, 60, 147, 148, 211, 124, 38, 218, 132, 45 }, Bytes(new Resize((2, 3)).Forward(batch)));
    }

    [Fact]
    public void ResizeOfReducedFloatsAndBoolTakesTheFloat32Path()
    {
        var x = Pattern().To(DType.Float32) / 7.0;
        // resize(h, [3, 4]) with h = (x.float() / 7).half(), and the same for bfloat16 (values printed as float).
        float[] f16 = [3.6953125f, 12.9453125f, 22.203125f, 31.4375f, 4.41015625f, 13.65625f, 22.921875f, 32.15625f, 5.125f, 14.375f, 23.625f, 32.875f,
            5.83984375f, 15.09375f, 24.34375f, 33.59375f, 6.5546875f, 15.796875f, 25.0625f, 34.3125f, 7.26953125f, 16.515625f, 25.765625f, 12.1640625f];
        float[] bf16 = [3.6875f, 12.9375f, 22.25f, 31.375f, 4.40625f, 13.625f, 23.0f, 32.25f, 5.125f, 14.375f, 23.625f, 32.75f, 5.84375f, 15.125f, 24.375f,
            33.5f, 6.5625f, 15.75f, 25.125f, 34.25f, 7.28125f, 16.5f, 25.75f, 12.1875f];
        var h = new Resize((3, 4)).Forward(x.To(DType.Float16));
        Assert.Equal(DType.Float16, h.DType);
        Assert.Equal(f16, h.ToArray<float>());
        // torchvision converts the float16 input to bfloat16 here: h.bfloat16().
        var b = new Resize((3, 4)).Forward(x.To(DType.Float16).To(DType.BFloat16));
        Assert.Equal(DType.BFloat16, b.DType);
        Assert.Equal(bf16, b.ToArray<float>());
        var mask = new Resize((3, 4)).Forward(Pattern().Gt(128));
        Assert.Equal(DType.Bool, mask.DType);
        Assert.Equal(new byte[] { 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1 }, mask.ToArray<byte>());
    }

    // torchvision F.rotate(x, 30.0, fill=fill) on the uint8 pattern: the fill goes through float32, rounds half to even and
    // wraps into uint8 (−1 → 255, 300 → 44).
    [Theory]
    [InlineData(3.7, 4)]
    [InlineData(-1.0, 255)]
    [InlineData(300.0, 44)]
    public void RotateKeepsUInt8AndConvertsTheFillLikeTorchvision(double fill, byte f)
    {
        byte[] expected = [f, f, 122, 159, 199, 236, f, 48, 85, 125, 162, 165, 202, 242, 11, 51, 91, 128, 165, 205, 245, 14, 54, 91, 94, 131, 171, 208, f, 20, 57,
            97, 134, f, f, f, f, 137, 174, 214, 251, f, 63, 100, 140, 177, 180, 217, 1, 26, 66, 106, 143, 180, 220, 4, 29, 69, 106, 109, 146, 186, 223, f, 35, 72, 112,
            149, f, f];
        Assert.Equal(expected, Bytes(RandomRotation.Rotate(Pattern(), 30, fill)));
    }

    [Fact]
    public void RotateOfInt64AndBoolMatchesTorchvision()
    {
        // F.rotate(x.long() * 1000, -45.0, fill=2.5): the fill rounds half to even to 2.
        long[] i64 = [2, 17000, 51000, 88000, 85000, 2, 2, 20000, 57000, 91000, 88000, 125000, 159000, 2, 60000, 94000, 94000, 128000, 162000, 162000, 196000, 2,
            97000, 131000, 168000, 165000, 199000, 236000, 2, 2, 171000, 168000, 205000, 239000, 2, 2, 32000, 66000, 103000, 100000, 2, 2, 35000, 72000, 106000,
            103000, 140000, 174000, 2, 75000, 109000, 109000, 143000, 177000, 177000, 211000, 2, 112000, 146000, 183000, 180000, 214000, 251000, 2, 2, 186000,
            183000, 220000, 254000, 2];
        var r = RandomRotation.Rotate(Pattern().To(DType.Int64) * 1000, -45, 2.5);
        Assert.Equal(DType.Int64, r.DType);
        Assert.Equal(i64, r.ToArray<long>());
        // F.rotate(x > 100, 30.0).
        byte[] mask = [0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1,
            0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0];
        var b = RandomRotation.Rotate(Pattern().Gt(100), 30);
        Assert.Equal(DType.Bool, b.DType);
        Assert.Equal(mask, b.ToArray<byte>());
    }

    [Fact]
    public void RotationOfFloat64ImagesUsesAFloat64Grid()
    {
        // torchvision F.rotate(torch.arange(30).view(1, 5, 6), 90.0): float64 and float32 grids round a half-way source differently.
        var x = Torch.Arange(30).View(1, 5, 6);
        Assert.Equal(new long[] { 4, 4, 10, 16, 28, 28, 4, 4, 10, 16, 28, 28, 2, 2, 14, 14, 26, 26, 2, 2, 14, 14, 26, 26, 1, 1, 13, 19, 25, 25 },
            RandomRotation.Rotate(x.To(DType.Float64), 90).To(DType.Int64).ToArray<long>());
        Assert.Equal(new long[] { 4, 4, 16, 16, 28, 28, 4, 4, 16, 16, 28, 28, 2, 2, 14, 14, 26, 26, 1, 1, 13, 13, 25, 25, 0, 0, 12, 12, 24, 24 },
            RandomRotation.Rotate(x.To(DType.Float32), 90).To(DType.Int64).ToArray<long>());
        Assert.Equal(RandomRotation.Rotate(x.To(DType.Float32), 90).To(DType.Int64).ToArray<long>(), RandomRotation.Rotate(x, 90).ToArray<long>());
    }

    [Fact]
    public void CropsAndFlipsKeepUInt8()
    {
        var x = Pattern();
        // F.center_crop(x, [7, 4]): larger than the image vertically, so zero rows are added.
        byte[] center = [0, 0, 0, 0, 85, 122, 159, 196, 88, 125, 162, 199, 91, 128, 165, 202, 94, 131, 168, 205, 97, 134, 171, 208, 0, 0, 0, 0, 0, 0, 0, 0, 100, 137,
            174, 211, 103, 140, 177, 214, 106, 143, 180, 217, 109, 146, 183, 220, 112, 149, 186, 223, 0, 0, 0, 0];
        Assert.Equal(center, Bytes(new CenterCrop((7, 4)).Forward(x)));
        // RandomCrop covering the whole padded image is F.pad(x, 1, fill=3.7): the fill truncates to 3 in uint8.
        var padded = new RandomCrop((7, 9), padding: 1, fill: 3.7).Forward(x);
        Assert.Equal(new[] { 2, 7, 9 }, padded.Shape.ToArray());
        var p = Bytes(padded);
        Assert.Equal(3, p[0]);
        Assert.Equal(new byte[] { 3, 11, 48, 85, 122, 159, 196, 233, 3 }, p[9..18]);
        var f = x.To(DType.Float32);
        Assert.Equal(new RandomHorizontalFlip(1).Forward(f).To(DType.UInt8).ToArray<byte>(), Bytes(new RandomHorizontalFlip(1).Forward(x)));
        Assert.Equal(new RandomVerticalFlip(1).Forward(f).To(DType.UInt8).ToArray<byte>(), Bytes(new RandomVerticalFlip(1).Forward(x)));
        // A random crop and a random resized crop of a uint8 image equal those of its float copy (same generator), rounded.
        Assert.Equal(new RandomCrop(3, padding: 2, generator: new Generator(7)).Forward(f).To(DType.UInt8).ToArray<byte>(),
            Bytes(new RandomCrop(3, padding: 2, generator: new Generator(7)).Forward(x)));
        // torchvision's resized_crop: crop, then resize (rounding the uint8 result).
        var rrc = new RandomResizedCrop((4, 6), generator: new Generator(3));
        var (top, left, h, w) = rrc.GetParams(5, 7, new Generator(3));
        var expected = new Resize((4, 6)).Forward(x.Narrow(1, top, h).Narrow(2, left, w));
        Assert.Equal(Bytes(expected), Bytes(rrc.Forward(x)));
    }

    [Fact]
    public void RandomCropChecksThatThePaddingFillFitsTheDType()
    {
        // torchvision: F.pad(uint8, 1, fill=-1) raises "value cannot be converted to type uint8_t without overflow".
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomCrop(3, padding: 1, fill: -1).Forward(Pattern()));
        Assert.Contains("RandomCrop", e.Message);
        Assert.Contains("torch.uint8", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomCrop(3, padding: 1, fill: 300).Forward(Pattern()));
        // No padding: the fill is never used, as torchvision never pads.
        Assert.Equal(new[] { 2, 3, 3 }, new RandomCrop(3, fill: -1).Forward(Pattern()).Shape.ToArray());
        // int32 takes -1; bool takes anything (not zero → true).
        Assert.Equal(-1, new RandomCrop((7, 9), padding: 1, fill: -1).Forward(Pattern().To(DType.Int32)).ToArray<int>()[0]);
        Assert.True(new RandomCrop((7, 9), padding: 1, fill: 3.7).Forward(Pattern().Gt(0)).ToArray<bool>()[0]);
    }

    [Fact]
    public void EveryGeometricTransformRunsOnEveryDType()
    {
        foreach (var dt in AllDTypes)
        {
            var x = Pattern().To(dt);
            Transform[] transforms = [new Resize((3, 4)), new CenterCrop(3), new RandomCrop(4, padding: 1, generator: new Generator(1)),
                new RandomResizedCrop(4, generator: new Generator(2)), new RandomHorizontalFlip(1), new RandomVerticalFlip(1),
                new RandomRotation(30, generator: new Generator(3))];
            foreach (var t in transforms)
            {
                var y = t.Forward(x);
                Assert.Equal(dt, y.DType);
                Assert.Equal(2, y.Size(0));
            }
            // Flips and crops move values without arithmetic: exact for every dtype.
            Assert.Equal(RandomRotation.Rotate(Pattern().To(DType.Float64), 90).To(dt).ToArray<double>(), RandomRotation.Rotate(x, 90).ToArray<double>());
            Assert.Equal(new CenterCrop(3).Forward(Pattern().To(DType.Float64)).To(dt).ToArray<double>(), new CenterCrop(3).Forward(x).ToArray<double>());
        }
    }

    // torchvision T.Normalize([0.485, 0.456], [0.229, 0.224]) on x.to(dtype): mean and std are converted to the dtype and the
    // subtraction and the division are each rounded to it.
    [Theory]
    [InlineData(DType.Float16, new[] { -2.119140625f, -1.6826171875f, -1.0263671875f, 0.06500244140625f, 1.08984375f, 1.9814453125f, 2.427734375f, -0.54931640625f })]
    [InlineData(DType.BFloat16, new[] { -2.125f, -1.6875f, -1.0234375f, 0.068359375f, 1.09375f, 1.984375f, 2.453125f, -0.55078125f })]
    public void NormalizeRoundsLikeTorchvisionInReducedFloats(DType dtype, float[] expected)
    {
        var x = Torch.FromArray(new[] { 0f, 0.1f, 0.25f, 0.5f, 0.7f, 0.9f, 1f, 0.333f }, 2, 2, 2).To(dtype);
        var y = new Normalize([0.485, 0.456], [0.229, 0.224]).Forward(x);
        Assert.Equal(dtype, y.DType);
        Assert.Equal(expected, y.ToArray<float>());
    }

    [Fact]
    public void NormalizeRejectsNonFloatDTypesAndAStdThatVanishesInTheDType()
    {
        foreach (var dt in new[] { DType.UInt8, DType.Int32, DType.Int64, DType.Bool })
        {
            var e = Assert.Throws<NotSupportedException>(() => new Normalize(0.5, 0.5).Forward(Torch.Zeros(new Size(1, 2, 2), dt)));
            Assert.Equal($"Normalize: not implemented for dtype {dt.TorchName()}", e.Message);
        }
        // torchvision: ValueError "std evaluated to zero after conversion to torch.float16, leading to division by zero."
        var z = Assert.Throws<ArgumentException>(() => new Normalize(0.5, 1e-8).Forward(Torch.Zeros(new Size(1, 2, 2), DType.Float16)));
        Assert.Contains("std evaluated to zero after conversion to torch.float16", z.Message);
        Assert.Equal(DType.Float32, new Normalize(0.5, 1e-8).Forward(Torch.Zeros(1, 2, 2)).DType);
    }

    // torchvision's ToTensor on the NumPy uint8 array a = [[[0, 51, 255], [10, 20, 30]], [[1, 2, 3], [100, 200, 250]]] (H × W × C).
    [Fact]
    public void ToTensorReadsUInt8HwcLikeTorchvisionsNumPyPath()
    {
        var a = Torch.FromArray(new byte[] { 0, 51, 255, 10, 20, 30, 1, 2, 3, 100, 200, 250 }, 2, 2, 3);
        var t = new ToTensor().Forward(a);
        Assert.Equal(new[] { 3, 2, 2 }, t.Shape.ToArray());
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal(new[] { 0.0f, 0.03921568766236305f, 0.003921568859368563f, 0.3921568691730499f, 0.20000000298023224f, 0.0784313753247261f,
            0.007843137718737125f, 0.7843137383460999f, 1.0f, 0.11764705926179886f, 0.0117647061124444f, 0.9803921580314636f }, t.ToArray<float>());
        // 2-D: one channel.
        var g = new ToTensor().Forward(a.Select(2, 0));
        Assert.Equal(new[] { 1, 2, 2 }, g.Shape.ToArray());
        Assert.Equal(new[] { 0.0f, 0.03921568766236305f, 0.003921568859368563f, 0.3921568691730499f }, g.ToArray<float>());
        // The Image path gives the same tensor.
        Assert.Equal(t.ToArray<float>(), new ToTensor().Forward(new Image([0, 51, 255, 10, 20, 30, 1, 2, 3, 100, 200, 250], 2, 2, 3)).ToArray<float>());
    }

    [Fact]
    public void ToTensorPassesFloatImagesThroughAndRejectsOtherDTypes()
    {
        foreach (var dt in new[] { DType.Float32, DType.Float64, DType.Float16, DType.BFloat16 })
        {
            var x = Torch.Zeros(new Size(1, 28, 28), dt);
            Assert.Same(x, new ToTensor().Forward(x));
        }
        foreach (var dt in new[] { DType.Int64, DType.Int32, DType.Bool })
        {
            var e = Assert.Throws<NotSupportedException>(() => new ToTensor().Forward(Torch.Zeros(new Size(2, 2), dt)));
            Assert.Equal($"ToTensor: not implemented for dtype {dt.TorchName()}", e.Message);
        }
        var d = Assert.Throws<ArgumentException>(() => new ToTensor().Forward(Torch.Zeros(new Size(4), DType.UInt8)));
        Assert.Contains("2/3 dimensional", d.Message);
        Assert.Throws<ArgumentException>(() => new ToTensor().Forward(Torch.Zeros(new Size(1, 1, 2, 2), DType.UInt8)));
        // A torchvision pipeline on a dataset's float sample: ToTensor is a no-op, Normalize applies.
        var pipeline = new Compose(new ToTensor(), new Normalize(0.5, 0.5));
        Assert.Equal(new[] { -1f, 1f }, pipeline.Forward(Torch.FromArray(new[] { 0f, 1f }, 1, 1, 2)).ToArray<float>());
        Assert.Equal(new[] { -1f, 1f }, pipeline.Forward(Torch.FromArray(new byte[] { 0, 255 }, 1, 2)).ToArray<float>());
        Assert.Equal("Compose(\n    ToTensor()\n    Normalize(mean=[0.5], std=[0.5])\n)", pipeline.ToString());
    }

    [Fact]
    public void PILToTensorKeepsBytesChannelsFirst()
    {
        var img = new Image([0, 51, 255, 10, 20, 30, 1, 2, 3, 100, 200, 250], 2, 2, 3);
        var t = new PILToTensor().Forward(img);
        Assert.Equal(new[] { 3, 2, 2 }, t.Shape.ToArray());
        Assert.Equal(new byte[] { 0, 10, 1, 100, 51, 20, 2, 200, 255, 30, 3, 250 }, Bytes(t));
        var hwc = Torch.FromArray(img.Pixels, 2, 2, 3);
        Assert.Equal(t.ToArray<byte>(), Bytes(new PILToTensor().Forward(hwc)));
        Assert.Equal(new[] { 1, 2, 3 }, new PILToTensor().Forward(Torch.Zeros(new Size(2, 3), DType.UInt8)).Shape.ToArray());
        // PILToTensor then ConvertImageDtype(float32) is ToTensor.
        var chain = new Compose<Image>(new PILToTensor(), new ConvertImageDtype(DType.Float32));
        Assert.Equal(new ToTensor().Forward(img).ToArray<float>(), chain.Forward(img).ToArray<float>());
        Assert.Equal("Compose(\n    PILToTensor()\n    ConvertImageDtype()\n)", chain.ToString());
    }

    [Fact]
    public void ConvertImageDtypeMatchesTorchvision()
    {
        var u = Torch.FromArray(new byte[] { 0, 1, 2, 127, 128, 254, 255 }, 1, 1, 7);
        var f = Torch.FromArray(new[] { 0.0f, 0.5f, 0.999f, 1.0f, 1.2f, -0.1f, 0.25f }, 1, 1, 7);
        ConvertImageDtype To(DType d) => new(d);
        Assert.Equal(new[] { 0.0f, 0.003921568859368563f, 0.007843137718737125f, 0.49803921580314636f, 0.501960813999176f, 0.9960784316062927f, 1.0f },
            To(DType.Float32).Forward(u).ToArray<float>());
        Assert.Equal(new[] { 0.0, 0.00392156862745098, 0.00784313725490196, 0.4980392156862745, 0.5019607843137255, 0.996078431372549, 1.0 },
            To(DType.Float64).Forward(u).ToArray<double>());
        Assert.Equal(new byte[] { 0, 127, 255, 255, 51, 231, 63 }, Bytes(To(DType.UInt8).Forward(f)));
        Assert.Equal(new byte[] { 0, 128, 255, 0, 51, 231, 64 }, Bytes(To(DType.UInt8).Forward(f.To(DType.Float16))));   // 1.0 · 255.999 is 256 in float16
        Assert.Equal(new[] { 0, 1073741823, 2145336191, 2147483647, -2147483648, -214748367, 536870911 }, To(DType.Int32).Forward(f.To(DType.Float64)).ToArray<int>());
        Assert.Equal(new[] { 0, 8388608, 16777216, 1065353216, 1073741824, 2130706432, 2139095040 }, To(DType.Int32).Forward(u).ToArray<int>());
        Assert.Equal(new[] { 0L, 36028797018963968, 72057594037927936, 4575657221408423936, 4611686018427387904, 9151314442816847872, 9187343239835811840 },
            To(DType.Int64).Forward(u).ToArray<long>());
        var i32 = Torch.FromArray(new[] { 0, 1, 8388607, 8388608, 2147483647, -8388609 }, DType.Int32).View(1, 1, 6);
        Assert.Equal(new byte[] { 0, 0, 0, 1, 255, 254 }, Bytes(To(DType.UInt8).Forward(i32)));
        Assert.Equal(new[] { 0.0f, 4.656612873077393e-10f, 0.0039062495343387127f, 0.00390625f, 1.0f, -0.003906250465661287f }, To(DType.Float32).Forward(i32).ToArray<float>());
        var i64 = Torch.FromArray(new[] { 0, 4294967295, 4294967296, long.MaxValue, -1 }).View(1, 1, 5);
        Assert.Equal(new[] { 0, 0, 1, 2147483647, -1 }, To(DType.Int32).Forward(i64).ToArray<int>());
        Assert.Equal(new byte[] { 0, 0, 0, 255, 255 }, Bytes(To(DType.UInt8).Forward(i64)));
        var b = Torch.FromArray(new[] { true, false }).View(1, 1, 2);
        Assert.Equal(new byte[] { 128, 0 }, Bytes(To(DType.UInt8).Forward(b)));
        Assert.Equal(new[] { 1f, 0f }, To(DType.Float32).Forward(b).ToArray<float>());
        Assert.Equal(new[] { false, false, false, false, true, true, true }, To(DType.Bool).Forward(u).ToArray<bool>());
        Assert.Equal(new[] { false, true, true, true, true, true, true }, To(DType.Bool).Forward(f).ToArray<bool>());
        Assert.Same(u, To(DType.UInt8).Forward(u));
        var e = Assert.Throws<InvalidOperationException>(() => To(DType.Int32).Forward(f));
        Assert.Equal("ConvertImageDtype: The cast from torch.float32 to torch.int32 cannot be performed safely.", e.Message);
        Assert.Throws<InvalidOperationException>(() => To(DType.Int64).Forward(f));
        Assert.Throws<InvalidOperationException>(() => To(DType.Int64).Forward(f.To(DType.Float64)));
    }
}
