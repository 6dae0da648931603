
namespace Pidman.Stopping;

/// <summary>The result of stopping a service: one line per PID type.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Entries">One result per PID file.</param>
public sealed record StopResult(string Service, IReadOnlyList<StopEntryResult> Entries)
{
    /// <summary>True when nothing of the service is left running.</summary>
    public bool Succeeded => Entries.All(e => e.Outcome is StopOutcome.Terminated or StopOutcome.Killed or StopOutcome.NotRunning);
}
