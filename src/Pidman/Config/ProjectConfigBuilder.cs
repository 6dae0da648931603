using System.Text;
using System.Globalization;
using Pidman.Config;
using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman.Config;

/// <summary>Turns the entries of a <c>pidman.toml</c> into a validated <see cref="ProjectConfig"/>, or every error found.</summary>
internal sealed class ProjectConfigBuilder
{
    private static readonly string[] ServiceKeys =
        ["command", "cwd", "env", "env_file", "mode", "depends_on", "stop_signal", "stop_timeout", "restart", "max_restarts", "scale", "health", "port"];
    private static readonly string[] HealthKeys = ["http", "tcp", "exec", "interval", "timeout", "retries", "start_period"];

    private readonly string _file;
    private readonly string _root;
    private readonly List<ConfigError> _errors = [];
    private readonly Dictionary<string, int> _dependsOnLines = new(StringComparer.Ordinal);
    private readonly int _settingsPort;
    private readonly ConfigReading _reading;
    private readonly IReadOnlyDictionary<string, string> _envFromFiles;
    private readonly List<ConfigError> _warnings = [];

    private ProjectConfigBuilder(string file, string root, int settingsPort, ConfigReading reading, IReadOnlyDictionary<string, string> envFromFiles)
    {
        _file = file;
        _root = root;
        _settingsPort = settingsPort;
        _reading = reading;
        _envFromFiles = envFromFiles;
    }

    /// <summary>Builds the config of the project at <paramref name="root"/> from <paramref name="document"/> and its already read <paramref name="settings"/>.</summary>
    /// <param name="document">The parsed <c>pidman.toml</c>.</param>
    /// <param name="root">The project root: relative paths resolve against it.</param>
    /// <param name="settings">The <c>[settings]</c> table, read by <see cref="ProjectSettings.Read"/>.</param>
    /// <param name="earlierErrors">Syntax and settings errors; they are reported with the rest.</param>
    /// <param name="reading">Env files (<c>-e</c>, every service gets them beneath its own <c>env_file</c> and <c>env</c>),
    /// <c>-p</c> and formation the command gave.</param>
    /// <exception cref="ConfigException">Any error, syntax or meaning; all of them are listed.</exception>
    public static ProjectConfig Build(ConfigDocument document, string root, ProjectSettings settings, IReadOnlyList<ConfigError> earlierErrors, ConfigReading? reading = null)
    {
        reading ??= ConfigReading.None;
        var errors = new List<ConfigError>(earlierErrors);
        var warnings = new List<ConfigError>();
        var builder = new ProjectConfigBuilder(document.Path, root, settings.PortBase, reading, DotEnv.ReadAll(reading.EnvFiles, errors, warnings, root));
        builder._errors.AddRange(errors);
        builder._warnings.AddRange(warnings);
        var services = builder.Interpret(document.Entries, document.Tables);
        if (builder._errors.Count > 0) throw new ConfigException(builder._errors);
        return new ProjectConfig(root, document.Path, settings, services) { Warnings = builder._warnings };
    }

    private List<ServiceDefinition> Interpret(IReadOnlyList<ConfigEntry> entries, IReadOnlyList<(IReadOnlyList<string> Path, int Line)> headers)
    {
        var services = new Dictionary<string, (int Line, List<ConfigEntry> Entries)>(StringComparer.Ordinal);
        var order = new List<string>();

        void Declare(string name, int line)
        {
            if (services.ContainsKey(name)) return;
            if (!PidFileName.IsValidService(name))
                Error(line, $"services.{name}", "invalid service name: use 1-64 characters from A-Z a-z 0-9 . _ -, starting with a letter or digit");
            else if (PidTypes.IsReservedService(name))
                Error(line, $"services.{name}", "reserved: its PID file would be the supervisor's own; rename the service");
            services[name] = (line, []);
            order.Add(name);
        }

        foreach (var (path, line) in headers)
            if (path.Count >= 2 && path[0] == "services") Declare(path[1], line);

        foreach (var entry in entries)
        {
            var p = entry.Path;
            if (p[0] == "settings") continue; // ProjectSettings' keys
            if (p[0] == "services" && p.Count >= 3)
            {
                Declare(p[1], entry.Line);
                services[p[1]].Entries.Add(entry);
            }
            else
            {
                Error(entry.Line, entry.Key, p[0] == "services" ? "unknown key" : "unknown key: the file holds [settings] and [services.NAME] tables only");
            }
        }

        var definitions = order.Select((name, index) => Service(name, index, services[name].Line, services[name].Entries)).OfType<ServiceDefinition>().ToList();
        if (_reading.Formation is { } formation)
        {
            foreach (string unknown in formation.Counts.Keys.Where(n => !services.ContainsKey(n)))
                Error(0, null, $"the formation names '{unknown}', which the file does not define");
            // A service the formation leaves out (name=0) is not run, and what depends on it no longer waits for it.
            var left = definitions.Where(d => d.Scale == 0).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
            definitions = definitions.Where(d => d.Scale > 0)
                .Select(d => d.DependsOn.Keys.Any(left.Contains) ? d with { DependsOn = d.DependsOn.Where(kv => !left.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) } : d)
                .ToList();
        }
        CheckDependencies(definitions, services.ToDictionary(s => s.Key, s => s.Value.Line));
        CheckFileNames(definitions, services.ToDictionary(s => s.Key, s => s.Value.Line));
        if (definitions.Count == 0 && _errors.Count == 0) Error(0, null, "no services defined: add a [services.NAME] table with a command");
        return definitions;
    }

    /// <summary>One service's definition from its entries; <paramref name="index"/> is its position in the file, for foreman's <c>PORT</c> rule (<c>port = true</c>).</summary>
    private ServiceDefinition? Service(string name, int index, int line, List<ConfigEntry> entries)
    {
        int? port = null;
        bool foremanPort = false;
        string? command = null;
        bool commandGiven = false;
        string cwd = _root;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        string? envFile = null;
        int envFileLine = 0;
        var mode = ServiceMode.Background;
        var dependsOn = new Dictionary<string, DependencyCondition>(StringComparer.Ordinal);
        var stopSignal = Signal.SIGTERM;
        var stopTimeout = ServiceDefinition.DefaultStopTimeout;
        var restart = RestartPolicy.No;
        int maxRestarts = 5;
        int scale = 1;
        HealthDraft? health = null;

        foreach (var e in entries)
        {
            string key = e.Path[2];
            int depth = e.Path.Count;
            if (!ServiceKeys.Contains(key))
            {
                Error(e.Line, e.Key, $"unknown key; a service takes {string.Join(", ", ServiceKeys)}");
                continue;
            }
            if (depth > 3 && key is not ("env" or "depends_on" or "health"))
            {
                Error(e.Line, e.Key, $"{key} takes a single value, not a table");
                continue;
            }
            if (key == "depends_on") _dependsOnLines.TryAdd(name, e.Line);
            switch (key)
            {
                case "command":
                    commandGiven = true;
                    command = String(e);
                    if (command is not null && CommandProblem(command) is { } problem)
                    {
                        Error(e.Line, e.Key, problem);
                        command = null;
                    }
                    break;
                case "cwd":
                    if (String(e) is { } dir)
                    {
                        cwd = Path.GetFullPath(dir, _root);
                        if (!Directory.Exists(cwd)) Error(e.Line, e.Key, $"no such folder: {cwd}");
                    }
                    break;
                case "env" when depth == 4:
                    if (Scalar(e) is { } value)
                    {
                        if (value.Contains('\0') || Encoding.UTF8.GetByteCount(e.Path[3]) + Encoding.UTF8.GetByteCount(value) + 1 >= MaxArgumentBytes)
                            Error(e.Line, e.Key, $"the value holds a NUL character or is longer than the kernel takes for one variable ({MaxArgumentBytes / 1024} KiB)");
                        else
                            env[e.Path[3]] = value;
                    }
                    break;
                case "env":
                    Error(e.Line, e.Key, "expected a table of strings, e.g. env = { PORT = \"8000\" }");
                    break;
                case "env_file":
                    envFile = String(e);
                    envFileLine = e.Line;
                    break;
                case "mode":
                    mode = Enum(e, ("background", ServiceMode.Background), ("tmux", ServiceMode.Tmux)) ?? mode;
                    break;
                case "depends_on" when depth == 3 && e.Value is List<object> list:
                    foreach (var item in list)
                    {
                        if (item is string dep) dependsOn[dep] = DependencyCondition.Started;
                        else Error(e.Line, e.Key, "expected service names, e.g. depends_on = [\"db\"]");
                    }
                    break;
                case "depends_on" when depth == 4:
                    if (Enum(e, ("started", DependencyCondition.Started), ("healthy", DependencyCondition.Healthy), ("completed", DependencyCondition.Completed)) is { } condition)
                        dependsOn[e.Path[3]] = condition;
                    break;
                case "depends_on":
                    Error(e.Line, e.Key, "expected a list of services or a table of conditions, e.g. depends_on = { db = \"healthy\" }");
                    break;
                case "stop_signal":
                    if (String(e) is { } s)
                    {
                        string upper = s.ToUpperInvariant();
                        string full = upper.StartsWith("SIG", StringComparison.Ordinal) ? upper : "SIG" + upper;
                        if (System.Enum.TryParse<Signal>(full, out var signal) && StopSignals.Contains(signal))
                            stopSignal = signal;
                        else
                            Error(e.Line, e.Key, $"unknown stop signal '{s}': use TERM, INT, HUP, QUIT, USR1 or USR2");
                    }
                    break;
                case "stop_timeout":
                    stopTimeout = Duration(e) ?? stopTimeout;
                    break;
                case "restart":
                    restart = Enum(e, ("no", RestartPolicy.No), ("on-failure", RestartPolicy.OnFailure), ("always", RestartPolicy.Always)) ?? restart;
                    break;
                case "max_restarts":
                    maxRestarts = Integer(e, 0, 1000) ?? maxRestarts;
                    break;
                case "scale":
                    scale = Integer(e, 1, 64) ?? scale;
                    break;
                case "health":
                    health = Health(e, health ?? new HealthDraft());
                    break;
                case "port":
                    if (e.Value is true) (foremanPort, port) = (true, null);
                    else if (e.Value is false) (foremanPort, port) = (false, null);
                    else port = Integer(e, 1, 65535) ?? port;
                    break;
            }
        }

        if (command is null)
        {
            if (!commandGiven) Error(line, $"services.{name}", "missing command");
            return null;
        }
        if (health is not null && health.Targets.Count != 1)
            Error(line, $"services.{name}.health", "set exactly one of http, tcp or exec");

        if (envFile is not null)
        {
            string path = Path.GetFullPath(envFile, _root);
            if (!ConfigFileText.TryRead(path, _root, out string text, out string problem))
                Error(envFileLine, $"services.{name}.env_file", problem);
            else
                foreach (var (k, v) in DotEnv.Parse(path, text, _warnings)) env.TryAdd(k, v); // env = {...} wins over the file
        }
        foreach (var (k, v) in _envFromFiles) env.TryAdd(k, v); // -e files under the service's own
        // foreman's PORT: its base from -p, else a PORT of the service's env (its env files, as foreman's are), else the
        // environment's, else [settings] port; then + 100 per place in the file.
        if (foremanPort) port = ForemanPorts.For(ForemanPorts.Base(_reading.PortFlag, env, _settingsPort), index);
        scale = _reading.Formation?.InstancesOf(name, scale) ?? scale;
        if (port is int first && first + Math.Max(scale, 1) - 1 > 65535)
            Error(line, $"services.{name}.port", $"its PORT would be {first + scale - 1}, above 65535: use a lower -p or [settings] port");

        return new ServiceDefinition
        {
            Name = name,
            Command = command,
            WorkingDirectory = cwd,
            Environment = env,
            Mode = mode,
            DependsOn = dependsOn,
            StopSignal = stopSignal,
            StopTimeout = stopTimeout,
            Restart = restart,
            MaxRestarts = maxRestarts,
            Scale = scale,
            Health = health?.Targets.Count == 1 ? health.Check : null,
            Port = port,
        };
    }

    /// <summary>A health table as it is read, key by key: its targets (one is right) and its timings.</summary>
    private sealed class HealthDraft
    {
        public List<HealthTarget> Targets { get; } = [];

        /// <summary>The timings so far, with HealthCheck's defaults; the target is a stand-in until <see cref="Check"/>.</summary>
        public HealthCheck Timings { get; set; } = new(new ExecTarget(""));

        public HealthCheck Check => Timings with { Target = Targets[0] };
    }

    private HealthDraft Health(ConfigEntry e, HealthDraft health)
    {
        if (e.Path.Count == 3)
        {
            Error(e.Line, e.Key, "expected a table, e.g. health = { http = \"http://127.0.0.1:8000/health\" }");
            return health;
        }
        if (e.Path.Count != 4 || !HealthKeys.Contains(e.Path[3]))
        {
            Error(e.Line, e.Key, $"unknown key; health takes {string.Join(", ", HealthKeys)}");
            return health;
        }
        var timings = health.Timings;
        switch (e.Path[3])
        {
            // $PORT and other variables are the instance's, filled in at each probe: the form is checked with placeholders.
            case "http":
                if (String(e) is { } url && CheckUrl(e, EnvironmentText.WithPlaceholders(url), url)) health.Targets.Add(new HttpTarget(url));
                break;
            case "tcp":
                if (String(e) is { } address && CheckTcp(e, EnvironmentText.WithPlaceholders(address), address)) health.Targets.Add(new TcpTarget(address));
                break;
            case "exec":
                if (String(e) is { } cmd) health.Targets.Add(new ExecTarget(cmd));
                break;
            case "interval":
                if (Duration(e) is { } interval) health.Timings = timings with { Interval = interval };
                break;
            case "timeout":
                if (Duration(e) is { } timeout) health.Timings = timings with { Timeout = timeout };
                break;
            case "start_period":
                if (Duration(e) is { } startPeriod) health.Timings = timings with { StartPeriod = startPeriod };
                break;
            default:
                if (Integer(e, 1, 1000) is int retries) health.Timings = timings with { Retries = retries };
                break;
        }
        return health;
    }

    private bool CheckUrl(ConfigEntry e, string url, string written)
    {
        // The probe speaks plain HTTP/1.0 (no TLS stack in the binary): an https:// check could only ever fail.
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == "http" && uri.Host.Length > 0) return true;
        Error(e.Line, e.Key, uri?.Scheme == "https" ? $"https:// health checks are not supported: '{written}'; check a plain http:// endpoint, or use tcp or exec" : $"not an http:// URL: '{written}'");
        return false;
    }

    private bool CheckTcp(ConfigEntry e, string address, string written)
    {
        if (TcpTarget.TrySplit(address, out _, out _)) return true;
        Error(e.Line, e.Key, $"expected HOST:PORT with a port from 1 to 65535 (or $PORT), e.g. \"127.0.0.1:5432\"; found '{written}'");
        return false;
    }

    private void CheckDependencies(List<ServiceDefinition> services, Dictionary<string, int> lines)
    {
        var names = services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var s in services)
            foreach (var dep in s.DependsOn.Keys.Where(d => !names.Contains(d)))
                Error(_dependsOnLines.GetValueOrDefault(s.Name, lines[s.Name]), $"services.{s.Name}.depends_on", dep == s.Name ? "a service cannot depend on itself" : $"no service named '{dep}'");
        if (DependencyOrder.FindCycle(services) is { } cycle)
            Error(_dependsOnLines.GetValueOrDefault(cycle[0], lines[cycle[0]]), $"services.{cycle[0]}.depends_on", $"dependency cycle: {string.Join(" -> ", cycle)}");
    }

    private void CheckFileNames(List<ServiceDefinition> services, Dictionary<string, int> lines)
    {
        // Two services must never share a PID file: web's tmux file and a service named tmux_web would.
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in services.Where(s => PidFileName.IsValidService(s.Name)))
        {
            var types = s.InstanceTypes.Concat(s.Mode == ServiceMode.Tmux ? [PidTypes.Tmux] : Array.Empty<string>());
            foreach (var type in types)
            {
                string file = PidFileName.Create(s.Name, type).FileName;
                if (owners.TryGetValue(file, out var other) && other != s.Name)
                    Error(lines[s.Name], $"services.{s.Name}", $"its PID file {file} would be the same as service {other}'s; rename one of them");
                owners[file] = s.Name;
            }
        }
    }

    private string? String(ConfigEntry e)
    {
        if (e.Value is string s) return s;
        Error(e.Line, e.Key, $"expected a string, found {ConfigValues.Describe(e.Value)}");
        return null;
    }

    /// <summary>An env value: strings, and numbers or booleans written bare (PORT = 8000), as compose accepts.</summary>
    private string? Scalar(ConfigEntry e) => e.Value switch
    {
        string s => s,
        long n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => String(e),
    };

    private int? Integer(ConfigEntry e, int min, int max)
    {
        if (e.Value is long n && n >= min && n <= max) return (int)n;
        Error(e.Line, e.Key, e.Value is long ? $"must be between {min} and {max}" : $"expected an integer, found {ConfigValues.Describe(e.Value)}");
        return null;
    }

    private TimeSpan? Duration(ConfigEntry e)
    {
        if (String(e) is not { } text) return null;
        if (Durations.TryParse(text, out var value)) return value;
        Error(e.Line, e.Key, Durations.Problem(text));
        return null;
    }

    private T? Enum<T>(ConfigEntry e, params (string Name, T Value)[] choices) where T : struct
    {
        if (String(e) is not { } text) return null;
        foreach (var (n, v) in choices) if (n == text) return v;
        Error(e.Line, e.Key, $"'{text}' is not one of {string.Join(", ", choices.Select(c => c.Name))}");
        return null;
    }

    private void Error(int line, string? key, string message) => _errors.Add(new ConfigError(_file, line, key, message));

    /// <summary>The signals a service may be asked to stop with: the ones programs treat as "please exit".</summary>
    private static readonly Signal[] StopSignals = [Signal.SIGTERM, Signal.SIGINT, Signal.SIGHUP, Signal.SIGQUIT, Signal.SIGUSR1, Signal.SIGUSR2];

    /// <summary>The kernel's limit on one argument or environment string (MAX_ARG_STRLEN, 32 pages), terminating NUL included.</summary>
    internal const int MaxArgumentBytes = 128 * 1024;

    /// <summary>Why <paramref name="command"/> cannot be run, or null: empty, a NUL (it would run cut short at it), too long for execve.</summary>
    internal static string? CommandProblem(string command) =>
        string.IsNullOrWhiteSpace(command) ? "empty command"
        : command.Contains('\0') ? "the command holds a NUL character: it would run cut short there"
        : Encoding.UTF8.GetByteCount(command) + 64 >= MaxArgumentBytes ? $"the command is longer than the kernel takes for one argument ({MaxArgumentBytes / 1024} KiB): put it in a script"
        : null;
}
