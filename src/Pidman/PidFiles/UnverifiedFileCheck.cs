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
    internal static string? Refusal(PidFileSnapshot snapshot, ProcStat stat)
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
