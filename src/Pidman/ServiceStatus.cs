using Pidman.PidFiles;

namespace Pidman;

/// <summary>Every PID type of one service.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Entries">One entry per PID file of the service; empty when it has none.</param>
public sealed record ServiceStatus(string Service, IReadOnlyList<PidEntry> Entries)
{
    /// <summary>True when the main process (type <c>process</c>) is running.</summary>
    public bool ProcessRunning => Entries.Any(e => e.Type == PidFileName.DefaultType && e.State == PidState.Running);

    /// <summary>True when any PID type of the service is running.</summary>
    public bool AnyRunning => Entries.Any(e => e.State == PidState.Running);
}
