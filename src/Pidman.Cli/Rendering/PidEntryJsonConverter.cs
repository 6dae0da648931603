using System.Text.Json;
using System.Text.Json.Serialization;
using Pidman.PidFiles;
using Pidman.Projects;

namespace Pidman.Cli.Rendering;

/// <summary>
/// The one definition of a PID entry's JSON (docs/json.md), written field by field from the <see cref="PidEntry"/>
/// itself, and from the <see cref="StatusRow"/> around it in a status (<see cref="JsonOutput.WriteStatus"/>). Hand-written, not generated: the entry is the most printed document (one per PID file in every status), and
/// the serializer's per-property metadata for it took longer to set up than a status of ten services took to read
/// them (callgrind: 3 M of 11 M instructions).
/// </summary>
internal sealed class PidEntryJsonConverter : JsonConverter<PidEntry>
{
    private static readonly JsonNamingPolicy Kebab = JsonNamingPolicy.KebabCaseLower;

    public override PidEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("--json documents are written, not read");

    public override void Write(Utf8JsonWriter writer, PidEntry value, JsonSerializerOptions options) => Write(writer, value, null);

    /// <summary>The entry's fields; <c>health</c>, <c>restarts</c> and <c>ports</c> are null without a status row.</summary>
    internal static void Write(Utf8JsonWriter writer, PidEntry e, StatusRow? row)
    {
        writer.WriteStartObject();
        writer.WriteString("service", e.Service);
        writer.WriteString("type", e.Type);
        writer.WriteString("state", Kebab.ConvertName(e.State.ToString()));
        writer.WriteString("reason", Kebab.ConvertName(e.Reason.ToString()));
        Number(writer, "pid", e.Pid);
        writer.WriteString("file", e.FileName);
        writer.WriteString("path", e.Path);
        writer.WriteBoolean("verified", e.Verified);
        writer.WriteBoolean("removed", e.Removed);
        Number(writer, "removal_errno", e.RemovalErrno);
        if (e.StartedAt is { } started) writer.WriteString("started_at", started);
        else writer.WriteNull("started_at");
        if (e.Uptime is { } uptime) writer.WriteNumber("uptime_seconds", Math.Round(uptime.TotalSeconds, 3));
        else writer.WriteNull("uptime_seconds");
        Number(writer, "rss_bytes", e.RssBytes);
        Number(writer, "processes", e.Processes);
        writer.WriteString("tracking", Kebab.ConvertName(e.Tracking.ToString()));
        writer.WriteString("command", e.Command);
        writer.WriteString("detail", row is null ? DetailWords.Of(e) : DetailWords.Of(row));
        writer.WriteString("health", row?.Health is { } health ? Kebab.ConvertName(health.ToString()) : null);
        Number(writer, "restarts", row?.Supervised?.Restarts);
        if (row?.Ports is { } ports)
        {
            writer.WriteStartArray("ports");
            foreach (var port in ports)
            {
                writer.WriteStartObject();
                writer.WriteString("protocol", port.Protocol);
                writer.WriteString("address", port.Address);
                writer.WriteNumber("port", port.Port);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull("ports");
        }
        Number(writer, "exit_code", e.ExitCode);
        if (e.CompletedAt is { } completed) writer.WriteString("completed_at", completed);
        else writer.WriteNull("completed_at");
        writer.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }
}
