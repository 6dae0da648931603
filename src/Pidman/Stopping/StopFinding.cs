using System.Text.Json.Serialization;
using Pidman.Json;

namespace Pidman.Stopping;

/// <summary>What a stop of one PID entry found, beside its <see cref="Stopping.StopOutcome"/>: the fact <see cref="StopWords"/> puts into words.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<StopFinding>))]
public enum StopFinding
{
    /// <summary>The stop sequence ran on the process: the outcome says whether its signal was enough, SIGKILL was needed, or it survived that.</summary>
    Signalled,
    /// <summary>There was no PID file.</summary>
    NoPidFile,
    /// <summary>The PID file was stale (<see cref="StopEntryResult.Reason"/> says why) and was removed.</summary>
    StaleRemoved,
    /// <summary>
    /// The PID file was stale but is still there: its removal failed (<see cref="StopEntryResult.RemovalErrno"/>), or it changed
    /// between its check and the removal (a new PID written meanwhile).
    /// </summary>
    StaleKept,
    /// <summary>The process exited between its check and its signal.</summary>
    ExitedFirst,
    /// <summary>The main process had exited; what it left running (<see cref="StopEntryResult.Leftovers"/> processes) was stopped.</summary>
    Leftovers,
    /// <summary>The PID file is invalid (<see cref="StopEntryResult.Reason"/>); nothing was signalled.</summary>
    InvalidFile,
    /// <summary>A safety rule refused the signal (<see cref="StopEntryResult.Refusal"/> names it).</summary>
    Refused,
    /// <summary>Something went wrong with this entry (<see cref="StopEntryResult.Detail"/> says what); the others were still stopped.</summary>
    Error,
    /// <summary>Unregistered: the PID file and record were removed without a signal.</summary>
    Unregistered,
    /// <summary>Unregister found no PID file.</summary>
    NotRegistered,
}
