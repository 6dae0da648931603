using Pidman.Containment;
using Pidman.Os;

namespace Pidman.Stopping;

/// <summary>What a stop acts on: one pinned process, a process group, or a cgroup's members.</summary>
internal interface IStopTarget
{
    /// <summary>Sends a graceful signal (or SIGCONT) to the target.</summary>
    void Send(Signal signal);

    /// <summary>Ends the target at once (SIGKILL; <c>cgroup.kill</c> for a cgroup).</summary>
    void Kill();

    /// <summary>Waits until nothing of the target is alive (zombies count as gone); false when <paramref name="timeout"/> passes first.</summary>
    Task<bool> WaitGoneAsync(TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>
/// The one sequence every stop runs (DESIGN "Stopping"): the graceful signal, then SIGCONT (a stopped process keeps a
/// pending SIGTERM until continued), a wait up to the plan's timeout, then SIGKILL and a wait of
/// <see cref="StopPlan.KillGrace"/>. With <see cref="StopPlan.Force"/>, SIGKILL at once.
/// </summary>
internal static class Escalation
{
    /// <summary>Stops <paramref name="target"/> by <paramref name="plan"/>: Terminated, Killed, or Failed (it survived SIGKILL).</summary>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled: before any signal (then none is sent), or during a wait (then no
    /// SIGKILL follows).
    /// </exception>
    internal static async Task<StopOutcome> RunAsync(IStopTarget target, StopPlan plan, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (plan.Force)
        {
            target.Kill();
            return await target.WaitGoneAsync(StopPlan.KillGrace, cancellationToken).ConfigureAwait(false) ? StopOutcome.Killed : StopOutcome.Failed;
        }
        target.Send(plan.Signal);
        if (plan.Signal != Signal.SIGCONT) target.Send(Signal.SIGCONT);
        return await FinishAsync(target, plan.Timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The end of the sequence for a target that was already signalled (the rest of a group whose leader got the signal):
    /// wait up to <paramref name="timeout"/>, then SIGKILL and its grace.
    /// </summary>
    internal static async Task<StopOutcome> FinishAsync(IStopTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await target.WaitGoneAsync(timeout, cancellationToken).ConfigureAwait(false)) return StopOutcome.Terminated;
        cancellationToken.ThrowIfCancellationRequested();
        target.Kill();
        return await target.WaitGoneAsync(StopPlan.KillGrace, cancellationToken).ConfigureAwait(false) ? StopOutcome.Killed : StopOutcome.Failed;
    }
}

/// <summary>One pinned process: its signals go through its pidfd (and to its group when it leads one).</summary>
internal sealed class ProcessTarget(PinnedProcess process) : IStopTarget
{
    public void Send(Signal signal) => process.Send(signal);

    public void Kill() => process.Send(Signal.SIGKILL);

    public Task<bool> WaitGoneAsync(TimeSpan timeout, CancellationToken cancellationToken) => process.WaitForExitAsync(timeout, cancellationToken);
}

/// <summary>A process group: every member signalled at once, gone when no live member is left.</summary>
internal sealed class GroupTarget(int pgid) : IStopTarget
{
    /// <inheritdoc />
    public void Send(Signal signal) => Signaller.ToGroup(pgid, signal);

    /// <inheritdoc />
    public void Kill() => ChildProcesses.KillGroup(pgid);

    /// <inheritdoc />
    public Task<bool> WaitGoneAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Polling.UntilAsync(() => ProcFs.LiveMembersOfGroup(pgid).Count == 0, timeout, cancellationToken);
}

/// <summary>A cgroup's members: each signalled by the guard's rules, ended by <c>cgroup.kill</c>.</summary>
internal sealed class CgroupTarget(ServiceCgroup cgroup) : IStopTarget
{
    /// <inheritdoc />
    public void Send(Signal signal) => cgroup.Signal(signal);

    /// <inheritdoc />
    public void Kill() => cgroup.KillMembers();

    /// <inheritdoc />
    public Task<bool> WaitGoneAsync(TimeSpan timeout, CancellationToken cancellationToken) => cgroup.WaitUntilEmptyAsync(timeout, cancellationToken);
}
