using System.Text.Json.Serialization;
using Pidman.Json;
using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman;

/// <summary>What sending a signal to one PID entry did: facts; the CLI words them.</summary>
/// <param name="Service">Service name.</param>
/// <param name="Type">PID type.</param>
/// <param name="Pid">The PID, when there was one.</param>
/// <param name="Signal">The signal asked for.</param>
/// <param name="Finding">Whether it was sent, and why not.</param>
public sealed record SignalResult(string Service, string Type, int? Pid, Signal Signal, SignalFinding Finding)
{
    /// <summary>True when the signal was delivered.</summary>
    public bool Sent => Finding == SignalFinding.Sent;

    /// <summary>Why the entry is not running (<see cref="SignalFinding.NotRunning"/>).</summary>
    public EntryReason? Reason { get; init; }

    /// <summary>The refusal or the error, in the words of the rule or the call that made it.</summary>
    public string? Detail { get; init; }
}

/// <summary>How a signal to one PID entry went.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<SignalFinding>))]
public enum SignalFinding
{
    /// <summary>Delivered.</summary>
    Sent,
    /// <summary>There was no PID file.</summary>
    NoPidFile,
    /// <summary>The entry is not running (<see cref="SignalResult.Reason"/>).</summary>
    NotRunning,
    /// <summary>A safety rule refused it (<see cref="SignalResult.Detail"/>).</summary>
    Refused,
    /// <summary>The process exited between its check and the signal.</summary>
    ExitedFirst,
    /// <summary>The kernel refused it, or the PID is no process (<see cref="SignalResult.Detail"/>).</summary>
    Error,
}
