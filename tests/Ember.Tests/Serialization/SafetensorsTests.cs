using System.Text;
using Ember.Serialization;
using Xunit;

namespace Ember.Tests.Serialization;

/// <summary>
/// The safetensors codec: byte-exact agreement with the reference implementation's published test vectors, round trips
/// of every dtype and shape, the extra read-only dtypes, and untrusted input — every truncation and thousands of random
/// mutations of a valid file either load or raise <see cref="ModelFormatException"/>, never another exception.
/// </summary>
public class SafetensorsTests
{
    // Expected bytes from the reference implementation's tests (huggingface/safetensors, safetensors/src/tensor.rs).
    private static readonly byte[] Attn0 =
    [
        64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34,
        70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95,
        111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64,
        0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ];

    private static readonly byte[] Attn0Aligned =
    [
        72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34, 70,
        51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58, 91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97,
        95, 111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32, 32, 32, 0, 0,
        0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ];

    private static readonly byte[] Empty = [8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32];

    private static readonly byte[] EmptyWithMetadata =
    [
        40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95, 95, 34, 58, 123, 34, 102, 114,
        97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112, 116, 34, 125, 125, 32, 32, 32, 32, 32,
    ];

    private static Tensor Range6(params int[] shape) => Torch.FromArray(new float[] { 0, 1, 2, 3, 4, 5 }, shape);

    [Fact]
    public void WritesTheReferenceImplementationsBytes()
    {
        Assert.Equal(Attn0, Safetensors.Serialize([new("attn.0", Range6(1, 2, 3))]));
        Assert.Equal(Attn0Aligned, Safetensors.Serialize([new("attn0", Range6(1, 1, 2, 3))]));
        Assert.Equal(Empty, Safetensors.Serialize([]));
        Assert.Equal(EmptyWithMetadata, Safetensors.Serialize([], new Dictionary<string, string> { ["framework"] = "pt" }));
    }

    [Fact]
    public void ReadsTheReferenceVectorsAndTheUnpaddedExample()
    {
        var t = Safetensors.Deserialize(Attn0).Tensors["attn.0"];
        Assert.Equal([1, 2, 3], t.Shape);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, t.ToArray<float>());
        Assert.Equal("pt", Safetensors.Deserialize(EmptyWithMetadata).Metadata["framework"]);
        // The format README's example: an unpadded 60-byte header and a 2×2 int32 tensor of zeros.
        var header = "{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}"u8.ToArray();
        var file = new byte[8 + header.Length + 16];
        file[0] = (byte)header.Length;
        header.CopyTo(file, 8);
        var test = Safetensors.Deserialize(file).Tensors["test"];
        Assert.Equal(DType.Int32, test.DType);
        Assert.Equal(new[] { 0, 0, 0, 0 }, test.ToArray<int>());
    }

    [Fact]
    public void EveryDTypeAndShapeRoundTrips()
    {
        var g = new Generator(3);
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = Torch.Randn([3, 4], generator: g),
            ["f64"] = Torch.Randn([2, 3], DType.Float64, g),
            ["f16"] = Torch.Randn([5], generator: g).To(DType.Float16),
            ["bf16"] = Torch.Randn([2, 2, 2], generator: g).To(DType.BFloat16),
            ["i64"] = Torch.Randint(-1000, 1000, [7], g),
            ["i32"] = Torch.Randint(-1000, 1000, [3, 1], g).To(DType.Int32),
            ["u8"] = Torch.Randint(0, 256, [4], g).To(DType.UInt8),
            ["bool"] = Torch.Randn([6], generator: g).Gt(0.0),
            ["scalar"] = Torch.Scalar(2.5),
            ["empty"] = Torch.Zeros([0, 3]),
            ["transposed"] = Torch.Randn([3, 5], generator: g).T,
            ["ünïcode/name.0"] = Torch.Ones([1]),
        };
        var back = Safetensors.Deserialize(Safetensors.Serialize(tensors, new Dictionary<string, string> { ["format"] = "pt" }));
        Assert.Equal("pt", back.Metadata["format"]);
        Assert.Equal(tensors.Count, back.Tensors.Count);
        foreach (var (name, t) in tensors)
        {
            var r = back.Tensors[name];
            Assert.Equal(t.DType, r.DType);
            Assert.Equal(t.Shape, r.Shape);
            Assert.Equal(t.To(DType.Float64).ToArray<double>(), r.To(DType.Float64).ToArray<double>());
        }
    }

    [Fact]
    public void ReadsTheExtraIntegerDTypesIntoEmberDTypes()
    {
        byte[] File(string dtype, int[] shape, byte[] data)
        {
            var header = Encoding.UTF8.GetBytes($"{{\"x\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[0,{data.Length}]}}}}");
            var f = new byte[8 + header.Length + data.Length];
            BitConverter.GetBytes((ulong)header.Length).CopyTo(f, 0);
            header.CopyTo(f, 8);
            data.CopyTo(f, 8 + header.Length);
            return f;
        }
        var i8 = Safetensors.Deserialize(File("I8", [2], [0xFF, 0x7F])).Tensors["x"];
        Assert.Equal(DType.Int32, i8.DType);
        Assert.Equal(new[] { -1, 127 }, i8.ToArray<int>());
        var i16 = Safetensors.Deserialize(File("I16", [1], BitConverter.GetBytes((short)-300))).Tensors["x"];
        Assert.Equal(new[] { -300 }, i16.ToArray<int>());
        var u16 = Safetensors.Deserialize(File("U16", [1], BitConverter.GetBytes((ushort)65535))).Tensors["x"];
        Assert.Equal(new[] { 65535 }, u16.ToArray<int>());
        var u32 = Safetensors.Deserialize(File("U32", [1], BitConverter.GetBytes(uint.MaxValue))).Tensors["x"];
        Assert.Equal(DType.Int64, u32.DType);
        Assert.Equal(new[] { (long)uint.MaxValue }, u32.ToArray<long>());
        var u64 = Safetensors.Deserialize(File("U64", [1], BitConverter.GetBytes(123UL))).Tensors["x"];
        Assert.Equal(new[] { 123L }, u64.ToArray<long>());
        var big = Assert.Throws<ModelFormatException>(() => Safetensors.Deserialize(File("U64", [1], BitConverter.GetBytes(ulong.MaxValue))));
        Assert.Contains("does not fit int64", big.Message);
        Assert.Throws<ModelFormatException>(() => Safetensors.Deserialize(File("BOOL", [1], [2])));
        Assert.Throws<ModelFormatException>(() => Safetensors.Deserialize(File("F8_E4M3", [1], [0])));
    }

    public static IEnumerable<object[]> BadHeaders() =>
        new[]
        {
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", // duplicate key
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",   // overlap
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",                  // gap at the start
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",                  // bytes ≠ shape × size
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}",          // unknown field
            "{\"a\":{\"dtype\":\"F99\",\"shape\":[1],\"data_offsets\":[0,4]}}",                  // unknown dtype
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",                 // negative dimension
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}",                // fractional dimension
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}", // overflowing shape
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}",                                         // missing offsets
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} x",                // trailing garbage
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},}",                 // trailing comma
            "{\"__metadata__\":{\"k\":1},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", // non-string metadata
            "[1,2]",
            "",
        }.Select(h => new object[] { h });

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void MalformedHeadersRaiseTheFormatException(string header)
    {
        var h = Encoding.UTF8.GetBytes(header);
        var f = new byte[8 + h.Length + 8];
        BitConverter.GetBytes((ulong)h.Length).CopyTo(f, 0);
        h.CopyTo(f, 8);
        Assert.Throws<ModelFormatException>(() => Safetensors.Deserialize(f));
    }

    [Fact]
    public void HeaderLengthBeyondTheLimitOrTheFileIsRefused()
    {
        var f = new byte[16];
        BitConverter.GetBytes((ulong)Safetensors.MaxHeaderBytes + 1).CopyTo(f, 0);
        Assert.Contains("limit", Assert.Throws<ModelFormatException>(() => Safetensors.Deserialize(f)).Message);
        BitConverter.GetBytes(ulong.MaxValue).CopyTo(f, 0);
        Assert.Throws<ModelFormatException>(() => Safetensors.Deserialize(f));
        BitConverter.GetBytes(9UL).CopyTo(f, 0);
        Assert.Throws<ModelFormatException>(() => Safetensors.Deserialize(f));
        Assert.Throws<ModelFormatException>(() => Safetensors.Deserialize(new byte[5]));
        // Invalid UTF-8 in the header.
        var bad = new byte[8 + 8];
        bad[0] = 8;
        new byte[] { (byte)'{', 0xC3, 0x28, (byte)'}', 32, 32, 32, 32 }.CopyTo(bad, 8);
        Assert.Throws<ModelFormatException>(() => Safetensors.Deserialize(bad));
    }

    private const string Punctuation = "{}[],:\"0123456789 -.e";

    [Fact]
    public void EveryTruncationAndThousandsOfMutationsLoadOrRaiseTheFormatException()
    {
        var g = new Generator(9);
        var valid = Safetensors.Serialize(new Dictionary<string, Tensor>
        {
            ["w"] = Torch.Randn([3, 4], generator: g),
            ["b"] = Torch.Randn([4], DType.Float64, g),
            ["m"] = Torch.Randn([5], generator: g).Gt(0.0),
            ["i"] = Torch.Randint(0, 9, [2, 2], g),
        }, new Dictionary<string, string> { ["framework"] = "pt" });
        for (int n = 0; n < valid.Length; n++)
            Assert.Throws<ModelFormatException>(() => Safetensors.Deserialize(valid[..n]));
        var rng = new Random(12345);
        int loaded = 0, refused = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            var m = (byte[])valid.Clone();
            int edits = 1 + rng.Next(4);
            for (int e = 0; e < edits; e++)
            {
                // Mostly inside the 8-byte length and the header, where a change matters.
                int at = rng.Next(10) < 8 ? rng.Next(Math.Min(m.Length, 8 + 200)) : rng.Next(m.Length);
                m[at] = rng.Next(3) switch { 0 => (byte)rng.Next(256), 1 => (byte)(m[at] ^ (1 << rng.Next(8))), _ => (byte)Punctuation[rng.Next(Punctuation.Length)] };
            }
            try
            {
                Safetensors.Deserialize(m);
                loaded++;
            }
            catch (ModelFormatException)
            {
                refused++;
            }
        }
        Assert.True(refused > 1000, $"only {refused} of 3000 mutations were refused");
        Assert.True(loaded > 0, "no mutation loaded (mutations of the data bytes must still load)");
    }

    [Fact]
    public void SaveIsAtomicAndLoadStreamsTheFileBack()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ember-st-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "model.safetensors");
            Safetensors.Save([new("a", Range6(2, 3))], path);
            Safetensors.Save([new("a", Range6(3, 2)), new("c", Torch.Ones([2], DType.Int64))], path); // replaces the first
            var back = Safetensors.Load(path);
            Assert.Equal([3, 2], back.Tensors["a"].Shape);
            Assert.Equal(new long[] { 1, 1 }, back.Tensors["c"].ToArray<long>());
            Assert.Single(Directory.GetFiles(dir)); // no temporary file left behind
            Assert.Throws<ArgumentException>(() => Safetensors.Save([new("x", Torch.Ones([1])), new("x", Torch.Ones([1]))], path));
            Assert.Throws<ArgumentException>(() => Safetensors.Save([new("__metadata__", Torch.Ones([1]))], path));
            Assert.Equal([3, 2], Safetensors.Load(path).Tensors["a"].Shape); // a refused save leaves the file as it was
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
