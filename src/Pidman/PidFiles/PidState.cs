using System.Text.Json.Serialization;
using Pidman.Json;

namespace Pidman.PidFiles;

/// <summary>What a PID file says about its service (DESIGN "States").</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<PidState>))]
public enum PidState
{
    /// <summary>The PID is alive and its identity matches (or the file is unverified and the PID is alive).</summary>
    Running,
    /// <summary>The file is present but its process is gone, a zombie, replaced by another, or from another boot.</summary>
    Stale,
    /// <summary>No PID file: the service is not running.</summary>
    Stopped,
    /// <summary>The file cannot be trusted: unreadable, not a PID, out of range, a symlink, not a regular file, unsafe ownership.</summary>
    Invalid,
    /// <summary>A one-shot job that ran to its end with exit code 0 (<see cref="PidEntry.ExitCode"/>, <see cref="PidEntry.CompletedAt"/>).</summary>
    Completed,
    /// <summary>A one-shot job whose last run ended with a non-zero exit code.</summary>
    Failed,
}
