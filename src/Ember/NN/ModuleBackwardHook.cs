using System.Runtime.CompilerServices;
using Ember.Autograd;

namespace Ember.NN;

/// <summary>
/// The full backward hooks of one module call (PyTorch's <c>torch.utils.hooks.BackwardHook</c>): the tensors of the
/// input and of the output are passed through identity nodes with one output per tensor, so that the gradients with
/// respect to the module's inputs and outputs — and only those flowing through this module — arrive together.
/// The output node runs first: it applies the backward pre-hooks and keeps gradOutput; the input node then calls the
/// full backward hooks with (gradInput, gradOutput).
/// </summary>
internal sealed class ModuleBackwardHook(
    Module module, Func<Module, Tensor?[], Tensor?[], Tensor?[]?>[] hooks, Func<Module, Tensor?[], Tensor?[]?>[] preHooks)
{
    private int _inputCount;
    private int[]? _inputIndex;   // the argument positions of the wrapped inputs; null when no input requires grad
    private int _outputCount;
    private int[]? _outputIndex;
    private Tensor?[]? _gradOutputs;

    /// <summary>Passes the input's tensors that require grad through an identity node; returns the input to use.</summary>
    public object? WrapInputs(object? input)
    {
        var args = ModuleArgs.Tensors(input);
        _inputCount = args.Length;
        _inputIndex = Wrap(ref input, args, OnInputGrads);
        return input;
    }

    /// <summary>Passes the output's tensors that require grad through an identity node; returns the output to use.</summary>
    public object? WrapOutputs(object? output)
    {
        var args = ModuleArgs.Tensors(output);
        _outputCount = args.Length;
        _outputIndex = Wrap(ref output, args, OnOutputGrads);
        return output;
    }

    private int[]? Wrap(ref object? value, Tensor?[] args, Func<Tensor?[], Tensor?[]> onGrads)
    {
        var index = new List<int>();
        for (int i = 0; i < args.Length; i++)
            if (args[i] is { RequiresGrad: true }) index.Add(i);
        if (index.Count == 0) return null;
        var originals = new Tensor[index.Count];
        var aliases = new Tensor[index.Count];
        var replacement = new Tensor?[args.Length];
        for (int j = 0; j < index.Count; j++)
        {
            var t = args[index[j]]!;
            originals[j] = t;
            // A view of the same storage, as PyTorch's BackwardHookFunction returns: in-place ops on it are refused.
            aliases[j] = replacement[index[j]] = new Tensor(t.Storage, (int[])t.ShapeArray.Clone(), (int[])t.StridesArray.Clone(), t.Offset)
            {
                ViewBase = t.ViewBase ?? t,
                RefusesInPlace = true,
            };
        }
        Graph.Record(aliases, new BackwardHookNode(index.Count, onGrads), originals);
        value = ModuleArgs.Replace(value, replacement, module);
        return index.ToArray();
    }

    private Tensor?[] OnOutputGrads(Tensor?[] grads)
    {
        var gradOutput = Pack(grads, _outputIndex!, _outputCount);
        using (Engine.EnterUserCode(gradOutput))
        {
            foreach (var pre in preHooks)
                if (pre(module, gradOutput) is { } r)
                    gradOutput = CheckLength(r, gradOutput.Length, "register_full_backward_pre_hook", "grad_output");
            if (_inputIndex is null)
            {
                // No input requires grad: the input node never runs, so the hooks run now with gradInput all null.
                var gradInput = new Tensor?[_inputCount];
                foreach (var hook in hooks)
                    if (hook(module, gradInput, gradOutput) is { } r && Array.Exists(r, g => g is not null))
                        throw new InvalidOperationException(
                            "register_full_backward_hook: a backward hook of a module where no input requires gradient must return null or null for all gradients");
            }
        }
        if (_inputIndex is not null) _gradOutputs = gradOutput;
        return Unpack(gradOutput, _outputIndex!);
    }

    private Tensor?[] OnInputGrads(Tensor?[] grads)
    {
        var gradOutput = _gradOutputs;
        // The gradient reached the inputs without passing through the module's output (e.g. double backward).
        if (gradOutput is null) return grads;
        _gradOutputs = null;
        var gradInput = Pack(grads, _inputIndex!, _inputCount);
        using (Engine.EnterUserCode(gradInput))
            foreach (var hook in hooks)
                if (hook(module, gradInput, gradOutput) is { } r)
                    gradInput = CheckLength(r, gradInput.Length, "register_full_backward_hook", "grad_input");
        return Unpack(gradInput, _inputIndex!);
    }

    private static Tensor?[] CheckLength(Tensor?[] grads, int expected, string op, string what)
    {
        if (grads.Length != expected)
            throw new InvalidOperationException($"{op}: a backward hook returned an invalid number of {what}, got {grads.Length}, but expected {expected}");
        return grads;
    }

    /// <summary>The gradients of the wrapped tensors placed at their argument positions, null elsewhere.</summary>
    private static Tensor?[] Pack(Tensor?[] grads, int[] index, int count)
    {
        var packed = new Tensor?[count];
        for (int j = 0; j < index.Length; j++) packed[index[j]] = grads[j];
        return packed;
    }

    private static Tensor?[] Unpack(Tensor?[] packed, int[] index)
    {
        var grads = new Tensor?[index.Length];
        for (int j = 0; j < index.Length; j++) grads[j] = packed[index[j]];
        return grads;
    }

    /// <summary>The identity with one output per tensor; its backward hands the gradients to the hook call.</summary>
    private sealed class BackwardHookNode(int count, Func<Tensor?[], Tensor?[]> onGrads) : MultiOutputNode(count)
    {
        public override string Name => "BackwardHookFunctionBackward";

        protected override Tensor?[] Backward(Tensor?[] grads) => onGrads(grads);
    }
}

/// <summary>
/// The tensors among a module's arguments, as PyTorch sees them: a tuple input is the argument list of
/// <c>forward(*args)</c>, anything else is the one argument; only arguments that are tensors count (not nested ones).
/// </summary>
internal static class ModuleArgs
{
    /// <summary>One entry per argument: the tensor, or null for an argument that is not a tensor.</summary>
    public static Tensor?[] Tensors(object? value)
    {
        if (value is Tensor t) return [t];
        if (value is ITuple tuple)
        {
            var args = new Tensor?[tuple.Length];
            for (int i = 0; i < args.Length; i++) args[i] = tuple[i] as Tensor;
            return args;
        }
        return [null];
    }

    /// <summary>
    /// <paramref name="value"/> with the arguments for which <paramref name="replacement"/> has a tensor replaced.
    /// Without reflection, so for the shapes modules use: a Tensor, a tuple of 2 to 4 Tensors, and an RNN's
    /// (Tensor, (Tensor, Tensor)) with an optional state.
    /// </summary>
    /// <exception cref="NotSupportedException">Another type holds a tensor to replace.</exception>
    public static object? Replace(object? value, Tensor?[] replacement, Module module)
    {
        Tensor R(int i, Tensor old) => replacement[i] ?? old;
        return value switch
        {
            Tensor t => R(0, t),
            ValueTuple<Tensor, Tensor> v => (R(0, v.Item1), R(1, v.Item2)),
            ValueTuple<Tensor, Tensor, Tensor> v => (R(0, v.Item1), R(1, v.Item2), R(2, v.Item3)),
            ValueTuple<Tensor, Tensor, Tensor, Tensor> v => (R(0, v.Item1), R(1, v.Item2), R(2, v.Item3), R(3, v.Item4)),
            ValueTuple<Tensor, ValueTuple<Tensor, Tensor>> v => (R(0, v.Item1), v.Item2),
            ValueTuple<Tensor, ValueTuple<Tensor, Tensor>?> v => (R(0, v.Item1), v.Item2),
            _ => throw new NotSupportedException(
                $"register_full_backward_hook: {module.GetType().Name} is called with a {value?.GetType().Name ?? "null"} holding tensors that require grad; " +
                "backward hooks support inputs and outputs that are a Tensor, a tuple of 2 to 4 Tensors, or (Tensor, (Tensor, Tensor))"),
        };
    }
}
