using Pidman.PidFiles;

namespace Pidman.Services;

/// <summary>A project's services and settings, from <c>pidman.toml</c> or a <c>Procfile</c>.</summary>
/// <param name="Root">The project root.</param>
/// <param name="SourcePath">The file the services came from.</param>
/// <param name="PidDirectory">The PID directory (<c>[settings] pid_dir</c>, default local/pid).</param>
/// <param name="LogDirectory">Where service output goes (<c>[settings] log_dir</c>, default local/log).</param>
/// <param name="Services">The services in file order.</param>
public sealed record ProjectConfig(string Root, string SourcePath, string PidDirectory, string LogDirectory, IReadOnlyList<ServiceDefinition> Services)
{
    /// <summary>How long <c>pidman start</c> watches a new service for an early exit (<c>[settings] startup_window</c>, default 1 s; 0 turns it off).</summary>
    public TimeSpan StartupWindow { get; init; } = ServiceController.DefaultStartupWindow;

    /// <summary>The project's tmux socket name (<c>[settings] tmux_socket</c>, default derived from the root).</summary>
    public string TmuxSocket { get; init; } = Tmux.TmuxServer.SocketNameFor(Root);

    /// <summary>The service called <paramref name="name"/>, or null.</summary>
    public ServiceDefinition? Find(string name) => Services.FirstOrDefault(s => s.Name == name);
}
