using System.ComponentModel;

namespace Ember.NN;

/// <summary>
/// Receives the Module and Parameter members of a partial module from the code that Ember's source generator writes
/// (an override of <see cref="Module.CollectFields"/>); not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ModuleFields
{
    internal List<(string Name, string Member, Parameter Value)>? Parameters;
    internal List<(string Name, string Member, Module Value)>? Modules;

    internal ModuleFields() { }

    /// <summary>Registers the parameter held by member <paramref name="member"/> under <paramref name="name"/> (nothing when null).</summary>
    /// <param name="name">The PyTorch-style name (<c>fc1</c>, <c>running_mean</c>).</param>
    /// <param name="member">The C# member, for error messages.</param>
    /// <param name="value">The member's current value.</param>
    public void Parameter(string name, string member, Parameter? value)
    {
        if (value is not null) (Parameters ??= new()).Add((name, member, value));
    }

    /// <summary>Registers the child module held by member <paramref name="member"/> under <paramref name="name"/> (nothing when null).</summary>
    /// <param name="name">The PyTorch-style name (<c>fc1</c>, <c>encoder</c>).</param>
    /// <param name="member">The C# member, for error messages.</param>
    /// <param name="value">The member's current value.</param>
    public void Module(string name, string member, Module? value)
    {
        if (value is not null) (Modules ??= new()).Add((name, member, value));
    }
}

/// <summary>
/// Marks a field or auto-property of a module that holds a <see cref="Module"/> or <see cref="Parameter"/> that is not
/// part of the module (e.g. a reference to a module owned elsewhere): the source generator neither registers it nor
/// reports it as unregistered.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class NotRegisteredAttribute : Attribute;
