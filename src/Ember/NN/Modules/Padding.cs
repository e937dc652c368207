namespace Ember.NN;

/// <summary>Pads the last two dimensions with zeros (PyTorch's <c>nn.ZeroPad2d</c>); see <see cref="F.Pad"/>. The padding is an int (all sides) or a tuple (left, right, top, bottom).</summary>
public sealed class ZeroPad2d : Module<Tensor, Tensor>
{
    private readonly int[] _padding;

    /// <summary>Creates the layer.</summary>
    /// <param name="padding">An int for every side, or 4 ints (left, right, top, bottom).</param>
    /// <exception cref="ArgumentException">The padding is the default or does not have 1 or 4 values.</exception>
    public ZeroPad2d(IntTuple padding)
    {
        if (padding.IsDefault) throw new ArgumentException("ZeroPad2d: padding must be given", nameof(padding));
        _padding = padding.Expand(4, 0, "ZeroPad2d", "padding");
        Value = 0;
    }

    /// <summary>The padding (left, right, top, bottom).</summary>
    public IReadOnlyList<int> Padding => Array.AsReadOnly(_padding);

    /// <summary>The fill value (constant padding; 0 otherwise).</summary>
    public double Value { get; }

    /// <summary>Pads the input (see <see cref="F.Pad"/>).</summary>
    /// <param name="input">The input (for reflection/replication: [C, H, W] or [N, C, H, W]).</param>
    /// <returns>The padded tensor.</returns>
    /// <exception cref="ArgumentException">The padding does not fit the input.</exception>
    /// <exception cref="NotSupportedException">Reflection or replication of a non-floating-point input.</exception>
    public override Tensor Forward(Tensor input) => F.Pad(input, _padding, "constant", Value);

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        return PyRepr.Tuple(_padding);
    }
}

/// <summary>Pads the last dimension with a constant (PyTorch's <c>nn.ConstantPad1d</c>); see <see cref="F.Pad"/>. The padding is an int (all sides) or a tuple (left, right).</summary>
public sealed class ConstantPad1d : Module<Tensor, Tensor>
{
    private readonly int[] _padding;

    /// <summary>Creates the layer.</summary>
    /// <param name="padding">An int for every side, or 2 ints (left, right).</param>
    /// <param name="value">The fill value.</param>
    /// <exception cref="ArgumentException">The padding is the default or does not have 1 or 2 values.</exception>
    public ConstantPad1d(IntTuple padding, double value)
    {
        if (padding.IsDefault) throw new ArgumentException("ConstantPad1d: padding must be given", nameof(padding));
        _padding = padding.Expand(2, 0, "ConstantPad1d", "padding");
        Value = value;
    }

    /// <summary>The padding (left, right).</summary>
    public IReadOnlyList<int> Padding => Array.AsReadOnly(_padding);

    /// <summary>The fill value (constant padding; 0 otherwise).</summary>
    public double Value { get; }

    /// <summary>Pads the input (see <see cref="F.Pad"/>).</summary>
    /// <param name="input">The input (for reflection/replication: [C, W] or [N, C, W]).</param>
    /// <returns>The padded tensor.</returns>
    /// <exception cref="ArgumentException">The padding does not fit the input.</exception>
    /// <exception cref="NotSupportedException">Reflection or replication of a non-floating-point input.</exception>
    public override Tensor Forward(Tensor input) => F.Pad(input, _padding, "constant", Value);

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        return $"padding={PyRepr.Tuple(_padding)}, value={PyRepr.Number(Value)}";
    }
}

/// <summary>Pads the last two dimensions with a constant (PyTorch's <c>nn.ConstantPad2d</c>); see <see cref="F.Pad"/>. The padding is an int (all sides) or a tuple (left, right, top, bottom).</summary>
public sealed class ConstantPad2d : Module<Tensor, Tensor>
{
    private readonly int[] _padding;

    /// <summary>Creates the layer.</summary>
    /// <param name="padding">An int for every side, or 4 ints (left, right, top, bottom).</param>
    /// <param name="value">The fill value.</param>
    /// <exception cref="ArgumentException">The padding is the default or does not have 1 or 4 values.</exception>
    public ConstantPad2d(IntTuple padding, double value)
    {
        if (padding.IsDefault) throw new ArgumentException("ConstantPad2d: padding must be given", nameof(padding));
        _padding = padding.Expand(4, 0, "ConstantPad2d", "padding");
        Value = value;
    }

    /// <summary>The padding (left, right, top, bottom).</summary>
    public IReadOnlyList<int> Padding => Array.AsReadOnly(_padding);

    /// <summary>The fill value (constant padding; 0 otherwise).</summary>
    public double Value { get; }

    /// <summary>Pads the input (see <see cref="F.Pad"/>).</summary>
    /// <param name="input">The input (for reflection/replication: [C, H, W] or [N, C, H, W]).</param>
    /// <returns>The padded tensor.</returns>
    /// <exception cref="ArgumentException">The padding does not fit the input.</exception>
    /// <exception cref="NotSupportedException">Reflection or replication of a non-floating-point input.</exception>
    public override Tensor Forward(Tensor input) => F.Pad(input, _padding, "constant", Value);

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        return $"padding={PyRepr.Tuple(_padding)}, value={PyRepr.Number(Value)}";
    }
}

/// <summary>Pads the last dimension with the reflection of the input, without repeating the edge (PyTorch's <c>nn.ReflectionPad1d</c>); see <see cref="F.Pad"/>. The padding is an int (all sides) or a tuple (left, right).</summary>
public sealed class ReflectionPad1d : Module<Tensor, Tensor>
{
    private readonly int[] _padding;

    /// <summary>Creates the layer.</summary>
    /// <param name="padding">An int for every side, or 2 ints (left, right).</param>
    /// <exception cref="ArgumentException">The padding is the default or does not have 1 or 2 values.</exception>
    public ReflectionPad1d(IntTuple padding)
    {
        if (padding.IsDefault) throw new ArgumentException("ReflectionPad1d: padding must be given", nameof(padding));
        _padding = padding.Expand(2, 0, "ReflectionPad1d", "padding");
        Value = 0;
    }

    /// <summary>The padding (left, right).</summary>
    public IReadOnlyList<int> Padding => Array.AsReadOnly(_padding);

    /// <summary>The fill value (constant padding; 0 otherwise).</summary>
    public double Value { get; }

    /// <summary>Pads the input (see <see cref="F.Pad"/>).</summary>
    /// <param name="input">The input (for reflection/replication: [C, W] or [N, C, W]).</param>
    /// <returns>The padded tensor.</returns>
    /// <exception cref="ArgumentException">The padding does not fit the input.</exception>
    /// <exception cref="NotSupportedException">Reflection or replication of a non-floating-point input.</exception>
    public override Tensor Forward(Tensor input) => F.Pad(input, _padding, "reflect", Value);

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        return PyRepr.Tuple(_padding);
    }
}

/// <summary>Pads the last two dimensions with the reflection of the input, without repeating the edge (PyTorch's <c>nn.ReflectionPad2d</c>); see <see cref="F.Pad"/>. The padding is an int (all sides) or a tuple (left, right, top, bottom).</summary>
public sealed class ReflectionPad2d : Module<Tensor, Tensor>
{
    private readonly int[] _padding;

    /// <summary>Creates the layer.</summary>
    /// <param name="padding">An int for every side, or 4 ints (left, right, top, bottom).</param>
    /// <exception cref="ArgumentException">The padding is the default or does not have 1 or 4 values.</exception>
    public ReflectionPad2d(IntTuple padding)
    {
        if (padding.IsDefault) throw new ArgumentException("ReflectionPad2d: padding must be given", nameof(padding));
        _padding = padding.Expand(4, 0, "ReflectionPad2d", "padding");
        Value = 0;
    }

    /// <summary>The padding (left, right, top, bottom).</summary>
    public IReadOnlyList<int> Padding => Array.AsReadOnly(_padding);

    /// <summary>The fill value (constant padding; 0 otherwise).</summary>
    public double Value { get; }

    /// <summary>Pads the input (see <see cref="F.Pad"/>).</summary>
    /// <param name="input">The input (for reflection/replication: [C, H, W] or [N, C, H, W]).</param>
    /// <returns>The padded tensor.</returns>
    /// <exception cref="ArgumentException">The padding does not fit the input.</exception>
    /// <exception cref="NotSupportedException">Reflection or replication of a non-floating-point input.</exception>
    public override Tensor Forward(Tensor input) => F.Pad(input, _padding, "reflect", Value);

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        return PyRepr.Tuple(_padding);
    }
}

/// <summary>Pads the last dimension by repeating the edge values (PyTorch's <c>nn.ReplicationPad1d</c>); see <see cref="F.Pad"/>. The padding is an int (all sides) or a tuple (left, right).</summary>
public sealed class ReplicationPad1d : Module<Tensor, Tensor>
{
    private readonly int[] _padding;

    /// <summary>Creates the layer.</summary>
    /// <param name="padding">An int for every side, or 2 ints (left, right).</param>
    /// <exception cref="ArgumentException">The padding is the default or does not have 1 or 2 values.</exception>
    public ReplicationPad1d(IntTuple padding)
    {
        if (padding.IsDefault) throw new ArgumentException("ReplicationPad1d: padding must be given", nameof(padding));
        _padding = padding.Expand(2, 0, "ReplicationPad1d", "padding");
        Value = 0;
    }

    /// <summary>The padding (left, right).</summary>
    public IReadOnlyList<int> Padding => Array.AsReadOnly(_padding);

    /// <summary>The fill value (constant padding; 0 otherwise).</summary>
    public double Value { get; }

    /// <summary>Pads the input (see <see cref="F.Pad"/>).</summary>
    /// <param name="input">The input (for reflection/replication: [C, W] or [N, C, W]).</param>
    /// <returns>The padded tensor.</returns>
    /// <exception cref="ArgumentException">The padding does not fit the input.</exception>
    /// <exception cref="NotSupportedException">Reflection or replication of a non-floating-point input.</exception>
    public override Tensor Forward(Tensor input) => F.Pad(input, _padding, "replicate", Value);

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        return PyRepr.Tuple(_padding);
    }
}

/// <summary>Pads the last two dimensions by repeating the edge values (PyTorch's <c>nn.ReplicationPad2d</c>); see <see cref="F.Pad"/>. The padding is an int (all sides) or a tuple (left, right, top, bottom).</summary>
public sealed class ReplicationPad2d : Module<Tensor, Tensor>
{
    private readonly int[] _padding;

    /// <summary>Creates the layer.</summary>
    /// <param name="padding">An int for every side, or 4 ints (left, right, top, bottom).</param>
    /// <exception cref="ArgumentException">The padding is the default or does not have 1 or 4 values.</exception>
    public ReplicationPad2d(IntTuple padding)
    {
        if (padding.IsDefault) throw new ArgumentException("ReplicationPad2d: padding must be given", nameof(padding));
        _padding = padding.Expand(4, 0, "ReplicationPad2d", "padding");
        Value = 0;
    }

    /// <summary>The padding (left, right, top, bottom).</summary>
    public IReadOnlyList<int> Padding => Array.AsReadOnly(_padding);

    /// <summary>The fill value (constant padding; 0 otherwise).</summary>
    public double Value { get; }

    /// <summary>Pads the input (see <see cref="F.Pad"/>).</summary>
    /// <param name="input">The input (for reflection/replication: [C, H, W] or [N, C, H, W]).</param>
    /// <returns>The padded tensor.</returns>
    /// <exception cref="ArgumentException">The padding does not fit the input.</exception>
    /// <exception cref="NotSupportedException">Reflection or replication of a non-floating-point input.</exception>
    public override Tensor Forward(Tensor input) => F.Pad(input, _padding, "replicate", Value);

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        return PyRepr.Tuple(_padding);
    }
}
