using Pidman.Config;
using Pidman.Exceptions;
using Pidman.Logs;
using Pidman.Os;
using Pidman.Services;

namespace Pidman.Supervision;

/// <summary>Starts a supervisor detached (<c>pidman up -d</c>) and waits until its control socket answers.</summary>
internal static class SupervisorLauncher
{
    /// <summary>How long a new supervisor may take to answer before <c>up -d</c> gives up.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Spawns <paramref name="arguments"/> (argv[0] the program that runs <see cref="Supervisor"/>) as a session leader in
    /// <paramref name="workingDirectory"/>, output appended to the event log of <paramref name="logs"/>, and waits for it to answer; returns its PID.
    /// </summary>
    /// <exception cref="PidmanException">It exited or did not answer in time; the message points at its log.</exception>
    internal static async Task<int> StartDetachedAsync(IReadOnlyList<string> arguments, string workingDirectory, PidManager pids, ServiceLogs logs, CancellationToken cancellationToken = default)
    {
        string eventLog = logs.EventLog.Path;
        // Its own output goes to the event log, never /dev/null: a supervisor that dies says why there.
        int pid;
        using (var output = logs.OpenForAppend(logs.EventLog))
            pid = Spawner.Spawn(new SpawnRequest(arguments, workingDirectory, ServiceEnvironment.Inherited()) { OutputFd = output.Value });
        async Task<bool> Answers()
        {
            if (ChildProcesses.TryReap(pid) is int code)
                throw new PidmanException($"the supervisor exited with code {code} at start; see {eventLog}");
            // Only the supervisor we spawned counts: another one (shutting down, say) may still answer on the socket.
            return SupervisorClient.RunningPid(pids) == pid
                && await SupervisorClient.SendAsync(pids, new ControlRequest(ControlCommand.Status, []), cancellationToken: cancellationToken).ConfigureAwait(false) is not null;
        }
        if (await Polling.UntilAsync(Answers, ReadyTimeout, cancellationToken).ConfigureAwait(false)) return pid;
        throw new PidmanException($"the supervisor (PID {pid}) did not answer within {ReadyTimeout.TotalSeconds:0} s; see {eventLog}");
    }
}
