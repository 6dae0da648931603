using Pidman.Stopping;

namespace Pidman.Projects;

/// <summary>What <c>down</c> did.</summary>
public sealed record DownReport
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal DownReport(int? supervisorPid, IReadOnlyList<StopResult> stopped)
    {
        SupervisorPid = supervisorPid;
        Stopped = stopped;
    }

    /// <summary>The supervisor that stopped everything, or null when there was none and the services were stopped directly.</summary>
    public int? SupervisorPid { get; init; }

    /// <summary>Without a supervisor: one result per service.</summary>
    public IReadOnlyList<StopResult> Stopped { get; init; }

    /// <summary>True when everything stopped.</summary>
    public bool Succeeded => Stopped.All(r => r.Succeeded);
}
