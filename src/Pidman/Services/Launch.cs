using Pidman.Containment;
using Pidman.Logs;

namespace Pidman.Services;

/// <summary>One spawned instance of a service.</summary>
/// <param name="Service">The service.</param>
/// <param name="Type">Its PID type.</param>
/// <param name="Pid">The instance's process.</param>
/// <param name="Log">Its log.</param>
/// <param name="SpawnedAt">When it was spawned.</param>
/// <param name="TmuxWindow">Its window, when it runs in tmux.</param>
/// <param name="Tracking">How its processes are tracked.</param>
/// <param name="Cgroup">Its cgroup, when it has one.</param>
internal sealed record Launch(string Service, string Type, int Pid, LogFile Log, DateTime SpawnedAt, string? TmuxWindow, Containment.Tracking Tracking, Containment.ServiceCgroup? Cgroup)
{
    /// <summary>The argv of the shell that runs the command and then execs it (null when the shell stays, or in tmux): until its exec, the PID is that shell.</summary>
    public IReadOnlyList<string>? Wrapper { get; init; }
}
