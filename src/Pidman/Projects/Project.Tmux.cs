using Pidman.Exceptions;
using Pidman.PidFiles;
using Pidman.Services;

namespace Pidman.Projects;

public sealed partial class Project
{
    /// <summary>Attaches this terminal to the tmux window of <paramref name="service"/>; returns tmux's exit code.</summary>
    /// <exception cref="PidmanInputException">No such service, or it does not run in tmux.</exception>
    /// <exception cref="PidmanException">It has no window (not started).</exception>
    public int Attach(string service)
    {
        var definition = RequireConfig().Require(service);
        if (definition.Mode != ServiceMode.Tmux)
            throw new PidmanInputException($"{service} runs in the background, not in tmux; see its output with 'pidman logs -f {service}'");
        string window = PidFileName.Create(service, definition.InstanceTypes[0]).Stem;
        if (!Services.TmuxServer.WindowNames().Contains(window))
            throw new PidmanException($"{service} has no tmux window; start it with 'pidman start {service}'");
        return Services.TmuxServer.Attach(window);
    }
}
