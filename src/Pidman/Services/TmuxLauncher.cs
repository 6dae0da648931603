using Pidman.Config;
using Pidman.Containment;
using Pidman.Logs;
using Pidman.Os;
using Pidman.Os.Fs;
using Pidman.PidFiles;
using Pidman.Tmux;

namespace Pidman.Services;

/// <summary><c>mode = "tmux"</c>: a window of the project's own tmux server; the server is recorded as the service's <c>tmux</c> PID.</summary>
internal sealed class TmuxLauncher(TmuxServer tmux, PidManager pids) : IServiceLauncher
{
    /// <summary>How long tmux may take to note a dead pane's status.</summary>
    private static readonly TimeSpan DeadStatusWait = TimeSpan.FromSeconds(2);

    public Launch Launch(ServiceDefinition service, string type, LogTarget log, (Tracking Tracking, ServiceCgroup? Cgroup) tracking)
    {
        if (TmuxServer.Executable is null) throw TmuxServer.NotInstalled();
        string window = PidFileName.Create(service.Name, type).Stem;
        using var _ = ProjectLock();
        if (tmux.WindowNames().Contains(window)) tmux.KillWindow(window); // a dead pane left by a crash
        var env = ServiceEnvironment.For(service, type, pids.Directory.Path, inherit: false);
        int panePid = tmux.OpenWindow(window, service.WorkingDirectory, env, InstanceTracking.Script(service.ParsedCommand, tracking.Cgroup), log.Log.Path, log.Stamper); // tmux writes it: our descriptor means nothing there
        if (tmux.ServerPid() is int server)
        {
            try { pids.WritePid(service.Name, server, PidTypes.Tmux); }
            catch (Exceptions.AlreadyRunningException) { /* another instance of the service recorded this server already */ }
        }
        return new Launch(service.Name, type, panePid, log.Log, DateTime.UtcNow, window, tracking.Tracking, tracking.Cgroup);
    }

    /// <summary>The pane is not our child: its status comes from tmux, which notes it a moment after the exit.</summary>
    public int? WaitForExit(Launch launch, TimeSpan timeout)
    {
        if (!ChildProcesses.WaitForExit(launch.Pid, timeout)) return null;
        var deadline = DateTime.UtcNow + DeadStatusWait;
        while (DateTime.UtcNow < deadline)
        {
            if (tmux.DeadStatus(launch.TmuxWindow!) is int status) return status;
            Thread.Sleep(10);
        }
        return -1;
    }

    public void Discard(Launch launch)
    {
        InstanceTracking.EndLeftovers(launch);
        tmux.KillWindow(launch.TmuxWindow!);
        if (!tmux.HasSession()) pids.Unregister(launch.Service, PidTypes.Tmux);
    }

    /// <summary>Closes the service's windows once its processes are gone; the session and server end with the last window.</summary>
    public void Close(ServiceDefinition service)
    {
        if (TmuxServer.Executable is null) return;
        using var _ = ProjectLock();
        var open = tmux.WindowNames();
        foreach (var type in service.InstanceTypes)
        {
            string window = PidFileName.Create(service.Name, type).Stem;
            if (open.Contains(window)) tmux.KillWindow(window);
        }
        pids.Unregister(service.Name, PidTypes.Tmux);
    }

    /// <summary>One project-wide lock: two starts must not both create the session.</summary>
    private FileLock ProjectLock() => FileLock.Acquire(pids.StateFile("tmux.lock"));
}
