using System.Text.Json;

namespace Pidman.Supervision;

/// <summary>A request on the supervisor's control socket: one JSON line.</summary>
/// <param name="Command">status, start, stop, restart, down or ping.</param>
/// <param name="Services">Services it concerns (empty: all).</param>
/// <param name="Force">stop/down: SIGKILL at once.</param>
/// <param name="TimeoutMs">stop/restart: override of stop_timeout.</param>
public sealed record ControlRequest(string Command, IReadOnlyList<string> Services, bool Force = false, double? TimeoutMs = null)
{
    internal byte[] ToJson() => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("command", Command);
        w.WriteStartArray("services");
        foreach (var s in Services) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteBoolean("force", Force);
        if (TimeoutMs is double t) w.WriteNumber("timeout_ms", t); else w.WriteNull("timeout_ms");
        w.WriteEndObject();
    });

    internal static ControlRequest FromJson(ReadOnlySpan<byte> utf8)
    {
        using var doc = JsonDocument.Parse(utf8.ToArray());
        var root = doc.RootElement;
        return new ControlRequest(
            root.GetProperty("command").GetString() ?? "",
            root.GetProperty("services").EnumerateArray().Select(e => e.GetString() ?? "").ToList(),
            root.TryGetProperty("force", out var f) && f.GetBoolean(),
            root.TryGetProperty("timeout_ms", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null);
    }
}

/// <summary>What the supervisor knows of one instance, for <c>status</c>.</summary>
public sealed record InstanceReport(string Service, string Type, InstanceState State, HealthState Health, int Restarts, int? Pid, int? LastExitCode);

/// <summary>The supervisor's answer: lines for the user, an exit code, and for status the instances.</summary>
public sealed record ControlResponse(int ExitCode, IReadOnlyList<string> Lines, IReadOnlyList<InstanceReport> Instances)
{
    internal byte[] ToJson() => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("exit_code", ExitCode);
        w.WriteStartArray("lines");
        foreach (var l in Lines) w.WriteStringValue(l);
        w.WriteEndArray();
        w.WriteStartArray("instances");
        foreach (var i in Instances)
        {
            w.WriteStartObject();
            w.WriteString("service", i.Service);
            w.WriteString("type", i.Type);
            w.WriteString("state", i.State.ToString());
            w.WriteString("health", i.Health.ToString());
            w.WriteNumber("restarts", i.Restarts);
            if (i.Pid is int p) w.WriteNumber("pid", p); else w.WriteNull("pid");
            if (i.LastExitCode is int c) w.WriteNumber("last_exit_code", c); else w.WriteNull("last_exit_code");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    internal static ControlResponse FromJson(ReadOnlySpan<byte> utf8)
    {
        using var doc = JsonDocument.Parse(utf8.ToArray());
        var root = doc.RootElement;
        return new ControlResponse(
            root.GetProperty("exit_code").GetInt32(),
            root.GetProperty("lines").EnumerateArray().Select(e => e.GetString() ?? "").ToList(),
            root.GetProperty("instances").EnumerateArray().Select(i => new InstanceReport(
                i.GetProperty("service").GetString()!,
                i.GetProperty("type").GetString()!,
                Enum.Parse<InstanceState>(i.GetProperty("state").GetString()!),
                Enum.Parse<HealthState>(i.GetProperty("health").GetString()!),
                i.GetProperty("restarts").GetInt32(),
                i.GetProperty("pid").ValueKind == JsonValueKind.Number ? i.GetProperty("pid").GetInt32() : null,
                i.GetProperty("last_exit_code").ValueKind == JsonValueKind.Number ? i.GetProperty("last_exit_code").GetInt32() : null)).ToList());
    }
}

internal static class Json
{
    internal static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) body(writer);
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
