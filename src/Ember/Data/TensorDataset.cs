namespace Ember.Data;

/// <summary>
/// A dataset over tensors that share their first dimension (PyTorch's <c>TensorDataset</c>): sample
/// <c>i</c> is the array of row views <c>tensors[k][i]</c> (no copy). For the usual supervised pair use
/// <see cref="Of"/>, whose samples are <c>(Tensor Input, Tensor Target)</c>, the sample type that
/// <see cref="DataLoader"/> and the rest of Ember expect.
/// </summary>
/// <example>
/// <code>
/// var ds = new TensorDataset(x, y, w);            // x [N, 4], y [N], w [N, 2]
/// Tensor[] s = ds[3];                             // { x[3] : [4], y[3] : 0-d, w[3] : [2] }
/// var train = TensorDataset.Of(x, y);             // samples (Input: x[i], Target: y[i])
/// </code>
/// </example>
public sealed class TensorDataset : Dataset<Tensor[]>
{
    private readonly Tensor[] _tensors;

    /// <summary>Creates the dataset.</summary>
    /// <param name="tensors">One or more tensors of at least one dimension, all with the same size of dimension 0.</param>
    /// <exception cref="ArgumentException">No tensor is given, a tensor is 0-d, or the first dimensions differ.</exception>
    public TensorDataset(params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        CheckSameLength("TensorDataset", tensors);
        _tensors = (Tensor[])tensors.Clone();
        Count = tensors[0].Size(0);
    }

    /// <summary>The tensors (PyTorch's <c>tensors</c>).</summary>
    public IReadOnlyList<Tensor> Tensors => _tensors;

    /// <inheritdoc/>
    public override int Count { get; }

    /// <summary>The row views <c>tensors[k][index]</c>, one per tensor, each with the tensor's shape minus dimension 0.</summary>
    /// <param name="index">In [0, <see cref="Count"/>).</param>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    public override Tensor[] this[int index]
    {
        get
        {
            CheckIndex(index);
            var rows = new Tensor[_tensors.Length];
            for (int k = 0; k < rows.Length; k++) rows[k] = _tensors[k].Select(0, index);
            return rows;
        }
    }

    /// <summary>
    /// A supervised dataset whose sample <c>i</c> is <c>(Input: inputs[i], Target: targets[i])</c>, optionally
    /// passed through per-sample transforms (torchvision's <c>transform</c> / <c>target_transform</c>).
    /// </summary>
    /// <param name="inputs">Inputs [N, ...].</param>
    /// <param name="targets">Targets [N, ...] (typically int64 [N] class indices or float [N] values).</param>
    /// <param name="transform">Applied to each Input row (e.g. a <see cref="Transforms.Compose"/>); null (default) for none.</param>
    /// <param name="targetTransform">Applied to each Target row; null (default) for none.</param>
    /// <exception cref="ArgumentException">A tensor is 0-d or the first dimensions differ.</exception>
    public static SupervisedTensorDataset Of(Tensor inputs, Tensor targets, Func<Tensor, Tensor>? transform = null, Func<Tensor, Tensor>? targetTransform = null) =>
        new(inputs, targets, transform, targetTransform);

    internal static void CheckSameLength(string op, Tensor[] tensors)
    {
        if (tensors.Length == 0) throw new ArgumentException($"{op}: expected at least one tensor", nameof(tensors));
        for (int k = 0; k < tensors.Length; k++)
        {
            if (tensors[k] is null) throw new ArgumentNullException(nameof(tensors), $"{op}: tensor {k} is null");
            if (tensors[k].Dim == 0) throw new ArgumentException($"{op}: tensor {k} is 0-d; every tensor needs a first (sample) dimension", nameof(tensors));
            if (tensors[k].Size(0) != tensors[0].Size(0))
                throw new ArgumentException(
                    $"{op}: Size mismatch between tensors: tensor 0 has {tensors[0].Size(0)} samples ({tensors[0].Shape}) but tensor {k} has {tensors[k].Size(0)} ({tensors[k].Shape})", nameof(tensors));
        }
    }
}

/// <summary>
/// A dataset of <c>(Tensor Input, Tensor Target)</c> samples read from two tensors sharing dimension 0
/// (made by <see cref="TensorDataset.Of"/>): sample <c>i</c> is <c>(transform(inputs[i]), targetTransform(targets[i]))</c>,
/// row views when there is no transform. Safe to read from several threads when the transforms are.
/// </summary>
public sealed class SupervisedTensorDataset : Dataset<(Tensor Input, Tensor Target)>
{
    /// <summary>Creates the dataset (see <see cref="TensorDataset.Of"/>).</summary>
    /// <param name="inputs">Inputs [N, ...].</param>
    /// <param name="targets">Targets [N, ...].</param>
    /// <param name="transform">Applied to each Input row; null (default) for none.</param>
    /// <param name="targetTransform">Applied to each Target row; null (default) for none.</param>
    /// <exception cref="ArgumentException">A tensor is 0-d or the first dimensions differ.</exception>
    public SupervisedTensorDataset(Tensor inputs, Tensor targets, Func<Tensor, Tensor>? transform = null, Func<Tensor, Tensor>? targetTransform = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        TensorDataset.CheckSameLength("TensorDataset", [inputs, targets]);
        Inputs = inputs;
        Targets = targets;
        Transform = transform;
        TargetTransform = targetTransform;
        Count = inputs.Size(0);
    }

    /// <summary>All inputs [N, ...], untransformed.</summary>
    public Tensor Inputs { get; }

    /// <summary>All targets [N, ...], untransformed.</summary>
    public Tensor Targets { get; }

    /// <summary>The per-sample input transform, or null.</summary>
    public Func<Tensor, Tensor>? Transform { get; }

    /// <summary>The per-sample target transform, or null.</summary>
    public Func<Tensor, Tensor>? TargetTransform { get; }

    /// <inheritdoc/>
    public override int Count { get; }

    /// <summary>Sample <paramref name="index"/>: <c>(Input: inputs[index], Target: targets[index])</c> after the transforms.</summary>
    /// <param name="index">In [0, <see cref="Count"/>).</param>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    public override (Tensor Input, Tensor Target) this[int index]
    {
        get
        {
            CheckIndex(index);
            var x = Inputs.Select(0, index);
            var y = Targets.Select(0, index);
            return (Transform is null ? x : Transform(x), TargetTransform is null ? y : TargetTransform(y));
        }
    }
}
