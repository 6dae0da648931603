using Pidman.Processes;

namespace Pidman.Services;

/// <summary><c>mode = "background"</c>: a detached process, leader of its own session, output appended to its log.</summary>
internal sealed class BackgroundLauncher(string pidDirectory) : IServiceLauncher
{
    public Launch Launch(ServiceDefinition service, string type, LogTarget log, (Tracking Tracking, ServiceCgroup? Cgroup) tracking)
    {
        var env = ServiceEnvironment.For(service, type, pidDirectory, inherit: true);
        string script = InstanceTracking.Script(service.ParsedCommand, tracking.Cgroup);
        int pid = Spawner.Spawn(new SpawnRequest(["/bin/sh", "-c", script], service.WorkingDirectory, env, log.Io));
        return new Launch(service.Name, type, pid, log.Io, DateTime.UtcNow, null, tracking.Tracking, tracking.Cgroup, log.Shown);
    }

    /// <summary>It is our child: the exit code comes from reaping it.</summary>
    public int? WaitForExit(Launch launch, TimeSpan timeout) =>
        ChildProcesses.WaitForExit(launch.Pid, timeout) ? ChildProcesses.TryReap(launch.Pid) ?? -1 : null;

    public void Discard(Launch launch) => InstanceTracking.EndLeftovers(launch);

    public void Close(ServiceDefinition service) { }
}
