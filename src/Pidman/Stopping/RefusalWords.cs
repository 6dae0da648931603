using Pidman.Os;

namespace Pidman.Stopping;

/// <summary>The words of a refusal, one sentence per rule, for a stop's line, a signal's line, their JSON and the event log.</summary>
internal static class RefusalWords
{
    /// <summary><c>PID 42 is pidman's parent; not signalled</c>.</summary>
    public static string Describe(SignalRefusal r) => r.Kind switch
    {
        RefusalKind.OutOfRange => $"PID {r.Pid} is out of the signallable range; not signalled",
        RefusalKind.Pidman => $"PID {r.Pid} is pidman itself; not signalled",
        RefusalKind.PidmanParent => $"PID {r.Pid} is pidman's parent; not signalled",
        RefusalKind.PidmanGroupLeader => $"PID {r.Pid} leads pidman's own process group; not signalled",
        RefusalKind.UnvouchedInSharedDirectory => $"{r.PidFilePath} is not vouched for by an identity record of pidman's (none, or it was written for another file: moved or replaced?) and others may write {r.Directory}; not signalled (stop the process yourself if it is yours)",
        _ => $"{r.PidFilePath} has no identity record and {Doubt(r)}; not signalled (use --force if you are sure)",
    };

    private static string Doubt(SignalRefusal r) => r.Kind switch
    {
        RefusalKind.StartedAfterFile => $"PID {r.Pid} started after the file was written (the PID was probably reused)",
        RefusalKind.ForeignOwner => $"the file's owner (uid {r.FileOwnerUid}) does not own PID {r.Pid}",
        _ => "the PID file cannot be examined",
    };
}
