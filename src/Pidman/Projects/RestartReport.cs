using Pidman.Services;
using Pidman.Stopping;

namespace Pidman.Projects;

/// <summary>What a restart did: the stop, then the start (empty when the stop failed and nothing was started).</summary>
public sealed record RestartReport
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal RestartReport(IReadOnlyList<StopResult> stopped, IReadOnlyList<StartOutcome> started)
    {
        Stopped = stopped;
        Started = started;
    }

    /// <summary>One result per service stopped.</summary>
    public IReadOnlyList<StopResult> Stopped { get; init; }

    /// <summary>One outcome per instance started.</summary>
    public IReadOnlyList<StartOutcome> Started { get; init; }

    /// <summary>True when everything stopped and started again.</summary>
    public bool Succeeded => Stopped.All(r => r.Succeeded) && Started.All(o => o.Succeeded);
}
