using Pidman.Os.Interop;
using Pidman.PidFiles;

namespace Pidman.Stopping;

/// <summary>
/// The words of a stop result, made in this one place for every reader of them: the CLI's lines and JSON, the log's end
/// banner and the supervisor's event log.
/// </summary>
internal static class StopWords
{
    /// <summary>What happened, as one line: <c>stopped (SIGTERM) in 3 ms</c>, <c>did not exit within 10 s; killed (SIGKILL)</c>.</summary>
    public static string Describe(StopEntryResult result) => Finding(result) + (result.RemovalErrno is int errno && result.Finding != StopFinding.StaleKept
        ? $"; PID file not removed: {((Errno)errno).Describe()}" : "");

    private static string Finding(StopEntryResult result) => result.Finding switch
    {
        StopFinding.Signalled => result.Outcome switch
        {
            StopOutcome.Terminated => $"stopped ({result.Signal}) in {result.Elapsed.TotalMilliseconds:0} ms",
            StopOutcome.Killed when result.Forced => $"killed (SIGKILL) in {result.Elapsed.TotalMilliseconds:0} ms",
            StopOutcome.Killed => $"did not exit within {result.Timeout.TotalSeconds:0.#} s; killed (SIGKILL)",
            _ => $"PID {result.Pid} survived SIGKILL (uninterruptible sleep?); PID file kept",
        },
        StopFinding.NoPidFile => "not running (no PID file)",
        StopFinding.StaleRemoved => $"not running ({result.Reason?.Describe()}); stale file removed",
        StopFinding.StaleKept => $"not running ({result.Reason?.Describe()}); stale file kept{(result.RemovalErrno is int errno ? $": {((Errno)errno).Describe()}" : " (it changed meanwhile)")}",
        StopFinding.ExitedFirst => "exited before it was signalled",
        StopFinding.Leftovers => result.Outcome == StopOutcome.Failed
            ? $"{result.Leftovers} leftover process(es) survived SIGKILL; PID file kept"
            : $"ended {result.Leftovers} leftover process(es) of the exited main process",
        StopFinding.InvalidFile => $"{result.Path}: {result.Reason?.Describe()}; not signalled (remove it with 'pidman cleanup --invalid')",
        StopFinding.Unregistered => "unregistered",
        StopFinding.NotRegistered => "had no PID file",
        StopFinding.Refused when result.Refusal is { } refusal => RefusalWords.Describe(refusal),
        _ => result.Detail ?? result.Finding.ToString(),
    };
}
