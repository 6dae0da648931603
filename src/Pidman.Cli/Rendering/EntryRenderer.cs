using System.Globalization;
using Pidman.PidFiles;

namespace Pidman.Cli.Rendering;

/// <summary>Renders PID entries as the status table and as the documented JSON fields.</summary>
internal static class EntryRenderer
{
    /// <summary>The table, one line per entry, fitted to <paramref name="width"/> when given (<see cref="Format.OutputWidth"/>).</summary>
    public static string Table(IEnumerable<PidEntry> entries, bool color, int? width = null)
    {
        var list = entries.ToList();
        bool supervised = list.Any(e => e.Restarts is not null);
        bool ports = list.Any(e => e.Ports is not null);
        string[] headers = ["SERVICE", "TYPE", "STATE", "PID", "UPTIME", "RSS", .. supervised ? new[] { "HEALTH", "RESTARTS" } : [], .. ports ? new[] { "PORTS" } : [], "DETAIL"];
        var table = new Table(headers);
        foreach (var e in list)
        {
            string state = e.State.ToString().ToLowerInvariant();
            string detail = (e.Detail is null ? "" : $"[{e.Detail}] ") + (e.State == PidState.Running
                ? (e.Reason == EntryReason.Unverified ? "[unverified] " : "") + (e.Command ?? "")
                : e.ExitCode is int code ? $"exit {code.ToString(CultureInfo.InvariantCulture)}, {Format.Ago(e.CompletedAt)}"
                : e.Reason.Describe() + (e.Removed ? " (file removed)" : ""));
            detail = Format.OneLine(detail);
            string[] plain =
            [
                e.Service, e.Type, state, e.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-", Format.Duration(e.Uptime), Format.Memory(e),
                .. supervised ? new[] { e.Health ?? "-", e.Restarts?.ToString(CultureInfo.InvariantCulture) ?? "-" } : [],
                .. ports ? new[] { Format.Ports(e) } : [],
                detail,
            ];
            string[] styled = (string[])plain.Clone();
            styled[2] = Style.ForState(e.State, state, color);
            table.Add(plain, styled);
        }
        return table.Render(width);
    }
}
