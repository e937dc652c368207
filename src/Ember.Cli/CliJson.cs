using System.Text.Json.Serialization;

namespace Ember.Cli;

/// <summary>The CLI's JSON types, serialized by source generation (no reflection: the tool stays AOT-compatible).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelCard))]
[JsonSerializable(typeof(RunRecordJson))]
internal sealed partial class CliJson : JsonSerializerContext;
