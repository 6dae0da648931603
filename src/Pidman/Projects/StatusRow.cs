using Pidman.Os;
using Pidman.PidFiles;
using Pidman.Supervision;

namespace Pidman.Projects;

/// <summary>
/// One line of a project's status: the PID file's entry and what the layers above the PID files know of the instance
/// (its tmux window, the supervisor's view, its ports). Facts only; the CLI words them.
/// </summary>
public sealed record StatusRow
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal StatusRow(PidEntry entry)
    {
        Entry = entry;
    }

    /// <summary>The PID file (or config instance) and what was found behind it.</summary>
    public PidEntry Entry { get; init; }

    /// <summary>For an instance that runs in a tmux window: that window, and whether tmux has it open; null for any other entry.</summary>
    public TmuxWindowStatus? Window { get; init; }

    /// <summary>What the supervisor knows of the instance, when one runs it.</summary>
    public InstanceReport? Supervised { get; init; }

    /// <summary>The TCP and UDP ports the instance's processes listen on, when asked for (<c>status --ports</c>) and it runs; else null.</summary>
    public IReadOnlyList<ListeningPort>? Ports { get; init; }

    /// <summary>The supervisor's health verdict for a running instance that has a check; null otherwise (a stopped instance has no health).</summary>
    public HealthState? Health => Supervised is { Health: not HealthState.None } supervised && Entry.State == PidState.Running ? supervised.Health : null;
}

/// <summary>The tmux window of an instance: its name (the PID file's stem) and whether tmux has it open.</summary>
public sealed record TmuxWindowStatus
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal TmuxWindowStatus(string name, bool open)
    {
        Name = name;
        Open = open;
    }

    /// <summary>The window's name, e.g. <c>worker2_repl</c>.</summary>
    public string Name { get; init; }

    /// <summary>True when the project's tmux session has that window now.</summary>
    public bool Open { get; init; }
}
