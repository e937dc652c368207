using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Ember.NN;
using Module = Ember.NN.Module;

namespace Ember.Onnx.Export;

/// <summary>Calls a <see cref="Module{TInput, TOutput}"/> of unknown types with tensors, and flattens what it returns.</summary>
internal static class ModelInvoker
{
    /// <summary>The <c>Module&lt;TInput, TOutput&gt;</c> base of a module type, or null (a loss, a ModuleList).</summary>
    public static Type? CallableBase(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Module<,>)) return t;
        return null;
    }

    /// <summary>Checks that <paramref name="model"/> takes <paramref name="count"/> tensors (one Tensor, or a tuple of them).</summary>
    /// <exception cref="ArgumentException">It takes something else.</exception>
    public static void CheckInputs(Module model, int count)
    {
        var callable = CallableBase(model.GetType())
            ?? throw new ArgumentException($"onnx export: {model.GetType().Name} is not a Module<TInput, TOutput>, so it cannot be called with sample inputs", nameof(model));
        var input = callable.GetGenericArguments()[0];
        bool ok = count == 1
            ? input == typeof(Tensor)
            : typeof(ITuple).IsAssignableFrom(input) && input.IsGenericType && input.GetGenericArguments() is { } args
              && args.Length == count && args.All(a => a == typeof(Tensor));
        if (!ok)
            throw new ArgumentException(
                $"onnx export: {model.GetType().Name} takes {input.Name}, but {count} sample input tensor(s) were given " +
                "(a model with several inputs takes a tuple of Tensors)", nameof(model));
    }

    /// <summary>Calls the model through <c>Call</c> (so hooks run) and returns its output.</summary>
    public static object? Call(Module model, Tensor[] inputs)
    {
        var callable = CallableBase(model.GetType())!;
        var inputType = callable.GetGenericArguments()[0];
        object argument = inputs.Length == 1 ? inputs[0] : Activator.CreateInstance(inputType, inputs.Cast<object>().ToArray())!;
        var call = callable.GetMethod("Call")!;
        try
        {
            return call.Invoke(model, [argument]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>The tensors in a module's input or output (a Tensor, or tuples of them, in order).</summary>
    /// <exception cref="NotSupportedException">Something else than tensors and tuples.</exception>
    public static List<Tensor> Flatten(object? value, string what)
    {
        var list = new List<Tensor>();
        Add(value);
        return list;

        void Add(object? v)
        {
            switch (v)
            {
                case Tensor t:
                    list.Add(t);
                    break;
                case ITuple tuple:
                    for (int i = 0; i < tuple.Length; i++) Add(tuple[i]);
                    break;
                default:
                    throw new NotSupportedException(
                        $"onnx export: {what} holds a {(v is null ? "null" : v.GetType().Name)}; only tensors and tuples of tensors can be exported");
            }
        }
    }
}
