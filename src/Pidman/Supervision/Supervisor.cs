using Pidman.Exceptions;
using System.Net.Sockets;
using System.Threading.Channels;
using Pidman.Interop;
using Pidman.PidFiles;
using Pidman.Processes;
using Pidman.Services;

namespace Pidman.Supervision;

/// <summary>
/// <c>pidman up</c>: starts services in dependency order (gated on health and completion), restarts them per
/// policy with backoff, runs health checks, serves the control socket, and on shutdown stops everything in
/// reverse order. One event loop owns all state; signals, timers, probes and requests only post events to it.
/// </summary>
public sealed class Supervisor
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(200);

    private readonly ProjectConfig _config;
    private readonly PidManager _pids;
    private readonly ServiceController _controller;
    private readonly SupervisorEvents _events;
    private readonly Channel<Func<Task>> _inbox = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<SupervisedInstance> _instances = [];
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _childExited = true;
    private bool _shuttingDown;
    private int _shutdownRequests;

    /// <summary>Supervises <paramref name="config"/>'s services; events go to <paramref name="events"/>.</summary>
    public Supervisor(ProjectConfig config, PidManager pids, ServiceController controller, SupervisorEvents events)
    {
        _config = config;
        _pids = pids;
        _controller = controller;
        _events = events;
    }

    /// <summary>Runs until shutdown (a signal, <see cref="RequestShutdown"/>, or <c>pidman down</c>); returns the exit code.</summary>
    /// <param name="names">Services to run, with their dependencies (all when empty).</param>
    /// <exception cref="AlreadyRunningException">Another supervisor runs for this directory.</exception>
    public async Task<int> RunAsync(IReadOnlyCollection<string> names)
    {
        using var self = PidFile.Register(SupervisorClient.ServiceName, SupervisorClient.PidType, _pids.Directory);
        if (Libc.SetChildSubreaper() is not Errno.None and var errno)
            _events.Write("pidman", $"cannot become a child subreaper ({errno}); orphans of services are left to init");

        var wanted = names.Count == 0 ? _config.Services.Select(s => s.Name).ToList() : names.ToList();
        foreach (var service in DependencyOrder.StartWaves(_config, wanted).SelectMany(w => w))
            foreach (var type in service.InstanceTypes)
                _instances.Add(new SupervisedInstance(service, type));

        using var childSignal = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGCHLD, _ =>
        {
            _childExited = true;
            Post(() => Task.CompletedTask);
        });
        using var listener = ListenOnControlSocket();
        var accept = AcceptLoopAsync(listener, _stopping.Token);
        using var ticker = new Timer(_ => Post(() => Task.CompletedTask), null, TickInterval, TickInterval);
        _events.Write("pidman", $"supervising {string.Join(", ", _instances.Select(i => i.Label))} (PID {Environment.ProcessId})");
        Post(() => Task.CompletedTask); // the first step now, not at the first tick

        await foreach (var work in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await work().ConfigureAwait(false);
            if (_shuttingDown) break;
            Step();
        }

        await ShutdownAsync(force: _shutdownRequests > 1).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        try { await accept.ConfigureAwait(false); } catch (OperationCanceledException) { }
        File.Delete(SupervisorClient.SocketPath(_pids.Directory));
        _events.Write("pidman", "stopped");
        return 0;
    }

    /// <summary>Asks for a graceful shutdown; a second call makes it forced (SIGKILL).</summary>
    public void RequestShutdown()
    {
        int n = Interlocked.Increment(ref _shutdownRequests);
        if (n == 1) Post(() => { _shuttingDown = true; return Task.CompletedTask; });
        else if (n == 2) _ = _controller.StopAsync(_instances.Select(i => i.Definition.Name).Distinct().ToList(), all: false, force: true, timeout: null);
    }

    private void Post(Func<Task> work) => _inbox.Writer.TryWrite(work);

    /// <summary>One pass over every instance: reap exits, start what is due, probe health.</summary>
    private void Step()
    {
        var now = DateTime.UtcNow;
        if (_childExited)
        {
            _childExited = false;
            ReapOrphans();
        }
        foreach (var i in _instances.Where(i => i.State == InstanceState.Running))
        {
            if (ExitOf(i) is { } exit) OnExit(i, exit.Code);
        }
        foreach (var i in _instances)
        {
            if (i.State == InstanceState.Restarting && now >= i.NextStartAt) Start(i);
            else if (i.State == InstanceState.Pending) TryStartPending(i);
        }
        foreach (var i in _instances.Where(i => i.State == InstanceState.Running && i.Definition.Health is not null && !i.ProbeRunning && now >= i.NextProbeAt))
            Probe(i);
    }

    private void TryStartPending(SupervisedInstance instance)
    {
        foreach (var (dep, condition) in instance.Definition.DependsOn)
        {
            var deps = _instances.Where(d => d.Definition.Name == dep).ToList();
            if (deps.Count == 0) continue; // not supervised here (not named): nothing to wait for
            bool failed = deps.Any(d => d.State == InstanceState.Failed || (condition == DependencyCondition.Completed && d.State == InstanceState.Exited));
            if (failed)
            {
                instance.State = InstanceState.Failed;
                _events.Write(instance.Label, $"not started: dependency {dep} failed");
                return;
            }
            bool ready = condition switch
            {
                DependencyCondition.Completed => deps.All(d => d.State == InstanceState.Completed),
                DependencyCondition.Healthy => deps.All(d => d.State == InstanceState.Running && (d.Health == HealthState.Healthy || d.Definition.Health is null)),
                _ => deps.All(d => d.State == InstanceState.Running),
            };
            if (!ready) return;
        }
        Start(instance);
    }

    private void Start(SupervisedInstance instance)
    {
        var (outcome, launch) = _controller.StartInstance(instance.Definition, instance.Type);
        instance.Stopping = false;
        instance.RestartRequested = false;
        instance.HealthFailures = 0;
        instance.Health = instance.Definition.Health is null ? HealthState.None : HealthState.Starting;
        instance.StartedAt = DateTime.UtcNow;
        instance.NextProbeAt = instance.StartedAt;
        switch (outcome.Status)
        {
            case StartStatus.Started:
                instance.State = InstanceState.Running;
                instance.Pid = launch!.Pid;
                instance.IsChild = launch.TmuxWindow is null;
                _events.Write(instance.Label, outcome.Message);
                break;
            case StartStatus.AlreadyRunning:
                // A supervisor that was killed left its services running: adopt them, never start duplicates.
                instance.State = InstanceState.Running;
                instance.Pid = outcome.Pid;
                instance.IsChild = false;
                _events.Write(instance.Label, $"adopted (PID {outcome.Pid})");
                break;
            case StartStatus.Failed when outcome.Pid is not null:
                // It ran and exited before its PID file was written: an exit like any other, under the restart policy.
                instance.State = InstanceState.Running;
                instance.Pid = outcome.Pid;
                OnExit(instance, outcome.ExitCode is -1 ? null : outcome.ExitCode);
                break;
            default:
                instance.State = InstanceState.Failed;
                _events.Write(instance.Label, $"failed to start: {outcome.Message}");
                break;
        }
    }

    /// <summary>The exit of a running instance, if it has exited: a child is reaped (with its code); others are watched through /proc.</summary>
    private (int? Code, bool Exited)? ExitOf(SupervisedInstance i)
    {
        if (i.Pid is not int pid) return (null, true);
        if (i.IsChild)
            return Libc.TryReapChild(pid) is int code ? (code, true) : null;
        var entry = _pids.GetEntry(i.Definition.Name, i.Type);
        return entry.State == PidState.Running && entry.Pid == pid ? null : (null, true);
    }

    private void OnExit(SupervisedInstance i, int? code)
    {
        i.LastExitCode = code;
        _pids.GetEntry(i.Definition.Name, i.Type); // removes the now stale PID file
        if (i.Stopping) return;

        string how = code is null ? "exited" : code > 128 ? $"was killed by signal {code - 128}" : $"exited with code {code}";
        var policy = i.Definition.Restart;
        bool crashed = code != 0 || i.RestartRequested;
        bool restart = policy == RestartPolicy.Always || (policy == RestartPolicy.OnFailure && crashed);
        if (!restart)
        {
            i.State = code == 0 ? InstanceState.Completed : InstanceState.Exited;
            _events.Write(i.Label, how);
            return;
        }
        if (DateTime.UtcNow - i.StartedAt >= RestartBackoff.ResetAfter) i.Restarts = 0;
        i.Restarts++;
        if (i.Restarts > i.Definition.MaxRestarts)
        {
            i.State = InstanceState.Failed;
            _events.Write(i.Label, $"{how}; failed after {i.Definition.MaxRestarts} restarts");
            return;
        }
        var delay = RestartBackoff.Delay(i.Restarts);
        i.State = InstanceState.Restarting;
        i.NextStartAt = DateTime.UtcNow + delay;
        _events.Write(i.Label, $"{how}; restarting in {delay.TotalSeconds:0.#} s (restart {i.Restarts} of {i.Definition.MaxRestarts})");
    }

    private void Probe(SupervisedInstance i)
    {
        var check = i.Definition.Health!;
        i.ProbeRunning = true;
        int pid = i.Pid!.Value;
        _ = Task.Run(async () =>
        {
            bool ok = await HealthProbe.CheckAsync(check, i.Definition.WorkingDirectory, _stopping.Token).ConfigureAwait(false);
            Post(() =>
            {
                OnProbe(i, pid, ok);
                return Task.CompletedTask;
            });
        });
    }

    private void OnProbe(SupervisedInstance i, int pid, bool ok)
    {
        var check = i.Definition.Health!;
        i.ProbeRunning = false;
        i.NextProbeAt = DateTime.UtcNow + check.Interval;
        if (i.State != InstanceState.Running || i.Pid != pid) return;
        if (ok)
        {
            i.HealthFailures = 0;
            if (i.Health != HealthState.Healthy) _events.Write(i.Label, "healthy");
            i.Health = HealthState.Healthy;
            return;
        }
        if (DateTime.UtcNow - i.StartedAt < check.StartPeriod) return;
        if (++i.HealthFailures < check.Retries || i.Health == HealthState.Unhealthy) return;
        i.Health = HealthState.Unhealthy;
        _events.Write(i.Label, $"unhealthy ({i.HealthFailures} checks failed)");
        if (i.Definition.Restart == RestartPolicy.Always && !i.RestartRequested)
        {
            i.RestartRequested = true;
            _ = _pids.StopServiceAsync(i.Definition.Name, i.Definition.ToStopPlan(false, null), i.Type);
        }
    }

    /// <summary>Reaps zombie children that no one else will: services' orphans, re-parented to us as subreaper.</summary>
    private void ReapOrphans()
    {
        var known = _instances.Where(i => i.IsChild && i.State == InstanceState.Running && i.Pid is not null).Select(i => i.Pid!.Value).ToHashSet();
        foreach (int pid in ProcFs.ZombieChildren(Environment.ProcessId))
            if (!known.Contains(pid) && !ChildClaims.IsClaimed(pid)) Libc.TryReapChild(pid);
    }

    private async Task ShutdownAsync(bool force)
    {
        _events.Write("pidman", force ? "stopping everything now (SIGKILL)" : "stopping everything (dependents first)");
        foreach (var i in _instances) i.Stopping = true;
        var names = _instances.Select(i => i.Definition.Name).Distinct().ToList();
        var results = await _controller.StopAsync(names, all: false, force, timeout: null).ConfigureAwait(false);
        foreach (var e in results.SelectMany(r => r.Entries).Where(e => e.Pid is not null))
            _events.Write(PidFileName.Create(e.Service, e.Type).Stem, e.Message);
        foreach (var i in _instances.Where(i => i.IsChild && i.Pid is int)) Libc.TryReapChild(i.Pid!.Value);
    }

    private Socket ListenOnControlSocket()
    {
        string path = SupervisorClient.SocketPath(_pids.Directory);
        File.Delete(path); // a socket left by a killed supervisor; we hold the supervisor lock, so it is not live
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // 0600: only our user may steer us
        socket.Listen(16);
        return socket;
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                using var stream = new NetworkStream(client, ownsSocket: false);
                using var reader = new StreamReader(stream);
                string? line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is null) return;
                var request = ControlRequest.FromJson(System.Text.Encoding.UTF8.GetBytes(line));
                var reply = new TaskCompletionSource<ControlResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
                Post(async () => reply.TrySetResult(await HandleAsync(request).ConfigureAwait(false)));
                var response = await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(response.ToJson(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Text.Json.JsonException or KeyNotFoundException)
            {
                // A client that hangs up or sends garbage gets nothing; the supervisor goes on.
            }
        }
    }

    /// <summary>Runs a control request inside the event loop.</summary>
    private async Task<ControlResponse> HandleAsync(ControlRequest request)
    {
        var selected = request.Services.Count == 0 ? _instances : _instances.Where(i => request.Services.Contains(i.Definition.Name)).ToList();
        var unknown = request.Services.Where(s => _instances.All(i => i.Definition.Name != s)).ToList();
        if (unknown.Count > 0 && request.Command is "start" or "stop" or "restart")
            return new ControlResponse(2, [$"not supervised here: {string.Join(", ", unknown)} (supervised: {string.Join(", ", _instances.Select(i => i.Definition.Name).Distinct())})"], []);
        TimeSpan? timeout = request.TimeoutMs is double ms ? TimeSpan.FromMilliseconds(ms) : null;
        switch (request.Command)
        {
            case "ping":
            case "status":
                return new ControlResponse(0, [], _instances.Select(i => i.Report()).ToList());
            case "stop":
                return await StopAsync(selected, request.Force, timeout).ConfigureAwait(false);
            case "start":
                return Start(selected);
            case "restart":
                var stopped = await StopAsync(selected, force: false, timeout).ConfigureAwait(false);
                var started = Start(selected);
                return new ControlResponse(Math.Max(stopped.ExitCode, started.ExitCode), [.. stopped.Lines, .. started.Lines], []);
            case "down":
                _shuttingDown = true;
                return new ControlResponse(0, ["supervisor stopping"], []);
            default:
                return new ControlResponse(2, [$"unknown command '{request.Command}'"], []);
        }
    }

    private async Task<ControlResponse> StopAsync(List<SupervisedInstance> selected, bool force, TimeSpan? timeout)
    {
        foreach (var i in selected) i.Stopping = true;
        var names = selected.Select(i => i.Definition.Name).Distinct().ToList();
        var results = await _controller.StopAsync(names, all: false, force, timeout).ConfigureAwait(false);
        foreach (var i in selected)
        {
            if (i.IsChild && i.Pid is int pid) i.LastExitCode = Libc.TryReapChild(pid) ?? i.LastExitCode;
            i.State = InstanceState.Stopped;
            _events.Write(i.Label, "stopped on request; it stays stopped");
        }
        var lines = results.SelectMany(r => r.Entries).Select(e => $"{PidFileName.Describe(e.Service, e.Type)}: {e.Message}").ToList();
        return new ControlResponse(results.All(r => r.Succeeded) ? 0 : 1, lines, []);
    }

    private ControlResponse Start(List<SupervisedInstance> selected)
    {
        foreach (var i in selected.Where(i => i.State != InstanceState.Running))
        {
            i.State = InstanceState.Pending;
            i.Restarts = 0;
        }
        foreach (var i in selected.Where(i => i.State == InstanceState.Pending)) TryStartPending(i);
        var lines = selected.Select(i => i.State switch
        {
            InstanceState.Running => $"{i.Label}: running (PID {i.Pid})",
            InstanceState.Pending => $"{i.Label}: waiting for its dependencies",
            _ => $"{i.Label}: {i.State.ToString().ToLowerInvariant()}",
        }).ToList();
        return new ControlResponse(selected.All(i => i.State is InstanceState.Running or InstanceState.Pending) ? 0 : 1, lines, []);
    }
}
