using Pidman.Containment;

namespace Pidman.PidFiles;

/// <summary>One PID file and what was found behind it.</summary>
public sealed record PidEntry
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal PidEntry(string service, string type, string path, PidState state, EntryReason reason, int? pid)
    {
        Service = service;
        Type = type;
        Path = path;
        State = state;
        Reason = reason;
        Pid = pid;
    }

    /// <summary>Service name.</summary>
    public string Service { get; init; }

    /// <summary>PID type (<c>process</c>, <c>tmux</c>, ...).</summary>
    public string Type { get; init; }

    /// <summary>Full path of the PID file.</summary>
    public string Path { get; init; }

    /// <summary>Running, stale, stopped or invalid.</summary>
    public PidState State { get; init; }

    /// <summary>Why it has that state.</summary>
    public EntryReason Reason { get; init; }

    /// <summary>The PID in the file, when it parsed.</summary>
    public int? Pid { get; init; }

    /// <summary>The entry of an instance with no PID file: <c>stopped</c>, <c>no-file</c>.</summary>
    internal static PidEntry NotRunning(PidDirectory directory, string service, string type) =>
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
