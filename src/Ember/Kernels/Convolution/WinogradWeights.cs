namespace Ember.Kernels;

/// <summary>
/// The transformed weights of one Winograd convolution: U [α², Cin, Op] in a workspace (transformed for this call), or,
/// in inference mode, one GEMM operand per transform point packed once (<see cref="PackedWeights.Winograd"/>).
/// </summary>
internal readonly unsafe struct WinogradWeights(float* u, GemmPrepackedB<float>[]? packed)
{
    /// <summary>M[ξ] [tiles, op] (row stride <paramref name="op"/>) = V[ξ] [tiles, cin] (row stride <paramref name="cp"/>) · U[ξ] [cin, op].</summary>
    public void Multiply(int xi, int tiles, ReadOnlySpan<float> v, int cp, Span<float> m, int op, int cin)
    {
        if (packed is not null) packed[xi].Multiply(tiles, v, cp, 1, m, op, accumulate: false);
        else Gemm.Compute<float>(tiles, op, cin, v, cp, 1, new ReadOnlySpan<float>(u + (nint)xi * cin * op, cin * op), op, 1, m, op, accumulate: false);
    }
}
