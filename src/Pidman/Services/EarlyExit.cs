using Pidman.Logs;
using Pidman.Os;

namespace Pidman.Services;

/// <summary>What an instance's exit during its start means, and what to clean up after it.</summary>
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
            return new StartOutcome(launch.Service, launch.Type, StartStatus.Started, StartFinding.StoppedFromOutside, launch.Pid) { ExitCode = code };
        }
        launcher.Discard(launch);
        string label = PidFiles.PidFileName.Create(launch.Service, launch.Type).ToString();
        logs.EndOfRunBanner(launch.Log, $"{label} {StartWords.ExitAtStart(code)}");
        var tail = LogFiles.CurrentRunTail(launch.Log, LogTailLines);
        return new StartOutcome(launch.Service, launch.Type, StartStatus.Failed, StartFinding.ExitedAtStart, launch.Pid) { ExitCode = code, LogPath = launch.Log.Path, LogTail = tail };
    }
}
