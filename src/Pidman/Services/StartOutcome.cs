using Pidman.PidFiles;

namespace Pidman.Services;

/// <summary>The result of starting one instance of a service: facts only; <see cref="StartWords"/> makes the sentence.</summary>
public sealed record StartOutcome
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal StartOutcome(string service, string type, StartStatus status, StartFinding finding, int? pid)
    {
        Service = service;
        Type = type;
        Status = status;
        Finding = finding;
        Pid = pid;
    }

    /// <summary>Service name.</summary>
    public string Service { get; init; }

    /// <summary>PID type (<c>process</c> or <c>workerN</c>).</summary>
    public string Type { get; init; }

    /// <summary>How it ended.</summary>
    public StartStatus Status { get; init; }

    /// <summary>What the start found or did (and so what the status means).</summary>
    public StartFinding Finding { get; init; }

    /// <summary>The PID, when there is a process.</summary>
    public int? Pid { get; init; }

    /// <summary>The exit code when the instance was spawned and exited at once (over 128: killed by signal code - 128).</summary>
    public int? ExitCode { get; init; }

    /// <summary>The last lines of its log when it exited at once.</summary>
    public IReadOnlyList<string> LogTail { get; init; } = [];

    /// <summary>Its log, when it exited at once (<see cref="StartFinding.ExitedAtStart"/>).</summary>
    public string? LogPath { get; init; }

    /// <summary>The tmux window it was started in.</summary>
    public string? TmuxWindow { get; init; }

    /// <summary>True when it already ran and its missing PID file was written again from its record.</summary>
    public bool PidFileRestored { get; init; }

    /// <summary>When a one-shot job's earlier run completed (<see cref="StartFinding.CompletedEarlier"/>).</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The path the finding is about: the missing working directory, the invalid or unwritable PID file.</summary>
    public string? Path { get; init; }

    /// <summary>Why its PID file is invalid (<see cref="StartFinding.InvalidPidFile"/>).</summary>
    public EntryReason? Reason { get; init; }

    /// <summary>The dependency whose failure kept it from starting (<see cref="StartFinding.DependencyFailed"/>).</summary>
    public string? Dependency { get; init; }

    /// <summary>The error, in the words of the call that raised it (<see cref="StartFinding.Error"/>, <see cref="StartFinding.CannotRecord"/>).</summary>
    public string? Detail { get; init; }

    /// <summary>True unless it failed or was skipped.</summary>
    public bool Succeeded => Status is StartStatus.Started or StartStatus.AlreadyRunning or StartStatus.Completed or StartStatus.Waiting;
}
