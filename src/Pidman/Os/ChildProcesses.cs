using Pidman.Os.Fs;
using Pidman.Os.Interop;

namespace Pidman.Os;

/// <summary>Waiting for, reaping and cleaning up after processes that pidman spawned: the layers above never call libc.</summary>
internal static class ChildProcesses
{
    /// <summary>Reaps <paramref name="pid"/> if it is our child and has exited: its exit code (128 + N when killed by signal N), else null.</summary>
    internal static int? TryReap(int pid) => Libc.TryReapChild(pid);

    /// <summary>
    /// Like <see cref="TryReap"/>, but also tells a child that is gone without its code reaching us (reaped already) from one
    /// that still runs: <c>(code, true)</c> when it has exited, <c>(null, true)</c> when it is gone, null while it runs.
    /// </summary>
    internal static (int? Code, bool Exited)? TryReapOrMissing(int pid) =>
        Libc.TryReapChild(pid, out bool notOurChild) is int code ? (code, true) : notOurChild ? (null, true) : null;

    /// <summary>
    /// Waits up to <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/>: for ever) for <paramref name="pid"/>
    /// to exit, on its pidfd; true once it has exited (a zombie counts) or no longer exists.
    /// </summary>
    internal static bool WaitForExit(int pid, TimeSpan timeout)
    {
        using var pidfd = Libc.PidfdOpen(pid, out _);
        int ms = timeout == Timeout.InfiniteTimeSpan ? -1 : (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);
        return pidfd.IsInvalid || Libc.PollReadable(pidfd, ms);
    }

    /// <summary><see cref="WaitForExit"/> on a thread of its own; a cancellation ends the wait at once.</summary>
    internal static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var pidfd = Libc.PidfdOpen(pid, out _);
        return pidfd.IsInvalid || await Blocking.UntilReadableAsync(pidfd, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// SIGKILL to the process group <paramref name="pgid"/> while it has live members: what a service left behind when its
    /// leader exited. Never pidman's own group; live members keep the group id from being handed to anyone else.
    /// </summary>
    internal static void KillGroup(int pgid)
    {
        if (Signaller.MaySignalGroup(pgid) && ProcFs.LiveMembersOfGroup(pgid).Count > 0)
            Signaller.ToGroup(pgid, Signal.SIGKILL);
    }

    /// <summary>SIGKILL to <paramref name="pid"/> and, when it leads one, its whole group; never a process pidman must not signal.</summary>
    internal static void KillTree(int pid)
    {
        if (!ProcFs.TryReadStat(pid, out var stat) || stat.HasExited || SignalGuard.Refusal(pid) is not null) return;
        if (stat.ProcessGroup == pid) KillGroup(pid);
        else Signaller.ToListedProcess(pid, Signal.SIGKILL);
    }

    /// <summary>
    /// Gives back what a long start-up touched: a compacting GC that returns free memory to the system, and the pages of
    /// program code run only at start-up (config parsing, spawning), which the kernel re-reads if they are needed again.
    /// </summary>
    internal static void TrimMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        foreach (var (start, length) in ProcFs.OwnExecutableMappings()) Libc.PageOut(start, length);
    }

    /// <summary>True when no live process <paramref name="pid"/> exists (gone, or a zombie).</summary>
    internal static bool IsGone(int pid) => !ProcFs.TryReadStat(pid, out var stat) || stat.HasExited;

    /// <summary>True when <paramref name="pid"/> runs as the user pidman runs as: the only processes pidman adopts.</summary>
    internal static bool IsOurs(int pid) => ProcFs.ReadUid(pid) == TrustRule.EffectiveUid;

    /// <summary>Makes this process a child subreaper (<c>PR_SET_CHILD_SUBREAPER</c>); null on success, else why not.</summary>
    internal static string? BecomeSubreaper() => Libc.SetChildSubreaper() is not Errno.None and var errno ? errno.ToString() : null;

    /// <summary>Reaps every zombie child of ours that is neither in <paramref name="keep"/> nor claimed by code that reaps its own.</summary>
    internal static void ReapOrphans(IReadOnlySet<int> keep)
    {
        foreach (int pid in ProcFs.ZombieChildren(Environment.ProcessId))
            if (!keep.Contains(pid) && !ChildClaims.IsClaimed(pid)) Libc.TryReapChild(pid);
    }
}
