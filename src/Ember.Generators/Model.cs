using System;
using System.Collections;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Ember.Generators
{
    /// <summary>An immutable array compared by its elements, so that the generator's models cache across edits.</summary>
    internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T> where T : IEquatable<T>
    {
        private readonly T[]? _items;

        public EquatableArray(T[] items) => _items = items;

        public int Length => _items?.Length ?? 0;

        public T this[int index] => _items![index];

        public bool Equals(EquatableArray<T> other)
        {
            if (Length != other.Length) return false;
            for (int i = 0; i < Length; i++)
                if (!this[i].Equals(other[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            int hash = 17;
            for (int i = 0; i < Length; i++) hash = hash * 31 + (this[i]?.GetHashCode() ?? 0);
            return hash;
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A member the generated code registers: its PyTorch-style name, its C# name, and whether it holds a module.</summary>
    internal sealed record FieldToRegister(string Name, string Member, bool IsModule);

    /// <summary>Where a diagnostic goes, without holding on to the compilation.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo From(Location location) =>
            new(location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);
    }

    /// <summary>A diagnostic to report: its descriptor's id, where, and the message arguments.</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> Args);

    /// <summary>A type that contains the module type (it must be partial too): its keyword and name with type parameters.</summary>
    internal sealed record ContainingType(string Keyword, string Name);

    /// <summary>What the generator found in one Module subclass: the members to register and the diagnostics to report.</summary>
    internal sealed record ModuleModel(
        string? Namespace,
        EquatableArray<ContainingType> Containers,
        string Name,
        string HintName,
        EquatableArray<FieldToRegister> Fields,
        EquatableArray<DiagnosticInfo> Diagnostics);
}
