using Pidman.Os.Fs;
using Pidman.PidFiles;

namespace Pidman.Config;

/// <summary>
/// Where a project is and where its files go, by one precedence rule for everyone (the CLI, <c>new PidManager()</c>,
/// <c>Pidman.Hosting</c>): root from <c>--root</c> / <c>PIDMAN_ROOT</c> / discovery; PID directory from <c>--dir</c> /
/// <c>PIDMAN_DIR</c> / <c>[settings] pid_dir</c> / <c>local/pid</c>; log directory from <c>[settings] log_dir</c> / <c>local/log</c>.
/// </summary>
internal sealed class ProjectLayout
{
    /// <summary>The config file pidman looks for first.</summary>
    public const string ConfigFileName = "pidman.toml";

    /// <summary>The config file pidman reads when there is no <see cref="ConfigFileName"/>.</summary>
    public const string ProcfileName = "Procfile";

    private ProjectLayout(string root, string? configFile, ConfigDocument? document, ProjectSettings settings, PidDirectory pidDirectory, IReadOnlyList<ConfigError> errors, IReadOnlyList<string> envFiles, IReadOnlyList<string> warnings)
    {
        Warnings = warnings;
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

    /// <summary>What discovery passed over and why (a config above the working directory that the trust rule refuses).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The <c>PORT</c> base given by <c>-p</c>, if any (<see cref="ProjectOptions.Port"/>).</summary>
    public int? PortFlag { get; private init; }

    /// <summary>The formation given by <c>-m</c>, if any (<see cref="ProjectOptions.Formation"/>).</summary>
    public Formation? Formation { get; private init; }

    /// <summary>True when the PID directory came from <c>--dir</c> or <c>PIDMAN_DIR</c> rather than the config.</summary>
    public bool PidDirectoryIsExplicit { get; private init; }

    /// <summary>Finds the project by <paramref name="options"/> (all defaults when null) and reads its settings.</summary>
    /// <exception cref="Exceptions.PidmanInputException">A config or env file given by option or variable does not exist.</exception>
    public static ProjectLayout Discover(ProjectOptions? options = null)
    {
        Os.LinuxOnly.Require();
        options ??= new ProjectOptions();
        string cwd = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);
        string? rootOption = NonEmpty(options.Root) ?? NonEmpty(Environment.GetEnvironmentVariable("PIDMAN_ROOT"));
        string? fileOption = NonEmpty(options.ConfigFile) ?? NonEmpty(Environment.GetEnvironmentVariable("PIDMAN_FILE"));
        string? configFile = fileOption is null ? null : Existing(Path.GetFullPath(fileOption, cwd), options.ConfigFile is null ? "PIDMAN_FILE" : "--file");
        var warnings = new List<string>();
        string root = rootOption is not null ? Path.GetFullPath(rootOption, cwd)
            : configFile is not null ? Path.GetDirectoryName(configFile)!
            : FindProjectRoot(cwd, warnings) ?? cwd;

        configFile ??= new[] { ConfigFileName, ProcfileName }.Select(n => Path.Combine(root, n)).FirstOrDefault(Exists);
        var envFiles = (options.EnvFiles.Count > 0 ? options.EnvFiles : (NonEmpty(Environment.GetEnvironmentVariable("PIDMAN_ENV_FILE"))?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? []))
            .Select(f => Existing(Path.GetFullPath(f, cwd), options.EnvFiles.Count > 0 ? "--env-file" : "PIDMAN_ENV_FILE")).ToList();
        var errors = new List<ConfigError>();
        ConfigDocument? document = null;
        var settings = ProjectSettings.Defaults(root);
        if (configFile is not null && IsToml(configFile))
        {
            document = TomlConfigReader.Read(configFile, root);
            errors.AddRange(document.SyntaxErrors);
            settings = ProjectSettings.Read(document, root, errors);
        }

        // An explicit directory is relative to where the user stands; the config's is relative to the root.
        string? dirOption = NonEmpty(options.PidDirectory) ?? NonEmpty(Environment.GetEnvironmentVariable("PIDMAN_DIR"));
        var pidDirectory = new PidDirectory(root, dirOption is not null ? Path.GetFullPath(dirOption, cwd) : settings.PidDirectory);
        return new ProjectLayout(root, configFile, document, settings, pidDirectory, errors, envFiles, warnings)
        {
            PidDirectoryIsExplicit = dirOption is not null,
            PortFlag = options.Port,
            Formation = options.Formation,
        };
    }

    /// <summary>A <c>pidman.toml</c> by its extension; any other file is read as a Procfile.</summary>
    public static bool IsToml(string configFile) => configFile.EndsWith(".toml", StringComparison.OrdinalIgnoreCase);

    private static string Existing(string path, string from) =>
        Exists(path) ? path : throw new Exceptions.PidmanInputException($"{path} (from {from}): no such file");

    /// <summary>Something is at <paramref name="path"/>: a file, or a link or FIFO in its place, which the trust rule then refuses out loud.</summary>
    private static bool Exists(string path) => File.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>The PID directory, or a <see cref="ConfigException"/> when it depends on a config that cannot be read.</summary>
    public PidDirectory RequirePidDirectory() =>
        Errors.Count == 0 || PidDirectoryIsExplicit ? PidDirectory : throw new ConfigException(Errors);

    /// <summary>
    /// The nearest folder at or above <paramref name="start"/> holding <c>pidman.toml</c> or <c>Procfile</c>. Above
    /// <paramref name="start"/>, the search stops, adopting nothing, at a folder the trust rule refuses (another user's, or
    /// one others may write that is not yours: /tmp for anyone but root) and at a config file it refuses (another user's,
    /// writable by others, a link): someone else's project is never adopted from above, as git's <c>safe.directory</c>
    /// rule has it (CVE-2022-24765). Each such stop is said in <paramref name="warnings"/>. In <paramref name="start"/>
    /// itself a config is the user's to have meant: it is taken, and reading it says what is wrong with it.
    /// </summary>
    public static string? FindProjectRoot(string start, ICollection<string>? warnings = null)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string? candidate = new[] { ConfigFileName, ProcfileName }.Select(n => Path.Combine(dir.FullName, n)).FirstOrDefault(Exists);
            bool here = dir.FullName == Path.TrimEndingDirectorySeparator(start);
            if (here) { if (candidate is not null) return dir.FullName; continue; }
            if (TrustRule.AdoptableFolderProblem(dir.FullName) is { } folderProblem)
            {
                if (candidate is not null) warnings?.Add($"not reading {candidate}: {TrustedFile.WithoutName(folderProblem, dir.FullName)}");
                return null;
            }
            if (candidate is null) continue;
            if (TrustedFile.Problem(candidate, candidate) is { } fileProblem)
            {
                warnings?.Add($"not reading {candidate}: it {TrustedFile.WithoutName(fileProblem, candidate)}");
                return null;
            }
            return dir.FullName;
        }
        return null;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
