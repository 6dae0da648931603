using System.Text.RegularExpressions;
using Pidman.Config;
using Pidman.PidFiles;

namespace Pidman.Config;

/// <summary>
/// A <c>Procfile</c> as foreman reads it (lib/foreman/procfile.rb): the lines <c>name: command</c> that match
/// <c>^([A-Za-z0-9_-]+):\s*(.+)$</c> are the services, in order, and every other line is skipped - with a warning here,
/// where foreman is silent, unless it is blank or a <c>#</c> comment. The <c>.env</c> beside it (or the env files given
/// instead) is read by <see cref="DotEnv"/>; the service on line i of the services gets foreman's <c>PORT</c>
/// (<see cref="ForemanPorts"/>) and <c>PS</c>. Where foreman would hurt, pidman differs: two services of one name are an
/// error (they would share a PID file), and a name starting with <c>_</c> or <c>-</c> is skipped (it would read as an
/// option, and is no PID file name).
/// </summary>
internal static partial class ProcfileReader
{
    /// <summary>Reads the Procfile at <paramref name="path"/> of the project at <paramref name="root"/>.</summary>
    /// <exception cref="ConfigException">Every error, with its line: a name defined twice, a command that cannot run, a file the trust rule refuses.</exception>
    /// <param name="path">The Procfile (any name).</param>
    /// <param name="root">The project root.</param>
    /// <param name="reading">Env files, <c>-p</c> and formation the command gave.</param>
    /// <param name="settings">The settings: the defaults with, at most, a <c>[settings] port</c>.</param>
    public static ProjectConfig Read(string path, string root, ConfigReading? reading = null, ProjectSettings? settings = null)
    {
        reading ??= ConfigReading.None;
        settings ??= ProjectSettings.Defaults(root);
        var errors = new List<ConfigError>();
        var warnings = new List<ConfigError>();
        string dotEnvPath = Path.Combine(root, ".env");
        var env = reading.EnvFiles.Count > 0 ? DotEnv.ReadAll(reading.EnvFiles, errors, warnings, root)
            : File.Exists(dotEnvPath) || IsLink(dotEnvPath) ? DotEnv.Read(dotEnvPath, errors, warnings, root) : new Dictionary<string, string>();
        if (!ConfigFileText.TryRead(path, root, out string text, out string problem))
            throw new ConfigException([.. errors, new ConfigError(path, 0, null, Os.Fs.TrustedFile.WithoutName(problem, path))]);
        int portBase = ForemanPorts.Base(reading.PortFlag, env, settings.PortBase);
        var services = new List<ServiceDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        string[] lines = ConfigFileText.Lines(text);
        int index = 0; // foreman's position among the matching lines: what PORT counts by
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            var m = Line().Match(line);
            if (!m.Success)
            {
                if (!string.IsNullOrWhiteSpace(line) && !line.TrimStart().StartsWith('#'))
                    warnings.Add(new ConfigError(path, i + 1, null, "skipped: not 'name: command' (foreman skips it too)"));
                continue;
            }
            string name = m.Groups[1].Value;
            string command = m.Groups[2].Value.Trim();
            int position = index++;
            if (!PidFileName.IsValidService(name))
                warnings.Add(new ConfigError(path, i + 1, name, "skipped: a name starting with _ or - is no PID file name (and would read as an option); foreman would run it"));
            else if (PidTypes.IsReservedService(name))
                errors.Add(new ConfigError(path, i + 1, name, "reserved: its PID file would be the supervisor's own; rename the service"));
            else if (command.Length == 0)
                warnings.Add(new ConfigError(path, i + 1, name, "skipped: no command"));
            else if (ProjectConfigBuilder.CommandProblem(command) is { } commandProblem)
                errors.Add(new ConfigError(path, i + 1, name, commandProblem));
            else if (!names.Add(name))
                errors.Add(new ConfigError(path, i + 1, name, "defined twice: the two would share one PID file (foreman would run both); rename one"));
            else if (reading.Formation?.InstancesOf(name, 1) is not 0)
            {
                int scale = reading.Formation?.InstancesOf(name, 1) ?? 1;
                int port = ForemanPorts.For(portBase, position);
                if (port + scale - 1 > 65535)
                    errors.Add(new ConfigError(path, i + 1, name, $"its PORT would be {port + scale - 1}, above 65535: use a lower -p or [settings] port"));
                services.Add(new ServiceDefinition { Name = name, Command = command, WorkingDirectory = root, Environment = env, Port = port, Scale = scale });
            }
        }
        if (reading.Formation is { } formation)
            foreach (string unknown in formation.Counts.Keys.Where(n => !names.Contains(n)))
                errors.Add(new ConfigError(path, 0, null, $"the formation names '{unknown}', which {path} does not define"));
        if (services.Count == 0 && errors.Count == 0 && names.Count == 0) errors.Add(new ConfigError(path, 0, null, "no services defined"));
        if (errors.Count > 0) throw new ConfigException([.. errors, .. warnings]);
        return new ProjectConfig(root, path, settings with { PortBase = portBase }, services) { Warnings = warnings };
    }

    /// <summary>True when <paramref name="path"/> is a symbolic link (even a dangling one): it is read, so the rule refuses it out loud.</summary>
    internal static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    [GeneratedRegex(@"^([A-Za-z0-9_-]+):\s*(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Line();
}
