using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ember.Generators
{
    /// <summary>
    /// Finds, in one subclass of <c>Ember.NN.Module</c>, the instance fields and auto-properties that hold a Module or a
    /// Parameter (or a collection of them), decides which are registered explicitly, and turns the rest into members to
    /// register (partial classes) or diagnostics (other classes).
    /// </summary>
    internal static class ModuleAnalysis
    {
        private const string ModuleName = "Ember.NN.Module";
        private const string ParameterName = "Ember.NN.Parameter";
        private const string NotRegisteredName = "Ember.NN.NotRegisteredAttribute";

        private enum Kind { None, Module, Parameter, Collection }

        private sealed class Candidate(ISymbol member, ITypeSymbol type, Kind kind, Location location)
        {
            public ISymbol Member { get; } = member;
            public ITypeSymbol Type { get; } = type;
            public Kind Kind { get; } = kind;
            public Location Location { get; } = location;
        }

        public static ModuleModel? Analyze(GeneratorSyntaxContext context, CancellationToken ct)
        {
            var declaration = (ClassDeclarationSyntax)context.Node;
            if (context.SemanticModel.GetDeclaredSymbol(declaration, ct) is not INamedTypeSymbol type) return null;
            // A partial class is analyzed once, from its first declaration.
            var first = type.DeclaringSyntaxReferences.FirstOrDefault();
            if (first is null || first.SyntaxTree != declaration.SyntaxTree || first.Span != declaration.Span) return null;

            var compilation = context.SemanticModel.Compilation;
            var module = compilation.GetTypeByMetadataName(ModuleName);
            if (module is null || SymbolEqualityComparer.Default.Equals(type, module) || !DerivesFrom(type, module)) return null;
            var parameter = compilation.GetTypeByMetadataName(ParameterName);
            var notRegistered = compilation.GetTypeByMetadataName(NotRegisteredName);

            var candidates = Candidates(type, module, parameter, notRegistered);
            if (candidates.Count == 0) return null;
            var registered = StaticallyRegistered(type, module, compilation, ct);
            bool partial = IsPartialWithContainers(type, ct);

            var fields = new List<FieldToRegister>();
            var diagnostics = new List<DiagnosticInfo>();
            var names = new Dictionary<string, string>();
            foreach (var c in candidates)
            {
                if (registered.Contains(c.Member)) continue;
                string what = c.Member is IPropertySymbol ? "property" : "field";
                string typeName = c.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                if (c.Kind == Kind.Collection)
                {
                    diagnostics.Add(Diagnostic(Diagnostics.Collection, c.Location, type.Name, what, c.Member.Name, typeName));
                    continue;
                }
                if (!partial)
                {
                    string method = c.Kind == Kind.Module ? "RegisterModule" : "RegisterParameter";
                    diagnostics.Add(Diagnostic(Diagnostics.Unregistered, c.Location, type.Name, what, c.Member.Name, typeName, method));
                    continue;
                }
                string name = Naming.ToPyTorchName(c.Member.Name);
                if (names.TryGetValue(name, out var other))
                {
                    diagnostics.Add(Diagnostic(Diagnostics.DuplicateName, c.Location, type.Name, other, c.Member.Name, name));
                    continue;
                }
                names.Add(name, c.Member.Name);
                fields.Add(new FieldToRegister(name, c.Member.Name, c.Kind == Kind.Module));
            }
            if (fields.Count == 0 && diagnostics.Count == 0) return null;

            var containers = new List<ContainingType>();
            for (var t = type.ContainingType; t is not null; t = t.ContainingType) containers.Insert(0, new ContainingType(Keyword(t), NameWithTypeParameters(t)));
            var ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            var hint = new string(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
                .Replace("global::", "")
                .Select(ch => char.IsLetterOrDigit(ch) || ch == '.' || ch == '_' ? ch : '_').ToArray()) + ".ModuleFields.g.cs";
            return new ModuleModel(ns, new EquatableArray<ContainingType>(containers.ToArray()), NameWithTypeParameters(type), hint,
                new EquatableArray<FieldToRegister>(fields.ToArray()), new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        private static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, Location location, params string[] args) =>
            new(descriptor.Id, LocationInfo.From(location), new EquatableArray<string>(args));

        /// <summary>The type's own instance fields and auto-properties holding modules or parameters, in source order.</summary>
        private static List<Candidate> Candidates(INamedTypeSymbol type, INamedTypeSymbol module, INamedTypeSymbol? parameter, INamedTypeSymbol? notRegistered)
        {
            var result = new List<Candidate>();
            foreach (var member in type.GetMembers())
            {
                if (member is not IFieldSymbol field || field.IsStatic || field.IsConst) continue;
                ISymbol target = field;
                ITypeSymbol memberType = field.Type;
                if (field.IsImplicitlyDeclared)
                {
                    // The backing field of an auto-property: register through the property.
                    if (field.AssociatedSymbol is not IPropertySymbol property) continue;
                    target = property;
                    memberType = property.Type;
                }
                if (notRegistered is not null && target.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, notRegistered))) continue;
                var kind = Classify(memberType, module, parameter);
                var location = target.Locations.FirstOrDefault(l => l.IsInSource);
                if (kind != Kind.None && location is not null) result.Add(new Candidate(target, memberType, kind, location));
            }
            var treeOrder = type.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).Distinct().ToList();
            return result
                .OrderBy(c => treeOrder.IndexOf(c.Location.SourceTree!))
                .ThenBy(c => c.Location.SourceSpan.Start)
                .ToList();
        }

        private static Kind Classify(ITypeSymbol type, INamedTypeSymbol module, INamedTypeSymbol? parameter)
        {
            if (type is ITypeParameterSymbol typeParameter)
            {
                foreach (var constraint in typeParameter.ConstraintTypes)
                    if (Classify(constraint, module, parameter) is var k && k != Kind.None) return k;
                return Kind.None;
            }
            if (parameter is not null && DerivesFrom(type, parameter)) return Kind.Parameter;
            if (DerivesFrom(type, module)) return Kind.Module;
            if (type is IArrayTypeSymbol array)
                return Classify(array.ElementType, module, parameter) is Kind.Module or Kind.Parameter ? Kind.Collection : Kind.None;
            if (type is INamedTypeSymbol named)
            {
                foreach (var i in named.AllInterfaces.Concat(new[] { named }))
                {
                    if (i.OriginalDefinition.SpecialType != SpecialType.System_Collections_Generic_IEnumerable_T) continue;
                    var element = i.TypeArguments[0];
                    if (element is INamedTypeSymbol { Name: "KeyValuePair", TypeArguments.Length: 2 } pair) element = pair.TypeArguments[1];
                    if (Classify(element, module, parameter) is Kind.Module or Kind.Parameter) return Kind.Collection;
                }
            }
            return Kind.None;
        }

        private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol baseType)
        {
            for (var t = type; t is not null; t = t.BaseType)
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType)) return true;
            return false;
        }

        /// <summary>
        /// The members that the class registers explicitly: those assigned (directly, or an element of them) from an
        /// expression containing a RegisterModule/RegisterParameter/RegisterBuffer call, those that receive such a call's
        /// result as an argument (<c>_items.Add(RegisterModule(...))</c>), and those mentioned in such a call's arguments
        /// (<c>RegisterModule("fc", _fc)</c>).
        /// </summary>
        private static HashSet<ISymbol> StaticallyRegistered(INamedTypeSymbol type, INamedTypeSymbol module, Compilation compilation, CancellationToken ct)
        {
            var result = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var model = compilation.GetSemanticModel(reference.SyntaxTree);
                foreach (var call in reference.GetSyntax(ct).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (!IsRegisterCall(call, model, module, ct)) continue;
                    foreach (var id in call.ArgumentList.DescendantNodes().OfType<IdentifierNameSyntax>())
                        Add(result, model.GetSymbolInfo(id, ct).Symbol);
                    SyntaxNode child = call;
                    for (var parent = call.Parent; parent is not null; child = parent, parent = parent.Parent)
                    {
                        if (parent is AssignmentExpressionSyntax assignment)
                        {
                            if (assignment.Right == child) Add(result, Target(assignment.Left, model, ct));
                            break;
                        }
                        if (parent is ArgumentSyntax && parent.Parent?.Parent is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access })
                        {
                            Add(result, Target(access.Expression, model, ct));
                            break;
                        }
                        if (parent is not (ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax
                            or BinaryExpressionSyntax or ConditionalExpressionSyntax or SwitchExpressionArmSyntax or SwitchExpressionSyntax
                            or ArrowExpressionClauseSyntax))
                            break;
                    }
                }
            }
            return result;
        }

        private static void Add(HashSet<ISymbol> set, ISymbol? symbol)
        {
            if (symbol is IFieldSymbol or IPropertySymbol) set.Add(symbol.OriginalDefinition);
        }

        private static ISymbol? Target(ExpressionSyntax expression, SemanticModel model, CancellationToken ct)
        {
            while (expression is ElementAccessExpressionSyntax element) expression = element.Expression;
            return model.GetSymbolInfo(expression, ct).Symbol;
        }

        private static bool IsRegisterCall(InvocationExpressionSyntax call, SemanticModel model, INamedTypeSymbol module, CancellationToken ct)
        {
            var name = call.Expression switch
            {
                IdentifierNameSyntax id => id.Identifier.ValueText,
                GenericNameSyntax g => g.Identifier.ValueText,
                MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
                _ => null,
            };
            if (name is not ("RegisterModule" or "RegisterParameter" or "RegisterBuffer")) return false;
            // Unresolved (code with errors): trust the name.
            return model.GetSymbolInfo(call, ct).Symbol is not IMethodSymbol method || DerivesFrom(method.ContainingType, module);
        }

        private static bool IsPartialWithContainers(INamedTypeSymbol type, CancellationToken ct)
        {
            for (var t = type; t is not null; t = t.ContainingType)
                foreach (var reference in t.DeclaringSyntaxReferences)
                    if (reference.GetSyntax(ct) is not TypeDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                        return false;
            return true;
        }

        private static string Keyword(INamedTypeSymbol type) => type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };

        private static string NameWithTypeParameters(INamedTypeSymbol type) =>
            type.TypeParameters.Length == 0 ? type.Name : type.Name + "<" + string.Join(", ", type.TypeParameters.Select(p => p.Name)) + ">";
    }
}
