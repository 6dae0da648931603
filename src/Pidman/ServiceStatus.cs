using Pidman.PidFiles;

namespace Pidman;

/// <summary>Every PID type of one service.</summary>
public sealed record ServiceStatus
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal ServiceStatus(string service, IReadOnlyList<PidEntry> entries)
    {
        Service = service;
        Entries = entries;
    }

    /// <summary>The service name.</summary>
    public string Service { get; init; }

    /// <summary>One entry per PID file of the service; empty when it has none.</summary>
    public IReadOnlyList<PidEntry> Entries { get; init; }

    /// <summary>True when the main process (type <c>process</c>) is running.</summary>
    public bool ProcessRunning => Entries.Any(e => e.Type == PidFileName.DefaultType && e.State == PidState.Running);

    /// <summary>True when any PID type of the service is running.</summary>
    public bool AnyRunning => Entries.Any(e => e.State == PidState.Running);
}
