using Pidman.Config;
using Pidman.Containment;
using Pidman.Logs;
using Pidman.Os;
using Pidman.Os.Fs;
using Pidman.PidFiles;

namespace Pidman.Services;

/// <summary>Starts instances: the running check and the PID file under the instance's start lock, adoption of orphans, the early-exit watch.</summary>
internal sealed class ServiceStarter
{
    private readonly PidManager _pids;
    private readonly ServiceLogs _logs;
    private readonly TimeSpan _startupWindow;
    private readonly Func<ServiceMode, IServiceLauncher> _launcherFor;
    private readonly OrphanFinder _orphans;
    private readonly InstanceTracking _tracking;

    internal ServiceStarter(PidManager pids, ServiceLogs logs, TimeSpan startupWindow, Func<ServiceMode, IServiceLauncher> launcherFor)
    {
        _pids = pids;
        _logs = logs;
        _startupWindow = startupWindow;
        _launcherFor = launcherFor;
        _orphans = new OrphanFinder(pids.Directory.Path);
        _tracking = new InstanceTracking(pids.Directory.Root);
    }

    /// <summary>A new start command: orphans are looked for afresh.</summary>
    internal void BeginCommand() => _orphans.Reset();

    /// <summary>
    /// Starts one instance unless it runs. <paramref name="oneShot"/>: it is a job that others wait to complete, so an exit 0
    /// before its PID file could be written is its completion, not a failure.
    /// </summary>
    internal (StartOutcome Outcome, Launch? Launch) StartInstance(ServiceDefinition service, string type, bool oneShot = false)
    {
        var name = PidFileName.Create(service.Name, type);
        StartOutcome Outcome(StartStatus status, StartFinding finding, int? pid = null) => new(service.Name, type, status, finding, pid);
        // A job that has done its work since it was last stopped is not run again: a start or restart of what depends on a
        // migration must not repeat it. (Decided here, for the CLI and the supervisor alike.)
        if (oneShot && _pids.LastCompletion(service.Name, type) is { ExitCode: 0 } done)
            return (Outcome(StartStatus.Completed, StartFinding.CompletedEarlier) with { CompletedAt = done.At }, null);
        if (!Directory.Exists(service.WorkingDirectory))
            return (Outcome(StartStatus.Failed, StartFinding.NoWorkingDirectory) with { Path = service.WorkingDirectory }, null);

        using var startLock = FileLock.Acquire(_pids.StateFile(name.Stem + ".start"));
        var entry = _pids.CheckEntry(service.Name, type);
        if (entry.State == PidState.Running)
        {
            // Its PID file removed under it (a shared directory): the record still says it runs, and the file is written again.
            bool restored = entry.FileMissing && _pids.RestoreIfMissing(service.Name, type);
            return (Outcome(StartStatus.AlreadyRunning, StartFinding.AlreadyRunning, entry.Pid) with { PidFileRestored = restored }, null);
        }
        if (entry.State == PidState.Invalid)
            return (Outcome(StartStatus.Failed, StartFinding.InvalidPidFile) with { Path = entry.Path, Reason = entry.Reason }, null);

        // Only a start that died between its spawn and its PID file leaves the marker; then (and only then) /proc is searched.
        string marker = _pids.StateFile(name.Stem + ".spawning");
        var crashedStart = File.Exists(marker) ? File.GetLastWriteTimeUtc(marker) : (DateTime?)null;
        if (service.Mode == ServiceMode.Background && crashedStart is { } since && _orphans.Find(name, since) is int orphan)
        {
            // A pidman killed between spawn and PID file left this one running: adopt it, never start a second.
            _pids.WritePid(service.Name, orphan, type);
            File.Delete(marker);
            return (Outcome(StartStatus.AlreadyRunning, StartFinding.Adopted, orphan), null);
        }

        var launcher = _launcherFor(service.Mode);
        var target = _logs.Target(name);
        Launch launch;
        (Containment.Tracking Tracking, Containment.ServiceCgroup? Cgroup) tracking = default;
        try
        {
            _logs.RotateIfLarge(name);
            _logs.Banner(target.Log, LogFiles.StartingBanner(name, service.Command));
            tracking = _tracking.ForNewInstance(name.Stem);
            File.Delete(marker);
            TrustedFile.Append(marker, marker, []); // a new file: its time is when this start began
            launch = launcher.Launch(service, type, target, tracking);
        }
        catch (Exception e) when (e is Exceptions.PidmanException or IOException or UnauthorizedAccessException)
        {
            tracking.Cgroup?.TryRemove();
            File.Delete(marker);
            return (Outcome(StartStatus.Failed, StartFinding.Error) with { Detail = e.Message }, null);
        }
        try
        {
            return Record(service, type, name, launch, launcher, oneShot);
        }
        finally
        {
            File.Delete(marker); // recorded, or ended: nothing of this start can be orphaned any more
        }
    }

    /// <summary>Writes the new instance's record and PID file; if it cannot (or the instance is gone already), deals with that.</summary>
    private (StartOutcome Outcome, Launch? Launch) Record(ServiceDefinition service, string type, PidFileName name, Launch launch, IServiceLauncher launcher, bool oneShot)
    {
        try
        {
            _pids.WriteInstance(service.Name, type, launch.Pid, launch.Tracking, launch.Cgroup?.Path, service.Command);
        }
        catch (Exception e) when (e is Exceptions.PidmanException or IOException or UnauthorizedAccessException)
        {
            int? exited = launcher.WaitForExit(launch, TimeSpan.Zero);
            if (exited is null && !ChildProcesses.IsGone(launch.Pid))
            {
                // Running, but its PID file cannot be written (a full disk, a read-only directory): a service pidman cannot
                // track must not run on; it is ended, and the error names the file and the cause.
                ChildProcesses.KillTree(launch.Pid);
                launcher.WaitForExit(launch, TimeSpan.FromSeconds(5));
                launcher.Discard(launch);
                return (new StartOutcome(service.Name, type, StartStatus.Failed, StartFinding.CannotRecord, null) { Path = _pids.Directory.PidFilePath(name), Detail = e.Message }, null);
            }
            // Gone before its PID file could be written: it exited at once, an exit like any other.
            int? code = exited ?? launcher.WaitForExit(launch, TimeSpan.FromSeconds(5));
            if (oneShot) _pids.RecordCompletion(service.Name, type, code ?? -1);
            if (oneShot && code == 0)
            {
                InstanceTracking.EndLeftovers(launch);
                return (Completed(launch), null);
            }
            return (EarlyExit.Report(launch, code, written: false, _pids, _logs, launcher), null);
        }
        return (new StartOutcome(service.Name, type, StartStatus.Started, StartFinding.Started, launch.Pid) { TmuxWindow = launch.TmuxWindow }, launch);
    }

    /// <summary>Waits (a moment: the shell's start) until a new instance's PID is its program, not the shell that starts it.</summary>
    internal Task WaitForExecAsync(Launch launch, CancellationToken cancellationToken) =>
        launch.Wrapper is { } wrapper ? ExecWait.UntilExecedAsync(launch.Pid, wrapper, TimeSpan.FromSeconds(2), cancellationToken) : Task.CompletedTask;

    /// <summary>Watches a new instance for its startup window: null while it runs, else the outcome of its early exit.</summary>
    internal async Task<StartOutcome?> CheckStartupAsync(ServiceMode mode, Launch launch, CancellationToken cancellationToken)
    {
        var remaining = launch.SpawnedAt + _startupWindow - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero) return null;
        var launcher = _launcherFor(mode);
        int? code = await Os.Blocking.RunAsync(() => launcher.WaitForExit(launch, remaining), cancellationToken).ConfigureAwait(false);
        return code is null ? null : EarlyExit.Report(launch, code, written: true, _pids, _logs, launcher);
    }

    /// <summary>Waits for a one-shot job to end: exit 0 is completion (its PID file goes), anything else a failure.</summary>
    internal async Task<StartOutcome> RunToCompletionAsync(ServiceMode mode, Launch launch, CancellationToken cancellationToken)
    {
        var launcher = _launcherFor(mode);
        int? code = await Os.Blocking.RunAsync(() => launcher.WaitForExit(launch, Timeout.InfiniteTimeSpan), cancellationToken).ConfigureAwait(false);
        _pids.RecordCompletion(launch.Service, launch.Type, code ?? -1);
        if (code != 0) return EarlyExit.Report(launch, code, written: true, _pids, _logs, launcher);
        _pids.RemoveIfPid(launch.Service, launch.Type, launch.Pid);
        InstanceTracking.EndLeftovers(launch); // a job is done when it exits: nothing it started runs on
        return Completed(launch);
    }

    private static StartOutcome Completed(Launch launch) =>
        new(launch.Service, launch.Type, StartStatus.Completed, StartFinding.Completed, launch.Pid);
}
