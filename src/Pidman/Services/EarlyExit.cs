using Pidman.Logs;
using Pidman.Os;

namespace Pidman.Services;

/// <summary>What to say, and what to clean up, when an instance exits during its start.</summary>
internal static class EarlyExit
{
    private const int LogTailLines = 10;

    /// <summary>
    /// The outcome of an instance that exited with <paramref name="code"/> during start, after removing what still names it
    /// (PID file, record, its group's processes, its window). A stop signal, or a PID file already gone or replaced, means
    /// another command stopped a service that had started: no start failure. A crash keeps its own code, and fails.
    /// </summary>
    internal static StartOutcome Report(Launch launch, int? code, bool written, PidManager pids, ServiceLogs logs, IServiceLauncher launcher)
    {
        bool fileWasOurs = pids.RemoveIfPid(launch.Service, launch.Type, launch.Pid);
        bool stoppedFromOutside = written && (!fileWasOurs || code - 128 is (int)Signal.SIGTERM or (int)Signal.SIGINT or (int)Signal.SIGKILL or (int)Signal.SIGHUP);
        if (stoppedFromOutside)
        {
            string by = code > 128 ? $"signal {code - 128}" : "another command";
            return new StartOutcome(launch.Service, launch.Type, StartStatus.Started, launch.Pid, $"started (PID {launch.Pid}), then stopped by {by} from outside", []);
        }
        launcher.Discard(launch);
        string how = Describe(code);
        string label = PidFiles.PidFileName.Create(launch.Service, launch.Type).ToString();
        logs.EndOfRunBanner(launch.Log, $"{label} {how}");
        var tail = LogFiles.CurrentRunTail(launch.Log, LogTailLines);
        return new StartOutcome(launch.Service, launch.Type, StartStatus.Failed, launch.Pid, $"{how} (log: {launch.Log.Path})", tail) { ExitCode = code };
    }

    /// <summary>How an exit during start reads: <see cref="ExitWords"/>, with what it most likely means at a start.</summary>
    internal static string Describe(int? code) => code switch
    {
        null or -1 => "exited at once",
        0 => $"{ExitWords.Of(0)} within its first second (a service is expected to keep running; use depends_on = {{ NAME = \"completed\" }} for a one-shot job)",
        127 => $"{ExitWords.Of(127)} (command not found)",
        126 => $"{ExitWords.Of(126)} (command not executable)",
        _ => ExitWords.Of(code),
    };
}
