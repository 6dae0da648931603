using Pidman.Processes;

namespace Pidman.Services;

/// <summary><c>mode = "background"</c>: a detached process, leader of its own session, output appended to its log (through the <see cref="LineStamper"/> when there is one).</summary>
internal sealed class BackgroundLauncher(string pidDirectory) : IServiceLauncher
{
    public Launch Launch(ServiceDefinition service, string type, LogTarget log, (Tracking Tracking, ServiceCgroup? Cgroup) tracking)
    {
        var env = ServiceEnvironment.For(service, type, pidDirectory, inherit: true);
        string script = InstanceTracking.Script(service.ParsedCommand, tracking.Cgroup);
        var request = new SpawnRequest(["/bin/sh", "-c", script], service.WorkingDirectory, env, log.Io);
        if (log.Stamper is null) return Launched(Spawner.Spawn(request));
        using var output = StamperConnection.Attach(log.Stamper, log.Io, log.Shown);
        return Launched(Spawner.Spawn(request with { OutputFd = output.Value }));

        Launch Launched(int pid) => new(service.Name, type, pid, log.Io, DateTime.UtcNow, null, tracking.Tracking, tracking.Cgroup, log.Shown);
    }

    /// <summary>It is our child: the exit code comes from reaping it.</summary>
    public int? WaitForExit(Launch launch, TimeSpan timeout) =>
        ChildProcesses.WaitForExit(launch.Pid, timeout) ? ChildProcesses.TryReap(launch.Pid) ?? -1 : null;

    public void Discard(Launch launch) => InstanceTracking.EndLeftovers(launch);

    public void Close(ServiceDefinition service) { }
}
