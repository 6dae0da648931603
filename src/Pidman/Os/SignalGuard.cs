using Pidman.Os.Interop;

namespace Pidman.Os;

/// <summary>The checks every signal passes first (DESIGN "Safety rules"): targets pidman must never hit.</summary>
internal static class SignalGuard
{
    private static readonly int s_ownPid = Environment.ProcessId;
    private static readonly int s_parentPid = Libc.GetParentPid();
    private static readonly int s_ownGroup = Libc.GetProcessGroup();

    /// <summary>pidman's own process group: never signalled as a group (kill(-pgid) would reach pidman itself), nor its leader.</summary>
    internal static int OwnProcessGroup => s_ownGroup;

    /// <summary>
    /// Why <paramref name="pid"/> must not be signalled, or null when it may be. A member of pidman's own group that is not
    /// its leader may be: it is signalled alone, never through the group (a caller's own children, started with
    /// <c>Process.Start</c>, are in the caller's group, and stopping them is the pattern's first case).
    /// </summary>
    internal static SignalRefusal? Refusal(int pid)
    {
        RefusalKind? kind = pid <= 1 || pid > ProcFs.PidMax ? RefusalKind.OutOfRange
            : pid == s_ownPid ? RefusalKind.Pidman
            : pid == s_parentPid ? RefusalKind.PidmanParent
            : pid == s_ownGroup ? RefusalKind.PidmanGroupLeader
            : null;
        return kind is { } k ? new SignalRefusal(k, pid) : null;
    }
}
