using Pidman.Config;
using Pidman.Exceptions;
using Pidman.Logs;
using Pidman.Os;
using Pidman.PidFiles;
using Pidman.Services;
using Pidman.Stopping;
using Pidman.Supervision;

namespace Pidman.Projects;

/// <summary>
/// The front door for a project: finds it (<see cref="ProjectLayout"/>), reads its config, and offers the verbs. Every
/// verb that a running supervisor must own goes through it, whatever the arguments, so an intended stop is never
/// "restarted"; results have the same shape either way. <see cref="PidManager"/> stays the API of one PID directory.
/// </summary>
public sealed partial class Project
{
    private readonly ProjectOptions _options;

    private Project(ProjectOptions options, ProjectLayout layout, ProjectConfig? config, IReadOnlyList<ConfigError> configErrors)
    {
        _options = options;
        Layout = layout;
        Config = config;
        ConfigErrors = configErrors;
        foreach (string warning in layout.Warnings) options.Warn?.Invoke(warning);
        Pids = new PidManager(layout.PidDirectory);
        foreach (string warning in Pids.Warnings) options.Warn?.Invoke(warning);
        // Built at first use: a verb of one PID directory (pid, signal, register, list) opens no log directory for it.
        _services = new Lazy<ServiceController>(() => new ServiceController(config, Pids, layout.LogDirectory, options.LineStamper, options.Warn));
    }

    private readonly Lazy<ServiceController> _services;

    /// <summary>Where the project is and where its files go.</summary>
    internal ProjectLayout Layout { get; }

    /// <summary>The project root.</summary>
    public string Root => Layout.Root;

    /// <summary>The services and settings; null when there is no config file or it has errors (see <see cref="ConfigErrors"/>).</summary>
    internal ProjectConfig? Config { get; }

    /// <summary>The names of the config's services, in the order written; empty when there is no config or it has errors.</summary>
    public IReadOnlyList<string> ConfiguredServices => Config?.Services.Select(s => s.Name).ToList() ?? [];

    /// <summary>Every problem of the config file; empty when it is fine or absent.</summary>
    public IReadOnlyList<ConfigError> ConfigErrors { get; }

    /// <summary>The project's PID directory.</summary>
    public PidManager Pids { get; }

    /// <summary>Where service output and the supervisor's events go.</summary>
    public string LogDirectory => Layout.LogDirectory;

    /// <summary>The supervisor's event log.</summary>
    public string EventLogPath => Path.Combine(LogDirectory, ServiceLogs.EventLogName);

    /// <summary>
    /// The logs in the log directory (<c>*.log</c>: services' and the supervisor's) of <paramref name="names"/> (all when
    /// empty): a name is a service (all its instances' logs) or one instance as status prints it (<c>worker1_worker</c>).
    /// Only logs the trust rule for files accepts are listed; the reason for each it refuses (a link, a FIFO, another user's
    /// file) is in <see cref="LogListing.Refused"/>.
    /// </summary>
    /// <exception cref="PidmanInputException">A name is neither a log's nor a service's.</exception>
    internal LogListing ListLogs(IReadOnlyList<string> names)
    {
        foreach (string name in names) PidFileName.Create(name);
        var all = Services.Logs.List();
        bool Wanted(LogFile log, string name) =>
            Path.GetFileNameWithoutExtension(log.Path) is var stem && (stem == name || PidFileName.Infer(stem + PidFileName.Extension)?.Service == name);
        RequireKnown(names.Where(n => !all.Any(f => Wanted(f.Log, n))));
        var selected = all.Where(f => names.Count == 0 || names.Any(n => Wanted(f.Log, n))).ToList();
        return new LogListing([.. selected.Where(f => f.Refusal is null).Select(f => f.Log)], [.. selected.Select(f => f.Refusal).OfType<string>()]);
    }

    /// <summary>The services, for callers that act without the supervisor routing of the verbs here.</summary>
    internal ServiceController Services => _services.Value;

    /// <summary>The PID of the supervisor running for this project, or null.</summary>
    public int? SupervisorPid => SupervisorClient.RunningPid(Pids);

    /// <summary>Finds the project from <paramref name="options"/> and reads its config; a broken config is kept in <see cref="ConfigErrors"/>, not thrown.</summary>
    /// <returns>The project; <see cref="ConfigErrors"/> lists a broken config's problems, which the verbs that need a config throw as a <see cref="ConfigException"/>.</returns>
    /// <exception cref="PidmanException">A directory on the way breaks the trust rule (a link, another user's, writable by everyone).</exception>
    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    public static Project Open(ProjectOptions? options = null)
    {
        options ??= new ProjectOptions();
        var layout = ProjectLayout.Discover(options);
        if (layout.ConfigFile is null) return new Project(options, layout, null, []);
        try
        {
            var reading = new ConfigReading(layout.EnvFiles, layout.PortFlag, layout.Formation);
            var config = layout.Document is { } document
                ? ProjectConfigBuilder.Build(document, layout.Root, layout.Settings, layout.Errors, reading)
                : ProcfileReader.Read(layout.ConfigFile, layout.Root, reading, layout.Settings);
            foreach (var warning in config.Warnings) options.Warn?.Invoke(warning.ToString());
            return new Project(options, layout, config, []);
        }
        catch (ConfigException e)
        {
            return new Project(options, layout, null, e.Errors);
        }
    }

    /// <summary>The config, or the reason there is none.</summary>
    /// <exception cref="ConfigException">The config file has errors.</exception>
    /// <exception cref="PidmanInputException">There is no config file.</exception>
    internal ProjectConfig RequireConfig()
    {
        if (ConfigErrors.Count > 0) throw new ConfigException(ConfigErrors);
        return Config ?? throw new PidmanInputException("no pidman.toml or Procfile found in this folder or above; create one with 'pidman init'");
    }

    /// <summary>
    /// Every name must be a service: of the config, or with a PID file. The same error, exit 2, for every verb, with a
    /// "did you mean" when one is close.
    /// </summary>
    /// <exception cref="PidmanInputException">A name is no service here.</exception>
    internal void RequireKnown(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            PidFileName.Create(name);
            // The config first, then only the PID files whose names could be this service's: `stop web` in a project of
            // 200 reads web's files, not 199 others'. Every name is listed only for the error.
            if (Config?.Find(name) is not null || Pids.HasEntriesOf(name)) continue;
            var known = (Config?.Services.Select(s => s.Name) ?? []).Union(Pids.ListServices(), StringComparer.Ordinal).ToList();
            throw ServiceNames.Unknown(name, known, Config?.SourcePath ?? $"no pidman.toml or Procfile; {Pids.Directory.Path}");
        }
    }

    /// <summary>Starts <paramref name="names"/> (all when empty) and their dependencies; through the supervisor when one runs.</summary>
    /// <returns>One outcome per instance, dependencies first: started, already running, completed, failed (with exit code and log tail), skipped, or waiting (under a supervisor).</returns>
    /// <exception cref="ConfigException">The config file has errors.</exception>
    /// <exception cref="PidmanInputException">No config file, or a name is not one of its services.</exception>
    public async Task<IReadOnlyList<StartOutcome>> StartAsync(IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        var config = RequireConfig();
        foreach (var name in names) config.Require(name);
        if (await AskSupervisorAsync(new ControlRequest(ControlCommand.Start, names), cancellationToken).ConfigureAwait(false) is { } reply)
            return reply.Started;
        return await Services.StartAsync(names, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What a stop by <paramref name="request"/> waits on, for a progress display: the stop signal (one name when every
    /// service named has the same) and the longest wait before SIGKILL among them: a config service's stop_timeout, a
    /// process outside the config its recorded one (as the stop itself decides), unless the request names a timeout.
    /// </summary>
    internal (string Signal, TimeSpan Timeout) StopWaitFor(StopRequest request)
    {
        if (request.Force) return ("SIGKILL", TimeSpan.Zero);
        var services = (Config?.Services ?? []).Where(s => request.All || request.Services.Contains(s.Name)).ToList();
        var others = (request.All ? Pids.ListServices().Where(n => n != PidTypes.SupervisorService) : request.Services).Where(n => Config?.Find(n) is null).ToList();
        // A process outside the config gets the default stop signal.
        var signals = services.Select(s => s.StopSignal).Concat(others.Count > 0 ? [StopPlan.Default.Signal] : []).Distinct().ToList();
        var timeout = request.Timeout ?? services.Select(s => s.StopTimeout).Concat(others.Select(Pids.StopTimeoutOf)).DefaultIfEmpty(StopPlan.DefaultTimeout).Max();
        return (signals.Count == 1 ? signals[0].ToString() : signals.Count == 0 ? "SIGTERM" : "the stop signal", timeout);
    }

    /// <summary>Stops what <paramref name="request"/> names, dependents first; through the supervisor when one runs, so it is never restarted.</summary>
    /// <returns>One result per service, each with one per PID file.</returns>
    /// <exception cref="PidmanInputException">No service named and not <see cref="StopRequest.All"/>, or a name is no service here.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<StopResult>> StopAsync(StopRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Services.Count == 0 && !request.All) throw new PidmanInputException("name at least one service, or use --all");
        foreach (var name in request.Services) PidFileName.Create(name, request.Type);
        RequireKnown(request.Services);
        var control = new ControlRequest(ControlCommand.Stop, request.Services, request.Type, request.All, request.Force, request.Timeout?.TotalSeconds);
        if (await AskSupervisorAsync(control, cancellationToken).ConfigureAwait(false) is { } reply)
            return reply.Stopped;
        return await Services.StopAsync(request.Services, request.All, request.Force, request.Timeout, request.Type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops <paramref name="names"/> (all when empty), then starts them again if every one stopped.</summary>
    /// <returns>What was stopped and, when every stop succeeded, what was started.</returns>
    /// <exception cref="ConfigException">The config file has errors.</exception>
    /// <exception cref="PidmanInputException">No config file, or a name is not one of its services.</exception>
    public async Task<RestartReport> RestartAsync(IReadOnlyList<string> names, TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        var config = RequireConfig();
        foreach (var name in names) config.Require(name);
        if (await AskSupervisorAsync(new ControlRequest(ControlCommand.Restart, names, TimeoutSeconds: timeout?.TotalSeconds), cancellationToken).ConfigureAwait(false) is { } reply)
            return new RestartReport(reply.Stopped, reply.Started);
        var targets = names.Count > 0 ? names : config.Services.Select(s => s.Name).ToList();
        var stopped = await Services.StopAsync(targets, all: false, force: false, timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (stopped.Any(r => !r.Succeeded)) return new RestartReport(stopped, []);
        return new RestartReport(stopped, await Services.StartAsync(targets, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Removes a PID file without signalling its process; a supervised instance is let go by the supervisor first.</summary>
    /// <returns>True when a file was removed.</returns>
    /// <exception cref="PidmanInputException">A bad name, or no such service.</exception>
    public async Task<bool> UnregisterAsync(string service, string type, CancellationToken cancellationToken = default)
    {
        PidFileName.Create(service, type);
        RequireKnown([service]);
        if (await AskSupervisorAsync(new ControlRequest(ControlCommand.Unregister, [service], type), cancellationToken).ConfigureAwait(false) is { } reply)
            return reply.Unregistered;
        return Pids.Unregister(service, type);
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to each service's main process (every instance; only <paramref name="type"/> when given).
    /// Not routed through a supervisor: a signal is not a stop, and if the service exits, the supervisor sees an exit like any other.
    /// </summary>
    /// <returns>One result per PID file of each service.</returns>
    /// <exception cref="PidmanInputException">No service named, or a name is no service here.</exception>
    public IReadOnlyList<SignalResult> Signal(Signal signal, IReadOnlyList<string> services, string? type = null, bool force = false)
    {
        if (services.Count == 0) throw new PidmanInputException("name at least one service");
        RequireKnown(services);
        return services.SelectMany(s => Pids.Signal(s, signal, type, force)).ToList();
    }

    /// <summary>
    /// Starts <paramref name="command"/> (a program and its arguments, no shell) as managed service <paramref name="service"/>,
    /// as <c>pidman start NAME -- CMD</c> does: in a session and process group of its own (so neither the caller's terminal
    /// nor its signals reach it), its output in the service's log, its PID file and identity record written before the
    /// call returns. Stop it with <see cref="StopAsync"/> or <see cref="PidManager.StopServiceAsync(string, bool, TimeSpan?, CancellationToken)"/>:
    /// "start my workers, stop them later" is these two calls.
    /// </summary>
    /// <param name="service">The service name (not one the config defines).</param>
    /// <param name="command">The program and its arguments.</param>
    /// <param name="workingDirectory">Where it runs; the project root when null.</param>
    /// <param name="cancellationToken">Cancels the wait for its start-up check.</param>
    /// <returns>Started (with its PID), or failed with its exit code and last log lines.</returns>
    /// <exception cref="PidmanInputException">A bad name, no command, or a name the config already defines.</exception>
    public Task<StartOutcome> StartCommandAsync(string service, IReadOnlyList<string> command, string? workingDirectory = null, CancellationToken cancellationToken = default) =>
        Services.RunAsync(service, command, workingDirectory ?? Root, cancellationToken);

    /// <summary>
    /// Runs <paramref name="command"/> in the foreground, as <c>foreman run</c> does, and returns its exit code: in this
    /// terminal, with the project's environment - the env files given (<c>-e</c>), else the <c>.env</c> at the root - and
    /// <c>PORT</c> the base port (foreman's rule). One word that names a service of the config runs that service's command,
    /// with the service's own environment (its first instance's <c>PORT</c>). No PID file is written.
    /// </summary>
    /// <exception cref="ConfigException">An env file cannot be read.</exception>
    /// <exception cref="PidmanInputException">No command, or the program is not found.</exception>
    internal int RunInForeground(IReadOnlyList<string> command, string workingDirectory)
    {
        if (command.Count == 0) throw new PidmanInputException("no command given: pidman run COMMAND [ARGS...]");
        var env = ServiceEnvironment.Inherited();
        if (command is [var name] && Config?.Find(name) is { } service)
        {
            foreach (var (k, v) in ServiceEnvironment.Own(service, service.InstanceTypes[0])) env[k] = v;
            return Os.ForegroundCommand.Run(["/bin/sh", "-c", service.Command], service.WorkingDirectory, env);
        }
        var errors = new List<ConfigError>();
        string dotEnv = Path.Combine(Root, ".env");
        var files = Layout.EnvFiles.Count > 0 ? DotEnv.ReadAll(Layout.EnvFiles, errors, root: Root)
            : File.Exists(dotEnv) ? DotEnv.Read(dotEnv, errors, root: Root) : [];
        if (errors.Count > 0) throw new ConfigException(errors);
        foreach (var (k, v) in files) env[k] = v;
        env[ServiceEnvironment.PortVariable] = ForemanPorts.Base(Layout.PortFlag, files, Layout.Settings.PortBase).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Os.ForegroundCommand.Run(command, workingDirectory, env);
    }

    /// <summary>Removes stale files, as <see cref="PidManager.CleanupStale"/> does in the project's PID directory.</summary>
    /// <returns>What was removed and what was kept (with the errno of a removal that failed).</returns>
    public CleanupReport Cleanup(CleanupOptions options = CleanupOptions.None) => Pids.CleanupStale(options);

    /// <summary>Sends <paramref name="request"/> to the supervisor: null when none runs; a refusal becomes an input error.</summary>
    private async Task<ControlResponse?> AskSupervisorAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ReportDeadSupervisor();
        var reply = await SupervisorClient.SendAsync(Pids, request, PatienceFor(request), cancellationToken).ConfigureAwait(false);
        if (reply is { ShuttingDown: true, Error: { } busy }) throw new PidmanException(busy);
        if (reply?.Error is { } error) throw new PidmanInputException(error);
        return reply;
    }

    /// <summary>How long a request may take: a stop as long as the slowest stop_timeout it may wait out, and then some.</summary>
    private TimeSpan PatienceFor(ControlRequest request) => request.Command switch
    {
        ControlCommand.Status or ControlCommand.Unregister => SupervisorClient.DefaultTimeout,
        ControlCommand.Start => TimeSpan.FromMinutes(1),
        _ => (request.TimeoutSeconds is double s ? TimeSpan.FromSeconds(s) : Config?.Services.Select(x => x.StopTimeout).DefaultIfEmpty(StopPlan.DefaultTimeout).Max() ?? StopPlan.DefaultTimeout)
             + StopPlan.KillGrace + TimeSpan.FromSeconds(30),
    };

    /// <summary>A supervisor whose PID file outlived it has died (it removes the file when it exits): say so, once, with its last events.</summary>
    private void ReportDeadSupervisor()
    {
        var entry = Pids.CheckEntry(PidTypes.SupervisorService, PidTypes.Supervisor);
        if (entry.State != PidState.Stale || !entry.Removed) return;
        IReadOnlyList<string> tail;
        try
        {
            tail = LogFiles.Tail(Services.Logs.EventLog, 5);
        }
        catch (PidmanException e)
        {
            tail = [e.Message];
        }
        Warn($"the supervisor (PID {entry.Pid}) has died; services run on unsupervised. Its last events ({EventLogPath}):{Environment.NewLine}{string.Join(Environment.NewLine, tail.Select(l => "  " + l))}");
    }

    private void Warn(string message) => _options.Warn?.Invoke(message);
}
