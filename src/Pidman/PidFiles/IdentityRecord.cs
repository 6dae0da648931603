using System.Text.Json;

namespace Pidman.PidFiles;

/// <summary>
/// What pidman knows of a PID it wrote, kept in <c>.pidman/&lt;stem&gt;.json</c> beside the bare PID file:
/// (PID, start time, boot id) identifies the process across PID reuse and reboots.
/// </summary>
internal sealed record IdentityRecord(
    int Pid,
    ulong StartTimeTicks,
    string BootId,
    string Service,
    string Type,
    uint OwnerUid,
    string? CommandLine,
    DateTimeOffset WrittenAt,
    bool SelfRegistered)
{
    internal byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("pid", Pid);
            json.WriteNumber("start_time", StartTimeTicks);
            json.WriteString("boot_id", BootId);
            json.WriteString("service", Service);
            json.WriteString("type", Type);
            json.WriteNumber("owner_uid", OwnerUid);
            json.WriteString("command", CommandLine);
            json.WriteString("written_at", WrittenAt);
            json.WriteBoolean("self_registered", SelfRegistered);
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Parses a record; null when it is missing a field or malformed (then the PID file counts as unverified).</summary>
    internal static IdentityRecord? FromJson(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            return new IdentityRecord(
                root.GetProperty("pid").GetInt32(),
                root.GetProperty("start_time").GetUInt64(),
                root.GetProperty("boot_id").GetString() ?? "",
                root.GetProperty("service").GetString() ?? "",
                root.GetProperty("type").GetString() ?? "",
                root.GetProperty("owner_uid").GetUInt32(),
                root.TryGetProperty("command", out var cmd) ? cmd.GetString() : null,
                root.GetProperty("written_at").GetDateTimeOffset(),
                root.TryGetProperty("self_registered", out var self) && self.GetBoolean());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
