using Pidman.Config;
using Pidman.Containment;
using Pidman.Logs;
using Pidman.Os;

namespace Pidman.Services;

/// <summary><c>mode = "background"</c>: a detached process, leader of its own session, output appended to its log (through the <see cref="LineStamper"/> when there is one).</summary>
internal sealed class BackgroundLauncher(string pidDirectory, ServiceLogs logs) : IServiceLauncher
{
    public Launch Launch(ServiceDefinition service, string type, LogTarget target, (Tracking Tracking, ServiceCgroup? Cgroup) tracking)
    {
        var env = ServiceEnvironment.For(service, type, pidDirectory, inherit: true);
        string script = InstanceTracking.Script(service.ParsedCommand, tracking.Cgroup);
        // The log is opened here, by the trust rule, never by path in the child: a FIFO or a link in its place is refused before anything runs.
        using var log = logs.OpenForAppend(target.Log);
        using var output = target.Stamper is null ? null : StamperConnection.Attach(target.Stamper, log, target.Log.Path);
        string[] argv = ["/bin/sh", "-c", script];
        int pid = Spawner.Spawn(new SpawnRequest(argv, service.WorkingDirectory, env) { OutputFd = (output ?? log).Value });
        return new Launch(service.Name, type, pid, target.Log, DateTime.UtcNow, null, tracking.Tracking, tracking.Cgroup)
        {
            Wrapper = service.ParsedCommand.Form == CommandForm.Shell ? null : argv,
        };
    }

    /// <summary>It is our child: the exit code comes from reaping it.</summary>
    public int? WaitForExit(Launch launch, TimeSpan timeout) =>
        ChildProcesses.WaitForExit(launch.Pid, timeout) ? ChildProcesses.TryReap(launch.Pid) ?? -1 : null;

    public void Discard(Launch launch) => InstanceTracking.EndLeftovers(launch);

    public void Close(ServiceDefinition service) { }
}
