using System.Reflection;
using System.Xml.Linq;

namespace Ember.Tests.Robustness;

/// <summary>
/// The library's XML documentation (<c>Ember.xml</c>, built next to the assembly) read by member: which exception
/// types a public method documents with <c>&lt;exception cref="…"/&gt;</c>.
/// </summary>
internal static class XmlDocs
{
    private static readonly Lazy<Dictionary<string, XElement>> Members = new(Load);

    private static Dictionary<string, XElement> Load()
    {
        var path = Path.ChangeExtension(typeof(Tensor).Assembly.Location, ".xml");
        if (!File.Exists(path)) throw new FileNotFoundException($"the library's XML documentation is not next to it: {path}");
        return XDocument.Load(path).Root!.Element("members")!.Elements("member")
            .ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether the method's docs list <paramref name="exception"/> or a base type of it; false when the method has no
    /// docs at all.
    /// </summary>
    public static bool Documents(MethodInfo method, Type exception)
    {
        if (!Members.Value.TryGetValue(Id(method), out var doc)) return false;
        foreach (var e in doc.Elements("exception"))
        {
            var cref = (string?)e.Attribute("cref");
            if (cref is null || !cref.StartsWith("T:", StringComparison.Ordinal)) continue;
            var type = typeof(Exception).Assembly.GetType(cref[2..]) ?? typeof(Tensor).Assembly.GetType(cref[2..]);
            if (type is not null && type.IsAssignableFrom(exception)) return true;
        }
        return false;
    }

    /// <summary>The member's documentation ID (ECMA-334 annex D: <c>M:Ember.Tensor.Add(Ember.Tensor,System.Double)</c>).</summary>
    public static string Id(MethodInfo method)
    {
        if (method.IsGenericMethod && !method.IsGenericMethodDefinition) method = method.GetGenericMethodDefinition();
        if (method.IsSpecialName && Property(method) is { } property)
        {
            var index = property.GetIndexParameters();
            var pid = $"P:{TypeId(property.DeclaringType!)}.{property.Name}";
            return index.Length == 0 ? pid : pid + "(" + string.Join(",", index.Select(p => TypeId(p.ParameterType))) + ")";
        }
        var name = method.Name;
        if (method.IsGenericMethodDefinition) name += "``" + method.GetGenericArguments().Length;
        var parameters = method.GetParameters();
        var id = $"M:{TypeId(method.DeclaringType!)}.{name}";
        if (parameters.Length > 0) id += "(" + string.Join(",", parameters.Select(p => TypeId(p.ParameterType))) + ")";
        if (method.Name is "op_Implicit" or "op_Explicit") id += "~" + TypeId(method.ReturnType);
        return id;
    }

    /// <summary>The property whose getter or setter <paramref name="accessor"/> is (their docs are the property's).</summary>
    private static PropertyInfo? Property(MethodInfo accessor) =>
        accessor.DeclaringType!.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .FirstOrDefault(p => p.GetMethod == accessor || p.SetMethod == accessor);

    private static string TypeId(Type t)
    {
        if (t.IsByRef) return TypeId(t.GetElementType()!) + "@";
        if (t.IsPointer) return TypeId(t.GetElementType()!) + "*";
        if (t.IsArray)
            return TypeId(t.GetElementType()!) + (t.GetArrayRank() == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", t.GetArrayRank())) + "]");
        if (t.IsGenericParameter) return (t.DeclaringMethod is not null ? "``" : "`") + t.GenericParameterPosition;
        var outer = t.IsNested ? TypeId(t.DeclaringType!) + "." : t.Namespace is { Length: > 0 } ns ? ns + "." : "";
        var name = t.Name;
        int tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        if (!t.IsGenericType) return outer + name;
        var args = t.GetGenericArguments();
        if (t.IsNested) args = args[t.DeclaringType!.GetGenericArguments().Length..];
        return $"{outer}{name}{{{string.Join(",", args.Select(TypeId))}}}";
    }
}
