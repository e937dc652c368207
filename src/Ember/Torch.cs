using Ember.Autograd;

namespace Ember;

/// <summary>
/// Ember's functional entry points, like the <c>torch</c> module: tensor factories, ops, grad mode
/// and seeding. Every op here also exists as an instance method on <see cref="Tensor"/>. Add
/// <c>using static Ember.Torch;</c> to write <c>Zeros(2, 3)</c>.
/// </summary>
public static partial class Torch
{
    /// <summary>
    /// Disables gradient recording on this thread until the returned scope is disposed
    /// (PyTorch's <c>with torch.no_grad():</c>): <c>using (Torch.NoGrad()) { ... }</c>.
    /// </summary>
    public static GradModeScope NoGrad() => new(false);

    /// <summary>Enables gradient recording on this thread until the returned scope is disposed.</summary>
    public static GradModeScope EnableGrad() => new(true);

    /// <summary>
    /// Turns inference mode on (or off) on this thread until the returned scope is disposed (PyTorch's
    /// <c>with torch.inference_mode():</c>): no autograd recording at all, and the tensors made inside are inference
    /// tensors (<see cref="Tensor.IsInference"/>) that cannot join autograd afterwards.
    /// <c>using (Torch.InferenceMode()) { var y = model.Call(x); }</c>
    /// </summary>
    /// <param name="mode">True (default) to enter inference mode; false to leave it inside an enclosing scope.</param>
    public static InferenceModeScope InferenceMode(bool mode = true) => new(mode);

    /// <summary>Whether inference mode is on for this thread (PyTorch's <c>torch.is_inference_mode_enabled()</c>).</summary>
    public static bool IsInferenceModeEnabled => Autograd.InferenceMode.IsEnabled;

    /// <summary>Whether gradient recording is on for this thread.</summary>
    public static bool IsGradEnabled => GradMode.IsEnabled;

    /// <summary>
    /// Seeds the default generator of this thread and the seeds that other threads derive theirs from
    /// (PyTorch's <c>torch.manual_seed</c>).
    /// </summary>
    /// <param name="seed">The seed.</param>
    public static void ManualSeed(long seed) => Generator.SeedAll(seed);

    /// <summary>
    /// The state of this thread's default generator as a uint8 tensor (PyTorch's <c>torch.get_rng_state()</c>); restore it
    /// with <see cref="SetRngState"/>. Checkpoints save it so a resumed run draws the same dropout masks and shuffles.
    /// </summary>
    /// <returns>A new 1-d uint8 tensor (see <see cref="Generator.GetState"/>).</returns>
    public static Tensor GetRngState() => Generator.Default.GetState();

    /// <summary>Restores this thread's default generator from <see cref="GetRngState"/> (PyTorch's <c>torch.set_rng_state</c>).</summary>
    /// <param name="newState">A state from <see cref="GetRngState"/> or <see cref="Generator.GetState"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="newState"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="newState"/> is not a valid state (see <see cref="Generator.SetState"/>).</exception>
    public static void SetRngState(Tensor newState) => Generator.Default.SetState(newState);

    /// <summary>
    /// Returns <paramref name="tensor"/>, or throws the <see cref="ArgumentNullException"/> that names the parameter
    /// (the argument's expression at the call site, e.g. <c>input</c>) when it is null.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    internal static Tensor NotNull(Tensor? tensor, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(tensor))] string? name = null) =>
        tensor ?? throw new ArgumentNullException(name);
}
