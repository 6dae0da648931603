using Pidman.Stopping;

namespace Pidman.Projects;

/// <summary>What <c>down</c> did.</summary>
/// <param name="SupervisorPid">The supervisor that stopped everything, or null when there was none and the services were stopped directly.</param>
/// <param name="Stopped">Without a supervisor: one result per service.</param>
public sealed record DownReport(int? SupervisorPid, IReadOnlyList<StopResult> Stopped)
{
    /// <summary>True when everything stopped.</summary>
    public bool Succeeded => Stopped.All(r => r.Succeeded);
}
