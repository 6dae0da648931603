using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman.Stopping;

/// <summary>The result of stopping one PID entry: facts only; <see cref="StopWords"/> makes the sentence.</summary>
/// <param name="Service">Service name.</param>
/// <param name="Type">PID type.</param>
/// <param name="Pid">The PID acted on, when there was one.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Elapsed">Time from the first signal to the observed exit.</param>
/// <param name="Finding">What the stop found (and so what the outcome means).</param>
public sealed record StopEntryResult(string Service, string Type, int? Pid, StopOutcome Outcome, TimeSpan Elapsed, StopFinding Finding)
{
    /// <summary>The graceful signal the stop sent (its <c>stop_signal</c>); SIGKILL alone when <see cref="Forced"/>.</summary>
    public Signal Signal { get; init; } = Signal.SIGTERM;

    /// <summary>True when SIGKILL was sent at once (<c>--force</c>).</summary>
    public bool Forced { get; init; }

    /// <summary>How long the stop waited after the graceful signal before SIGKILL.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>Why the PID file was stale or invalid (<see cref="StopFinding.StaleRemoved"/>, <see cref="StopFinding.InvalidFile"/>).</summary>
    public EntryReason? Reason { get; init; }

    /// <summary>The PID file's path, for an invalid one.</summary>
    public string? Path { get; init; }

    /// <summary>How many leftover processes there were (<see cref="StopFinding.Leftovers"/>).</summary>
    public int Leftovers { get; init; }

    /// <summary>The errno of the PID file's removal after the stop, when it failed (e.g. 30, EROFS): the file is still there, stale.</summary>
    public int? RemovalErrno { get; init; }

    /// <summary>The refusal or the error, in the words of the rule or the call that made it (<see cref="StopFinding.Refused"/>, <see cref="StopFinding.Error"/>).</summary>
    public string? Detail { get; init; }
}
