using System.Diagnostics;
using Pidman.Exceptions;
using Pidman.Logs;
using Pidman.PidFiles;
using Pidman.Supervision;

namespace Pidman.Projects;

public sealed partial class Project
{
    private static readonly TimeSpan ReadinessPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Waits (for CI pipelines, like <c>docker compose up --wait</c>) until every supervised instance has run for its startup
    /// window (<c>startup_window</c>, 1 s: what dies at once is caught) and passes its health check, and every one-shot job
    /// has completed; gives up at the first instance that exits, crashes or fails, or when <paramref name="timeout"/> passes.
    /// The supervisor keeps running either way.
    /// </summary>
    /// <exception cref="PidmanException">No supervisor runs (or it went away).</exception>
    /// <returns>Ready or not, how long it took, and each instance that ended or was not ready in time, with its last log lines.</returns>
    public async Task<ReadinessReport> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var reply = await SupervisorClient.SendAsync(Pids, new ControlRequest(ControlCommand.Status, []), cancellationToken: cancellationToken).ConfigureAwait(false)
                ?? throw new PidmanException($"the supervisor is not running; see {EventLogPath}");
            var failed = reply.Instances.Where(i => i.State is InstanceState.Failed or InstanceState.Exited or InstanceState.Restarting).ToList();
            if (failed.Count > 0)
                return new ReadinessReport(false, clock.Elapsed, timeout, failed.Select(i => Problem(i, ReadinessProblemKind.Ended)).ToList());
            var settle = Config?.Settings.StartupWindow ?? Pidman.Config.ProjectSettings.DefaultStartupWindow;
            var waiting = reply.Instances.Where(i => !IsReady(i, settle)).ToList();
            if (waiting.Count == 0) return new ReadinessReport(true, clock.Elapsed, timeout, []);
            if (clock.Elapsed >= timeout)
                return new ReadinessReport(false, clock.Elapsed, timeout, waiting.Select(i => Problem(i, ReadinessProblemKind.NotReadyInTime)).ToList());
            await Task.Delay(ReadinessPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsReady(InstanceReport i, TimeSpan settle) =>
        i.State == InstanceState.Completed || (i.State == InstanceState.Running && i.RunningFor >= settle && i.Health is HealthState.None or HealthState.Healthy);

    private ReadinessProblem Problem(InstanceReport i, ReadinessProblemKind kind)
    {
        var log = Services.Logs.For(PidFileName.Create(i.Service, i.Type));
        return new ReadinessProblem(i, kind, log.Path, LogFiles.CurrentRunTail(log, 10));
    }
}
