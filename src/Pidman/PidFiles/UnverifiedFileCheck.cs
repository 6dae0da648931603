using Pidman.Os;

namespace Pidman.PidFiles;

/// <summary>When a PID file with no identity record may be acted on (DESIGN "Identity record": unverified files).</summary>
internal static class UnverifiedFileCheck
{
    /// <summary>
    /// The conservative check for a file with no identity record: the process must have started
    /// before the file was last written (a process born later cannot be the one it names), and the
    /// file must be root's or the process owner's.
    /// </summary>
    internal static SignalRefusal? Refusal(PidFileSnapshot snapshot, ProcStat stat, string path)
    {
        if (snapshot.Status is not { } file) return new SignalRefusal(RefusalKind.UnexaminableFile, stat.Pid) { PidFilePath = path };
        var started = ProcFs.StartedAt(stat.StartTimeTicks);
        // One second of slack: start time has clock-tick resolution and btime whole seconds.
        if (started > file.ModifiedAt.AddSeconds(1))
            return new SignalRefusal(RefusalKind.StartedAfterFile, stat.Pid) { PidFilePath = path };
        uint? processUid = ProcFs.ReadUid(stat.Pid);
        if (file.Uid != 0 && processUid != file.Uid)
            return new SignalRefusal(RefusalKind.ForeignOwner, stat.Pid) { PidFilePath = path, FileOwnerUid = file.Uid };
        return null;
    }
}
