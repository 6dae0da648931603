using Pidman.Interop;

namespace Pidman.Processes;

/// <summary>
/// Stops what is left of an instance besides its main process: the other members of its cgroup, or of its process
/// group once the leader is gone. The same sequence as for the main process: stop signal and SIGCONT, wait, SIGKILL.
/// </summary>
internal static class LeftoverStopper
{
    /// <summary>Stops every live member of <paramref name="cgroup"/> (or, without one, of group <paramref name="pgid"/>).</summary>
    internal static async Task<StopOutcome> StopAsync(ServiceCgroup? cgroup, int pgid, StopPlan plan, CancellationToken cancellationToken)
    {
        int Count() => cgroup is not null ? cgroup.Members().Count : ProcFs.LiveMembersOfGroup(pgid).Count;
        void Send(Signal signal)
        {
            if (cgroup is not null) cgroup.Signal(signal);
            else if (pgid > 1 && pgid != SignalGuard.OwnProcessGroup) Libc.Kill(-pgid, (int)signal);
        }

        if (Count() == 0) return StopOutcome.NotRunning;
        if (!plan.Force)
        {
            Send(plan.Signal);
            Send(Signal.SIGCONT);
            if (await Polling.UntilAsync(() => Count() == 0, plan.Timeout, cancellationToken).ConfigureAwait(false)) return StopOutcome.Terminated;
        }
        if (cgroup is not null) cgroup.KillMembers();
        else Send(Signal.SIGKILL);
        return await Polling.UntilAsync(() => Count() == 0, StopPlan.KillGrace, cancellationToken).ConfigureAwait(false) ? StopOutcome.Killed : StopOutcome.Failed;
    }
}
