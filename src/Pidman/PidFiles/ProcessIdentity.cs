using Pidman.Os;

namespace Pidman.PidFiles;

/// <summary>Decides whether the process behind a PID is the one a record describes.</summary>
internal static class ProcessIdentity
{
    /// <summary>
    /// Running, or stale with the reason. With a record for this PID: the boot id and the start
    /// time must match (a recycled PID has a later start time). Without one: alive and not a zombie, and a process (a
    /// thread group leader), not a thread. A kernel thread is invalid either way.
    /// </summary>
    internal static (PidState State, EntryReason Reason, ProcStat? Stat) Check(int pid, IdentityRecord? record) =>
        Check(pid, record, LiveProcessReader.Instance);

    /// <summary>The same verdict, over what <paramref name="proc"/> reads (a fake, in the unit tests).</summary>
    internal static (PidState State, EntryReason Reason, ProcStat? Stat) Check(int pid, IdentityRecord? record, IProcessReader proc)
    {
        if (record is not null && record.Pid == pid && record.BootId != proc.BootId)
            return (PidState.Stale, EntryReason.OtherBoot, null);
        ProcStat stat;
        try
        {
            if (!proc.TryReadStat(pid, out stat))
                return (PidState.Stale, EntryReason.ProcessGone, null);
        }
        catch (FormatException)
        {
            // A stat line we cannot parse belongs to a process we cannot identify: treat as gone, never signal it.
            return (PidState.Stale, EntryReason.ProcessGone, null);
        }
        if (stat.HasExited)
            return (PidState.Stale, EntryReason.Zombie, stat);
        if (stat.IsKernelThread)
            return (PidState.Invalid, EntryReason.KernelThread, stat);
        if (record is null || record.Pid != pid)
        {
            // A thread's ID reads like a PID in /proc (hidden, but there): it is no service's process.
            return proc.ThreadGroupOf(pid) is int tgid && tgid != pid
                ? (PidState.Invalid, EntryReason.NotAProcess, stat)
                : (PidState.Running, EntryReason.Unverified, stat);
        }
        return stat.StartTimeTicks == record.StartTimeTicks
            ? (PidState.Running, EntryReason.Verified, stat)
            : (PidState.Stale, EntryReason.PidReused, stat);
    }
}
