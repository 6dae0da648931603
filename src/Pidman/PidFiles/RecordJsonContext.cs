using System.Text.Json.Serialization;

namespace Pidman.PidFiles;

/// <summary>The identity record's JSON, generated at compile time (no reflection, NativeAOT-clean); snake_case keys as everywhere (docs/json.md).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(IdentityRecord))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;
