namespace Ember.NN;

/// <summary>Whether a layer's parameters are trained (torchinfo's <c>Trainable</c> column).</summary>
public enum LayerTrainability
{
    /// <summary>The layer has no parameters (torchinfo prints <c>--</c>).</summary>
    NoParameters,
    /// <summary>Every parameter requires grad (<c>True</c>).</summary>
    Trainable,
    /// <summary>No parameter requires grad (<c>False</c>).</summary>
    NonTrainable,
    /// <summary>Some parameters require grad and some do not (<c>Partial</c>).</summary>
    Partial,
}

/// <summary>
/// One row of a <see cref="ModelSummary"/>: one call of a module during the summary's forward pass (a module called
/// twice gives two rows, the second marked <see cref="IsRecursive"/>), or a container that was never called itself
/// (a <see cref="ModuleList"/>), as torchinfo's <c>LayerInfo</c>.
/// </summary>
public sealed class LayerSummary
{
    internal LayerSummary(string varName, Module module, int depth, LayerSummary? parent)
    {
        VarName = varName;
        Module = module;
        Depth = depth;
        Parent = parent;
        var name = module.GetType().Name;
        int tick = name.IndexOf('`');
        TypeName = tick >= 0 ? name[..tick] : name;
        IsLeaf = !module.Children().Any();
    }

    /// <summary>The module.</summary>
    public Module Module { get; }

    /// <summary>The module's class name (<c>Conv2d</c>, <c>Sequential</c>).</summary>
    public string TypeName { get; }

    /// <summary>The name under which the parent registered the module (<c>conv1</c>, <c>0</c>); the model's class name for the root.</summary>
    public string VarName { get; }

    /// <summary>The depth in the module tree: 0 for the model, 1 for its children, and so on.</summary>
    public int Depth { get; }

    /// <summary>The 1-based position of this row among the rows of the same depth (the <c>2</c> of torchinfo's <c>Conv2d: 1-2</c>).</summary>
    public int DepthIndex { get; internal set; }

    /// <summary>The parent module's place in the tree (not necessarily a row), or null for the model.</summary>
    internal LayerSummary? Parent { get; }

    /// <summary>True when the module has no child modules.</summary>
    public bool IsLeaf { get; }

    /// <summary>True when the module was already listed by an earlier row (a module called twice, or one whose parameters are all shared with an earlier row).</summary>
    public bool IsRecursive { get; internal set; }

    /// <summary>True when the module was called during the forward pass (false for a container listed only to show the tree).</summary>
    public bool Executed { get; internal set; }

    /// <summary>The shape of the first tensor of the module's input (torchinfo's <c>Input Shape</c>); null when it held none or the module was not called.</summary>
    public Size? InputShape { get; internal set; }

    /// <summary>The shape of the first tensor of the module's output (torchinfo's <c>Output Shape</c>: an LSTM's output, not its state); null when not called.</summary>
    public Size? OutputShape { get; internal set; }

    /// <summary>The shapes of all tensors of the output, in order: for an LSTM [output, h, c].</summary>
    public IReadOnlyList<Size> OutputShapes { get; internal set; } = [];

    /// <summary>Bytes of the first output tensor (<see cref="OutputShape"/> times its element size).</summary>
    public long OutputBytes { get; internal set; }

    /// <summary>The parameters of the module and its descendants, each counted once (torchinfo's <c>num_params</c>).</summary>
    public long NumParams { get; internal set; }

    /// <summary>Those of <see cref="NumParams"/> that require grad.</summary>
    public long TrainableParams { get; internal set; }

    /// <summary>The bytes of <see cref="NumParams"/>.</summary>
    public long ParamBytes { get; internal set; }

    /// <summary>
    /// The parameters this row shows as its own: all of them for a leaf, else those not shown by a descendant row
    /// (torchinfo's leftover parameters, e.g. a parameter registered directly on a container).
    /// </summary>
    public long OwnParams => IsLeaf ? NumParams : Leftover(l => l.NumParams);

    /// <summary>Whether the parameters are trained (torchinfo's <c>Trainable</c>).</summary>
    public LayerTrainability Trainable =>
        NumParams == 0 ? LayerTrainability.NoParameters
        : TrainableParams == 0 ? LayerTrainability.NonTrainable
        : TrainableParams == NumParams ? LayerTrainability.Trainable
        : LayerTrainability.Partial;

    /// <summary>
    /// Multiply-adds of this call, as torchinfo counts them from the parameters and the output shape [N, C, ...]:
    /// convolutions (<c>Conv</c> in the type name) weight and bias elements × N × output spatial size; <c>Linear</c>
    /// parameters × the output elements per feature (all dims but the last); recurrent weights and biases
    /// (<c>weight_ih_l0</c>…) × the first two output dims (sequence × batch); any other layer (BatchNorm, Embedding,
    /// LayerNorm…) parameters × N. Only leaf rows enter <see cref="ModelSummary.TotalMultAdds"/>.
    /// </summary>
    public long MultAdds { get; internal set; }

    /// <summary>The rows below this one in the tree (descendants, in order).</summary>
    public IReadOnlyList<LayerSummary> Descendants { get; internal set; } = [];

    internal long Leftover(Func<LayerSummary, long> value)
    {
        long total = value(this);
        var children = Descendants;
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < children.Count;)
        {
            var child = children[i];
            if (child.IsRecursive)
            {
                if (seen.Add(child.Module)) total -= value(child);
                i++;
                while (i < children.Count && children[i].Depth > child.Depth) i++;
                continue;
            }
            seen.Add(child.Module);
            total -= child.IsLeaf ? value(child) : child.Leftover(value);
            i++;
        }
        return total;
    }

    /// <summary>torchinfo's row title: <c>Conv2d: 1-2</c>.</summary>
    internal string Title(bool showVarName, bool showDepth)
    {
        var s = TypeName;
        if (showVarName && VarName.Length > 0) s += $" ({VarName})";
        if (showDepth && Depth > 0) s += $": {Depth}-{DepthIndex}";
        return s;
    }

    /// <summary>Prints the row's title, output shape and parameter count.</summary>
    public override string ToString() => $"{Title(false, true)} {OutputShape?.ToString() ?? "--"} {NumParams}";
}
