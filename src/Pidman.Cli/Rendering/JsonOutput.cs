using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Pidman.Projects;

namespace Pidman.Cli.Rendering;

/// <summary>Writes one JSON document to stdout.</summary>
internal static class JsonOutput
{
    public static void Write<T>(T value, JsonTypeInfo<T> type)
    {
        using var stdout = Console.OpenStandardOutput();
        JsonSerializer.Serialize(stdout, value, type);
        stdout.WriteByte((byte)'\n');
    }

    /// <summary>
    /// <c>status --json</c> (docs/json.md): <c>pid_dir</c> and one entry per row, written straight to a
    /// <see cref="Utf8JsonWriter"/> with the options of <see cref="CliJsonContext.Output"/>. Not through the serializer:
    /// status is the document printed most, and the serializer's metadata for it (attributes read by reflection for every
    /// type of the graph) took 0.4 ms of a 3 ms status of ten services, a fixed cost at any size (perf, NativeAOT).
    /// </summary>
    public static void WriteStatus(StatusReport report)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("pid_dir", report.PidDirectory);
            writer.WriteStartArray("entries");
            foreach (var row in report.Rows) PidEntryJsonConverter.Write(writer, row.Entry, row);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }
}
