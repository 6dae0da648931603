using System.Collections;
using Pidman.Interop;
using Pidman.PidFiles;
using Pidman.Processes;
using Pidman.Tmux;
using Pidman.Exceptions;

namespace Pidman.Services;

/// <summary>Starts, stops and restarts a project's services in dependency order (DESIGN "Services", "Stopping").</summary>
public sealed class ServiceController
{
    /// <summary>By default, a service that exits within this time after its start is reported as failed, not as running.</summary>
    public static readonly TimeSpan DefaultStartupWindow = TimeSpan.FromSeconds(1);

    private const int LogTailLines = 10;

    private readonly ProjectConfig? _config;
    private readonly PidManager _pids;
    private readonly string _logDirectory;
    private TmuxServer? _tmux;
    private List<(int Pid, Dictionary<string, string> Pidman)>? _marked;

    /// <summary>Controls the services of <paramref name="config"/> (null for a project without one: only <see cref="RunAsync"/> and stopping by PID file work).</summary>
    public ServiceController(ProjectConfig? config, PidManager pids, string logDirectory)
    {
        _config = config;
        _pids = pids;
        _logDirectory = logDirectory;
    }

    /// <summary>Starts <paramref name="names"/> (all when empty) and everything they depend on, dependencies first.</summary>
    /// <exception cref="PidmanInputException">A name is not a service of the config, or there is no config.</exception>
    public async Task<IReadOnlyList<StartOutcome>> StartAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        var config = RequireConfig();
        _marked = null;
        var targets = names.Count == 0 ? config.Services.Select(s => s.Name).ToList() : names.ToList();
        CheckKnown(config, targets);
        var waves = DependencyOrder.StartWaves(config, targets);
        var included = waves.SelectMany(w => w).ToList();

        var outcomes = new List<StartOutcome>();
        var launched = new List<(int Index, Launch Launch)>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in waves.SelectMany(w => w))
        {
            if (service.DependsOn.Keys.FirstOrDefault(failed.Contains) is { } broken)
            {
                failed.Add(service.Name);
                outcomes.AddRange(service.InstanceTypes.Select(t => new StartOutcome(service.Name, t, StartStatus.Skipped, null, $"not started: dependency {broken} failed", [])));
                continue;
            }
            bool oneShot = included.Any(o => o.DependsOn.TryGetValue(service.Name, out var c) && c == DependencyCondition.Completed);
            foreach (var type in service.InstanceTypes)
            {
                var (outcome, launch) = StartInstance(service, type);
                if (launch is not null && oneShot)
                    outcome = await RunToCompletionAsync(launch, cancellationToken).ConfigureAwait(false);
                else if (launch is not null)
                    launched.Add((outcomes.Count, launch));
                if (!outcome.Succeeded) failed.Add(service.Name);
                outcomes.Add(outcome);
            }
        }

        // Catch what dies at once (command not found, a crash on start) instead of calling it running.
        var checks = await Task.WhenAll(launched.Select(l => CheckStartupAsync(l.Launch, cancellationToken))).ConfigureAwait(false);
        for (int i = 0; i < launched.Count; i++)
            if (checks[i] is { } died) outcomes[launched[i].Index] = died;
        return outcomes;
    }

    /// <summary>
    /// Stops <paramref name="names"/> (or, with <paramref name="all"/>, every config service and every PID file):
    /// dependents before their dependencies, in parallel within a wave, each with its own stop signal and timeout.
    /// </summary>
    public async Task<IReadOnlyList<StopResult>> StopAsync(IReadOnlyCollection<string> names, bool all, bool force, TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        foreach (var name in names) PidFileName.Create(name);
        var configNames = _config?.Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        // --all never takes the supervisor's own PID file: 'pidman down' stops the supervisor.
        var wanted = all
            ? names.Union(configNames).Union(_pids.ListServices().Where(s => s != PidTypes.SupervisorService)).ToList()
            : names.Distinct().ToList();
        var results = new List<StopResult>();

        // Processes outside the config (registered, or started with run) depend on nothing we know: first.
        var others = wanted.Where(n => !configNames.Contains(n)).ToList();
        var plan = StopPlan.Default with { Force = force, Timeout = timeout ?? StopPlan.DefaultTimeout };
        results.AddRange(await Task.WhenAll(others.Select(n => _pids.StopServiceAsync(n, plan, null, cancellationToken))).ConfigureAwait(false));

        if (_config is not null)
        {
            foreach (var wave in DependencyOrder.StopWaves(_config, wanted.Where(configNames.Contains)))
            {
                results.AddRange(await Task.WhenAll(wave.Select(async s =>
                {
                    var result = await _pids.StopServiceAsync(s.Name, s.ToStopPlan(force, timeout), null, cancellationToken).ConfigureAwait(false);
                    if (s.Mode == ServiceMode.Tmux) CloseTmuxWindows(s);
                    foreach (var e in result.Entries.Where(e => e.Pid is not null && e.Outcome is StopOutcome.Terminated or StopOutcome.Killed))
                        LogFiles.Banner(LogFiles.PathFor(_logDirectory, PidFileName.Create(e.Service, e.Type)), $"{e.Message} (PID {e.Pid})");
                    return result;
                })).ConfigureAwait(false));
            }
        }
        return results;
    }

    /// <summary>Closes the service's windows once its processes are gone; the session and server end with the last window.</summary>
    private void CloseTmuxWindows(ServiceDefinition service)
    {
        if (TmuxServer.Executable is null) return;
        using var tmuxLock = FileLock.Acquire(Path.Combine(_pids.Directory.StatePath, "tmux.lock"));
        var open = Tmux.WindowNames();
        foreach (var type in service.InstanceTypes)
        {
            string window = PidFileName.Create(service.Name, type).Stem;
            if (open.Contains(window)) Tmux.KillWindow(window);
        }
        _pids.Store.Remove(PidFileName.Create(service.Name, PidTypes.Tmux));
    }

    /// <summary>The project's tmux server.</summary>
    public TmuxServer TmuxServer => Tmux;

    /// <summary>Runs an ad-hoc command as managed service <paramref name="name"/>: detached, logged, with a PID file.</summary>
    /// <exception cref="PidmanInputException">A bad name, no command, or a name the config already defines.</exception>
    public async Task<StartOutcome> RunAsync(string name, IReadOnlyList<string> command, string workingDirectory, CancellationToken cancellationToken = default)
    {
        PidFileName.Create(name);
        if (command.Count == 0) throw new PidmanInputException("no command given: pidman run NAME -- COMMAND [ARGS...]");
        if (_config?.Find(name) is not null)
            throw new PidmanInputException($"{name} is defined in {_config.SourcePath}; start it with 'pidman start {name}'");
        // exec: the PID in the file is the command itself, not a shell around it.
        var service = new ServiceDefinition { Name = name, Command = "exec " + ShellQuote.Join(command), WorkingDirectory = Path.GetFullPath(workingDirectory) };
        var (outcome, launch) = StartInstance(service, PidFileName.DefaultType);
        return launch is not null && await CheckStartupAsync(launch, cancellationToken).ConfigureAwait(false) is { } died ? died : outcome;
    }

    /// <summary>Every PID file, plus a <c>stopped</c> entry for each config instance that has none; config services first, in file order.</summary>
    public IReadOnlyList<PidEntry> GetStatus()
    {
        var entries = _pids.GetAllEntries().ToList();
        if (_config is null) return entries;
        var result = new List<PidEntry>();
        var windows = _config.Services.Any(s => s.Mode == ServiceMode.Tmux) && TmuxServer.Executable is not null ? Tmux.WindowNames() : [];
        foreach (var s in _config.Services)
        {
            var mine = entries.Where(e => e.Service == s.Name).ToList();
            if (s.Mode == ServiceMode.Tmux)
            {
                mine = mine.Select(e => e.Type == PidTypes.Tmux || !s.InstanceTypes.Contains(e.Type) ? e : e with
                {
                    Detail = windows.Contains(PidFileName.Create(s.Name, e.Type).Stem) ? $"tmux window {PidFileName.Create(s.Name, e.Type).Stem}" : "tmux window missing",
                }).ToList();
            }
            result.AddRange(mine);
            foreach (var type in s.InstanceTypes.Where(t => mine.All(e => e.Type != t)))
                result.Add(new PidEntry(s.Name, type, _pids.Directory.PidFilePath(PidFileName.Create(s.Name, type)), PidState.Stopped, EntryReason.NoFile, null) { Command = s.Command });
        }
        result.AddRange(entries.Where(e => _config.Find(e.Service) is null));
        return result;
    }

    internal (StartOutcome Outcome, Launch? Launch) StartInstance(ServiceDefinition service, string type)
    {
        var name = PidFileName.Create(service.Name, type);
        StartOutcome Fail(string message, IReadOnlyList<string>? tail = null) => new(service.Name, type, StartStatus.Failed, null, message, tail ?? []);

        if (service.Mode == ServiceMode.Tmux && TmuxServer.Executable is null)
            return (Fail("tmux is not installed (Debian: apt-get install tmux); services with mode = \"background\" still work"), null);
        if (!Directory.Exists(service.WorkingDirectory))
            return (Fail($"working directory {service.WorkingDirectory} does not exist"), null);

        _pids.Directory.EnsureExists();
        using var startLock = FileLock.Acquire(_pids.Directory.StartLockPath(name.Stem));
        var entry = _pids.GetEntry(service.Name, type);
        if (entry.State == PidState.Running)
            return (new StartOutcome(service.Name, type, StartStatus.AlreadyRunning, entry.Pid, $"already running (PID {entry.Pid})", []), null);
        if (entry.State == PidState.Invalid)
            return (Fail($"{entry.Path} is invalid ({entry.Reason.Describe()}); remove it with 'pidman cleanup --invalid'"), null);

        if (service.Mode == ServiceMode.Background && FindOrphan(name) is int orphan)
        {
            // A pidman killed between spawn and PID file left this one running: adopt it, never start a second.
            _pids.Store.Write(name, orphan);
            return (new StartOutcome(service.Name, type, StartStatus.AlreadyRunning, orphan, $"already running (PID {orphan}, adopted: its starter was killed before writing the PID file)", []), null);
        }

        string log = LogFiles.PathFor(_logDirectory, name);
        LogFiles.Banner(log, $"starting {name}: {service.Command}");
        Launch launch;
        try
        {
            launch = service.Mode == ServiceMode.Tmux
                ? OpenTmuxWindow(service, type, log)
                : new Launch(service.Name, type, Spawner.Spawn(new SpawnRequest(["/bin/sh", "-c", service.Command], service.WorkingDirectory, Environment(service, type, inherit: true, _pids.Directory.Path), log)), log, DateTime.UtcNow, null);
        }
        catch (PidmanException e)
        {
            return (Fail(e.Message), null);
        }
        try
        {
            _pids.Store.Write(name, launch.Pid);
        }
        catch (PidmanException)
        {
            // Gone before its PID file could be written: it exited at once.
            return (Died(launch, WaitForExit(launch, TimeSpan.FromSeconds(5)), written: false), null);
        }
        string where = launch.TmuxWindow is null ? "" : $" in tmux window {launch.TmuxWindow} (tmux -L {Tmux.SocketName})";
        return (new StartOutcome(service.Name, type, StartStatus.Started, launch.Pid, $"started (PID {launch.Pid}){where}", []), launch);
    }

    /// <summary>A live service process spawned for this PID directory and instance whose PID file was never written.</summary>
    private int? FindOrphan(PidFileName name)
    {
        // One scan of /proc per start command: every later spawn of this command is ours, not an orphan.
        string marker = $"{PidDirectoryVariable}={_pids.Directory.Path}";
        _marked ??= ProcFs.SessionLeadersMarkedWith(marker);
        foreach (var (pid, vars) in _marked)
        {
            if (vars.GetValueOrDefault("PIDMAN_SERVICE") != name.Service || vars.GetValueOrDefault(TypeVariable) != name.Type) continue;
            // The scan may be older than this call (the supervisor keeps its controller): confirm it is still that process.
            if (ProcessIdentity.Check(pid, null).State == PidState.Running && ProcFs.ReadPidmanEnvironment(pid, marker) is { } now
                && now.GetValueOrDefault("PIDMAN_SERVICE") == name.Service && now.GetValueOrDefault(TypeVariable) == name.Type)
                return pid;
        }
        return null;
    }

    /// <summary>Set in every service's environment: which PID directory it belongs to, so an orphan can be recognised.</summary>
    internal const string PidDirectoryVariable = "PIDMAN_PID_DIR";

    /// <summary>Set in every service's environment: its PID type.</summary>
    internal const string TypeVariable = "PIDMAN_TYPE";

    /// <summary>Opens the instance's window in the project's tmux server and records the server as the service's tmux PID.</summary>
    private Launch OpenTmuxWindow(ServiceDefinition service, string type, string log)
    {
        var name = PidFileName.Create(service.Name, type);
        // One project-wide lock: two starts must not both create the session.
        using var tmuxLock = FileLock.Acquire(Path.Combine(_pids.Directory.StatePath, "tmux.lock"));
        if (Tmux.WindowNames().Contains(name.Stem)) Tmux.KillWindow(name.Stem); // a dead pane left by a crash
        int panePid = Tmux.OpenWindow(name.Stem, service.WorkingDirectory, Environment(service, type, inherit: false, _pids.Directory.Path), service.Command, log);
        if (Tmux.ServerPid() is int server)
        {
            try { _pids.Store.Write(PidFileName.Create(service.Name, PidTypes.Tmux), server); }
            catch (AlreadyRunningException) { /* another instance of the service recorded this server already */ }
        }
        return new Launch(service.Name, type, panePid, log, DateTime.UtcNow, name.Stem);
    }

    private TmuxServer Tmux => _tmux ??= new TmuxServer(_config?.TmuxSocket ?? TmuxServer.SocketNameFor(_pids.Directory.Root));

    private async Task<StartOutcome?> CheckStartupAsync(Launch launch, CancellationToken cancellationToken)
    {
        var remaining = launch.SpawnedAt + (_config?.StartupWindow ?? DefaultStartupWindow) - DateTime.UtcNow;
        int? code = await Blocking.RunAsync(() => WaitForExit(launch, remaining), cancellationToken).ConfigureAwait(false);
        return code is null ? null : Died(launch, code);
    }

    private async Task<StartOutcome> RunToCompletionAsync(Launch launch, CancellationToken cancellationToken)
    {
        int? code = await Blocking.RunAsync(() => WaitForExit(launch, Timeout.InfiniteTimeSpan), cancellationToken).ConfigureAwait(false);
        if (code != 0) return Died(launch, code);
        var name = PidFileName.Create(launch.Service, launch.Type);
        var current = PidFileSnapshot.Read(_pids.Directory.PidFilePath(name));
        if (current.Pid == launch.Pid) _pids.Store.RemoveIfUnchanged(name, current);
        return new StartOutcome(launch.Service, launch.Type, StartStatus.Completed, launch.Pid, "completed (exit code 0)", []);
    }

    /// <summary>Reports an instance that exited at once and leaves nothing behind: no PID file, no process of its group.</summary>
    /// <param name="launch">The instance.</param>
    /// <param name="code">Its exit code, if known.</param>
    /// <param name="written">True when its PID file had been written.</param>
    private StartOutcome Died(Launch launch, int? code, bool written = true)
    {
        var name = PidFileName.Create(launch.Service, launch.Type);
        var current = PidFileSnapshot.Read(_pids.Directory.PidFilePath(name));
        if (current.Pid == launch.Pid) _pids.Store.RemoveIfUnchanged(name, current);
        // Ended by a stop signal, or its file already gone or replaced: another command (a concurrent
        // 'pidman stop', a user's kill) stopped a service that had started; that is no start failure.
        // A crash shows as its own exit code or SIGSEGV/SIGABRT/SIGBUS, which stay failures.
        bool stoppedFromOutside = written && (current.Pid != launch.Pid || code - 128 is (int)Signal.SIGTERM or (int)Signal.SIGINT or (int)Signal.SIGKILL or (int)Signal.SIGHUP);
        if (stoppedFromOutside)
        {
            string by = code > 128 ? $"signal {code - 128}" : "another command";
            return new StartOutcome(launch.Service, launch.Type, StartStatus.Started, launch.Pid, $"started (PID {launch.Pid}), then stopped by {by} from outside", []);
        }
        else _pids.Store.RemoveRecordIfFor(name, launch.Pid);
        if (launch.TmuxWindow is { } window)
        {
            Tmux.KillWindow(window);
            if (!Tmux.HasSession()) _pids.Store.Remove(PidFileName.Create(launch.Service, PidTypes.Tmux));
        }
        if (ProcFs.LiveMembersOfGroup(launch.Pid).Count > 0 && launch.Pid != SignalGuard.OwnProcessGroup)
            Libc.Kill(-launch.Pid, (int)Signal.SIGKILL);
        string how = code switch
        {
            null or -1 => "exited at once",
            0 => "exited with code 0 within its first second (a service is expected to keep running; use depends_on = { NAME = \"completed\" } for a one-shot job)",
            127 => "exited with code 127 (command not found)",
            126 => "exited with code 126 (command not executable)",
            > 128 => $"was killed by signal {code - 128}",
            _ => $"exited with code {code}",
        };
        LogFiles.Banner(launch.LogPath, $"{name} {how}");
        var tail = LogFiles.Tail(launch.LogPath, LogTailLines + 2).Where(l => !l.StartsWith("--- ", StringComparison.Ordinal)).TakeLast(LogTailLines).ToList();
        return new StartOutcome(launch.Service, launch.Type, StartStatus.Failed, launch.Pid, $"{how} (log: {launch.LogPath})", tail) { ExitCode = code };
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the instance to exit. Null while it runs; else its exit code: a
    /// background service is our child and is reaped, a tmux pane's status comes from tmux; -1 when unknown.
    /// </summary>
    private int? WaitForExit(Launch launch, TimeSpan timeout)
    {
        using var pidfd = Libc.PidfdOpen(launch.Pid, out _);
        bool exited = pidfd.IsInvalid || Libc.PollReadable(pidfd, timeout == Timeout.InfiniteTimeSpan ? -1 : (int)Math.Max(0, timeout.TotalMilliseconds));
        if (!exited) return null;
        if (Libc.TryReapChild(launch.Pid) is int code) return code;
        if (launch.TmuxWindow is { } window)
        {
            // The pane is dead at once, but tmux notes its status a moment later.
            var deadline = DateTime.UtcNow.AddSeconds(2);
            while (DateTime.UtcNow < deadline)
            {
                if (Tmux.DeadStatus(window) is int status) return status;
                Thread.Sleep(10);
            }
        }
        return -1;
    }

    /// <summary>The service's environment; <paramref name="inherit"/> adds pidman's own (a tmux window inherits the server's instead).</summary>
    private static Dictionary<string, string> Environment(ServiceDefinition service, string type, bool inherit, string pidDirectory)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (inherit)
            foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables()) env[(string)e.Key] = (string?)e.Value ?? "";
        foreach (var (k, v) in service.Environment) env[k] = v;
        env["PIDMAN_SERVICE"] = service.Name;
        env["PIDMAN_INSTANCE"] = PidTypes.InstanceNumber(type).ToString(System.Globalization.CultureInfo.InvariantCulture);
        env[TypeVariable] = type;
        env[PidDirectoryVariable] = pidDirectory;
        return env;
    }

    private ProjectConfig RequireConfig() =>
        _config ?? throw new PidmanInputException("no pidman.toml or Procfile found in this folder or above; create one with 'pidman init'");

    private static void CheckKnown(ProjectConfig config, IEnumerable<string> names)
    {
        foreach (var name in names)
            if (config.Find(name) is null)
                throw new PidmanInputException($"unknown service '{name}'; {config.SourcePath} defines {string.Join(", ", config.Services.Select(s => s.Name))}");
    }

    /// <summary>One spawned instance; <paramref name="TmuxWindow"/> names its window when it runs in tmux.</summary>
    internal sealed record Launch(string Service, string Type, int Pid, string LogPath, DateTime SpawnedAt, string? TmuxWindow);
}
