using System.Runtime.InteropServices;
using Pidman.Exceptions;
using Pidman.PidFiles;
using Pidman.Services;
using Pidman.Supervision;

namespace Pidman.Projects;

public sealed partial class Project
{
    /// <summary>How long <see cref="DownAsync"/> waits for the supervisor to finish stopping everything.</summary>
    private static readonly TimeSpan DownTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs the supervisor in this process until SIGINT/SIGTERM (a second one forces) or <c>down</c>. With
    /// <paramref name="output"/>, events and every service's new log lines go to it as (source, line): the foreground
    /// stream of <c>pidman up</c>.
    /// </summary>
    /// <exception cref="PidmanException">A supervisor already runs for this project.</exception>
    public async Task<int> SuperviseAsync(IReadOnlyList<string> names, Action<string, string>? output, CancellationToken cancellationToken = default)
    {
        var config = RequireConfig();
        foreach (var name in names) config.Require(name);
        RefuseSecondSupervisor();
        var events = new SupervisorEvents(EventLogPath, output);
        var supervisor = new Supervisor(config, Pids, Services, events);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; supervisor.RequestShutdown(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; supervisor.RequestShutdown(); });
        using var follow = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var streaming = Task.CompletedTask;
        if (output is not null)
        {
            Directory.CreateDirectory(LogDirectory);
            var logs = config.Services.SelectMany(s => s.InstanceTypes.Select(t => LogFiles.PathFor(LogDirectory, PidFileName.Create(s.Name, t)))).ToList();
            streaming = LogFiles.FollowAsync(logs, (path, line) =>
            {
                if (!LogFiles.IsBanner(line)) output(Path.GetFileNameWithoutExtension(path), line);
            }, follow.Token);
        }
        int code = await supervisor.RunAsync(names).ConfigureAwait(false);
        await follow.CancelAsync().ConfigureAwait(false);
        await streaming.ConfigureAwait(false);
        return code;
    }

    /// <summary>
    /// Starts the supervisor detached: <paramref name="command"/> is the command line that runs <see cref="SuperviseAsync"/>
    /// for this project (the CLI passes its own hidden entry). Returns the supervisor's PID once it answers.
    /// </summary>
    public async Task<int> StartSupervisorAsync(IReadOnlyList<string> names, IReadOnlyList<string> command, CancellationToken cancellationToken = default)
    {
        var config = RequireConfig();
        foreach (var name in names) config.Require(name);
        RefuseSecondSupervisor();
        return await SupervisorLauncher.StartDetachedAsync([.. command, .. names], Root, Pids, EventLogPath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops every service (dependents first) and the supervisor; without a supervisor, stops every service directly.</summary>
    public async Task<DownReport> DownAsync(CancellationToken cancellationToken = default)
    {
        if (SupervisorPid is int pid && await SupervisorClient.SendAsync(Pids, new ControlRequest(ControlCommand.Down, []), cancellationToken).ConfigureAwait(false) is not null)
        {
            // Its exit releases its lock and removes its PID file; wait for that, not for a fixed time.
            if (!await Pids.WaitForExitAsync(PidTypes.SupervisorService, PidTypes.Supervisor, DownTimeout, cancellationToken).ConfigureAwait(false))
                throw new PidmanException($"the supervisor (PID {pid}) is still running after {DownTimeout.TotalMinutes:0} minutes; see {EventLogPath}");
            return new DownReport(pid, []);
        }
        return new DownReport(null, await Services.StopAsync([], all: true, force: false, timeout: null, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    private void RefuseSecondSupervisor()
    {
        if (SupervisorPid is int running)
            throw new PidmanException($"a supervisor is already running (PID {running}); use 'pidman down' first");
    }
}
