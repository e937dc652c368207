using System.Buffers.Binary;

namespace Ember;

/// <summary>
/// A seedable pseudo-random number generator (xoshiro256**), like <c>torch.Generator</c>. All of
/// Ember's randomness (initialization, dropout, shuffling, splits) draws from a generator, so one
/// <see cref="ManualSeed"/> makes a run repeatable. Not thread-safe: each thread has its own
/// <see cref="Default"/>.
/// </summary>
public sealed class Generator
{
    private static long _globalSeed = 67280421310721;
    private static int _threadCounter;
    [ThreadStatic] private static Generator? _default;
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    /// <summary>Creates a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    public Generator(long seed) => ManualSeed(seed);

    /// <summary>
    /// The current thread's default generator, used by ops that take no generator. The first thread
    /// to use it gets the global seed; later threads get seeds derived from it.
    /// </summary>
    public static Generator Default
    {
        get
        {
            if (_default is null)
            {
                int k = Interlocked.Increment(ref _threadCounter) - 1;
                _default = new Generator(Interlocked.Read(ref _globalSeed) + k * unchecked((long)0x9E3779B97F4A7C15));
            }
            return _default;
        }
    }

    /// <summary>The seed last set.</summary>
    public long InitialSeed { get; private set; }

    /// <summary>Re-seeds this generator (PyTorch's <c>g.manual_seed(seed)</c>) and returns it.</summary>
    /// <param name="seed">The seed.</param>
    public Generator ManualSeed(long seed)
    {
        InitialSeed = seed;
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
        _spareNormal = null;
        return this;
    }

    /// <summary>The number of bytes in a state from <see cref="GetState"/>.</summary>
    internal const int StateBytes = 49;

    /// <summary>
    /// The generator's complete state as a 1-d uint8 tensor (PyTorch's <c>g.get_state()</c>): the seed, the four
    /// xoshiro256** words and the spare normal sample, little-endian. <see cref="SetState"/> restores it exactly, so a
    /// saved run continues with the same random numbers.
    /// </summary>
    /// <returns>A new uint8 tensor of <c>49</c> bytes.</returns>
    public Tensor GetState()
    {
        var bytes = new byte[StateBytes];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt64LittleEndian(span, InitialSeed);
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], _s0);
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], _s1);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], _s2);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], _s3);
        if (_spareNormal is double spare)
        {
            span[40] = 1;
            BinaryPrimitives.WriteDoubleLittleEndian(span[41..], spare);
        }
        return Torch.FromArray(bytes, StateBytes);
    }

    /// <summary>Restores a state returned by <see cref="GetState"/> (PyTorch's <c>g.set_state(new_state)</c>) and returns this generator.</summary>
    /// <param name="newState">A 1-d uint8 tensor of 49 bytes from <see cref="GetState"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="newState"/> is null.</exception>
    /// <exception cref="ArgumentException">The tensor is not a 1-d uint8 tensor of 49 elements, or holds no valid state
    /// (all four state words zero, or a flag byte other than 0 or 1).</exception>
    public Generator SetState(Tensor newState)
    {
        ArgumentNullException.ThrowIfNull(newState);
        if (newState.DType != DType.UInt8 || newState.Dim != 1 || newState.Numel != StateBytes)
            throw new ArgumentException($"set_state: expected a 1-d uint8 tensor of {StateBytes} bytes from get_state(), got {newState.DType} of shape {newState.Shape}", nameof(newState));
        var b = newState.ToArray<byte>().AsSpan();
        ulong s0 = BinaryPrimitives.ReadUInt64LittleEndian(b[8..]), s1 = BinaryPrimitives.ReadUInt64LittleEndian(b[16..]);
        ulong s2 = BinaryPrimitives.ReadUInt64LittleEndian(b[24..]), s3 = BinaryPrimitives.ReadUInt64LittleEndian(b[32..]);
        if ((s0 | s1 | s2 | s3) == 0 || b[40] > 1)
            throw new ArgumentException("set_state: the tensor holds no valid generator state (all state words are zero or the spare flag is not 0 or 1)", nameof(newState));
        InitialSeed = BinaryPrimitives.ReadInt64LittleEndian(b);
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
        _spareNormal = b[40] == 1 ? BinaryPrimitives.ReadDoubleLittleEndian(b[41..]) : null;
        return this;
    }

    /// <summary>
    /// Replaces the current thread's default generator with <paramref name="generator"/> (null: the next use creates one as
    /// usual) and returns the one it had (null when none was created yet), so code can run with its own random stream and put
    /// the thread's back afterwards (model selection runs folds on pool threads this way).
    /// </summary>
    internal static Generator? ExchangeDefault(Generator? generator)
    {
        var previous = _default;
        _default = generator;
        return previous;
    }

    internal static void SeedAll(long seed)
    {
        Interlocked.Exchange(ref _globalSeed, seed);
        Interlocked.Exchange(ref _threadCounter, 1);
        Default.ManualSeed(seed);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1).</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform integer in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="high"/> is not greater than <paramref name="low"/>.</exception>
    public long NextInt64(long low, long high)
    {
        if (high <= low) throw new ArgumentException($"random_: expects 'from' to be less than 'to', but got from={low} >= to={high}");
        ulong range = (ulong)(high - low);
        // Lemire's nearly-divisionless rejection keeps it unbiased.
        ulong threshold = (0 - range) % range;
        while (true)
        {
            ulong r = NextUInt64();
            UInt128 m = (UInt128)r * range;
            if ((ulong)m >= threshold) return low + (long)(ulong)(m >> 64);
        }
    }

    /// <summary>A standard normal sample (Box–Muller).</summary>
    public double NextNormal()
    {
        if (_spareNormal is double spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u1;
        do u1 = NextDouble(); while (u1 <= double.Epsilon);
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }
}
