using System.Text.RegularExpressions;
using Pidman.Config;
using Pidman.PidFiles;

namespace Pidman.Services;

/// <summary>
/// A <c>Procfile</c> as foreman reads it: <c>name: command</c> lines, <c>#</c> comments, blank lines; <c>.env</c> beside it
/// (or the env files given instead); the service on line i of the services gets <c>PORT</c> = base + 100 × i.
/// </summary>
public static partial class ProcfileReader
{
    /// <summary>Reads the Procfile at <paramref name="path"/> of the project at <paramref name="root"/>.</summary>
    /// <exception cref="ConfigException">Every malformed line, with its number.</exception>
    /// <param name="path">The Procfile (any name).</param>
    /// <param name="root">The project root.</param>
    /// <param name="envFiles">Env files read instead of <c>.env</c> (later ones win); none: <c>.env</c> at the root, if any.</param>
    /// <param name="portBase">The first <c>PORT</c>.</param>
    public static ProjectConfig Read(string path, string root, IReadOnlyList<string>? envFiles = null, int portBase = ProjectSettings.DefaultPortBase)
    {
        var errors = new List<ConfigError>();
        var services = new List<ServiceDefinition>();
        string dotEnvPath = Path.Combine(root, ".env");
        var env = envFiles is { Count: > 0 } ? DotEnv.ReadAll(envFiles, errors, root)
            : File.Exists(dotEnvPath) || IsLink(dotEnvPath) ? DotEnv.Read(dotEnvPath, errors, root) : new Dictionary<string, string>();
        if (!ConfigFileText.TryRead(path, root, out string text, out string problem))
            throw new ConfigException([.. errors, new ConfigError(path, 0, null, FileSystem.TrustedFile.WithoutName(problem, path))]);
        string[] lines = ConfigFileText.Lines(text);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            var m = Line().Match(line);
            if (!m.Success)
            {
                errors.Add(new ConfigError(path, i + 1, null, "expected 'name: command'"));
                continue;
            }
            string name = m.Groups[1].Value;
            string command = m.Groups[2].Value.Trim();
            if (!PidFileName.IsValidService(name))
                errors.Add(new ConfigError(path, i + 1, name, "invalid service name: use 1-64 characters from A-Z a-z 0-9 . _ -, starting with a letter or digit"));
            else if (PidTypes.IsReservedService(name))
                errors.Add(new ConfigError(path, i + 1, name, "reserved: its PID file would be the supervisor's own; rename the service"));
            else if (ProjectConfigBuilder.CommandProblem(command) is { } commandProblem)
                errors.Add(new ConfigError(path, i + 1, name, commandProblem));
            else if (!names.Add(name))
                errors.Add(new ConfigError(path, i + 1, name, "defined twice"));
            else
                services.Add(new ServiceDefinition { Name = name, Command = command, WorkingDirectory = root, Environment = env, Port = ServiceDefinition.ForemanPort(portBase, services.Count) });
        }
        if (services.Count == 0 && errors.Count == 0) errors.Add(new ConfigError(path, 0, null, "no services defined"));
        if (errors.Count > 0) throw new ConfigException(errors);
        return new ProjectConfig(root, path, ProjectSettings.Defaults(root) with { PortBase = portBase }, services);
    }

    /// <summary>True when <paramref name="path"/> is a symbolic link (even a dangling one): it is read, so the rule refuses it out loud.</summary>
    internal static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    [GeneratedRegex(@"^([^\s:#]+):(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Line();
}
