using System.Globalization;
using Pidman.PidFiles;

namespace Pidman.Services;

/// <summary>
/// The words of a start outcome, made in this one place for every reader of them: the CLI's lines and JSON, the log's end
/// banner and the supervisor's event log.
/// </summary>
internal static class StartWords
{
    /// <summary>What happened, as one line: <c>started (PID 42)</c>, <c>exited with code 1 (log: ...)</c>.</summary>
    public static string Describe(StartOutcome o) => o.Finding switch
    {
        StartFinding.Started => $"started (PID {o.Pid}){(o.TmuxWindow is { } window ? $" in tmux window {window}" : "")}",
        StartFinding.Running => $"running (PID {o.Pid})",
        StartFinding.StoppedFromOutside => $"started (PID {o.Pid}), then stopped by {(o.ExitCode > 128 ? $"signal {o.ExitCode - 128}" : "another command")} from outside",
        StartFinding.AlreadyRunning => $"already running (PID {o.Pid}){(o.PidFileRestored ? "; its missing PID file was written again" : "")}",
        StartFinding.Adopted => $"already running (PID {o.Pid}, adopted: its starter was killed before writing the PID file)",
        StartFinding.Completed => "completed (exit code 0)",
        StartFinding.CompletedEarlier => $"completed earlier (exit code 0 at {o.CompletedAt?.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}); 'pidman stop {o.Service}' lets it run again",
        StartFinding.ExitedAtStart => $"{ExitAtStart(o.ExitCode)} (log: {o.LogPath})",
        StartFinding.NoWorkingDirectory => $"working directory {o.Path} does not exist",
        StartFinding.InvalidPidFile => $"{o.Path} is invalid ({o.Reason?.Describe()}); remove it with 'pidman cleanup --invalid'",
        StartFinding.CannotRecord => $"cannot record it in {o.Path}: {o.Detail}; it was stopped",
        StartFinding.DependencyFailed => $"not started: dependency {o.Dependency} failed",
        StartFinding.WaitingForDependencies => "waiting for its dependencies",
        StartFinding.Restarting => "exited; restarting",
        StartFinding.Exited => "exited",
        StartFinding.Failed => "failed",
        StartFinding.Stopped => "stopped",
        _ => o.Detail ?? o.Finding.ToString(),
    };

    /// <summary>How an exit during start reads: <see cref="ExitWords"/>, with what it most likely means at a start.</summary>
    internal static string ExitAtStart(int? code) => code switch
    {
        null or -1 => "exited at once",
        0 => $"{ExitWords.Of(0)} within its first second (a service is expected to keep running; use depends_on = {{ NAME = \"completed\" }} for a one-shot job)",
        127 => $"{ExitWords.Of(127)} (command not found)",
        126 => $"{ExitWords.Of(126)} (command not executable)",
        _ => ExitWords.Of(code),
    };
}
