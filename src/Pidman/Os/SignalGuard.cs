using Pidman.Os.Interop;

namespace Pidman.Os;

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
}
