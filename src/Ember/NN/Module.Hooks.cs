using Ember.Autograd;

namespace Ember.NN;

public abstract partial class Module
{
    // Forward hooks are stored untyped (one list, so that typed and untyped hooks keep their registration order);
    // each returns the (possibly replaced) input or output. Backward hooks only see tensors.
    private HookList<Func<Module, object?, object?>>? _forwardPreHooks;
    private HookList<Func<Module, object?, object?, object?>>? _forwardHooks;
    private HookList<Func<Module, Tensor?[], Tensor?[], Tensor?[]?>>? _backwardHooks;
    private HookList<Func<Module, Tensor?[], Tensor?[]?>>? _backwardPreHooks;

    /// <summary>True for modules called through <see cref="Module{TInput, TOutput}.Call"/>, the path that runs hooks.</summary>
    private protected virtual bool RunsHooks => false;

    private static HookList<T> Lazy<T>(ref HookList<T>? list) =>
        Volatile.Read(ref list) ?? Interlocked.CompareExchange(ref list, new(), null) ?? list;

    private void CheckRunsHooks(string op)
    {
        if (!RunsHooks)
            throw new NotSupportedException(
                $"{op}: {TypeName} is not a Module<TInput, TOutput>, so it is never called through Call and its hooks would never run");
    }

    /// <summary>The forward pre-hooks at this moment, or null when there are none.</summary>
    private protected (object Key, Func<Module, object?, object?> Hook)[]? ForwardPreHookSnapshot => NonEmpty(_forwardPreHooks);

    /// <summary>The forward hooks at this moment, or null when there are none.</summary>
    private protected (object Key, Func<Module, object?, object?, object?> Hook)[]? ForwardHookSnapshot => NonEmpty(_forwardHooks);

    /// <summary>Whether any forward or backward hook is registered on this module (fused paths then call it as usual).</summary>
    internal bool HasHooks =>
        NonEmpty(_forwardPreHooks) is not null || NonEmpty(_forwardHooks) is not null || NonEmpty(_backwardHooks) is not null || NonEmpty(_backwardPreHooks) is not null;

    private static (object Key, T Hook)[]? NonEmpty<T>(HookList<T>? list) =>
        Volatile.Read(ref list)?.Snapshot is { Length: > 0 } items ? items : null;


    private protected RemovableHandle AddForwardPreHook(Func<Module, object?, object?> hook, string op = "register_forward_pre_hook")
    {
        CheckRunsHooks(op);
        return Lazy(ref _forwardPreHooks).Add(hook);
    }

    private protected RemovableHandle AddForwardHook(Func<Module, object?, object?, object?> hook, string op = "register_forward_hook")
    {
        CheckRunsHooks(op);
        return Lazy(ref _forwardHooks).Add(hook);
    }

    /// <summary>
    /// Registers a hook called before every <see cref="Module{TInput, TOutput}.Call"/> of this module with the module and
    /// its input (PyTorch's <c>register_forward_pre_hook</c>), for code that handles modules of any type, such as a
    /// training monitor. <see cref="Module{TInput, TOutput}"/> has typed overloads that may also replace the input.
    /// </summary>
    /// <param name="hook">Called with (module, input).</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    /// <exception cref="NotSupportedException">This module is not a <see cref="Module{TInput, TOutput}"/> (a loss or a
    /// <see cref="ModuleList"/>), so it has no <c>Call</c> that could run the hook.</exception>
    public RemovableHandle RegisterForwardPreHook(Action<Module, object?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return AddForwardPreHook((m, x) => { hook(m, x); return x; });
    }

    /// <summary>
    /// Registers a hook called after every <see cref="Module{TInput, TOutput}.Call"/> of this module with the module, its
    /// input and its output (PyTorch's <c>register_forward_hook</c>), for code that handles modules of any type, such as a
    /// training monitor. <see cref="Module{TInput, TOutput}"/> has typed overloads that may also replace the output.
    /// </summary>
    /// <param name="hook">Called with (module, input, output).</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    /// <exception cref="NotSupportedException">This module is not a <see cref="Module{TInput, TOutput}"/>.</exception>
    public RemovableHandle RegisterForwardHook(Action<Module, object?, object?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return AddForwardHook((m, x, y) => { hook(m, x, y); return y; });
    }

    /// <summary>
    /// Registers a hook called when the gradients with respect to this module's inputs have been computed, with
    /// (module, gradInput, gradOutput) (PyTorch's <c>register_full_backward_hook</c>). gradInput has one entry per
    /// argument of <c>Forward</c> (the elements of a tuple input, else the one input): the gradient of that argument
    /// coming from this module only, or null for an argument that is not a tensor, does not require grad or got no
    /// gradient; gradOutput likewise for the output. The hook may return a replacement gradInput (same length), which is
    /// what flows on to the inputs, or null to keep it. When no input requires grad (the first layer of a model), the
    /// hook runs once the output's gradient is known, with gradInput all null.
    /// </summary>
    /// <remarks>
    /// Runs when the module is called through <see cref="Module{TInput, TOutput}.Call"/> with grad mode on; its inputs
    /// and outputs are then wrapped by an identity autograd node (views of the same storage), so, as in PyTorch, the
    /// module's input and output must not be modified in place. The tensors that require grad must come as a
    /// <see cref="Tensor"/>, a tuple of 2 to 4 Tensors, or an RNN's <c>(Tensor, (Tensor, Tensor))</c> (only the first
    /// element counts, as in PyTorch); otherwise <c>Call</c> throws <see cref="NotSupportedException"/>.
    /// </remarks>
    /// <param name="hook">Called with (module, gradInput, gradOutput); returns a replacement gradInput or null.</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    /// <exception cref="NotSupportedException">This module is not a <see cref="Module{TInput, TOutput}"/>.</exception>
    public RemovableHandle RegisterFullBackwardHook(Func<Module, Tensor?[], Tensor?[], Tensor?[]?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        CheckRunsHooks("register_full_backward_hook");
        return Lazy(ref _backwardHooks).Add(hook);
    }

    /// <summary>Registers a backward hook that only observes (see the <c>Func</c> overload of <c>RegisterFullBackwardHook</c>).</summary>
    /// <param name="hook">Called with (module, gradInput, gradOutput).</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    /// <exception cref="NotSupportedException">This module is not a <see cref="Module{TInput, TOutput}"/>.</exception>
    public RemovableHandle RegisterFullBackwardHook(Action<Module, Tensor?[], Tensor?[]> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return RegisterFullBackwardHook((m, gi, go) => { hook(m, gi, go); return null; });
    }

    /// <summary>
    /// Registers a hook called with (module, gradOutput) as soon as the gradients with respect to this module's output
    /// are known, before the gradients of its inputs are computed (PyTorch 2's <c>register_full_backward_pre_hook</c>).
    /// It may return a replacement gradOutput (same length), which is then used for the whole backward of the module and
    /// passed to the full backward hooks, or null to keep it.
    /// </summary>
    /// <param name="hook">Called with (module, gradOutput); returns a replacement or null.</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    /// <exception cref="NotSupportedException">This module is not a <see cref="Module{TInput, TOutput}"/>.</exception>
    public RemovableHandle RegisterFullBackwardPreHook(Func<Module, Tensor?[], Tensor?[]?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        CheckRunsHooks("register_full_backward_pre_hook");
        return Lazy(ref _backwardPreHooks).Add(hook);
    }

    /// <summary>Registers a backward pre-hook that only observes (see the <c>Func</c> overload of <c>RegisterFullBackwardPreHook</c>).</summary>
    /// <param name="hook">Called with (module, gradOutput).</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    /// <exception cref="NotSupportedException">This module is not a <see cref="Module{TInput, TOutput}"/>.</exception>
    public RemovableHandle RegisterFullBackwardPreHook(Action<Module, Tensor?[]> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return RegisterFullBackwardPreHook((m, go) => { hook(m, go); return null; });
    }

    /// <summary>The backward hooks of one call, or null when there are none or grad mode is off.</summary>
    private protected ModuleBackwardHook? BeginBackwardHooks()
    {
        var hooks = NonEmpty(_backwardHooks);
        var pre = NonEmpty(_backwardPreHooks);
        if ((hooks is null && pre is null) || !GradMode.IsEnabled) return null;
        return new ModuleBackwardHook(this, Array.ConvertAll(hooks ?? [], h => h.Hook), Array.ConvertAll(pre ?? [], h => h.Hook));
    }
}

public abstract partial class Module<TInput, TOutput>
{
    private protected override bool RunsHooks => true;

    /// <summary>
    /// Calls the module (PyTorch's <c>module(input)</c>, i.e. <c>__call__</c>): runs the forward pre-hooks (each may
    /// replace the input), <see cref="Forward"/>, the forward hooks (each may replace the output), and sets up the full
    /// backward hooks. Without hooks this is exactly <see cref="Forward"/>. Containers call their children through
    /// <c>Call</c>; a custom module should too, so that hooks on its children run.
    /// </summary>
    /// <param name="input">The input.</param>
    /// <returns>The output (after the forward hooks).</returns>
    /// <exception cref="NotSupportedException">A full backward hook is registered and the input or output holds a
    /// tensor that requires grad in a type other than a Tensor, a tuple of 2 to 4 Tensors or (Tensor, (Tensor, Tensor)).</exception>
    public TOutput Call(TInput input)
    {
        var pre = ForwardPreHookSnapshot;
        var post = ForwardHookSnapshot;
        var backward = BeginBackwardHooks();
        if (pre is null && post is null && backward is null) return Forward(input);

        if (pre is not null)
        {
            object? boxed = input;
            foreach (var (_, hook) in pre) boxed = hook(this, boxed);
            input = (TInput)boxed!;
        }
        if (backward is not null) input = (TInput)backward.WrapInputs(input)!;
        var output = Forward(input);
        if (post is not null)
        {
            object? boxed = output;
            foreach (var (_, hook) in post) boxed = hook(this, input, boxed);
            output = (TOutput)boxed!;
        }
        if (backward is not null) output = (TOutput)backward.WrapOutputs(output)!;
        return output;
    }

    /// <summary>
    /// Registers a hook called before every <see cref="Call"/> with (module, input) (PyTorch's
    /// <c>register_forward_pre_hook</c>); the input it returns replaces the input (return it unchanged to keep it).
    /// Hooks run in registration order, each on the previous one's result.
    /// </summary>
    /// <param name="hook">Called with (module, input); returns the input to use.</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    public RemovableHandle RegisterForwardPreHook(Func<Module<TInput, TOutput>, TInput, TInput> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return AddForwardPreHook((m, x) => hook((Module<TInput, TOutput>)m, (TInput)x!));
    }

    /// <summary>Registers a forward pre-hook that only observes (see <see cref="RegisterForwardPreHook(Func{Module{TInput, TOutput}, TInput, TInput})"/>).</summary>
    /// <param name="hook">Called with (module, input).</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    public RemovableHandle RegisterForwardPreHook(Action<Module<TInput, TOutput>, TInput> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return AddForwardPreHook((m, x) => { hook((Module<TInput, TOutput>)m, (TInput)x!); return x; });
    }

    /// <summary>
    /// Registers a hook called after every <see cref="Call"/> with (module, input, output) (PyTorch's
    /// <c>register_forward_hook</c>); the output it returns replaces the output (return it unchanged to keep it).
    /// Hooks run in registration order, each on the previous one's result.
    /// </summary>
    /// <param name="hook">Called with (module, input, output); returns the output to use.</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    public RemovableHandle RegisterForwardHook(Func<Module<TInput, TOutput>, TInput, TOutput, TOutput> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return AddForwardHook((m, x, y) => hook((Module<TInput, TOutput>)m, (TInput)x!, (TOutput)y!));
    }

    /// <summary>Registers a forward hook that only observes (see <see cref="RegisterForwardHook(Func{Module{TInput, TOutput}, TInput, TOutput, TOutput})"/>).</summary>
    /// <param name="hook">Called with (module, input, output).</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    public RemovableHandle RegisterForwardHook(Action<Module<TInput, TOutput>, TInput, TOutput> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return AddForwardHook((m, x, y) => { hook((Module<TInput, TOutput>)m, (TInput)x!, (TOutput)y!); return y; });
    }
}
