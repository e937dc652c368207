namespace Ember;

/// <summary>
/// Controls how many threads Ember's parallel kernels (GEMM, large elementwise ops, reductions) use,
/// like <c>torch.set_num_threads</c> / <c>torch.get_num_threads</c>.
/// </summary>
public static class Threading
{
    private static int _numThreads = Environment.ProcessorCount;

    /// <summary>
    /// The number of threads kernels may use. Defaults to <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int NumThreads
    {
        get => _numThreads;
        set
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(value), value, "set_num_threads: expected a positive number of threads");
            _numThreads = value;
        }
    }
}
