using Microsoft.CodeAnalysis;

namespace Ember.Generators
{
    /// <summary>The diagnostics of the module generator.</summary>
    internal static class Diagnostics
    {
        private const string Category = "Ember.NN";

        public static readonly DiagnosticDescriptor Unregistered = new(
            "EMBER001",
            "Module field is not registered",
            "Module '{0}' has {1} '{2}' of type {3} that is not registered, so Parameters(), StateDict(), To() and Train() would silently leave it out; " +
            "make '{0}' partial (the Ember generator then registers it) or assign it from {4}(\"name\", ...)",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A Module or Parameter held by a module must be registered. A partial Module subclass gets its fields registered " +
                         "automatically, under the member's name in PyTorch style (_fc1 → fc1, RunningMean → running_mean); any other " +
                         "module must register them explicitly. Mark a field that is deliberately not part of the module " +
                         "(e.g. a reference to a shared module) with [Ember.NN.NotRegistered].");

        public static readonly DiagnosticDescriptor Collection = new(
            "EMBER002",
            "Collection of modules or parameters is not registered",
            "Module '{0}' has {1} '{2}' of type {3}, whose modules or parameters are never registered; use ModuleList<T>/ModuleDict<T>, " +
            "register each element, or mark it [NotRegistered]",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "As in PyTorch, a plain list of modules is not part of the module: its parameters are not trained or saved.");

        public static readonly DiagnosticDescriptor DuplicateName = new(
            "EMBER003",
            "Two fields would be registered under the same name",
            "Module '{0}': '{1}' and '{2}' would both be registered as '{3}'; rename one, register one explicitly, or mark one [NotRegistered]",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static DiagnosticDescriptor ById(string id) => id switch
        {
            "EMBER001" => Unregistered,
            "EMBER002" => Collection,
            _ => DuplicateName,
        };
    }
}
