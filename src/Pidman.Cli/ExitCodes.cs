using Pidman.PidFiles;

namespace Pidman.Cli;

/// <summary>Exit codes: LSB init-script status codes for <c>status</c> and <c>pid</c>, 2 for usage errors.</summary>
internal static class ExitCodes
{
    /// <summary>Success; for status: running.</summary>
    public const int Ok = 0;
    /// <summary>For status: dead but a PID file exists (stale). Otherwise: a failure, explained on stderr.</summary>
    public const int Failure = 1;
    /// <summary>Bad arguments: a malformed name, PID or option.</summary>
    public const int Usage = 2;
    /// <summary>For status and pid: not running.</summary>
    public const int NotRunning = 3;
    /// <summary>For status: unknown or invalid PID file.</summary>
    public const int Invalid = 4;

    /// <summary>
    /// The LSB status code for a set of entries: the worst one wins (invalid, then stale or a failed job, then not running).
    /// A one-shot job that completed with exit code 0 is as good as a service that runs: a stack whose migration is done
    /// and whose servers run is all up.
    /// </summary>
    public static int ForStatus(IReadOnlyCollection<PidEntry> entries)
    {
        if (entries.Any(e => e.State == PidState.Invalid)) return Invalid;
        if (entries.Any(e => e.State is PidState.Stale or PidState.Failed)) return Failure;
        if (entries.Count == 0 || entries.Any(e => e.State == PidState.Stopped)) return NotRunning;
        return Ok;
    }
}
