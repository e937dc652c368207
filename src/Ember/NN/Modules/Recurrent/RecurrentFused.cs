namespace Ember.NN;

/// <summary>The fused recurrent path (placeholder: never applies yet).</summary>
internal static class RecurrentFused
{
    public static bool Applies(RecurrentMode mode, Tensor x, Tensor h0, Tensor? c0, RecurrentWeights w) => false;

    public static (Tensor Y, Tensor H, Tensor? C) Run(RecurrentMode mode, Tensor x, int[] batchSizes, Tensor h0, Tensor? c0, RecurrentWeights w, bool reverse)
        => throw new NotImplementedException();
}
