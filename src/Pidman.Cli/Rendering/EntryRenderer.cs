using System.Globalization;
using Pidman.PidFiles;
using Pidman.Projects;

namespace Pidman.Cli.Rendering;

/// <summary>Renders a status as its table.</summary>
internal static class EntryRenderer
{
    /// <summary>The table, one line per row, fitted to <paramref name="width"/> when given (<see cref="Format.OutputWidth"/>).</summary>
    public static string Table(IReadOnlyList<StatusRow> rows, bool color, int? width = null)
    {
        bool supervised = rows.Any(r => r.Supervised is not null);
        bool ports = rows.Any(r => r.Ports is not null);
        string[] headers = ["SERVICE", "TYPE", "STATE", "PID", "UPTIME", "RSS", .. supervised ? new[] { "HEALTH", "RESTARTS" } : [], .. ports ? new[] { "PORTS" } : [], "DETAIL"];
        var table = new Table(headers);
        foreach (var row in rows)
        {
            var e = row.Entry;
            string state = e.State.ToString().ToLowerInvariant();
            string detail = (DetailWords.Of(row) is { } words ? $"[{words}] " : "") + (e.State == PidState.Running
                ? (e.Reason == EntryReason.Unverified ? "[unverified] " : "") + (e.Command ?? "")
                : e.ExitCode is int code ? $"exit {code.ToString(CultureInfo.InvariantCulture)}, {Format.Ago(e.CompletedAt)}"
                : e.Reason.Describe() + (e.Removed ? " (file removed)" : e.RemovalErrno is int errno ? $" (file not removed: {Format.Errno(errno)})" : ""));
            detail = Format.OneLine(detail);
            string[] plain =
            [
                e.Service, e.Type, state, e.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-", Format.Duration(e.Uptime), Format.Memory(e),
                .. supervised ? new[] { Format.Health(row), Format.Restarts(row) } : [],
                .. ports ? new[] { Format.Ports(row) } : [],
                detail,
            ];
            string[] styled = (string[])plain.Clone();
            styled[2] = Style.ForState(e.State, state, color);
            table.Add(plain, styled);
        }
        return table.Render(width);
    }
}
