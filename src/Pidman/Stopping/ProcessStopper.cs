using System.Diagnostics;
using Pidman.Os;

namespace Pidman.Stopping;

/// <summary>Stops one pinned process and, when it leads one, its whole process group (DESIGN "Stopping").</summary>
internal static class ProcessStopper
{
    /// <summary>
    /// The <see cref="Escalation"/> for the process (its group signalled with it when it leads one); then the rest of the
    /// timeout for any group member left, and SIGKILL. Unless <paramref name="groupInCgroup"/>: then the caller ends the
    /// cgroup's members, the group's among them, and the group is not looked for in /proc (whose walk costs a stat per
    /// process on the machine while the leader's zombie lasts). The elapsed time is the main process's.
    /// </summary>
    internal static async Task<(StopOutcome Outcome, TimeSpan Elapsed)> StopAsync(PinnedProcess process, StopPlan plan, CancellationToken cancellationToken, bool groupInCgroup = false)
    {
        var clock = Stopwatch.StartNew();
        var outcome = await Escalation.RunAsync(new ProcessTarget(process), plan, cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;

        if (process.SignalsGroup && !groupInCgroup && outcome != StopOutcome.Failed)
        {
            var remaining = plan.Force ? TimeSpan.Zero : plan.Timeout - clock.Elapsed;
            var rest = await Escalation.FinishAsync(new GroupTarget(process.Pid), remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            if (rest == StopOutcome.Failed) outcome = StopOutcome.Failed;
            else if (rest == StopOutcome.Killed && outcome == StopOutcome.Terminated) outcome = StopOutcome.Killed;
        }
        return (outcome, elapsed);
    }
}
