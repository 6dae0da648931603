using Pidman.Os.Interop;

namespace Pidman.Os;

/// <summary>
/// The one place pidman sends a signal (kill(2), pidfd_send_signal(2)). Every target passes <see cref="SignalGuard"/>'s
/// rules here: never PID 1 or below, never pidman itself, its parent or its own process group.
/// </summary>
/// <remarks>
/// A pidfd does not keep a PID from being recycled; what it gives is that pidfd_send_signal reaches the process the
/// descriptor was opened on or nothing (ESRCH once it has exited), so a process verified after pidfd_open is the one
/// signalled. A group has no descriptor: kill(-pgid) is sent only while the group's pinned leader is alive, which keeps
/// the group id its own.
/// </remarks>
internal static class Signaller
{
    /// <summary>
    /// <paramref name="signal"/> to process <paramref name="pid"/> through <paramref name="pidfd"/>, or by kill(2) where
    /// there is none (kernel &lt; 5.3, seccomp: the caller has re-checked the start time).
    /// </summary>
    internal static Errno ToProcess(int pid, FileDescriptor? pidfd, Signal signal)
    {
        if (!MaySignal(pid)) return Errno.EPERM;
        return pidfd is not null ? Libc.PidfdSendSignal(pidfd, (int)signal) : Libc.Kill(pid, (int)signal);
    }

    /// <summary>
    /// <paramref name="signal"/> to process <paramref name="pid"/> read from a list (a cgroup's members), after the guard's
    /// check of what it is now; <see cref="Errno.EPERM"/> when the guard refuses it, ESRCH when it is gone.
    /// </summary>
    internal static Errno ToListedProcess(int pid, Signal signal)
    {
        if (!ProcFs.TryReadStat(pid, out var stat) || stat.HasExited) return Errno.ESRCH;
        if (SignalGuard.Refusal(pid) is not null) return Errno.EPERM;
        return Libc.Kill(pid, (int)signal);
    }

    /// <summary><paramref name="signal"/> to every process of group <paramref name="pgid"/>; never group 0 or 1 or pidman's own.</summary>
    internal static Errno ToGroup(int pgid, Signal signal) =>
        MaySignalGroup(pgid) ? Libc.Kill(-pgid, (int)signal) : Errno.EPERM;

    /// <summary>True while any process, a zombie included, is in group <paramref name="pgid"/> (kill(-pgid, 0): no signal is sent).</summary>
    internal static bool GroupExists(int pgid) => pgid > 1 && Libc.Kill(-pgid, 0) != Errno.ESRCH;

    /// <summary>True when group <paramref name="pgid"/> may be signalled as a whole.</summary>
    internal static bool MaySignalGroup(int pgid) => pgid > 1 && pgid != SignalGuard.OwnProcessGroup;

    private static bool MaySignal(int pid) => pid > 1 && pid != Environment.ProcessId;
}
