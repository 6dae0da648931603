using System.Globalization;
using System.Text.Json;
using Pidman.PidFiles;

namespace Pidman.Cli.Rendering;

/// <summary>Renders PID entries as the status table and as the documented JSON fields.</summary>
internal static class EntryRenderer
{
    public static string Table(IEnumerable<PidEntry> entries, bool color)
    {
        var list = entries.ToList();
        bool supervised = list.Any(e => e.Restarts is not null);
        var table = supervised
            ? new Table("SERVICE", "TYPE", "STATE", "PID", "UPTIME", "RSS", "HEALTH", "RESTARTS", "DETAIL")
            : new Table("SERVICE", "TYPE", "STATE", "PID", "UPTIME", "RSS", "DETAIL");
        foreach (var e in list)
        {
            string state = e.State.ToString().ToLowerInvariant();
            string detail = (e.Detail is null ? "" : $"[{e.Detail}] ") + (e.State == PidState.Running
                ? (e.Reason == EntryReason.Unverified ? "[unverified] " : "") + (e.Command ?? "")
                : e.Reason.Describe() + (e.Removed ? " (file removed)" : ""));
            if (detail.Length > 80) detail = detail[..77] + "...";
            string[] plain = supervised
                ? [e.Service, e.Type, state, e.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-", Format.Duration(e.Uptime), Format.Bytes(e.RssBytes), e.Health ?? "-", e.Restarts?.ToString(CultureInfo.InvariantCulture) ?? "-", detail]
                : [e.Service, e.Type, state, e.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-", Format.Duration(e.Uptime), Format.Bytes(e.RssBytes), detail];
            string[] styled = (string[])plain.Clone();
            styled[2] = Style.ForState(e.State, state, color);
            table.Add(plain, styled);
        }
        return table.Render();
    }

    /// <summary>One entry as a JSON object; the field names are documented in the README and stable.</summary>
    public static void Write(Utf8JsonWriter json, PidEntry e)
    {
        json.WriteStartObject();
        json.WriteString("service", e.Service);
        json.WriteString("type", e.Type);
        json.WriteString("state", e.State.ToString().ToLowerInvariant());
        json.WriteString("reason", e.Reason.Code());
        if (e.Pid is int pid) json.WriteNumber("pid", pid); else json.WriteNull("pid");
        json.WriteString("file", e.FileName);
        json.WriteString("path", e.Path);
        json.WriteBoolean("verified", e.Verified);
        json.WriteBoolean("removed", e.Removed);
        if (e.StartedAt is { } started) json.WriteString("started_at", started); else json.WriteNull("started_at");
        if (e.Uptime is { } up) json.WriteNumber("uptime_seconds", Math.Round(up.TotalSeconds, 3)); else json.WriteNull("uptime_seconds");
        if (e.RssBytes is long rss) json.WriteNumber("rss_bytes", rss); else json.WriteNull("rss_bytes");
        json.WriteString("command", e.Command);
        json.WriteString("detail", e.Detail);
        json.WriteString("health", e.Health);
        if (e.Restarts is int restarts) json.WriteNumber("restarts", restarts); else json.WriteNull("restarts");
        json.WriteEndObject();
    }
}
