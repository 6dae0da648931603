using Pidman.Services;
using Pidman.Stopping;

namespace Pidman.Projects;

/// <summary>What a restart did: the stop, then the start (empty when the stop failed and nothing was started).</summary>
/// <param name="Stopped">One result per service stopped.</param>
/// <param name="Started">One outcome per instance started.</param>
public sealed record RestartReport(IReadOnlyList<StopResult> Stopped, IReadOnlyList<StartOutcome> Started)
{
    /// <summary>True when everything stopped and started again.</summary>
    public bool Succeeded => Stopped.All(r => r.Succeeded) && Started.All(o => o.Succeeded);
}
