using Pidman.Containment;

namespace Pidman.PidFiles;

/// <summary>One PID file and what was found behind it.</summary>
/// <param name="Service">Service name.</param>
/// <param name="Type">PID type (<c>process</c>, <c>tmux</c>, ...).</param>
/// <param name="Path">Full path of the PID file.</param>
/// <param name="State">Running, stale, stopped or invalid.</param>
/// <param name="Reason">Why it has that state.</param>
/// <param name="Pid">The PID in the file, when it parsed.</param>
public sealed record PidEntry(string Service, string Type, string Path, PidState State, EntryReason Reason, int? Pid)
{
    /// <summary>The entry of an instance with no PID file: <c>stopped</c>, <c>no-file</c>.</summary>
    public static PidEntry NotRunning(PidDirectory directory, string service, string type) =>
        new(service, type, directory.PidFilePath(PidFileName.Create(service, type)), PidState.Stopped, EntryReason.NoFile, null);

    /// <summary>The entry of a one-shot job whose last run ended as <paramref name="done"/> says: <c>completed</c> (exit 0) or <c>failed</c>.</summary>
    internal static PidEntry Ended(PidDirectory directory, string service, string type, JobCompletion done) =>
        new(service, type, directory.PidFilePath(PidFileName.Create(service, type)), done.ExitCode == 0 ? PidState.Completed : PidState.Failed, EntryReason.Exited, null)
        {
            ExitCode = done.ExitCode,
            CompletedAt = done.At,
        };

    /// <summary>A one-shot job's last exit code (<see cref="PidState.Completed"/>, <see cref="PidState.Failed"/>).</summary>
    public int? ExitCode { get; init; }

    /// <summary>When a one-shot job's last run ended.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When the process started (running entries).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Resident memory in bytes (running entries).</summary>
    public long? RssBytes { get; init; }

    /// <summary>CPU time used so far, user and kernel (running entries); two reads give the CPU share.</summary>
    public TimeSpan? CpuTime { get; init; }

    /// <summary>How the instance's processes are tracked (<c>cgroup</c>, <c>group</c>; <c>none</c> for a PID pidman did not start).</summary>
    public Containment.Tracking Tracking { get; init; }

    /// <summary>
    /// How many live processes the instance has (its cgroup or group), when pidman started it; RSS and CPU time sum them.
    /// For <see cref="EntryReason.Leftovers"/>: how many of them outlived the main process.
    /// </summary>
    public int? Processes { get; init; }

    /// <summary>The process's command line (running entries), else the one recorded.</summary>
    public string? Command { get; init; }

    /// <summary>True when this read removed the stale file.</summary>
    public bool Removed { get; init; }

    /// <summary>
    /// The errno of a removal that failed (e.g. 30, EROFS: a read-only directory): the stale file is still there. Null when it
    /// was removed or no removal was tried.
    /// </summary>
    public int? RemovalErrno { get; init; }

    /// <summary>True when there is no PID file but its identity record, which alone says what runs .</summary>
    public bool FileMissing { get; init; }

    /// <summary>The file name, e.g. <c>tmux_web.pid</c>.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>True when an identity record backs the entry.</summary>
    public bool Verified => Reason == EntryReason.Verified;

    /// <summary>How long the process has run, when known.</summary>
    public TimeSpan? Uptime => StartedAt is { } s ? DateTimeOffset.UtcNow - s : null;
}
