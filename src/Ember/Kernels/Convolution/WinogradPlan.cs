namespace Ember.Kernels;

/// <summary>
/// The shape of one Winograd convolution: input [N, Cin, Hin, Win] (NCHW, contiguous), output [N, Cout, Hout, Wout],
/// out[h, w] = Σ in[h − PT + i, w − PL + j]·k[i, j] over the 3×3 taps (zero outside the input; PT/PL may be negative or
/// larger than 2, as in the input gradient of a convolution padded by more than 2). Tiles of F(m×m, 3×3) cover the
/// output (TH×TW per image); each chunk of samples is transformed into a padded pixel-major copy Xp [s, Hp, Wp, Cp]
/// (Cp = Cin rounded up to <see cref="Winograd.LanePad"/>), its tiles into V [α², P, Cp], multiplied into
/// M [α², P, Op] and transformed back. Every size is a function of the shape only, never of the thread count.
/// </summary>
internal readonly record struct WinogradPlan(int N, int Cin, int Hin, int Win, int Cout, int Hout, int Wout, int PT, int PL, int M)
{
    public int Alpha => M + 2;
    public int Xi => Alpha * Alpha;
    public int TH => (Hout + M - 1) / M;
    public int TW => (Wout + M - 1) / M;
    public int Tiles => TH * TW;
    public int Hp => TH * M + 2;
    public int Wp => TW * M + 2;
    public int Cp => Winograd.Pad(Cin);
    public int Op => Winograd.Pad(Cout);

    /// <summary>Target tiles per chunk (enough rows for the GEMMs' micro-kernels to run at speed).</summary>
    internal static int TargetTiles = 256;
    /// <summary>Upper bound on a chunk's V + M workspace in bytes (kept within the L2 cache).</summary>
    internal static long ChunkBytes = 4L << 20;

    /// <summary>
    /// Samples per chunk: about <see cref="TargetTiles"/> tiles, fewer when the workspace would be too large, at least 1;
    /// then evened out over a number of chunks rounded up to a multiple of 4 (so that 2 or 4 threads get equal shares).
    /// </summary>
    public int SamplesPerChunk
    {
        get
        {
            int tiles = Math.Max(1, Tiles);
            long per = Math.Min(N, Math.Max(1, (TargetTiles + tiles - 1) / tiles));
            while (per > 1 && 4L * Xi * per * tiles * (Cp + Op) > ChunkBytes) per--;
            long chunks = (N + per - 1) / per;
            if (chunks > 1) chunks = Math.Min(N, (chunks + 3) / 4 * 4);
            return (int)((N + chunks - 1) / chunks);
        }
    }

    /// <summary>Elements of one sample's padded pixel-major input.</summary>
    public long PaddedSample => (long)Hp * Wp * Cp;

    /// <summary>Elements of one sample's pixel-major output staging (whole tiles).</summary>
    public long StagedSample => (long)TH * M * TW * M * Op;
}
