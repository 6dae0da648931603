using Pidman.Supervision;

namespace Pidman.Projects;

/// <summary>What <c>up -d --wait</c> found: every service ready, or which ones are not and why, with their last log lines.</summary>
public sealed record ReadinessReport
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal ReadinessReport(bool ready, TimeSpan elapsed, TimeSpan timeout, IReadOnlyList<ReadinessProblem> problems)
    {
        Ready = ready;
        Elapsed = elapsed;
        Timeout = timeout;
        Problems = problems;
    }

    /// <summary>True when every instance runs (and passes its health check) or, for one-shot jobs, has completed.</summary>
    public bool Ready { get; init; }

    /// <summary>How long the wait took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>How long it was allowed to take.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>One per instance that ended, or was not ready in time.</summary>
    public IReadOnlyList<ReadinessProblem> Problems { get; init; }
}

/// <summary>An instance that kept a wait from ending ready.</summary>
public sealed record ReadinessProblem
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal ReadinessProblem(InstanceReport instance, ReadinessProblemKind kind, string logPath, IReadOnlyList<string> logTail)
    {
        Instance = instance;
        Kind = kind;
        LogPath = logPath;
        LogTail = logTail;
    }

    /// <summary>What the supervisor knew of it then.</summary>
    public InstanceReport Instance { get; init; }

    /// <summary>Whether it ended or was not ready in time.</summary>
    public ReadinessProblemKind Kind { get; init; }

    /// <summary>Its log.</summary>
    public string LogPath { get; init; }

    /// <summary>The last lines of its current run's log.</summary>
    public IReadOnlyList<string> LogTail { get; init; }
}

/// <summary>Why an instance was not ready.</summary>
public enum ReadinessProblemKind
{
    /// <summary>It exited, crashed or failed (<see cref="InstanceReport.LastExitCode"/>, <see cref="InstanceReport.State"/>).</summary>
    Ended,
    /// <summary>It still was not ready (running for its startup window and healthy) when the wait's timeout passed.</summary>
    NotReadyInTime,
}
