using System.Text.Json.Serialization;
using Pidman.Json;

namespace Pidman.Stopping;

/// <summary>How stopping one PID entry ended.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<StopOutcome>))]
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
