using System.Text.Json.Serialization;
using Pidman.Json;
using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman;

/// <summary>What sending a signal to one PID entry did: facts; the CLI words them.</summary>
public sealed record SignalResult
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal SignalResult(string service, string type, int? pid, Signal signal, SignalFinding finding)
    {
        Service = service;
        Type = type;
        Pid = pid;
        Signal = signal;
        Finding = finding;
    }

    /// <summary>Service name.</summary>
    public string Service { get; init; }

    /// <summary>PID type.</summary>
    public string Type { get; init; }

    /// <summary>The PID, when there was one.</summary>
    public int? Pid { get; init; }

    /// <summary>The signal asked for.</summary>
    public Signal Signal { get; init; }

    /// <summary>Whether it was sent, and why not.</summary>
    public SignalFinding Finding { get; init; }

    /// <summary>True when the signal was delivered.</summary>
    public bool Sent => Finding == SignalFinding.Sent;

    /// <summary>Why the entry is not running (<see cref="SignalFinding.NotRunning"/>).</summary>
    public EntryReason? Reason { get; init; }

    /// <summary>The safety rule that refused it, with what it looked at (<see cref="SignalFinding.Refused"/>).</summary>
    public Os.SignalRefusal? Refusal { get; init; }

    /// <summary>The error, in the words of the call that made it (<see cref="SignalFinding.Error"/>).</summary>
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
    /// <summary>A safety rule refused it (<see cref="SignalResult.Refusal"/>).</summary>
    Refused,
    /// <summary>The process exited between its check and the signal.</summary>
    ExitedFirst,
    /// <summary>The kernel refused it, or the PID is no process (<see cref="SignalResult.Detail"/>).</summary>
    Error,
}
