using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman.Stopping;

/// <summary>The result of stopping one PID entry: facts only; <see cref="StopWords"/> makes the sentence.</summary>
public sealed record StopEntryResult
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal StopEntryResult(string service, string type, int? pid, StopOutcome outcome, TimeSpan elapsed, StopFinding finding)
    {
        Service = service;
        Type = type;
        Pid = pid;
        Outcome = outcome;
        Elapsed = elapsed;
        Finding = finding;
    }

    /// <summary>Service name.</summary>
    public string Service { get; init; }

    /// <summary>PID type.</summary>
    public string Type { get; init; }

    /// <summary>The PID acted on, when there was one.</summary>
    public int? Pid { get; init; }

    /// <summary>How it ended.</summary>
    public StopOutcome Outcome { get; init; }

    /// <summary>Time from the first signal to the observed exit.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>What the stop found (and so what the outcome means).</summary>
    public StopFinding Finding { get; init; }

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

    /// <summary>The safety rule that refused the signal, with what it looked at (<see cref="StopFinding.Refused"/>).</summary>
    public SignalRefusal? Refusal { get; init; }

    /// <summary>The error, in the words of the call that made it (<see cref="StopFinding.Error"/>).</summary>
    public string? Detail { get; init; }
}
