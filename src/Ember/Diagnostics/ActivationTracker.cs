using System.Runtime.CompilerServices;
using Ember.Autograd;
using Ember.NN;

namespace Ember.Diagnostics;

/// <summary>What the monitor measures on a leaf layer's output beyond its mean and spread.</summary>
internal enum ActivationRole { Plain, Relu, Sigmoid, Tanh }

/// <summary>
/// Accumulates the statistics of one leaf layer's outputs between two monitor steps (a forward hook feeds it), and
/// keeps, per unit, how many consecutive steps a ReLU unit stayed at zero for every sample.
/// </summary>
internal sealed class ActivationTracker
{
    private readonly object _gate = new();
    private readonly double _margin;
    private long _count;
    private double _mean, _m2;
    private long _zeros, _saturated;
    private bool _nonFinite;
    private Tensor? _stepAlive;   // bool [units]: the unit output something non-zero during this step
    private Tensor? _deadRun;     // float32 [units]: consecutive steps the unit stayed at zero

    public ActivationTracker(string path, Module module, double margin)
    {
        Path = path;
        Module = module;
        LayerType = GradientMonitor.TypeName(module);
        Role = module switch
        {
            ReLU => ActivationRole.Relu,
            NN.Sigmoid => ActivationRole.Sigmoid,
            NN.Tanh => ActivationRole.Tanh,
            RNN { Nonlinearity: "tanh" } => ActivationRole.Tanh,
            _ => ActivationRole.Plain,
        };
        _margin = margin;
    }

    public string Path { get; }
    public Module Module { get; }
    public string LayerType { get; }
    public ActivationRole Role { get; }
    public RemovableHandle? Handle { get; set; }

    private long _calls;

    /// <summary>How many times the hook ran (for tests: it stops when the monitor detaches).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Consecutive steps the saturated fraction stayed above the threshold.</summary>
    public int SaturatedRun { get; set; }
    public bool SaturatedRaised { get; set; }
    public bool DeadRaised { get; set; }
    public bool NonFiniteRaised { get; set; }

    /// <summary>The forward hook: measures the output (the first tensor of a tuple output) when grad mode is on.</summary>
    public void Observe(object? output)
    {
        Interlocked.Increment(ref _calls);
        if (!GradMode.IsEnabled) return;
        var y = output switch
        {
            Tensor t => t,
            ITuple { Length: > 0 } tuple => tuple[0] as Tensor,
            _ => null,
        };
        if (y is null || !y.DType.IsFloatingPoint() || y.Numel == 0) return;
        using var scope = Torch.NewDisposeScope();
        using var noGrad = Torch.NoGrad();
        var x = y.Detach();
        long n = x.Numel;
        double mean = x.Mean().Item<double>();
        double m2 = x.Var(correction: 0).Item<double>() * n;
        long zeros = 0, saturated = 0;
        Tensor? alive = null;
        switch (Role)
        {
            case ActivationRole.Relu:
                zeros = x.Eq(0.0).Sum().Item<long>();
                alive = x.Dim >= 2 ? x.Abs().Amax(OtherDims(x.Dim)).Gt(0.0) : x.Ne(0.0);
                break;
            case ActivationRole.Sigmoid:
                saturated = (x.Le(_margin) | x.Ge(1 - _margin)).Sum().Item<long>();
                break;
            case ActivationRole.Tanh:
                saturated = x.Abs().Ge(1 - _margin).Sum().Item<long>();
                break;
        }
        lock (_gate)
        {
            if (!double.IsFinite(mean)) _nonFinite = true;
            // Chan's parallel update of the mean and the sum of squared deviations.
            long total = _count + n;
            double delta = mean - _mean;
            _mean += delta * n / total;
            _m2 += m2 + delta * delta * _count * n / total;
            _count = total;
            _zeros += zeros;
            _saturated += saturated;
            if (alive is not null)
            {
                if (_stepAlive is null || _stepAlive.Numel != alive.Numel) _stepAlive = alive.DetachFromDisposeScope();
                else _stepAlive = (_stepAlive | alive).DetachFromDisposeScope();
            }
        }
    }

    private static int[] OtherDims(int ndim)
    {
        var dims = new int[ndim - 1];
        dims[0] = 0;
        for (int d = 2; d < ndim; d++) dims[d - 1] = d;
        return dims;
    }

    /// <summary>
    /// The statistics since the previous step (null when the layer was not called with grad mode on), whether its output
    /// held NaN/∞, and the fraction of units dead for at least <paramref name="patience"/> consecutive steps; resets the step.
    /// </summary>
    public (ActivationStats Stats, bool NonFinite, double DeadOverPatience)? Collect(int patience)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                ResetDeadRun();
                return null;
            }
            double std = _count > 0 ? Math.Sqrt(Math.Max(_m2, 0) / _count) : double.NaN;
            if (_nonFinite) std = double.NaN;
            double zeroFraction = double.NaN, deadFraction = double.NaN, saturatedFraction = double.NaN, deadOverPatience = 0;
            if (Role == ActivationRole.Relu) zeroFraction = (double)_zeros / _count;
            if (Role is ActivationRole.Sigmoid or ActivationRole.Tanh) saturatedFraction = (double)_saturated / _count;
            if (_stepAlive is { } alive)
            {
                using var scope = Torch.NewDisposeScope();
                using var noGrad = Torch.NoGrad();
                int units = alive.Numel;
                var deadNow = alive.LogicalNot().To(DType.Float32);
                deadFraction = deadNow.Sum().Item<double>() / units;
                var previous = _deadRun is not null && _deadRun.Numel == units ? _deadRun : Torch.Zeros(new Size([units]), DType.Float32);
                _deadRun = ((previous + 1.0) * deadNow).DetachFromDisposeScope();
                deadOverPatience = _deadRun.Ge((double)patience).Sum().Item<double>() / units;
            }
            else ResetDeadRun();
            var stats = new ActivationStats(Path, LayerType, _count, _nonFinite ? double.NaN : _mean, std, zeroFraction, deadFraction, saturatedFraction);
            bool nonFinite = _nonFinite;
            _count = 0; _mean = 0; _m2 = 0; _zeros = 0; _saturated = 0; _nonFinite = false; _stepAlive = null;
            return (stats, nonFinite, deadOverPatience);
        }
    }

    private void ResetDeadRun() => _deadRun = null;
}
