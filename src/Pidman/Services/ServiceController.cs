using Pidman.Config;
using Pidman.Exceptions;
using Pidman.Logs;
using Pidman.PidFiles;
using Pidman.Stopping;
using Pidman.Tmux;

namespace Pidman.Services;

/// <summary>
/// A project's services: start, stop, run and status in dependency order. It composes the parts - ordering
/// (<see cref="DependencyOrder"/>), one launcher per mode, the starter and the stopper - and holds no mechanism of its own.
/// </summary>
internal sealed class ServiceController
{
    private readonly ProjectConfig? _config;
    private readonly PidManager _pids;
    private readonly BackgroundLauncher _background;
    private readonly Lazy<TmuxLauncher> _tmux;
    private readonly ServiceStarter _starter;
    private readonly ServiceStopper _stopper;

    /// <summary>
    /// Controls the services of <paramref name="config"/> (null for a project without one: only <see cref="RunAsync"/> and
    /// stopping by PID file work). <paramref name="lineStamper"/>: the pidman executable, which stamps each line of a
    /// service's log with its time (see <see cref="ProjectOptions.LineStamper"/>); null: services write their logs directly.
    /// </summary>
    public ServiceController(ProjectConfig? config, PidManager pids, string logDirectory, string? lineStamper = null, Action<string>? warn = null)
    {
        LineStamper = lineStamper;
        _warn = warn;
        _config = config;
        _pids = pids;
        var settings = config?.Settings;
        Logs = new ServiceLogs(pids.Directory.Root, logDirectory, settings?.LogMaxBytes ?? ProjectSettings.DefaultLogMaxBytes, settings?.LogKeep ?? ProjectSettings.DefaultLogKeep, lineStamper, warn);
        Logs.Check();
        _background = new BackgroundLauncher(pids.Directory.Path, Logs);
        TmuxServer = new TmuxServer(config?.Settings.TmuxSocket ?? TmuxServer.SocketNameFor(pids.Directory.Root));
        _tmux = new Lazy<TmuxLauncher>(() => new TmuxLauncher(TmuxServer, pids));
        var startupWindow = settings?.StartupWindow ?? ProjectSettings.DefaultStartupWindow;
        _starter = new ServiceStarter(pids, Logs, startupWindow, LauncherFor);
        _stopper = new ServiceStopper(config, pids, Logs, LauncherFor);
    }

    private readonly Action<string>? _warn;

    /// <summary>The project's log directory: every service log and the supervisor's event log, held open and opened by the trust rule.</summary>
    internal ServiceLogs Logs { get; }

    /// <summary>Where warnings go (what is dropped rather than failing); the supervisor's reload passes it on.</summary>
    internal Action<string>? Warn => _warn;

    /// <summary>The pidman executable that stamps log lines, or null.</summary>
    public string? LineStamper { get; }

    /// <summary>Rotates every background instance's log that has reached <c>log_max_size</c> (the supervisor calls it now and then).</summary>
    internal void RotateLogs()
    {
        foreach (var service in _config?.Services.Where(s => s.Mode == ServiceMode.Background) ?? [])
            foreach (var type in service.InstanceTypes) Logs.RotateIfLarge(PidFileName.Create(service.Name, type));
    }

    /// <summary>The project's tmux server.</summary>
    public TmuxServer TmuxServer { get; }

    /// <summary>Starts <paramref name="names"/> (all when empty) and everything they depend on, dependencies first.</summary>
    /// <exception cref="PidmanInputException">A name is not a service of the config, or there is no config.</exception>
    public async Task<IReadOnlyList<StartOutcome>> StartAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        var config = RequireConfig();
        _starter.BeginCommand();
        var targets = names.Count == 0 ? config.Services.Select(s => s.Name).ToList() : names.ToList();
        foreach (var name in targets) config.Require(name);

        var outcomes = new List<StartOutcome>();
        var launched = new List<(int Index, ServiceMode Mode, Launch Launch)>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in DependencyOrder.StartWaves(config, targets).SelectMany(w => w))
        {
            if (service.DependsOn.Keys.FirstOrDefault(failed.Contains) is { } broken)
            {
                failed.Add(service.Name);
                outcomes.AddRange(service.InstanceTypes.Select(t => new StartOutcome(service.Name, t, StartStatus.Skipped, StartFinding.DependencyFailed, null) { Dependency = broken }));
                continue;
            }
            bool oneShot = config.IsOneShot(service.Name);
            foreach (var type in service.InstanceTypes)
            {
                var (outcome, launch) = _starter.StartInstance(service, type, oneShot);
                if (launch is not null && oneShot)
                    outcome = await _starter.RunToCompletionAsync(service.Mode, launch, cancellationToken).ConfigureAwait(false);
                else if (launch is not null)
                    launched.Add((outcomes.Count, service.Mode, launch));
                if (!outcome.Succeeded) failed.Add(service.Name);
                outcomes.Add(outcome);
            }
        }

        // The PIDs handed back are the programs', never the shells that start them (a signal sent to one must reach the service).
        await Task.WhenAll(launched.Select(l => _starter.WaitForExecAsync(l.Launch, cancellationToken))).ConfigureAwait(false);
        // Catch what dies at once (command not found, a crash on start) instead of calling it running.
        var checks = await Task.WhenAll(launched.Select(l => _starter.CheckStartupAsync(l.Mode, l.Launch, cancellationToken))).ConfigureAwait(false);
        for (int i = 0; i < launched.Count; i++)
            if (checks[i] is { } died) outcomes[launched[i].Index] = died;
        return outcomes;
    }

    /// <summary>Stops <paramref name="names"/> (or every service with <paramref name="all"/>), dependents first; only <paramref name="type"/> when given.</summary>
    public Task<IReadOnlyList<StopResult>> StopAsync(IReadOnlyCollection<string> names, bool all, bool force, TimeSpan? timeout, string? type = null, CancellationToken cancellationToken = default) =>
        _stopper.StopAsync(names, all, force, timeout, type, cancellationToken);

    /// <summary>Runs an ad-hoc command as managed service <paramref name="name"/>: detached, logged, with a PID file.</summary>
    /// <exception cref="PidmanInputException">A bad name, no command, or a name the config already defines.</exception>
    public async Task<StartOutcome> RunAsync(string name, IReadOnlyList<string> command, string workingDirectory, CancellationToken cancellationToken = default)
    {
        PidFileName.Create(name);
        if (PidTypes.IsReservedService(name)) throw new PidmanInputException($"{name} is reserved: its PID file would be the supervisor's own; choose another name");
        if (command.Count == 0) throw new PidmanInputException("no command given: pidman run NAME -- COMMAND [ARGS...]");
        if (_config?.Find(name) is not null)
            throw new PidmanInputException($"{name} is defined in {_config.SourcePath}; start it with 'pidman start {name}'");
        // exec: the PID in the file is the command itself, not a shell around it.
        var service = new ServiceDefinition { Name = name, Command = "exec " + ShellQuote.Join(command), WorkingDirectory = Path.GetFullPath(workingDirectory) };
        _starter.BeginCommand();
        var (outcome, launch) = _starter.StartInstance(service, PidTypes.Process);
        if (launch is null) return outcome;
        await _starter.WaitForExecAsync(launch, cancellationToken).ConfigureAwait(false);
        return await _starter.CheckStartupAsync(service.Mode, launch, cancellationToken).ConfigureAwait(false) is { } died ? died : outcome;
    }

    /// <summary>
    /// Every PID file, plus a <c>stopped</c> entry for each config instance that has none; config services first, in file
    /// order. With <paramref name="services"/>, only theirs: only the files whose names can be theirs are read.
    /// </summary>
    public IReadOnlyList<PidEntry> GetStatus(IReadOnlyCollection<string> services)
    {
        var entries = services.Count == 0
            ? _pids.GetAllEntries()
            : services.Distinct(StringComparer.Ordinal).SelectMany(s => _pids.GetProcessStatus(s).Entries).ToList();
        if (_config is null) return entries;
        var byService = entries.ToLookup(e => e.Service, StringComparer.Ordinal);
        var result = new List<PidEntry>();
        foreach (var s in _config.Services.Where(s => services.Count == 0 || services.Contains(s.Name)))
        {
            var mine = byService[s.Name].ToList();
            result.AddRange(mine);
            bool oneShot = _config.IsOneShot(s.Name);
            foreach (var type in s.InstanceTypes.Where(t => mine.All(e => e.Type != t)))
            {
                var entry = oneShot && _pids.LastCompletion(s.Name, type) is { } done
                    ? PidEntry.Ended(_pids.Directory, s.Name, type, done)
                    : PidEntry.NotRunning(_pids.Directory, s.Name, type);
                result.Add(entry with { Command = s.Command });
            }
        }
        result.AddRange(entries.Where(e => _config.Find(e.Service) is null));
        return result;
    }

    /// <summary>Starts one instance (for the supervisor, which orders and gates starts itself).</summary>
    internal (StartOutcome Outcome, Launch? Launch) StartInstance(ServiceDefinition service, string type) =>
        _starter.StartInstance(service, type, _config?.IsOneShot(service.Name) ?? false);

    private IServiceLauncher LauncherFor(ServiceMode mode) => mode == ServiceMode.Tmux ? _tmux.Value : _background;

    private ProjectConfig RequireConfig() =>
        _config ?? throw new PidmanInputException("no pidman.toml or Procfile found in this folder or above; create one with 'pidman init'");
}
