
namespace Pidman.Stopping;

/// <summary>The result of stopping a service: one line per PID type.</summary>
public sealed record StopResult
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal StopResult(string service, IReadOnlyList<StopEntryResult> entries)
    {
        Service = service;
        Entries = entries;
    }

    /// <summary>The service name.</summary>
    public string Service { get; init; }

    /// <summary>One result per PID file.</summary>
    public IReadOnlyList<StopEntryResult> Entries { get; init; }

    /// <summary>True when nothing of the service is left running.</summary>
    public bool Succeeded => Entries.All(e => e.Outcome is StopOutcome.Terminated or StopOutcome.Killed or StopOutcome.NotRunning);
}
