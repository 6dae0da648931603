using Pidman.Config;
using Pidman.PidFiles;

namespace Pidman.Config;

/// <summary>A project's services and settings, from <c>pidman.toml</c> or a <c>Procfile</c>.</summary>
/// <param name="Root">The project root.</param>
/// <param name="SourcePath">The file the services came from.</param>
/// <param name="Settings">The settings (<c>[settings]</c>; defaults for a Procfile).</param>
/// <param name="Services">The services in file order.</param>
internal sealed record ProjectConfig(string Root, string SourcePath, ProjectSettings Settings, IReadOnlyList<ServiceDefinition> Services)
{
    /// <summary>The PID directory the config asks for (<c>--dir</c> and <c>PIDMAN_DIR</c> win over it: see <see cref="ProjectLayout"/>).</summary>
    public string PidDirectory => Settings.PidDirectory;

    /// <summary>Where service output goes.</summary>
    public string LogDirectory => Settings.LogDirectory;

    /// <summary>What reading it passed over and why (a Procfile or .env line foreman skips too), each with its file and line.</summary>
    public IReadOnlyList<ConfigError> Warnings { get; init; } = [];

    private Dictionary<string, ServiceDefinition>? _byName;
    private HashSet<string>? _oneShots;

    /// <summary>The service called <paramref name="name"/>, or null.</summary>
    public ServiceDefinition? Find(string name)
    {
        _byName ??= Services.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return _byName.GetValueOrDefault(name);
    }

    /// <summary>The service called <paramref name="name"/>.</summary>
    /// <exception cref="Exceptions.PidmanInputException">No such service: the message lists the defined ones.</exception>
    public ServiceDefinition Require(string name) =>
        Find(name) ?? throw ServiceNames.Unknown(name, Services.Select(s => s.Name).ToList(), SourcePath);

    /// <summary>True when some service waits for <paramref name="name"/> to run to completion: it is a one-shot job, not a server.</summary>
    public bool IsOneShot(string name)
    {
        _oneShots ??= Services.SelectMany(s => s.DependsOn.Where(d => d.Value == DependencyCondition.Completed).Select(d => d.Key)).ToHashSet(StringComparer.Ordinal);
        return _oneShots.Contains(name);
    }
}
