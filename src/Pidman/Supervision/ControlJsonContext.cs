using System.Text.Json.Serialization;

namespace Pidman.Supervision;

/// <summary>The control socket's JSON, generated at compile time; snake_case keys and kebab-case enum values as everywhere (docs/json.md).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ControlRequest))]
[JsonSerializable(typeof(ControlResponse))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;
