using System.Text.Json;
using System.Text.Json.Serialization;
using Pidman.Containment;

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
    /// <summary>
    /// The device of the PID file the record was written with (and <see cref="PidFileInode"/> its inode): the record vouches
    /// for that file only, so a PID file moved, swapped or replaced in a shared directory no longer verifies. Null in
    /// records written before pidman bound them.
    /// </summary>
    [JsonPropertyName("pid_file_device")]
    public ulong? PidFileDevice { get; init; }

    /// <summary>The inode of the PID file the record was written with (see <see cref="PidFileDevice"/>).</summary>
    [JsonPropertyName("pid_file_inode")]
    public ulong? PidFileInode { get; init; }

    /// <summary>
    /// How long <c>pidman stop</c> waits for this process after its stop signal before SIGKILL, when the stop names no
    /// timeout of its own: what the process asked for when it registered (a host's shutdown timeout). Null: the default.
    /// </summary>
    [JsonPropertyName("stop_timeout_seconds")]
    public double? StopTimeoutSeconds { get; init; }

    /// <summary><see cref="StopTimeoutSeconds"/> as a wait, when the process recorded one.</summary>
    [JsonIgnore]
    public TimeSpan? StopTimeout => StopTimeoutSeconds is double s ? TimeSpan.FromSeconds(s) : null;

    /// <summary>True when the record was written with the file <paramref name="file"/> describes.</summary>
    internal bool IsBoundTo(Os.Interop.Libc.FileStatus file) => PidFileInode == file.Inode && PidFileDevice == file.Device;

    internal byte[] ToJson()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, RecordJsonContext.Default.IdentityRecord);
        return [.. json, (byte)'\n'];
    }

    /// <summary>
    /// Parses a record; null when it is missing a field or malformed (then the PID file counts as unverified). One
    /// <see cref="Utf8JsonReader"/> pass: a status reads a record per PID file, and the serializer's metadata set-up
    /// alone cost more than the reads of a small directory.
    /// </summary>
    internal static IdentityRecord? FromJson(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            int? pid = null;
            ulong? startTime = null;
            uint? ownerUid = null;
            DateTimeOffset? writtenAt = null;
            string? bootId = null, service = null, type = null, command = null, cgroup = null;
            bool selfRegistered = false;
            ulong? fileDevice = null, fileInode = null;
            double? stopTimeout = null;
            var tracking = Tracking.None;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader;
                reader.Read();
                if (key.ValueTextEquals("pid"u8)) pid = reader.GetInt32();
                else if (key.ValueTextEquals("start_time"u8)) startTime = reader.GetUInt64();
                else if (key.ValueTextEquals("boot_id"u8)) bootId = reader.GetString();
                else if (key.ValueTextEquals("service"u8)) service = reader.GetString();
                else if (key.ValueTextEquals("type"u8)) type = reader.GetString();
                else if (key.ValueTextEquals("owner_uid"u8)) ownerUid = reader.GetUInt32();
                else if (key.ValueTextEquals("written_at"u8)) writtenAt = reader.GetDateTimeOffset();
                else if (key.ValueTextEquals("command"u8)) command = reader.GetString();
                else if (key.ValueTextEquals("self_registered"u8)) selfRegistered = reader.GetBoolean();
                else if (key.ValueTextEquals("tracking"u8)) tracking = reader.GetString() switch
                {
                    "none" => Tracking.None,
                    "group" => Tracking.Group,
                    "cgroup" => Tracking.Cgroup,
                    _ => throw new FormatException("unknown tracking"),
                };
                else if (key.ValueTextEquals("cgroup"u8)) cgroup = reader.GetString();
                else if (key.ValueTextEquals("pid_file_device"u8)) fileDevice = reader.TokenType == JsonTokenType.Null ? null : reader.GetUInt64();
                else if (key.ValueTextEquals("pid_file_inode"u8)) fileInode = reader.TokenType == JsonTokenType.Null ? null : reader.GetUInt64();
                else if (key.ValueTextEquals("stop_timeout_seconds"u8)) stopTimeout = reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();
                else reader.Skip();
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null; // one object, nothing after it
            return pid is { } p && startTime is { } t && bootId is not null && service is not null && type is not null && ownerUid is { } u && writtenAt is { } w
                ? new IdentityRecord(p, t, bootId, service, type, u, w, command, selfRegistered, tracking, cgroup) { PidFileDevice = fileDevice, PidFileInode = fileInode, StopTimeoutSeconds = stopTimeout is > 0 and < 86_400 ? stopTimeout : null }
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
