using Ember.Data;
using Ember.Data.Transforms;

namespace Ember.Tests.Data;

public class TransformTests
{
    private static Tensor Image(int c, int h, int w) => Torch.Arange(c * h * w).To(DType.Float32).View(c, h, w);

    private static void Same(float[] expected, Tensor actual, double tol = 1e-5)
    {
        var a = actual.ToArray<float>();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= tol * Math.Max(1, Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {a[i]}");
    }

    [Fact]
    public void ToTensorConvertsHwcBytesToChwFloats()
    {
        var img = new Image([0, 51, 255, 10, 20, 30, 1, 2, 3, 100, 200, 250], 2, 2, 3);
        var t = new ToTensor().Forward(img);
        Assert.Equal(new[] { 3, 2, 2 }, t.Shape.ToArray());
        Assert.Equal(DType.Float32, t.DType);
        Same(new[] { 0, 10, 1, 100, 51, 20, 2, 200, 255, 30, 3, 250 }.Select(v => v / 255f).ToArray(), t, 1e-7);
        Assert.Throws<ArgumentException>(() => new ToTensor().Forward(new Image(new byte[5], 2, 2, 1)));
    }

    [Fact]
    public void NormalizePerChannel()
    {
        var x = Image(2, 1, 3);   // channel 0: 0 1 2, channel 1: 3 4 5
        var y = new Normalize([1.0, 4.0], [2.0, 0.5]).Forward(x);
        Same([-0.5f, 0f, 0.5f, -2f, 0f, 2f], y);
        Same([0, 1, 2, 3, 4, 5], x);   // input untouched
        var s = new Normalize(0.2860, 0.3530).Forward(Torch.Full(new Size(1, 2, 2), 0.5));
        Same(Enumerable.Repeat((float)((0.5f - 0.2860f) / 0.3530f), 4).ToArray(), s);
        var d = new Normalize(1, 2).Forward(Image(1, 1, 2).To(DType.Float64));
        Assert.Equal(DType.Float64, d.DType);
        Assert.Equal(new[] { -0.5, 0 }, d.ToArray<double>());
        // A batch [N, C, H, W] normalizes channel by channel too.
        Same([-0.5f, 0f, 0.5f, -2f, 0f, 2f, 2.5f, 3f, 3.5f, 10f, 12f, 14f], new Normalize([1.0, 4.0], [2.0, 0.5]).Forward(Image(4, 1, 3).View(2, 2, 1, 3)));
    }

    [Fact]
    public void NormalizeValidates()
    {
        var e = Assert.Throws<ArgumentException>(() => new Normalize([0.5, 0.5, 0.5], [1.0, 1.0, 1.0]).Forward(Image(2, 2, 2)));
        Assert.Contains("2 channels", e.Message);
        var z = Assert.Throws<ArgumentException>(() => new Normalize([0.0, 0.0], [1.0, 0.0]));
        Assert.Contains("std evaluated to zero", z.Message);
        Assert.Throws<ArgumentException>(() => new Normalize(0, 1e-50));
        Assert.Throws<ArgumentException>(() => new Normalize([0.0, 0.0], [1.0, 1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => new Normalize(0, 1).Forward(Torch.Zeros(2, 2)));
        var i = Assert.Throws<NotSupportedException>(() => new Normalize(0, 1).Forward(Torch.Zeros(new Size(1, 2, 2), DType.Int64)));
        Assert.Equal("Normalize: not implemented for dtype torch.int64", i.Message);
    }

    // Reference values: torch.nn.functional.interpolate(x, size, mode='bilinear', align_corners=False), PyTorch 1.13.
    [Fact]
    public void ResizeMatchesPyTorchBilinear()
    {
        Same([2.5f, 4.5f, 10.5f, 12.5f], new Resize((2, 2)).Forward(Image(1, 4, 4)));
        var up = new Resize((4, 4)).Forward(Torch.FromArray(new float[] { 1, 2, 3, 5 }, 1, 2, 2));
        Same([1.0f, 1.25f, 1.75f, 2.0f, 1.5f, 1.8125f, 2.4375f, 2.75f, 2.5f, 2.9375f, 3.8125f, 4.25f, 3.0f, 3.5f, 4.5f, 5.0f], up);

        var c = Torch.FromArray(Enumerable.Range(0, 30).Select(i => (float)Math.Pow(i, 1.5)).ToArray(), 2, 3, 5);
        var a = new Resize((4, 2)).Forward(c);
        Assert.Equal(new[] { 2, 4, 2 }, a.Shape.ToArray());
        Same([0.75f, 5.897114276885986f, 8.917367935180664f, 17.03676986694336f, 21.861560821533203f, 32.919071197509766f, 35.26784896850586f,
            48.24992370605469f, 62.52368927001953f, 77.98041534423828f, 82.53153991699219f, 99.31888580322266f, 108.09048461914062f,
            126.38773345947266f, 130.68087768554688f, 150.16400146484375f], a);
        Same([3.338134765625f, 6.751384735107422f, 11.684656143188477f, 28.020240783691406f, 35.80698013305664f, 44.295265197753906f,
            67.97400665283203f, 78.36688232421875f, 89.28935241699219f, 118.57025146484375f, 131.01937866210938f, 143.91334533691406f],
            new Resize((2, 3)).Forward(c));
        // Same size: identity.
        Same(c.ToArray<float>(), new Resize((3, 5)).Forward(c));
    }

    [Fact]
    public void ResizeWithOneSizeKeepsTheAspectRatio()
    {
        Assert.Equal((2, 3), new Resize(2).OutputSize(4, 6));
        Assert.Equal((3, 3), new Resize(3).OutputSize(5, 4));   // long side: int(3 * 5 / 4) = 3
        Assert.Equal((3, 4), new Resize(3).OutputSize(5, 7));   // int(3 * 7 / 5) = 4
        Assert.Equal((10, 10), new Resize(10).OutputSize(3, 3));
        Assert.Equal((4, 8), new Resize(6, maxSize: 8).OutputSize(30, 50));   // long 10 > 8 → (int(8·6/10), 8)
        Assert.Equal(new[] { 3, 2, 3 }, new Resize(2).Forward(Image(3, 4, 6)).Shape.ToArray());
        Assert.Throws<ArgumentException>(() => new Resize(0));
        Assert.Throws<ArgumentException>(() => new Resize(4, maxSize: 4));
    }

    [Fact]
    public void FlipsMirrorTheImage()
    {
        var x = Image(2, 2, 3);
        Same([2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9], new RandomHorizontalFlip(p: 1).Forward(x));
        Same([3, 4, 5, 0, 1, 2, 9, 10, 11, 6, 7, 8], new RandomVerticalFlip(p: 1).Forward(x));
        Assert.Same(x, new RandomHorizontalFlip(p: 0).Forward(x));
        Assert.Same(x, new RandomVerticalFlip(p: 0).Forward(x));
        Assert.Throws<ArgumentException>(() => new RandomHorizontalFlip(1.5));
    }

    [Fact]
    public void RandomFlipIsRepeatableAndHonoursP()
    {
        var x = Image(1, 2, 2);
        int[] Draws(long seed)
        {
            var flip = new RandomHorizontalFlip(0.3, new Generator(seed));
            return Enumerable.Range(0, 2000).Select(_ => ReferenceEquals(flip.Forward(x), x) ? 0 : 1).ToArray();
        }
        var a = Draws(9);
        Assert.Equal(a, Draws(9));
        Assert.NotEqual(a, Draws(10));
        Assert.InRange(a.Sum(), 520, 680);   // p = 0.3
    }

    [Fact]
    public void CenterCropMatchesTorchvisionRounding()
    {
        var x = Image(1, 5, 5);
        Same([6, 7, 8, 11, 12, 13, 16, 17, 18], new CenterCrop(3).Forward(x));
        // (5 - 2) / 2 = 1.5 rounds to 2 (Python's round half to even).
        Same([12, 13, 17, 18], new CenterCrop(2).Forward(x));
        // (4 - 3) / 2 = 0.5 rounds to 0.
        Same([0, 1, 2, 4, 5, 6, 8, 9, 10], new CenterCrop(3).Forward(Image(1, 4, 4)));
        Same([10, 11, 12, 13, 14, 15, 16, 17, 18, 19], new CenterCrop((2, 5)).Forward(x));   // rows start at round(1.5) = 2
        // Larger than the image: centered in zeros.
        Same([0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 3, 0, 0, 0, 0, 0], new CenterCrop(4).Forward(Image(1, 2, 2)));
        Same([0, 0, 0, 0, 1, 2, 3, 4, 5, 0, 0, 0], new CenterCrop((4, 3)).Forward(Image(1, 2, 3)));
        // Odd padding puts the extra row after the image (torchvision's (d + 1) // 2).
        Same([0, 0, 0, 0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0], new CenterCrop((5, 3)).Forward(Image(1, 2, 3)));
    }

    [Fact]
    public void RandomCropPadsAndCropsAWindow()
    {
        var x = Image(2, 2, 3) + 1;
        // The crop covers the whole padded image: deterministic.
        var full = new RandomCrop((4, 5), padding: 1).Forward(x);
        Same([0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 4, 5, 6, 0, 0, 0, 0, 0, 0,
              0, 0, 0, 0, 0, 0, 7, 8, 9, 0, 0, 10, 11, 12, 0, 0, 0, 0, 0, 0], full);
        var filled = new RandomCrop(7, padding: 3, fill: -1).Forward(Image(1, 1, 1) + 5).ToArray<float>();
        Assert.Equal(Enumerable.Repeat(-1f, 24).Append(5f).Concat(Enumerable.Repeat(-1f, 24)), filled);

        // Every random window is a window of the padded image; the same seed gives the same windows.
        var padded = full;
        var seen = new HashSet<string>();
        var crop = new RandomCrop((2, 3), padding: 1, generator: new Generator(4));
        var again = new RandomCrop((2, 3), padding: 1, generator: new Generator(4));
        for (int k = 0; k < 60; k++)
        {
            var w = crop.Forward(x);
            Assert.Equal(w.ToArray<float>(), again.Forward(x).ToArray<float>());
            bool found = false;
            for (int top = 0; top <= 2 && !found; top++)
                for (int left = 0; left <= 2 && !found; left++)
                    found = padded.Narrow(1, top, 2).Narrow(2, left, 3).Contiguous().ToArray<float>().SequenceEqual(w.ToArray<float>());
            Assert.True(found);
            seen.Add(string.Join(",", w.ToArray<float>()));
        }
        Assert.Equal(9, seen.Count);   // all 3 × 3 positions occur

        Assert.Throws<ArgumentException>(() => new RandomCrop(3).Forward(Image(1, 2, 5)));
        Assert.Equal(4, new RandomCrop(32, 4).Padding);   // torchvision's RandomCrop(32, 4): size 32, padding 4
        Assert.Equal(new[] { 1, 3, 3 }, new RandomCrop(3, padIfNeeded: true).Forward(Image(1, 2, 5)).Shape.ToArray());
    }

    [Fact]
    public void RandomResizedCropShapesAndRepeatability()
    {
        var x = Image(3, 10, 12);
        var a = new RandomResizedCrop(5, generator: new Generator(1));
        var b = new RandomResizedCrop(5, generator: new Generator(1));
        for (int k = 0; k < 20; k++)
        {
            var y = a.Forward(x);
            Assert.Equal(new[] { 3, 5, 5 }, y.Shape.ToArray());
            Assert.Equal(y.ToArray<float>(), b.Forward(x).ToArray<float>());
        }
        // scale (1, 1) and ratio (1, 1) on a square image: the whole image, resized.
        var sq = Image(1, 6, 6);
        var whole = new RandomResizedCrop(3, scale: (1, 1), ratio: (1, 1), generator: new Generator(0)).Forward(sq);
        Assert.Equal(new Resize((3, 3)).Forward(sq).ToArray<float>(), whole.ToArray<float>());
        var p = new RandomResizedCrop(8, generator: new Generator(3));
        for (int k = 0; k < 100; k++)
        {
            var (top, left, h, w) = p.GetParams(20, 30, new Generator(k));
            Assert.True(top >= 0 && left >= 0 && h > 0 && w > 0 && top + h <= 20 && left + w <= 30);
            Assert.InRange(w * h, 0.08 * 600 * 0.8, 600);
        }
        Assert.Throws<ArgumentException>(() => new RandomResizedCrop(4, scale: (0.9, 0.1)));
    }

    // Reference values: torchvision's F.rotate on tensors (nearest, expand=False, fill=0) via affine_grid/grid_sample, PyTorch 1.13.
    [Fact]
    public void RotateMatchesTorchvision()
    {
        var x = Torch.Arange(1, 26).To(DType.Float32).View(1, 5, 5);
        Same([0, 3, 4, 10, 0, 2, 8, 8, 14, 15, 6, 12, 13, 14, 20, 11, 12, 18, 18, 24, 0, 16, 22, 23, 0], RandomRotation.Rotate(x, 30));
        Same([0, 6, 7, 2, 0, 16, 12, 7, 8, 4, 17, 17, 13, 9, 9, 22, 18, 19, 14, 10, 0, 24, 19, 20, 0], RandomRotation.Rotate(x, -45));
        // 90° counter-clockwise: the last column becomes the first row.
        Same([5, 10, 15, 20, 25, 4, 9, 14, 19, 24, 3, 8, 13, 18, 23, 2, 7, 12, 17, 22, 1, 6, 11, 16, 21], RandomRotation.Rotate(x, 90));
        Same([0, 3, 4, 5, 12, 0, 1, 8, 9, 10, 17, 18, 7, 8, 15, 16, 23, 24, 13, 14, 21, 22, 23, 30, 0, 19, 26, 27, 28, 0],
            RandomRotation.Rotate(Torch.Arange(1, 31).To(DType.Float32).View(1, 5, 6), 20));
        Same(x.ToArray<float>(), new RandomRotation(0).Forward(x));
    }

    [Fact]
    public void RandomRotationDrawsWithinTheRange()
    {
        var x = Torch.Arange(1, 26).To(DType.Float32).View(1, 5, 5);
        var r = new RandomRotation((90, 90), generator: new Generator(0));
        Same(RandomRotation.Rotate(x, 90).ToArray<float>(), r.Forward(x));
        var a = new RandomRotation(30, generator: new Generator(5));
        var b = new RandomRotation(30, generator: new Generator(5));
        for (int k = 0; k < 10; k++) Assert.Equal(a.Forward(x).ToArray<float>(), b.Forward(x).ToArray<float>());
        Assert.Throws<ArgumentException>(() => new RandomRotation(-1));
    }

    [Fact]
    public void ComposeLambdaAndDelegates()
    {
        var pipeline = new Compose(new Lambda(t => t * 2), new Normalize(1, 2));
        Same([-0.5f, 0.5f, 1.5f, 2.5f], pipeline.Forward(Image(1, 2, 2)));
        Func<Tensor, Tensor> f = pipeline;   // implicit conversion, as dataset transforms take delegates
        Same([-0.5f, 0.5f, 1.5f, 2.5f], f(Image(1, 2, 2)));
        var ds = TensorDataset.Of(Image(2, 1, 1).View(2, 1, 1, 1), Torch.Arange(2), new Normalize(1, 2));
        Same([0f], ds[1].Input);

        var fromImage = new Compose<Image>(new ToTensor(), new Normalize(0.5, 0.5));
        Same([-1f, 1f], fromImage.Forward(new Image([0, 255], 1, 2, 1)));
        Assert.Contains("Normalize(mean=[0.5], std=[0.5])", fromImage.ToString());
        Assert.Equal("Compose(\n    Lambda()\n    Normalize(mean=[1], std=[2])\n)", pipeline.ToString());
    }

    [Fact]
    public void ImageTransformsRejectNonImages()
    {
        Assert.Throws<ArgumentException>(() => new CenterCrop(2).Forward(Torch.Zeros(4)));
        Assert.Throws<ArgumentException>(() => new RandomHorizontalFlip().Forward(Torch.Zeros(new Size(2), DType.Int64)));
        Assert.Throws<ArgumentException>(() => new Resize(2).Forward(Torch.Zeros(1, 0, 3)));
    }
}
