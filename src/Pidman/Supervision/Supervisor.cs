using System.Runtime.InteropServices;
using System.Threading.Channels;
using Pidman.PidFiles;
using Pidman.Processes;
using Pidman.Services;

namespace Pidman.Supervision;

/// <summary>
/// <c>pidman up</c>: one event loop owns the instances' state; the state machine decides, this class carries the
/// decisions out (starts, stops, reaping), the health scheduler probes, and the control server turns requests into
/// events. Signals, timers, probe results and requests only post to the loop.
/// </summary>
public sealed class Supervisor
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(200);

    private readonly ProjectConfig _config;
    private readonly PidManager _pids;
    private readonly ServiceController _controller;
    private readonly SupervisorEvents _events;
    private readonly TimeProvider _clock;
    private readonly Channel<Func<Task>> _inbox = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly OrphanFinder _orphans;
    private SupervisorStateMachine _machine = null!;
    private HealthScheduler _health = null!;
    private volatile bool _childExited = true;
    private bool _shuttingDown;
    private int _shutdownRequests;

    /// <summary>Supervises <paramref name="config"/>'s services; events go to <paramref name="events"/>.</summary>
    public Supervisor(ProjectConfig config, PidManager pids, ServiceController controller, SupervisorEvents events, TimeProvider? clock = null)
    {
        _config = config;
        _pids = pids;
        _controller = controller;
        _events = events;
        _clock = clock ?? TimeProvider.System;
        _orphans = new OrphanFinder(pids.Directory.Path);
    }

    /// <summary>Runs until shutdown (a signal, <see cref="RequestShutdown"/>, or <c>pidman down</c>); returns the exit code.</summary>
    /// <param name="names">Services to run, with their dependencies (all when empty).</param>
    /// <exception cref="Exceptions.AlreadyRunningException">Another supervisor runs for this directory.</exception>
    public async Task<int> RunAsync(IReadOnlyCollection<string> names)
    {
        using var self = PidFile.Register(PidTypes.SupervisorService, PidTypes.Supervisor, _pids.Directory, removeOnSignal: false);
        if (ChildProcesses.BecomeSubreaper() is { } why)
            _events.Write("pidman", $"cannot become a child subreaper ({why}); orphans of services are left to init");

        var wanted = names.Count == 0 ? _config.Services.Select(s => s.Name).ToList() : names.ToList();
        var instances = DependencyOrder.StartWaves(_config, wanted).SelectMany(w => w)
            .SelectMany(s => s.InstanceTypes.Select(t => new SupervisedInstance(s, t))).ToList();
        _machine = new SupervisorStateMachine(instances, _clock, _events.Write);
        _health = new HealthScheduler(action => Post(() => { action(); return Task.CompletedTask; }), _stopping.Token);

        using var childSignal = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ =>
        {
            _childExited = true;
            Post(() => Task.CompletedTask);
        });
        using var control = ControlServer.Listen(SupervisorClient.SocketPath(_pids.Directory), request =>
        {
            var reply = new TaskCompletionSource<ControlResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(async () => reply.TrySetResult(await HandleAsync(request).ConfigureAwait(false)));
            return reply.Task;
        });
        var serving = control.RunAsync(_stopping.Token);
        using var ticker = new Timer(_ => Post(() => Task.CompletedTask), null, TickInterval, TickInterval);
        _events.Write("pidman", $"supervising {string.Join(", ", instances.Select(i => i.Label))} (PID {Environment.ProcessId})");
        Post(() => Task.CompletedTask); // the first step now, not at the first tick

        await foreach (var work in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await work().ConfigureAwait(false);
            if (_shuttingDown) break;
            Step();
        }

        await ShutdownAsync(force: _shutdownRequests > 1).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await serving.ConfigureAwait(false);
        _events.Write("pidman", "stopped");
        return 0;
    }

    /// <summary>Asks for a graceful shutdown; a second call makes it forced (SIGKILL).</summary>
    public void RequestShutdown()
    {
        int n = Interlocked.Increment(ref _shutdownRequests);
        if (n == 1) Post(() => { _shuttingDown = true; return Task.CompletedTask; });
        else if (n == 2) _ = _controller.StopAsync(_machine.Instances.Select(i => i.Definition.Name).Distinct().ToList(), all: false, force: true, timeout: null);
    }

    private void Post(Func<Task> work) => _inbox.Writer.TryWrite(work);

    /// <summary>One pass: reap exits, start what is due, probe what is due.</summary>
    private void Step()
    {
        if (_childExited)
        {
            _childExited = false;
            var known = _machine.Instances.Where(i => i.IsChild && i.State == InstanceState.Running && i.Pid is not null).Select(i => i.Pid!.Value).ToHashSet();
            ChildProcesses.ReapOrphans(known);
        }
        foreach (var i in _machine.Instances.Where(i => i.State == InstanceState.Running))
        {
            if (ExitOf(i) is { } exit)
            {
                EndLeftoversOf(i);
                _machine.OnExit(i, exit.Code);
            }
        }
        foreach (var i in _machine.DueToStart())
        {
            var (outcome, launch) = _controller.StartInstance(i.Definition, i.Type);
            _machine.OnStarted(i, outcome, isChild: launch is { TmuxWindow: null });
        }
        foreach (var i in _machine.DueForProbe())
            _health.Probe(i, OnProbe);
    }

    /// <summary>
    /// After an instance's main process is gone: its PID file goes, and whatever it left running is ended before any
    /// restart - its cgroup's or group's members, and (for group tracking) descendants re-parented to us by a setsid().
    /// </summary>
    private void EndLeftoversOf(SupervisedInstance i)
    {
        var entry = _pids.GetEntry(i.Definition.Name, i.Type); // removes the PID file unless something is left
        if (entry.Reason == EntryReason.Leftovers)
            _pids.StopServiceAsync(i.Definition.Name, StopPlan.Default with { Force = true }, i.Type).GetAwaiter().GetResult();
        foreach (int orphan in _orphans.ChildrenOf(Environment.ProcessId, i.Name).Where(pid => pid != i.Pid))
            ChildProcesses.KillTree(orphan);
    }

    private void OnProbe(SupervisedInstance i, int pid, bool ok)
    {
        if (_machine.OnProbe(i, pid, ok))
            _ = _pids.StopServiceAsync(i.Definition.Name, i.Definition.ToStopPlan(false, null), i.Type);
    }

    /// <summary>The exit of a running instance, if it has exited: a child is reaped (with its code); others are watched through their PID file.</summary>
    private (int? Code, bool Exited)? ExitOf(SupervisedInstance i)
    {
        if (i.Pid is not int pid) return (null, true);
        if (i.IsChild) return ChildProcesses.TryReap(pid) is int code ? (code, true) : null;
        var entry = _pids.GetEntry(i.Definition.Name, i.Type);
        return entry.State == PidState.Running && entry.Pid == pid ? null : (null, true);
    }

    private async Task ShutdownAsync(bool force)
    {
        _events.Write("pidman", force ? "stopping everything now (SIGKILL)" : "stopping everything (dependents first)");
        foreach (var i in _machine.Instances) i.Stopping = true;
        var names = _machine.Instances.Select(i => i.Definition.Name).Distinct().ToList();
        var results = await _controller.StopAsync(names, all: false, force, timeout: null).ConfigureAwait(false);
        foreach (var e in results.SelectMany(r => r.Entries).Where(e => e.Pid is not null))
            _events.Write(PidFileName.Create(e.Service, e.Type).Stem, e.Message);
        foreach (var i in _machine.Instances)
        {
            if (i.IsChild && i.Pid is int pid) ChildProcesses.TryReap(pid);
            foreach (int orphan in _orphans.ChildrenOf(Environment.ProcessId, i.Name)) ChildProcesses.KillTree(orphan);
        }
    }

    /// <summary>Carries out a control request inside the event loop.</summary>
    private async Task<ControlResponse> HandleAsync(ControlRequest request)
    {
        var instances = _machine.Instances;
        var selected = request.Services.Count == 0 ? instances.ToList() : instances.Where(i => request.Services.Contains(i.Definition.Name)).ToList();
        var unknown = request.Services.Where(s => instances.All(i => i.Definition.Name != s)).ToList();
        if (unknown.Count > 0 && request.Command is ControlCommand.Start or ControlCommand.Restart)
            return ControlResponse.Refused($"not supervised here: {string.Join(", ", unknown)} (supervised: {string.Join(", ", instances.Select(i => i.Definition.Name).Distinct())})");
        TimeSpan? timeout = request.TimeoutSeconds is double s ? TimeSpan.FromSeconds(s) : null;
        switch (request.Command)
        {
            case ControlCommand.Ping:
            case ControlCommand.Status:
                return new ControlResponse(0, null, instances.Select(i => i.Report()).ToList(), [], []);
            case ControlCommand.Stop:
                var stopped = await StopAsync(request.All ? instances.ToList() : selected, request.Services, request.All, request.Force, timeout, request.Type).ConfigureAwait(false);
                return new ControlResponse(stopped.All(r => r.Succeeded) ? 0 : 1, null, [], [], stopped);
            case ControlCommand.Start:
                return new ControlResponse(0, null, [], Start(selected), []) is var started && started.Started.All(o => o.Succeeded) ? started : started with { ExitCode = 1 };
            case ControlCommand.Restart:
                var names = selected.Select(i => i.Definition.Name).Distinct().ToList();
                var down = await StopAsync(selected, names, all: false, force: false, timeout, type: null).ConfigureAwait(false);
                var up = Start(selected);
                return new ControlResponse(down.All(r => r.Succeeded) && up.All(o => o.Succeeded) ? 0 : 1, null, [], up, down);
            case ControlCommand.Unregister:
                return Unregister(request.Services.Single(), request.Type ?? PidTypes.Process);
            case ControlCommand.Down:
                _shuttingDown = true;
                return new ControlResponse(0, null, [], [], []);
            default:
                return ControlResponse.Refused($"unknown command '{request.Command}'");
        }
    }

    /// <summary>An intended stop: the instances it covers are marked first, so their exits are not taken for crashes.</summary>
    private async Task<IReadOnlyList<StopResult>> StopAsync(List<SupervisedInstance> covered, IReadOnlyList<string> names, bool all, bool force, TimeSpan? timeout, string? type)
    {
        covered = covered.Where(i => type is null || i.Type == type).ToList();
        foreach (var i in covered) i.Stopping = true;
        var results = await _controller.StopAsync(names, all, force, timeout, type).ConfigureAwait(false);
        foreach (var i in covered)
        {
            _machine.OnStopped(i, i.IsChild && i.Pid is int pid ? ChildProcesses.TryReap(pid) : null, "stopped on request; it stays stopped");
            foreach (int orphan in _orphans.ChildrenOf(Environment.ProcessId, i.Name)) ChildProcesses.KillTree(orphan);
        }
        return results;
    }

    private List<StartOutcome> Start(List<SupervisedInstance> selected)
    {
        _machine.RequestStart(selected);
        foreach (var i in _machine.DueToStart().Where(selected.Contains))
        {
            var (outcome, launch) = _controller.StartInstance(i.Definition, i.Type);
            _machine.OnStarted(i, outcome, isChild: launch is { TmuxWindow: null });
        }
        return selected.Select(i => i.State switch
        {
            InstanceState.Running => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Started, i.Pid, $"running (PID {i.Pid})", []),
            InstanceState.Pending => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Waiting, null, "waiting for its dependencies", []),
            InstanceState.Completed => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Completed, i.Pid, "completed (exit code 0)", []),
            InstanceState.Restarting => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Waiting, null, "exited; restarting", []),
            var state => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Failed, null, state.ToString().ToLowerInvariant(), []),
        }).ToList();
    }

    /// <summary>The supervisor lets go of the instance (it runs on, unsupervised) and its PID file goes.</summary>
    private ControlResponse Unregister(string service, string type)
    {
        foreach (var i in _machine.Instances.Where(i => i.Definition.Name == service && i.Type == type))
        {
            i.Stopping = true;
            _machine.OnStopped(i, null, "unregistered on request; no longer supervised");
        }
        bool removed = _pids.Unregister(service, type);
        var entry = new StopEntryResult(service, type, null, StopOutcome.NotRunning, TimeSpan.Zero, removed ? "unregistered" : "had no PID file");
        return new ControlResponse(0, null, [], [], [new StopResult(service, [entry])]);
    }
}
