namespace Pidman;

/// <summary>How stopping one PID entry ended.</summary>
public enum StopOutcome
{
    /// <summary>The process exited after the graceful signal.</summary>
    Terminated,
    /// <summary>The process was killed (after the timeout, or at once with force).</summary>
    Killed,
    /// <summary>Nothing was running; a stale file, if any, was removed.</summary>
    NotRunning,
    /// <summary>Pidman refused to signal: the file is invalid, or the process failed a safety check.</summary>
    Refused,
    /// <summary>The process survived SIGKILL (e.g. stuck in uninterruptible sleep).</summary>
    Failed,
}

/// <summary>The result of stopping one PID entry.</summary>
/// <param name="Service">Service name.</param>
/// <param name="Type">PID type.</param>
/// <param name="Pid">The PID acted on, when there was one.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Elapsed">Time from the first signal to the observed exit.</param>
/// <param name="Message">Details for the user (the reason for a refusal, for instance).</param>
public sealed record StopEntryResult(string Service, string Type, int? Pid, StopOutcome Outcome, TimeSpan Elapsed, string Message);

/// <summary>The result of stopping a service: one line per PID type.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Entries">One result per PID file.</param>
public sealed record StopResult(string Service, IReadOnlyList<StopEntryResult> Entries)
{
    /// <summary>True when nothing of the service is left running.</summary>
    public bool Succeeded => Entries.All(e => e.Outcome is StopOutcome.Terminated or StopOutcome.Killed or StopOutcome.NotRunning);
}
