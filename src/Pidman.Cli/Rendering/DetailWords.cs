using System.Globalization;
using Pidman.PidFiles;
using Pidman.Projects;
using Pidman.Supervision;

namespace Pidman.Cli.Rendering;

/// <summary>
/// The DETAIL words of a status line and the <c>detail</c> field of an entry's JSON, made from the row's facts:
/// <c>2 leftover processes; PID file missing</c>, <c>tmux window web</c>, <c>supervisor: backoff, last exit code 1</c>.
/// </summary>
internal static class DetailWords
{
    /// <summary>What the PID files, the tmux session and the supervisor add to the row's state, joined by <c>; </c>; null when nothing.</summary>
    public static string? Of(StatusRow row)
    {
        string?[] parts = [Of(row.Entry), Window(row), Supervisor(row.Supervised)];
        var said = parts.OfType<string>().ToList();
        return said.Count == 0 ? null : string.Join("; ", said);
    }

    /// <summary>What the PID file adds: its leftover processes, or that only its identity record is left.</summary>
    public static string? Of(PidEntry entry)
    {
        string? missing = entry.FileMissing ? "PID file missing" : null;
        if (entry is not { Reason: EntryReason.Leftovers, Processes: int leftovers }) return missing;
        string counted = $"{leftovers.ToString(CultureInfo.InvariantCulture)} leftover process{(leftovers == 1 ? "" : "es")}";
        return missing is null ? counted : $"{counted}; {missing}";
    }

    /// <summary>An open window by name; a closed one only for an instance that has a PID (its window should be there).</summary>
    private static string? Window(StatusRow row) => row.Window switch
    {
        { Open: true, Name: var name } => $"tmux window {name}",
        { Open: false } when row.Entry.Pid is not null => "tmux window missing",
        _ => null,
    };

    /// <summary>The supervisor's work in flight, else its state when that is not simply running.</summary>
    private static string? Supervisor(InstanceReport? supervised) => supervised switch
    {
        null => null,
        _ when SupervisorWords.Activity(supervised) is { } activity => $"supervisor: {activity}",
        { State: InstanceState.Running } => null,
        { State: var state, LastExitCode: var code } =>
            $"supervisor: {state.ToString().ToLowerInvariant()}{(code is int c ? $", last exit code {c.ToString(CultureInfo.InvariantCulture)}" : "")}",
    };
}
