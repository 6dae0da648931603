namespace Pidman.Services;

/// <summary>One spawned instance of a service.</summary>
/// <param name="Service">The service.</param>
/// <param name="Type">Its PID type.</param>
/// <param name="Pid">The instance's process.</param>
/// <param name="LogPath">Its log, to write and read (through the held log directory).</param>
/// <param name="SpawnedAt">When it was spawned.</param>
/// <param name="TmuxWindow">Its window, when it runs in tmux.</param>
/// <param name="Tracking">How its processes are tracked.</param>
/// <param name="Cgroup">Its cgroup, when it has one.</param>
/// <param name="LogShownAs">Its log as users see it.</param>
internal sealed record Launch(string Service, string Type, int Pid, string LogPath, DateTime SpawnedAt, string? TmuxWindow, Processes.Tracking Tracking, Processes.ServiceCgroup? Cgroup, string LogShownAs);
