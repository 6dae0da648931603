using Pidman.PidFiles;

namespace Pidman.Config;

/// <summary>
/// Where a project is and where its files go, by one precedence rule for everyone (the CLI, <c>new PidManager()</c>,
/// <c>Pidman.Hosting</c>): root from <c>--root</c> / <c>PIDMAN_ROOT</c> / discovery; PID directory from <c>--dir</c> /
/// <c>PIDMAN_DIR</c> / <c>[settings] pid_dir</c> / <c>local/pid</c>; log directory from <c>[settings] log_dir</c> / <c>local/log</c>.
/// </summary>
public sealed class ProjectLayout
{
    /// <summary>The config file pidman looks for first.</summary>
    public const string ConfigFileName = "pidman.toml";

    /// <summary>The config file pidman reads when there is no <see cref="ConfigFileName"/>.</summary>
    public const string ProcfileName = "Procfile";

    private ProjectLayout(string root, string? configFile, ConfigDocument? document, ProjectSettings settings, PidDirectory pidDirectory, IReadOnlyList<ConfigError> errors, IReadOnlyList<string> envFiles)
    {
        EnvFiles = envFiles;
        Root = root;
        ConfigFile = configFile;
        Document = document;
        Settings = settings;
        PidDirectory = pidDirectory;
        Errors = errors;
    }

    /// <summary>The project root.</summary>
    public string Root { get; }

    /// <summary><c>pidman.toml</c> or <c>Procfile</c> at the root, or null when there is neither.</summary>
    public string? ConfigFile { get; }

    /// <summary>The parsed <c>pidman.toml</c> (null for a Procfile or no config).</summary>
    public ConfigDocument? Document { get; }

    /// <summary>The settings, defaults filled in.</summary>
    public ProjectSettings Settings { get; }

    /// <summary>The PID directory, after the precedence rule.</summary>
    public PidDirectory PidDirectory { get; }

    /// <summary>Env files given by <c>-e</c> or <c>PIDMAN_ENV_FILE</c>, as absolute paths (each one exists).</summary>
    public IReadOnlyList<string> EnvFiles { get; }

    /// <summary>The log directory.</summary>
    public string LogDirectory => Settings.LogDirectory;

    /// <summary>Syntax and <c>[settings]</c> errors: with any, the settings fell back to their defaults where they could not be read.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>True when the PID directory came from <c>--dir</c> or <c>PIDMAN_DIR</c> rather than the config.</summary>
    public bool PidDirectoryIsExplicit { get; private init; }

    /// <summary>Finds the project by <paramref name="options"/> (all defaults when null) and reads its settings.</summary>
    /// <exception cref="Exceptions.PidmanInputException">A config or env file given by option or variable does not exist.</exception>
    public static ProjectLayout Discover(ProjectOptions? options = null)
    {
        options ??= new ProjectOptions();
        string cwd = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);
        string? rootOption = NonEmpty(options.Root) ?? NonEmpty(Environment.GetEnvironmentVariable("PIDMAN_ROOT"));
        string? fileOption = NonEmpty(options.ConfigFile) ?? NonEmpty(Environment.GetEnvironmentVariable("PIDMAN_FILE"));
        string? configFile = fileOption is null ? null : Existing(Path.GetFullPath(fileOption, cwd), options.ConfigFile is null ? "PIDMAN_FILE" : "--file");
        string root = rootOption is not null ? Path.GetFullPath(rootOption, cwd)
            : configFile is not null ? Path.GetDirectoryName(configFile)!
            : FindProjectRoot(cwd) ?? cwd;

        configFile ??= new[] { ConfigFileName, ProcfileName }.Select(n => Path.Combine(root, n)).FirstOrDefault(File.Exists);
        var envFiles = (options.EnvFiles.Count > 0 ? options.EnvFiles : (NonEmpty(Environment.GetEnvironmentVariable("PIDMAN_ENV_FILE"))?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? []))
            .Select(f => Existing(Path.GetFullPath(f, cwd), options.EnvFiles.Count > 0 ? "--env-file" : "PIDMAN_ENV_FILE")).ToList();
        var errors = new List<ConfigError>();
        ConfigDocument? document = null;
        var settings = ProjectSettings.Defaults(root);
        if (configFile is not null && IsToml(configFile))
        {
            document = TomlConfigReader.Read(configFile);
            errors.AddRange(document.SyntaxErrors);
            settings = ProjectSettings.Read(document, root, errors);
        }
        if (options.Port is int port) settings = settings with { PortBase = port };

        // An explicit directory is relative to where the user stands; the config's is relative to the root.
        string? dirOption = NonEmpty(options.PidDirectory) ?? NonEmpty(Environment.GetEnvironmentVariable("PIDMAN_DIR"));
        var pidDirectory = new PidDirectory(root, dirOption is not null ? Path.GetFullPath(dirOption, cwd) : settings.PidDirectory);
        return new ProjectLayout(root, configFile, document, settings, pidDirectory, errors, envFiles) { PidDirectoryIsExplicit = dirOption is not null };
    }

    /// <summary>A <c>pidman.toml</c> by its extension; any other file is read as a Procfile.</summary>
    public static bool IsToml(string configFile) => configFile.EndsWith(".toml", StringComparison.OrdinalIgnoreCase);

    private static string Existing(string path, string from) =>
        File.Exists(path) ? path : throw new Exceptions.PidmanInputException($"{path} (from {from}): no such file");

    /// <summary>The PID directory, or a <see cref="ConfigException"/> when it depends on a config that cannot be read.</summary>
    public PidDirectory RequirePidDirectory() =>
        Errors.Count == 0 || PidDirectoryIsExplicit ? PidDirectory : throw new ConfigException(Errors);

    /// <summary>The nearest folder at or above <paramref name="start"/> holding <c>pidman.toml</c> or <c>Procfile</c>.</summary>
    public static string? FindProjectRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ConfigFileName)) || File.Exists(Path.Combine(dir.FullName, ProcfileName)))
                return dir.FullName;
        }
        return null;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
