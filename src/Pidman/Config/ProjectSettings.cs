using Pidman.PidFiles;

namespace Pidman.Config;

/// <summary>
/// The <c>[settings]</c> table of <c>pidman.toml</c>, with every default filled in: where PID files and logs go,
/// the tmux socket, and how long <c>start</c> watches a new service.
/// </summary>
/// <param name="PidDirectory">Absolute PID directory (<c>pid_dir</c>, default <c>&lt;root&gt;/local/pid</c>).</param>
/// <param name="LogDirectory">Absolute log directory (<c>log_dir</c>, default <c>&lt;root&gt;/local/log</c>).</param>
/// <param name="TmuxSocket">The tmux socket name (<c>tmux_socket</c>); null: derived from the root by the tmux layer.</param>
/// <param name="StartupWindow">How long <c>start</c> watches a new service for an early exit (<c>startup_window</c>; zero: not at all).</param>
/// <param name="PortBase">foreman's <c>PORT</c> base (<c>port</c>, default 5000): service i of the file gets base + 100 × i.</param>
/// <param name="LogMaxBytes">A service log over this size is rotated (<c>log_max_size</c>, default 50 MB; 0: never).</param>
/// <param name="LogKeep">How many rotated logs are kept (<c>log_keep</c>, default 10): <c>web.log.1</c> .. <c>web.log.N</c>.</param>
internal sealed record ProjectSettings(string PidDirectory, string LogDirectory, string? TmuxSocket, TimeSpan StartupWindow,
    int PortBase = ProjectSettings.DefaultPortBase, long LogMaxBytes = ProjectSettings.DefaultLogMaxBytes, int LogKeep = ProjectSettings.DefaultLogKeep)
{
    /// <summary>supervisord's default <c>logfile_maxbytes</c>.</summary>
    public const long DefaultLogMaxBytes = 50L << 20;

    /// <summary>supervisord's default <c>logfile_backups</c>.</summary>
    public const int DefaultLogKeep = 10;

    /// <summary>foreman's, honcho's and overmind's first <c>PORT</c>.</summary>
    public const int DefaultPortBase = 5000;

    /// <summary>The default PID directory, relative to the root.</summary>
    public const string DefaultPidDirectory = "local/pid";

    /// <summary>The default log directory, relative to the root.</summary>
    public const string DefaultLogDirectory = "local/log";

    /// <summary>The default <see cref="StartupWindow"/>.</summary>
    public static readonly TimeSpan DefaultStartupWindow = TimeSpan.FromSeconds(1);

    /// <summary>Every setting at its default, for the project at <paramref name="root"/> (a Procfile, or no config).</summary>
    public static ProjectSettings Defaults(string root) =>
        new(Path.Combine(root, DefaultPidDirectory), Path.Combine(root, DefaultLogDirectory), null, DefaultStartupWindow);

    /// <summary>Reads the <c>settings.*</c> keys of <paramref name="document"/>; problems are added to <paramref name="errors"/> and leave the default.</summary>
    public static ProjectSettings Read(ConfigDocument document, string root, ICollection<ConfigError> errors)
    {
        var settings = Defaults(root);
        foreach (var e in document.Entries.Where(e => e.Path[0] == "settings"))
        {
            string? Text()
            {
                if (e.Value is string s) return s;
                errors.Add(new ConfigError(document.Path, e.Line, e.Key, $"expected a string, found {ConfigValues.Describe(e.Value)}"));
                return null;
            }
            switch (e.Path.Count == 2 ? e.Path[1] : null)
            {
                case "pid_dir" when Text() is { } dir:
                    settings = settings with { PidDirectory = Path.GetFullPath(dir, root) };
                    break;
                case "log_dir" when Text() is { } dir:
                    settings = settings with { LogDirectory = Path.GetFullPath(dir, root) };
                    break;
                case "tmux_socket" when Text() is { } socket:
                    if (socket.Length is > 0 and <= 64 && socket.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                        settings = settings with { TmuxSocket = socket };
                    else
                        errors.Add(new ConfigError(document.Path, e.Line, e.Key, "use 1-64 characters from A-Z a-z 0-9 . _ -"));
                    break;
                case "startup_window" when Text() is { } text:
                    if (Durations.TryParse(text, out var window)) settings = settings with { StartupWindow = window };
                    else errors.Add(new ConfigError(document.Path, e.Line, e.Key, Durations.Problem(text)));
                    break;
                case "log_max_size" when Text() is { } size:
                    if (ByteSizes.TryParse(size, out long bytes)) settings = settings with { LogMaxBytes = bytes };
                    else errors.Add(new ConfigError(document.Path, e.Line, e.Key, ByteSizes.Problem(size)));
                    break;
                case "log_keep":
                    if (e.Value is long keep && keep is >= 0 and <= 1000) settings = settings with { LogKeep = (int)keep };
                    else errors.Add(new ConfigError(document.Path, e.Line, e.Key, $"expected a number from 0 to 1000, found {ConfigValues.Describe(e.Value)}"));
                    break;
                case "port":
                    if (e.Value is long port && port is >= 1 and <= 65535) settings = settings with { PortBase = (int)port };
                    else errors.Add(new ConfigError(document.Path, e.Line, e.Key, $"expected a port number from 1 to 65535, found {ConfigValues.Describe(e.Value)}"));
                    break;
                case "pid_dir" or "log_dir" or "tmux_socket" or "startup_window" or "log_max_size":
                    break; // a wrong type, reported by Text()
                default:
                    errors.Add(new ConfigError(document.Path, e.Line, e.Key, "unknown key; [settings] takes pid_dir, log_dir, tmux_socket, startup_window, port, log_max_size, log_keep"));
                    break;
            }
        }
        return settings;
    }
}
