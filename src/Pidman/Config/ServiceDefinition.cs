using Pidman.Os;
using Pidman.PidFiles;
using Pidman.Stopping;

namespace Pidman.Config;

/// <summary>One service of the project, validated and with every default filled in.</summary>
internal sealed record ServiceDefinition
{
    /// <summary>The default wait between the stop signal and SIGKILL.</summary>
    public static readonly TimeSpan DefaultStopTimeout = Stopping.StopPlan.DefaultTimeout;

    /// <summary>The service name (also its PID file stem).</summary>
    public required string Name { get; init; }

    /// <summary>The command line, run by <c>/bin/sh -c</c> as foreman does (so <c>$PORT</c> and pipes work), with <c>exec</c> where the shell can hand over (<see cref="ParsedCommand"/>).</summary>
    public required string Command { get; init; }

    /// <summary>How <see cref="Command"/> runs: directly, exec'd by the shell, or as a compound shell command.</summary>
    public ServiceCommand ParsedCommand => ServiceCommand.Parse(Command);

    /// <summary>Absolute working directory.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Environment added to the inherited one: env_file (or the Procfile's .env), then <c>env</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Background process or tmux window.</summary>
    public ServiceMode Mode { get; init; } = ServiceMode.Background;

    /// <summary>Services this one needs, with what it waits for.</summary>
    public IReadOnlyDictionary<string, DependencyCondition> DependsOn { get; init; } = new Dictionary<string, DependencyCondition>();

    /// <summary>The graceful stop signal.</summary>
    public Signal StopSignal { get; init; } = Signal.SIGTERM;

    /// <summary>How long to wait after the stop signal before SIGKILL.</summary>
    public TimeSpan StopTimeout { get; init; } = DefaultStopTimeout;

    /// <summary>Restart policy (acts under the supervisor).</summary>
    public RestartPolicy Restart { get; init; } = RestartPolicy.No;

    /// <summary>Restarts before the supervisor gives up and marks the service failed.</summary>
    public int MaxRestarts { get; init; } = 5;

    /// <summary>Number of instances; above 1 they are PID types worker1..N.</summary>
    public int Scale { get; init; } = 1;

    /// <summary>The health check, if any.</summary>
    public HealthCheck? Health { get; init; }

    /// <summary>The PID types this service's instances use: <c>process</c>, or <c>worker1</c>..<c>workerN</c>.</summary>
    public IReadOnlyList<string> InstanceTypes =>
        Enumerable.Range(1, Scale).Select(i => PidTypes.ForInstance(i, Scale)).ToList();

    /// <summary>
    /// The <c>PORT</c> of its first instance (instance N gets <see cref="Port"/> + N − 1), over any <c>PORT</c> of its
    /// environment (as foreman sets it); null: no <c>PORT</c> of pidman's. Procfile services always get foreman's
    /// (<see cref="ForemanPorts"/>); a <c>pidman.toml</c> service asks with <c>port = true</c> (foreman's rule) or
    /// <c>port = 8080</c>.
    /// </summary>
    public int? Port { get; init; }

    /// <summary>
    /// Everything that decides how the service runs, as one string: two definitions with the same fingerprint run the
    /// same way, so a reload leaves the service alone (env_file contents are part of <see cref="Environment"/>).
    /// </summary>
    public string Fingerprint() => string.Join('\n',
        Command, WorkingDirectory, Mode, StopSignal, StopTimeout.Ticks, Restart, MaxRestarts, Scale, Port,
        string.Join('\0', Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")),
        string.Join('\0', DependsOn.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}:{kv.Value}")),
        Health?.ToString() ?? "");

    /// <summary>How pidman stops it.</summary>
    public StopPlan ToStopPlan(bool force, TimeSpan? timeout) => new(StopSignal, timeout ?? StopTimeout, force);
}
