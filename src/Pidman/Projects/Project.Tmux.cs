using Pidman.Config;
using Pidman.Exceptions;
using Pidman.PidFiles;
using Pidman.Services;

namespace Pidman.Projects;

public sealed partial class Project
{
    /// <summary>
    /// Attaches this terminal to the tmux window of <paramref name="service"/> - a service (its first instance) or one
    /// instance as status names it (<c>worker2_repl</c>, as <c>logs</c> takes it); returns tmux's exit code.
    /// </summary>
    /// <exception cref="PidmanInputException">No such service or instance, or it does not run in tmux.</exception>
    /// <exception cref="PidmanException">It has no window (not started).</exception>
    internal int Attach(string service)
    {
        var config = RequireConfig();
        var instance = PidFileName.Infer(service + PidFileName.Extension) is { } named && config.Find(named.Service) is { } owner && owner.InstanceTypes.Contains(named.Type) && config.Find(service) is null
            ? (Definition: owner, Type: named.Type)
            : (Definition: config.Require(service), Type: (string?)null);
        var definition = instance.Definition;
        if (definition.Mode != ServiceMode.Tmux)
            throw new PidmanInputException($"{definition.Name} runs in the background, not in tmux; see its output with 'pidman logs -f {service}'");
        string window = PidFileName.Create(definition.Name, instance.Type ?? definition.InstanceTypes[0]).Stem;
        if (!Services.TmuxServer.WindowNames().Contains(window))
            throw new PidmanException($"{service} has no tmux window; start it with 'pidman start {definition.Name}'");
        return Services.TmuxServer.Attach(window);
    }
}
