using Pidman.Containment;
using Pidman.Os;

namespace Pidman.Stopping;

/// <summary>
/// Stops what is left of an instance besides its main process: the other members of its cgroup, or of its process
/// group once the leader is gone, by the same <see cref="Escalation"/> as the main process.
/// </summary>
internal static class LeftoverStopper
{
    /// <summary>Stops every live member of <paramref name="cgroup"/> (or, without one, of group <paramref name="pgid"/>).</summary>
    internal static async Task<StopOutcome> StopAsync(ServiceCgroup? cgroup, int pgid, StopPlan plan, CancellationToken cancellationToken)
    {
        bool anyLeft = cgroup is not null ? cgroup.Members().Count > 0 : ProcFs.LiveMembersOfGroup(pgid).Count > 0;
        if (!anyLeft) return StopOutcome.NotRunning;
        IStopTarget target = cgroup is not null ? new CgroupTarget(cgroup) : new GroupTarget(pgid);
        return await Escalation.RunAsync(target, plan, cancellationToken).ConfigureAwait(false);
    }
}
