using System.Runtime.InteropServices;
using Pidman.Config;
using Pidman.Exceptions;
using Pidman.Logs;
using Pidman.PidFiles;
using Pidman.Services;
using Pidman.Supervision;

namespace Pidman.Projects;

public sealed partial class Project
{
    /// <summary>How long <see cref="DownAsync"/> waits for the supervisor to finish stopping everything, beyond the slowest stop_timeout.</summary>
    private static readonly TimeSpan DownMargin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Runs the supervisor in this process for <paramref name="names"/> (all when empty) until <paramref name="cancellationToken"/>
    /// is cancelled (a graceful shutdown: every service stopped), <c>down</c> (<see cref="DownAsync"/>, from this process
    /// too), an exit condition of <paramref name="options"/>, or SIGINT/SIGTERM when <see cref="SupervisionOptions.HandleSignals"/>.
    /// </summary>
    /// <returns>0 after a shutdown; the exit code of <see cref="SupervisionOptions.ExitWith"/>'s service when it ended the run.</returns>
    /// <exception cref="PidmanException">A supervisor already runs for this project.</exception>
    /// <exception cref="ConfigException">The config file has errors.</exception>
    /// <exception cref="PidmanInputException">There is no config file, or a name is not one of its services.</exception>
    public async Task<int> SuperviseAsync(IReadOnlyList<string> names, SupervisionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SupervisionOptions();
        var (output, exitWith, abortOnExit) = (options.Output, options.ExitWith, options.AbortOnExit);
        var config = RequireConfig();
        foreach (var name in names.Append(exitWith).OfType<string>()) config.Require(name);
        if (SupervisorPid is int running) throw new PidmanException($"a supervisor is already running (PID {running}); use 'pidman down' first, or 'pidman reload'");
        // The foreground stream: every service's new lines, and the events, each about a service printed once that
        // service's log has been read up to it (a start's result before the run's lines, an ended run's after its last
        // lines), all from the follow's one loop.
        LogFollow? follow = null;
        Action<string, string, RunNews>? echo = null;
        if (output is not null)
        {
            var logs = config.Services.SelectMany(s => s.InstanceTypes.Select(t => Services.Logs.For(PidFileName.Create(s.Name, t)))).ToList();
            var byStem = logs.ToDictionary(l => Path.GetFileNameWithoutExtension(l.Path), StringComparer.Ordinal);
            follow = new LogFollow(() => logs, (path, line) =>
            {
                var read = Logs.LogStamp.Split(line);
                if (!read.IsBanner) output(Path.GetFileNameWithoutExtension(path), read.Text);
            }) { TellsStarts = true };
            echo = (source, text, kind) =>
            {
                follow.After(byStem.GetValueOrDefault(source), kind, () => output(source, text));
            };
        }
        using var events = new SupervisorEvents(Services.Logs, echo);
        var supervisor = new Supervisor(config, Pids, Services, events, () => Open(_options).RequireConfig()) { ExitWith = exitWith, AbortOnExit = abortOnExit, ReloadOnHangup = output is null };
        using var sigint = options.HandleSignals ? PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; supervisor.RequestShutdown(); }) : null;
        using var sigterm = options.HandleSignals ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; supervisor.RequestShutdown(); }) : null;
        // Cancelling is a graceful shutdown, as SIGTERM is (then the run ends as it always does: everything stopped).
        using var cancelled = cancellationToken.Register(supervisor.RequestShutdown);
        using var stopFollowing = new CancellationTokenSource();
        var streaming = follow?.RunAsync(stopFollowing.Token) ?? Task.CompletedTask;
        int code = await supervisor.RunAsync(names).ConfigureAwait(false);
        await stopFollowing.CancelAsync().ConfigureAwait(false);
        await streaming.ConfigureAwait(false);
        return code;
    }

    /// <summary>
    /// Starts the supervisor detached: <paramref name="command"/> is the command line that runs <see cref="SuperviseAsync"/>
    /// for this project (the CLI passes its own hidden entry). Returns the supervisor's PID once it answers. When a
    /// supervisor already runs, it reloads the config instead (<see cref="ReloadAsync"/>), and the second item says what changed.
    /// </summary>
    /// <exception cref="PidmanException">The running supervisor is shutting down.</exception>
    internal async Task<(int Pid, IReadOnlyList<string>? Reloaded)> StartSupervisorAsync(IReadOnlyList<string> names, IReadOnlyList<string> command, CancellationToken cancellationToken = default)
    {
        var config = RequireConfig();
        foreach (var name in names) config.Require(name);
        if (SupervisorPid is int running)
            return (running, await ReloadOnceReadyAsync(running, cancellationToken).ConfigureAwait(false));
        try
        {
            return (await SupervisorLauncher.StartDetachedAsync([.. command, .. names], Root, Pids, Services.Logs, cancellationToken).ConfigureAwait(false), null);
        }
        catch (PidmanException) when (SupervisorPid is int other)
        {
            // Another 'up -d' started one first (ours found its lock taken and exited): that one is the supervisor.
            return (other, await ReloadOnceReadyAsync(other, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Reloads supervisor <paramref name="pid"/> once it answers: one that is still starting has no socket yet.</summary>
    private async Task<IReadOnlyList<string>> ReloadOnceReadyAsync(int pid, CancellationToken cancellationToken)
    {
        async Task<bool> Answers() => SupervisorPid != pid
            || await SupervisorClient.SendAsync(Pids, new ControlRequest(ControlCommand.Status, []), cancellationToken: cancellationToken).ConfigureAwait(false) is not null;
        await Os.Polling.UntilAsync(Answers, SupervisorLauncher.ReadyTimeout, cancellationToken).ConfigureAwait(false);
        return await ReloadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Has the running supervisor re-read the config and apply the difference; the lines say what it did.</summary>
    /// <exception cref="PidmanInputException">The config is broken (nothing changed), or the supervisor is shutting down.</exception>
    /// <exception cref="PidmanException">No supervisor runs.</exception>
    /// <returns>What changed: a line per service added, removed or changed.</returns>
    public async Task<IReadOnlyList<string>> ReloadAsync(CancellationToken cancellationToken = default)
    {
        var reply = await AskSupervisorAsync(new ControlRequest(ControlCommand.Reload, []), cancellationToken).ConfigureAwait(false)
            ?? throw new PidmanException("no supervisor runs for this project; 'pidman up -d' starts one");
        return reply.Lines.Count == 0 ? ["nothing changed"] : reply.Lines;
    }

    /// <summary>Stops every service (dependents first) and the supervisor; without a supervisor, stops every service directly.</summary>
    /// <returns>The supervisor's PID (null when none ran) and what was stopped.</returns>
    public async Task<DownReport> DownAsync(CancellationToken cancellationToken = default)
    {
        if (SupervisorPid is int pid && await AskSupervisorAsync(new ControlRequest(ControlCommand.Down, []), cancellationToken).ConfigureAwait(false) is not null)
        {
            // Its exit releases its lock and removes its PID file; wait for that, not for a fixed time. A supervisor running in
            // this process (SuperviseAsync) does not exit: its run ends, and its PID file goes with it.
            var patience = PatienceFor(new ControlRequest(ControlCommand.Stop, [])) + DownMargin;
            bool ended = pid == Environment.ProcessId
                ? await Os.Polling.UntilAsync(() => SupervisorPid is null, patience, cancellationToken).ConfigureAwait(false)
                : await Pids.WaitForExitAsync(PidTypes.SupervisorService, PidTypes.Supervisor, patience, cancellationToken).ConfigureAwait(false);
            if (!ended)
                throw new PidmanException($"the supervisor (PID {pid}) is still running after {patience.TotalMinutes:0} minutes; see {EventLogPath}");
            return new DownReport(pid, []);
        }
        return new DownReport(null, await Services.StopAsync([], all: true, force: false, timeout: null, cancellationToken: cancellationToken).ConfigureAwait(false));
    }
}
