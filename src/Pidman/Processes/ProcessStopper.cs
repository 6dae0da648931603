using System.Diagnostics;

namespace Pidman.Processes;

/// <summary>Stops one pinned process and, when it leads one, its whole process group (DESIGN "Stopping").</summary>
internal static class ProcessStopper
{
    /// <summary>
    /// Graceful signal + SIGCONT, wait on the pidfd, SIGKILL on timeout; then the same for any group member left, unless
    /// <paramref name="groupInCgroup"/>: then the caller ends the cgroup's members, the group's among them, and the group
    /// is not looked for in /proc (whose walk costs a stat per process on the machine while the leader's zombie lasts).
    /// </summary>
    internal static async Task<(StopOutcome Outcome, TimeSpan Elapsed)> StopAsync(PinnedProcess process, StopPlan plan, CancellationToken cancellationToken, bool groupInCgroup = false)
    {
        var clock = Stopwatch.StartNew();
        var deadline = plan.Timeout;
        StopOutcome outcome;
        if (plan.Force)
        {
            process.Send(Signal.SIGKILL);
            outcome = await process.WaitForExitAsync(StopPlan.KillGrace, cancellationToken).ConfigureAwait(false) ? StopOutcome.Killed : StopOutcome.Failed;
        }
        else
        {
            process.Send(plan.Signal);
            // A SIGSTOPped process keeps a pending SIGTERM until continued.
            if (plan.Signal != Signal.SIGCONT) process.Send(Signal.SIGCONT);
            if (await process.WaitForExitAsync(plan.Timeout, cancellationToken).ConfigureAwait(false))
            {
                outcome = StopOutcome.Terminated;
            }
            else
            {
                process.Send(Signal.SIGKILL);
                outcome = await process.WaitForExitAsync(StopPlan.KillGrace, cancellationToken).ConfigureAwait(false) ? StopOutcome.Killed : StopOutcome.Failed;
            }
        }
        var elapsed = clock.Elapsed;

        if (process.SignalsGroup && !groupInCgroup && outcome != StopOutcome.Failed)
        {
            var remaining = plan.Force ? TimeSpan.Zero : deadline - clock.Elapsed;
            if (!await WaitForGroupAsync(process.Pid, remaining, cancellationToken).ConfigureAwait(false))
            {
                ChildProcesses.KillGroup(process.Pid);
                if (!await WaitForGroupAsync(process.Pid, StopPlan.KillGrace, cancellationToken).ConfigureAwait(false))
                    outcome = StopOutcome.Failed;
                else if (outcome == StopOutcome.Terminated)
                    outcome = StopOutcome.Killed;
            }
        }
        return (outcome, elapsed);
    }

    /// <summary>Waits until no live process is left in group <paramref name="pgid"/> (zombies count as gone).</summary>
    private static Task<bool> WaitForGroupAsync(int pgid, TimeSpan timeout, CancellationToken cancellationToken) =>
        Polling.UntilAsync(() => ProcFs.LiveMembersOfGroup(pgid).Count == 0, timeout, cancellationToken);
}
