using Pidman.Interop;
using Pidman.PidFiles;

namespace Pidman.Processes;

/// <summary>The checks every signal passes first (DESIGN "Safety rules"): targets pidman must never hit.</summary>
internal static class SignalGuard
{
    private static readonly int s_ownPid = Environment.ProcessId;
    private static readonly int s_parentPid = Libc.GetParentPid();
    private static readonly int s_ownGroup = Libc.GetProcessGroup();

    /// <summary>pidman's own process group: never signalled, as a group or through one of its members.</summary>
    internal static int OwnProcessGroup => s_ownGroup;

    /// <summary>Why <paramref name="pid"/> must not be signalled, or null when it may be.</summary>
    internal static string? Refusal(int pid, ProcStat stat)
    {
        if (pid <= 1 || pid > ProcFs.PidMax) return $"PID {pid} is out of the signallable range";
        if (pid == s_ownPid) return $"PID {pid} is pidman itself";
        if (pid == s_parentPid) return $"PID {pid} is pidman's parent";
        if (pid == s_ownGroup || stat.ProcessGroup == s_ownGroup) return $"PID {pid} is in pidman's own process group";
        return null;
    }

    /// <summary>
    /// The conservative check for a file with no identity record: the process must have started
    /// before the file was last written (a process born later cannot be the one it names), and the
    /// file must be root's or the process owner's.
    /// </summary>
    internal static string? UnverifiedRefusal(PidFileSnapshot snapshot, ProcStat stat)
    {
        if (snapshot.Status is not { } file) return "the PID file cannot be examined";
        var started = ProcFs.StartedAt(stat.StartTimeTicks);
        // One second of slack: start time has clock-tick resolution and btime whole seconds.
        if (started > file.ModifiedAt.AddSeconds(1))
            return $"PID {stat.Pid} started after the file was written (the PID was probably reused)";
        uint? processUid = ProcFs.ReadUid(stat.Pid);
        if (file.Uid != 0 && processUid != file.Uid)
            return $"the file's owner (uid {file.Uid}) does not own PID {stat.Pid}";
        return null;
    }
}
