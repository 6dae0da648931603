using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pidman.PidFiles;

namespace Pidman.Cli.Rendering;

/// <summary>
/// The <c>--json</c> documents, generated at compile time: snake_case keys, kebab-case enum values, indented; a PID entry
/// by <see cref="PidEntryJsonConverter"/>. <c>status --json</c> is written by <see cref="JsonOutput.WriteStatus"/>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, Converters = [typeof(PidEntryJsonConverter)])]
[JsonSerializable(typeof(PidEntry))]
[JsonSerializable(typeof(ListJson))]
[JsonSerializable(typeof(CleanupJson))]
[JsonSerializable(typeof(StopJson))]
[JsonSerializable(typeof(StartJson))]
[JsonSerializable(typeof(SignalJson))]
[JsonSerializable(typeof(UpJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>The context for stdout: quotes and apostrophes stay as they are (the default encoder escapes them for HTML).</summary>
    /// <remarks>Lazy: <see cref="JsonSerializerContext"/>'s generated <c>Default</c> may not be initialised yet when a static initialiser here runs.</remarks>
    public static CliJsonContext Output => s_output ??= new(new JsonSerializerOptions(Default.Options!) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static CliJsonContext? s_output;
}
