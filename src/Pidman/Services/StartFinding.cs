using System.Text.Json.Serialization;
using Pidman.Json;

namespace Pidman.Services;

/// <summary>What a start found or did; with <see cref="StartOutcome"/>'s other facts, what <see cref="StartWords"/> says.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<StartFinding>))]
public enum StartFinding
{
    /// <summary>Spawned and running (in <see cref="StartOutcome.TmuxWindow"/>, for a tmux service).</summary>
    Started,
    /// <summary>Under a supervisor: it runs.</summary>
    Running,
    /// <summary>Spawned, then ended by a signal (<see cref="StartOutcome.ExitCode"/> over 128) or another command during its start: no failure of the start.</summary>
    StoppedFromOutside,
    /// <summary>A live process already holds its PID file (<see cref="StartOutcome.PidFileRestored"/> when its file was written again).</summary>
    AlreadyRunning,
    /// <summary>Its earlier start was killed before writing the PID file; the process it left running was adopted.</summary>
    Adopted,
    /// <summary>A one-shot job ran and exited 0.</summary>
    Completed,
    /// <summary>A one-shot job that completed earlier (<see cref="StartOutcome.CompletedAt"/>) and is not run again until it is stopped.</summary>
    CompletedEarlier,
    /// <summary>It exited during its start (<see cref="StartOutcome.ExitCode"/>, <see cref="StartOutcome.LogPath"/>, <see cref="StartOutcome.LogTail"/>).</summary>
    ExitedAtStart,
    /// <summary>Its working directory (<see cref="StartOutcome.Path"/>) does not exist.</summary>
    NoWorkingDirectory,
    /// <summary>Its PID file (<see cref="StartOutcome.Path"/>) is invalid (<see cref="StartOutcome.Reason"/>).</summary>
    InvalidPidFile,
    /// <summary>It ran, but its PID file (<see cref="StartOutcome.Path"/>) could not be written (<see cref="StartOutcome.Detail"/>), so it was stopped.</summary>
    CannotRecord,
    /// <summary>Not started: a dependency (<see cref="StartOutcome.Dependency"/>) failed.</summary>
    DependencyFailed,
    /// <summary>Under a supervisor: waiting for its dependencies.</summary>
    WaitingForDependencies,
    /// <summary>Under a supervisor: it exited and is restarting.</summary>
    Restarting,
    /// <summary>Under a supervisor: it exited and is not restarted.</summary>
    Exited,
    /// <summary>Under a supervisor: it failed (its start, or too many restarts).</summary>
    Failed,
    /// <summary>Under a supervisor: stopped on request.</summary>
    Stopped,
    /// <summary>Something went wrong (<see cref="StartOutcome.Detail"/> says what).</summary>
    Error,
}
