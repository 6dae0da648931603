using System.CommandLine;
using Pidman.Services;
using Pidman.Config;
using Pidman.PidFiles;

namespace Pidman.Cli.Config;

/// <summary>The project this invocation works on: its root, config (if any), PID and log directories.</summary>
internal sealed record ProjectContext(string Root, ProjectConfig? Config, PidManager Pids, string LogDirectory)
{
    public const string ConfigFileName = "pidman.toml";
    public const string ProcfileName = "Procfile";

    public ServiceController Services => new(Config, Pids, LogDirectory);

    /// <summary>
    /// Discovers the root and reads its config. With <paramref name="configRequired"/> a broken config is
    /// an error; otherwise it is reported on stderr and the command goes on with the PID files alone.
    /// </summary>
    public static ProjectContext Open(ParseResult result, bool configRequired)
    {
        string? dirOption = result.GetValue(GlobalOptions.Dir);
        var discovered = PidDirectory.Discover(dirOption, result.GetValue(GlobalOptions.Root));
        ProjectConfig? config = null;
        try
        {
            config = Load(discovered.Root);
        }
        catch (ConfigException e) when (!configRequired)
        {
            Output.Error($"warning: the config has errors; showing PID files only:{Environment.NewLine}{e.Message}");
        }
        bool explicitDir = !string.IsNullOrWhiteSpace(dirOption) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("PIDMAN_DIR"));
        var directory = explicitDir || config is null ? discovered : new PidDirectory(discovered.Root, config.PidDirectory);
        string logDirectory = config?.LogDirectory ?? Path.Combine(discovered.Root, "local", "log");
        return new ProjectContext(discovered.Root, config, new PidManager(directory), logDirectory);
    }

    /// <summary>pidman.toml if present, else a Procfile, else null.</summary>
    public static ProjectConfig? Load(string root)
    {
        string toml = Path.Combine(root, ConfigFileName);
        if (File.Exists(toml)) return TomlConfigReader.Read(toml, root);
        string procfile = Path.Combine(root, ProcfileName);
        return File.Exists(procfile) ? ProcfileReader.Read(procfile, root) : null;
    }
}
