using System.Text.Json;
using System.Text.Json.Serialization;
using Pidman.Processes;

namespace Pidman.PidFiles;

/// <summary>
/// What pidman knows of a PID it wrote, kept in <c>.pidman/&lt;stem&gt;.json</c> beside the bare PID file:
/// (PID, start time, boot id) identifies the process across PID reuse and reboots; tracking and cgroup say how the
/// instance's other processes are found.
/// </summary>
internal sealed record IdentityRecord(
    int Pid,
    [property: JsonPropertyName("start_time")] ulong StartTimeTicks,
    string BootId,
    string Service,
    string Type,
    uint OwnerUid,
    DateTimeOffset WrittenAt,
    [property: JsonPropertyName("command")] string? CommandLine = null,
    bool SelfRegistered = false,
    Tracking Tracking = Tracking.None,
    string? Cgroup = null)
{
    internal byte[] ToJson()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, RecordJsonContext.Default.IdentityRecord);
        return [.. json, (byte)'\n'];
    }

    /// <summary>Parses a record; null when it is missing a field or malformed (then the PID file counts as unverified).</summary>
    internal static IdentityRecord? FromJson(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, RecordJsonContext.Default.IdentityRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
