using System.Runtime.InteropServices;
using System.Threading.Channels;
using Pidman.Config;
using Pidman.Logs;
using Pidman.Os;
using Pidman.PidFiles;
using Pidman.Services;
using Pidman.Stopping;

namespace Pidman.Supervision;

/// <summary>
/// <c>pidman up</c>: one event loop owns the instances' state and only decides; the state machine decides what is due,
/// and every start, stop, probe and wait runs as a task of its own that posts its outcome back. So the loop answers
/// <c>status</c> within milliseconds whatever is in flight, and a failure of one operation is logged, not fatal.
/// </summary>
internal sealed partial class Supervisor
{
    private static readonly TimeSpan RotationInterval = TimeSpan.FromSeconds(10);

    /// <summary>How often an instance whose exit cannot be watched (no pidfd for it) is looked at instead.</summary>
    private static readonly TimeSpan UnwatchedLookInterval = TimeSpan.FromSeconds(1);

    private readonly PidManager _pids;
    private ServiceController _controller;
    private readonly SupervisorEvents _events;

    /// <summary>The starts under way, by instance (touched on the loop only): a stop waits for the start it would race.</summary>
    private readonly Dictionary<SupervisedInstance, Task> _startsInFlight = [];
    private readonly Func<ProjectConfig> _reload;
    private readonly TimeProvider _clock;
    private readonly OrphanFinder _orphans;
    private readonly Channel<Action> _inbox = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private ProjectConfig _config;
    private IReadOnlyList<string> _wanted = [];
    private SupervisorStateMachine _machine = null!;
    private HealthScheduler _health = null!;
    private volatile bool _childExited = true;

    /// <summary>Exits seen by the watcher, for the next step (touched on the loop only).</summary>
    private readonly HashSet<SupervisedInstance> _exitsSeen = [];

    /// <summary>The PID each running instance is watched by; instances that cannot be watched are looked at every second.</summary>
    private readonly Dictionary<SupervisedInstance, int> _watchedPids = [];
    private readonly HashSet<SupervisedInstance> _unwatchable = [];
    private ExitWatcher _exits = null!;
    private Timer _wake = null!;
    private bool _shuttingDown;
    private bool _done;
    private bool _trimmed;
    private int _shutdownRequests;
    private int _exitCode;

    /// <summary>Supervises <paramref name="config"/>'s services; events go to <paramref name="events"/>; <paramref name="reload"/> re-reads the config.</summary>
    internal Supervisor(ProjectConfig config, PidManager pids, ServiceController controller, SupervisorEvents events, Func<ProjectConfig> reload, TimeProvider? clock = null)
    {
        _config = config;
        _pids = pids;
        _controller = controller;
        _events = events;
        _reload = reload;
        _clock = clock ?? TimeProvider.System;
        _orphans = new OrphanFinder(pids.Directory.Path);
    }

    /// <summary>The foreground stream's end condition: when this service's instance ends, everything stops and its exit code is returned.</summary>
    public string? ExitWith { get; init; }

    /// <summary>SIGHUP reloads the config (a detached supervisor has no terminal to hang up; in the foreground SIGHUP keeps its default).</summary>
    public bool ReloadOnHangup { get; init; }

    /// <summary>The foreground stream's end condition: when any service that is not a one-shot job ends, everything stops.</summary>
    public bool AbortOnExit { get; init; }

    /// <summary>Runs until shutdown (a signal, <see cref="RequestShutdown"/>, <c>pidman down</c>, or an exit condition); returns the exit code.</summary>
    /// <param name="names">Services to run, with their dependencies (all when empty).</param>
    /// <exception cref="Exceptions.AlreadyRunningException">Another supervisor runs for this directory.</exception>
    public async Task<int> RunAsync(IReadOnlyCollection<string> names)
    {
        // Held until the very end: a second supervisor is refused while this one is still stopping services.
        using var self = PidFile.Register(PidTypes.SupervisorService, PidTypes.Supervisor, _pids.Directory, removeOnSignal: false);
        if (ChildProcesses.BecomeSubreaper() is { } why)
            _events.Write("pidman", $"cannot become a child subreaper ({why}); orphans of services are left to init");

        _wanted = [.. names];
        _machine = new SupervisorStateMachine(InstancesFor(_config, []), _clock, _events.Write);
        _health = new HealthScheduler(action => Post(action), _stopping.Token);

        using var childSignal = !LinuxOnly.IsCurrent ? throw new PlatformNotSupportedException() : PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ =>
        {
            _childExited = true;
            Post(() => { });
        });
        using var hangup = ReloadOnHangup ? PosixSignalRegistration.Create(PosixSignal.SIGHUP, c =>
        {
            c.Cancel = true;
            Post(() => _ = Reload());
        }) : null;
        // The control socket goes before the PID file's lock is released (the using order): a second supervisor binds only after.
        using var control = ControlServer.Listen(_pids.StateDirectory(), request =>
        {
            var reply = new TaskCompletionSource<ControlResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(() =>
            {
                Task<ControlResponse> handled;
                try
                {
                    handled = Handle(request);
                }
                catch (Exception e)
                {
                    handled = Task.FromException<ControlResponse>(e); // answered all the same: a client never waits for ever
                }
                handled.ContinueWith(t => reply.TrySetResult(t.IsCompletedSuccessfully ? t.Result : ControlResponse.Refused(t.Exception?.GetBaseException().Message ?? "cancelled")), TaskScheduler.Default);
            });
            return reply.Task;
        });
        var serving = control.RunAsync(_stopping.Token);
        // Nothing polls: exits wake the loop through their pidfds, and the one timer is set to the next thing the state
        // machine has due (a restart's backoff, a probe), so an idle supervisor sleeps.
        using var exits = _exits = new ExitWatcher(key => Post(() => _exitsSeen.Add((SupervisedInstance)key)));
        using var wake = _wake = new Timer(_ => Post(() => { }), null, Timeout.Infinite, Timeout.Infinite);
        // Logs are rotated off the loop (a copy of a 50 MB log takes a while); a failure is an event, not an end.
        using var rotation = new Timer(_ => _ = Background("rotating logs", () => { _controller.RotateLogs(); return Task.FromResult(string.Empty); }), null, RotationInterval, RotationInterval);
        _events.Write("pidman", $"supervising {string.Join(", ", _machine.Instances.Select(i => i.Label))} (PID {Environment.ProcessId})");
        Post(() => { }); // the first step now, not at the first tick

        await foreach (var work in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            // One failing event is logged and contained: the supervisor goes on supervising the rest.
            try
            {
                work();
                if (_done) break;
                if (!_shuttingDown) Step();
                ScheduleWake();
            }
            catch (Exception e)
            {
                _events.Write("pidman", $"error (supervision goes on): {e.GetType().Name}: {e.Message}");
            }
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await serving.ConfigureAwait(false);
        _events.Write("pidman", "stopped");
        return _exitCode;
    }

    /// <summary>Asks for a graceful shutdown; a second call makes it forced (SIGKILL).</summary>
    public void RequestShutdown()
    {
        int n = Interlocked.Increment(ref _shutdownRequests);
        if (n == 1) Post(() => BeginShutdown(force: false));
        else if (n == 2) Post(() => _ = Background("stopping everything now", () => _controller.StopAsync(AllNames(), all: false, force: true, timeout: null)));
    }

    private void Post(Action work) => _inbox.Writer.TryWrite(work);

    /// <summary>Runs <paramref name="work"/> off the loop; a failure is logged with <paramref name="what"/>.</summary>
    private async Task<T?> Background<T>(string what, Func<Task<T>> work) where T : class
    {
        try
        {
            return await Task.Run(work).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Post(() => _events.Write("pidman", $"{what} failed: {e.GetType().Name}: {e.Message}"));
            return null;
        }
    }

    private List<string> AllNames() => _machine.Instances.Select(i => i.Definition.Name).Distinct().ToList();

    /// <summary>One pass: reap exits, start what is due, probe what is due, check the exit conditions.</summary>
    private void Step()
    {
        // Orphans are reaped only while no start is in flight: a service that dies before its start has been recorded
        // here is still our child, and its exit code is its instance's.
        if (_childExited && _machine.Instances.All(i => i.State != InstanceState.Starting))
        {
            _childExited = false;
            var known = _machine.Instances.Where(i => i.IsChild && i.State == InstanceState.Running && i.Pid is not null).Select(i => i.Pid!.Value).ToHashSet();
            ChildProcesses.ReapOrphans(known);
        }
        WatchRunningInstances();
        foreach (var i in _machine.Instances.Where(i => i.State == InstanceState.Running))
        {
            // Only an instance the watcher saw exit, or one it cannot watch, is looked at: no I/O for the others.
            if (!_exitsSeen.Remove(i) && !_unwatchable.Contains(i)) continue;
            if (ExitOf(i) is { } exit)
            {
                EndLeftoversOf(i);
                // A job's end is kept as the CLI keeps it (status shows it; a start or restart does not run it again).
                if (!i.Stopping && _config.IsOneShot(i.Definition.Name)) _pids.RecordCompletion(i.Definition.Name, i.Type, exit.Code ?? -1);
                _machine.OnExit(i, exit.Code);
            }
        }
        _exitsSeen.RemoveWhere(i => i.State != InstanceState.Running);
        foreach (var i in _machine.DueToStart()) StartInBackground(i);
        foreach (var i in _machine.DueForProbe())
        {
            _machine.OnProbeStarted(i);
            _health.Probe(i, OnProbe);
        }
        CheckExitConditions();
        TrimWhenSettled();
    }

    /// <summary>
    /// Keeps the exit watcher on the running instances' PIDs: a new run is watched, one that ended is let go. A PID that
    /// cannot be watched (gone already, no pidfd) is looked at on this very step, then every second.
    /// </summary>
    private void WatchRunningInstances()
    {
        foreach (var i in _machine.Instances)
        {
            if (i.State == InstanceState.Running && i.Pid is int pid)
            {
                if (_watchedPids.TryGetValue(i, out int watched) && watched == pid) continue;
                _watchedPids[i] = pid;
                if (_exits.Watch(i, pid)) _unwatchable.Remove(i);
                else _unwatchable.Add(i);
            }
            else if (_watchedPids.Remove(i))
            {
                _exits.Unwatch(i);
                _unwatchable.Remove(i);
            }
        }
    }

    /// <summary>Sets the one timer to what is due next: a restart, a probe, a look at an unwatchable instance; none: it sleeps until an event.</summary>
    private void ScheduleWake()
    {
        var next = _machine.NextWakeIn();
        if (_unwatchable.Count > 0 && (next is null || next > UnwatchedLookInterval)) next = UnwatchedLookInterval;
        _wake.Change(next ?? Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Once starts have settled (nothing starting, pending or about to restart), gives the memory that starting took back
    /// to the system: a supervisor idles for hours, and the GC would otherwise keep the heap it grew to while spawning.
    /// </summary>
    private void TrimWhenSettled()
    {
        bool settled = _machine.Instances.All(i => i.State is not (InstanceState.Starting or InstanceState.Pending or InstanceState.Restarting));
        if (!settled)
        {
            _trimmed = false;
            return;
        }
        if (_trimmed) return;
        _trimmed = true;
        ChildProcesses.TrimMemory();
    }

    /// <summary>The start runs as a task; its outcome comes back to the loop.</summary>
    private Task StartInBackground(SupervisedInstance i)
    {
        _machine.OnStarting(i);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _startsInFlight[i] = done.Task;
        _ = Task.Run(() =>
        {
            (StartOutcome Outcome, Launch? Launch) result;
            try
            {
                result = _controller.StartInstance(i.Definition, i.Type);
            }
            catch (Exception e)
            {
                result = (new StartOutcome(i.Definition.Name, i.Type, StartStatus.Failed, StartFinding.Error, null) { Detail = $"{e.GetType().Name}: {e.Message}" }, null);
            }
            Post(() =>
            {
                _startsInFlight.Remove(i);
                // A stop asked for while this start was in flight waits for it (StopInBackground), then stops what it started.
                _machine.OnStarted(i, result.Outcome, isChild: result.Launch is { TmuxWindow: null });
                done.TrySetResult();
            });
        });
        return done.Task;
    }

    private void OnProbe(SupervisedInstance i, int pid, bool ok)
    {
        if (_machine.OnProbe(i, pid, ok))
            _ = Background("restart of an unhealthy service", async () => await _pids.StopServiceAsync(i.Definition.Name, i.Definition.ToStopPlan(false, null), i.Type).ConfigureAwait(false));
    }

    /// <summary>
    /// The exit of a running instance the watcher saw exit (or cannot watch), if it has exited: a child is reaped (with its
    /// code); another's exit is certain once its pidfd said so, else its PID file is read.
    /// </summary>
    private (int? Code, bool Exited)? ExitOf(SupervisedInstance i)
    {
        if (i.Pid is not int pid) return (null, true);
        if (i.IsChild) return ChildProcesses.TryReapOrMissing(pid);
        if (!_unwatchable.Contains(i)) return (null, true);
        var entry = _pids.CheckEntry(i.Definition.Name, i.Type);
        return entry.State == PidState.Running && entry.Pid == pid ? null : (null, true);
    }

    /// <summary>
    /// After an instance's main process is gone: its PID file goes, and whatever it left running is ended (a task) before any
    /// restart - its cgroup's or group's members, and (for group tracking) descendants re-parented to us by a setsid().
    /// </summary>
    private void EndLeftoversOf(SupervisedInstance i)
    {
        var entry = _pids.CheckEntry(i.Definition.Name, i.Type); // removes the PID file unless something is left
        if (entry.Reason == EntryReason.Leftovers)
            _ = Background($"{i.Label}: ending leftovers", async () => await _pids.StopServiceAsync(i.Definition.Name, StopPlan.Default with { Force = true }, i.Type).ConfigureAwait(false));
        EndOrphansOf(i);
    }

    private void EndOrphansOf(SupervisedInstance i)
    {
        foreach (int orphan in _orphans.ChildrenOf(Environment.ProcessId, i.Name).Where(pid => pid != i.Pid))
            ChildProcesses.KillTree(orphan);
    }

    /// <summary><c>up --exit-with</c> and <c>--abort-on-exit</c>: the stack exists to serve one job.</summary>
    private void CheckExitConditions()
    {
        bool Ended(SupervisedInstance i) => i.State is InstanceState.Completed or InstanceState.Exited or InstanceState.Failed;
        var trigger = _machine.Instances.FirstOrDefault(i => Ended(i) && (i.Definition.Name == ExitWith || (AbortOnExit && !_config.IsOneShot(i.Definition.Name))));
        if (trigger is null) return;
        _exitCode = trigger.LastExitCode is int code ? (code > 255 ? 1 : code) : trigger.State == InstanceState.Completed ? 0 : 1;
        _events.Write("pidman", $"{trigger.Label} ended ({trigger.State.ToString().ToLowerInvariant()}); stopping everything, exit code {_exitCode}");
        BeginShutdown(force: false);
    }

    private void BeginShutdown(bool force)
    {
        if (_shuttingDown) return;
        _shuttingDown = true;
        _events.Write("pidman", force ? "stopping everything now (SIGKILL)" : "stopping everything (dependents first)");
        _ = StopInBackground([.. _machine.Instances], AllNames(), all: false, force, timeout: null, type: null)
            .ContinueWith(_ => Post(() => _done = true), TaskScheduler.Default);
    }

    /// <summary>Carries out a control request: decided on the loop, the work as a task; the reply comes when that is done.</summary>
    private Task<ControlResponse> Handle(ControlRequest request)
    {
        var instances = _machine.Instances;
        var selected = request.Services.Count == 0 ? instances.ToList() : instances.Where(i => request.Services.Contains(i.Definition.Name)).ToList();
        if (request.Command is ControlCommand.Status)
            return Task.FromResult(new ControlResponse(0, null, instances.Select(i => i.Report(_machine.Now)).ToList(), [], []) { ShuttingDown = _shuttingDown });
        if (_shuttingDown && request.Command != ControlCommand.Down)
            return Task.FromResult(ControlResponse.Refused($"the supervisor (PID {Environment.ProcessId}) is shutting down") with { ShuttingDown = true });
        var unknown = request.Services.Where(s => instances.All(i => i.Definition.Name != s)).ToList();
        if (unknown.Count > 0 && request.Command is ControlCommand.Start or ControlCommand.Restart)
            return Task.FromResult(ControlResponse.Refused($"not supervised here: {string.Join(", ", unknown)} (supervised: {string.Join(", ", AllNames())}); add it to pidman.toml and run 'pidman reload'"));
        TimeSpan? timeout = request.TimeoutSeconds is double s ? TimeSpan.FromSeconds(s) : null;
        switch (request.Command)
        {
            case ControlCommand.Stop:
                return StopInBackground(request.All ? instances.ToList() : selected, request.Services, request.All, request.Force, timeout, request.Type)
                    .ContinueWith(t => new ControlResponse(t.Result.All(r => r.Succeeded) ? 0 : 1, null, [], [], t.Result), TaskScheduler.Default);
            case ControlCommand.Start:
                return StartAndReport(selected).ContinueWith(t => new ControlResponse(t.Result.All(o => o.Succeeded) ? 0 : 1, null, [], t.Result, []), TaskScheduler.Default);
            case ControlCommand.Restart:
                return Restart(selected, timeout);
            case ControlCommand.Unregister:
                return Task.FromResult(Unregister(request.Services.Single(), request.Type ?? PidTypes.Process));
            case ControlCommand.Reload:
                return Reload();
            case ControlCommand.Down:
                BeginShutdown(force: false);
                return Task.FromResult(new ControlResponse(0, null, [], [], []) { ShuttingDown = true });
            default:
                return Task.FromResult(ControlResponse.Refused($"unknown command '{request.Command}'"));
        }
    }

    private async Task<ControlResponse> Restart(List<SupervisedInstance> selected, TimeSpan? timeout)
    {
        var down = await StopInBackground(selected, selected.Select(i => i.Definition.Name).Distinct().ToList(), false, false, timeout, null).ConfigureAwait(false);
        var up = await OnLoop(() => StartAndReport(selected)).ConfigureAwait(false);
        return new ControlResponse(down.All(r => r.Succeeded) && up.All(o => o.Succeeded) ? 0 : 1, null, [], up, down);
    }

    /// <summary>Runs <paramref name="work"/> on the loop and gives its (asynchronous) result.</summary>
    private Task<T> OnLoop<T>(Func<Task<T>> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() => work().ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) result.TrySetResult(t.Result);
            else result.TrySetException(t.Exception?.GetBaseException() ?? new OperationCanceledException());
        }, TaskScheduler.Default));
        return result.Task;
    }

    /// <summary>
    /// An intended stop: the instances it covers are marked at once (so their exits are not taken for crashes, and status
    /// shows the stop in flight); the stop itself is a task; the outcome is recorded back on the loop.
    /// </summary>
    private Task<IReadOnlyList<StopResult>> StopInBackground(List<SupervisedInstance> covered, IReadOnlyList<string> names, bool all, bool force, TimeSpan? timeout, string? type)
    {
        covered = covered.Where(i => type is null || i.Type == type).ToList();
        foreach (var i in covered)
        {
            var plan = i.Definition.ToStopPlan(force, timeout);
            _machine.OnStopAsked(i, force ? Signal.SIGKILL : plan.Signal, force ? null : plan.Timeout);
        }
        // A start in flight is let finish first: stopped before its PID file exists, it would find nothing and run on.
        var startsFirst = covered.Select(i => _startsInFlight.GetValueOrDefault(i)).OfType<Task>().ToArray();
        var result = new TaskCompletionSource<IReadOnlyList<StopResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            IReadOnlyList<StopResult> results;
            try
            {
                await Task.WhenAll(startsFirst).ConfigureAwait(false);
                results = await _controller.StopAsync(names, all, force, timeout, type).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Post(() => _events.Write("pidman", $"stop of {string.Join(", ", names)} failed: {e.GetType().Name}: {e.Message}"));
                results = names.Select(n => new StopResult(n, [new StopEntryResult(n, type ?? PidTypes.Process, null, StopOutcome.Failed, TimeSpan.Zero, StopFinding.Error) { Detail = e.Message }])).ToList();
            }
            Post(() =>
            {
                foreach (var e in results.SelectMany(r => r.Entries).Where(e => e.Pid is not null))
                    _events.Write(PidFileName.Create(e.Service, e.Type).Stem, StopWords.Describe(e), RunNews.Ended);
                foreach (var i in covered)
                {
                    _machine.OnStopped(i, i.IsChild && i.Pid is int pid ? ChildProcesses.TryReap(pid) : null, _shuttingDown ? "stopped" : "stopped on request; it stays stopped");
                    EndOrphansOf(i);
                }
                result.TrySetResult(results);
            });
        });
        return result.Task;
    }

    private async Task<List<StartOutcome>> StartAndReport(List<SupervisedInstance> selected)
    {
        _machine.RequestStart(selected);
        await Task.WhenAll(_machine.DueToStart().Where(selected.Contains).Select(StartInBackground)).ConfigureAwait(false);
        return selected.Select(i => i.State switch
        {
            InstanceState.Running => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Started, StartFinding.Running, i.Pid),
            InstanceState.Pending or InstanceState.Starting => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Waiting, StartFinding.WaitingForDependencies, null),
            InstanceState.Completed => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Completed, StartFinding.Completed, i.Pid),
            InstanceState.Restarting => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Waiting, StartFinding.Restarting, null),
            InstanceState.Exited => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Failed, StartFinding.Exited, null),
            InstanceState.Stopped => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Failed, StartFinding.Stopped, null),
            _ => new StartOutcome(i.Definition.Name, i.Type, StartStatus.Failed, StartFinding.Failed, null),
        }).ToList();
    }

    /// <summary>The supervisor lets go of the instance (it runs on, unsupervised) and its PID file goes.</summary>
    private ControlResponse Unregister(string service, string type)
    {
        foreach (var i in _machine.Instances.Where(i => i.Definition.Name == service && i.Type == type))
            _machine.OnStopped(i, null, "unregistered on request; no longer supervised");
        bool removed = _pids.Unregister(service, type);
        var entry = new StopEntryResult(service, type, null, StopOutcome.NotRunning, TimeSpan.Zero, removed ? StopFinding.Unregistered : StopFinding.NotRegistered);
        return new ControlResponse(0, null, [], [], [new StopResult(service, [entry])]) { Unregistered = removed };
    }
}
