using Pidman.Config;
using Pidman.Containment;
using Pidman.Exceptions;
using Pidman.Os;
using Pidman.Os.Fs;
using Pidman.PidFiles;
using Pidman.Stopping;

namespace Pidman;

/// <summary>The PID files of one project: write, read, inspect, stop and clean up, with every safety rule of DESIGN applied.</summary>
public sealed class PidManager
{
    private readonly PidStore _store;

    /// <summary>
    /// Uses the directory the CLI would from the current directory (<see cref="ProjectLayout"/>): <c>PIDMAN_DIR</c>, else the
    /// project's <c>[settings] pid_dir</c>, else <c>&lt;root&gt;/local/pid</c>.
    /// </summary>
    /// <exception cref="ConfigException">The directory depends on a <c>pidman.toml</c> whose settings cannot be read.</exception>
    public PidManager() : this(ProjectLayout.Discover().RequirePidDirectory()) { }

    /// <summary>Uses <paramref name="pidDirectory"/> (relative paths from the current directory).</summary>
    public PidManager(string pidDirectory) : this(new PidDirectory(Environment.CurrentDirectory, pidDirectory)) { }

    /// <summary>Uses a resolved <see cref="PidDirectory"/>.</summary>
    /// <exception cref="PidmanException">A directory on the way breaks the trust rule (a symbolic link, another user's, writable by everyone).</exception>
    internal PidManager(PidDirectory directory)
    {
        _store = new PidStore(directory);
        _store.Io.HeldStateDirectory(); // the directories that exist are reached and checked now, once: refused before any use
    }

    /// <summary>Where the PID files live.</summary>
    internal PidDirectory Directory => _store.Directory;

    /// <summary>The PID directory's full path.</summary>
    public string DirectoryPath => _store.Directory.Path;

    /// <summary>What opening the directory had to mend (see <see cref="DirectoryAnchor.Warnings"/>).</summary>
    internal IReadOnlyList<string> Warnings => _store.Io.Warnings;

    /// <summary>Records <paramref name="pid"/> as the <paramref name="type"/> PID of <paramref name="service"/>, with its identity.</summary>
    /// <exception cref="PidmanInputException">A bad name or PID; nothing written.</exception>
    /// <exception cref="PidmanException">No such process, a file-name clash, or another live PID is recorded.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    public void WritePid(string service, int pid, string type = PidFileName.DefaultType) =>
        _store.Write(PidFileName.Create(service, type), pid);

    /// <summary>
    /// Records a service instance pidman started, with how its other processes are tracked and the command from its config
    /// (what status shows: never the shell pidman wraps it in to join its cgroup).
    /// </summary>
    internal void WriteInstance(string service, string type, int pid, Tracking tracking, string? cgroup, string command) =>
        _store.Write(PidFileName.Create(service, type), pid, selfRegistered: false, tracking, cgroup, command);

    /// <summary>The PID if that service and type is running; null otherwise. A stale file of it is removed on the way (re-checked under the lock); no other file is read.</summary>
    /// <returns>The PID, only when the process recorded is the one running (identity checked: no reused PID, no zombie, not from before a reboot).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="PidmanInputException">A name breaks the naming rule (<paramref name="service"/>: 1-64 of A-Z a-z 0-9 . _ -; a type: 1-32 of a-z 0-9 -).</exception>
    public int? ReadPid(string service, string type = PidFileName.DefaultType)
    {
        var entry = CheckEntry(service, type);
        return entry.State == PidState.Running ? entry.Pid : null;
    }

    /// <summary>
    /// <see cref="GetEntry"/> without what only status shows (start time, RSS and CPU of the members, the process's own
    /// command line): the verdict a start, a stop or the supervisor acts on, and stale files removed as by it.
    /// </summary>
    internal PidEntry CheckEntry(string service, string type)
    {
        var name = PidFileName.Create(service, type);
        return _store.Inspect(name, _store.ReadRecord(name.Stem), removeStale: true, describe: false).Entry;
    }

    /// <summary>Inspects one PID file (and no other); a stale one is removed on the way, re-checked under the lock (<see cref="PidEntry.Removed"/>).</summary>
    /// <returns>The entry: its state and the reason for it; <see cref="PidState.Stopped"/> with <see cref="EntryReason.NoFile"/> when there is no file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="PidmanInputException">A name breaks the naming rule (<paramref name="service"/>: 1-64 of A-Z a-z 0-9 . _ -; a type: 1-32 of a-z 0-9 -).</exception>
    public PidEntry GetEntry(string service, string type = PidFileName.DefaultType)
    {
        var name = PidFileName.Create(service, type);
        return _store.Inspect(name, _store.ReadRecord(name.Stem), removeStale: true).Entry;
    }

    /// <summary>
    /// Every PID type of <paramref name="service"/>; its stale files are removed as they are found (re-checked under the
    /// lock). Only the files whose names can be this service's are read: no other service's file is read or removed.
    /// </summary>
    /// <returns>Each of its entries (none when it has no file); <see cref="ServiceStatus.ProcessRunning"/> for its main process.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="PidmanInputException">A name breaks the naming rule (<paramref name="service"/>: 1-64 of A-Z a-z 0-9 . _ -; a type: 1-32 of a-z 0-9 -).</exception>
    public ServiceStatus GetProcessStatus(string service)
    {
        PidFileName.Create(service);
        var entries = _store.Enumerate(service).Select(x => _store.Inspect(x.Name, x.Record, removeStale: true).Entry).ToList();
        return new ServiceStatus(service, entries);
    }

    /// <summary>Every PID file in the directory, inspected; stale files are removed (after a re-check under the lock) and reported as removed.</summary>
    /// <returns>Every entry, by file name; invalid files (unreadable, oversized, not a regular file) as <see cref="PidState.Invalid"/>, kept.</returns>
    /// <exception cref="PidmanException">The directory cannot be read (<see cref="PidmanException.SystemErrorCode"/> says why). A stale file that cannot be removed is no exception: its entry says <see cref="PidEntry.RemovalErrno"/>.</exception>
    public IReadOnlyList<PidEntry> GetAllEntries() =>
        _store.InspectAll(removeStale: true).Select(c => c.Entry).ToList();

    /// <summary>
    /// The TCP and UDP ports each of <paramref name="entries"/> listens on, in their order: for a running entry, its main
    /// process's and, for an instance pidman started, every member's of its cgroup or group; null for one that does not run.
    /// One read of <c>/proc/net</c> for all, then each process's open sockets.
    /// </summary>
    internal IReadOnlyList<IReadOnlyList<ListeningPort>?> PortsOf(IReadOnlyList<PidEntry> entries)
    {
        var sockets = ProcFs.ListeningSockets();
        return entries.Select(e => e.State == PidState.Running && e.Pid is int pid ? PortsOf(e, pid, sockets) : null).ToList();
    }

    private List<ListeningPort> PortsOf(PidEntry entry, int pid, Dictionary<ulong, ListeningPort> sockets)
    {
        var record = _store.ReadRecord(PidFileName.Create(entry.Service, entry.Type).Stem);
        var pids = new HashSet<int> { pid };
        if (record is not null && record.Pid == pid)
            foreach (var member in InstanceProcesses.Live(record, new ProcessGroups())) pids.Add(member.Pid);
        return pids.SelectMany(ProcFs.SocketInodes).Distinct().Select(inode => sockets.GetValueOrDefault(inode)).OfType<ListeningPort>()
            .Distinct().OrderBy(p => p.Port).ThenBy(p => p.Protocol, StringComparer.Ordinal).ToList();
    }

    /// <summary>Services with at least one running PID, by name.</summary>
    /// <returns>The service names, ordinal order; a stale file on the way is removed, as <see cref="GetAllEntries"/> does.</returns>
    public IReadOnlyList<string> ListActiveServices() =>
        GetAllEntries().Where(e => e.State == PidState.Running).Select(e => e.Service).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Removes the PID file and record of that service and type; false when there was none.</summary>
    /// <returns>True when a file was removed; the process, if any, is not signalled.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="PidmanInputException">A name breaks the naming rule (<paramref name="service"/>: 1-64 of A-Z a-z 0-9 . _ -; a type: 1-32 of a-z 0-9 -).</exception>
    /// <exception cref="PidmanException">The file is there but cannot be removed (e.g. a read-only directory); <see cref="PidmanException.SystemErrorCode"/> is the errno.</exception>
    public bool Unregister(string service, string type = PidFileName.DefaultType) =>
        _store.Remove(PidFileName.Create(service, type));

    /// <summary>A file in the state folder (<c>.pidman/</c>), named through the held directory, which is created if missing.</summary>
    internal string StateFile(string fileName) => _store.Io.FileInStateDirectory(fileName, create: true)!;

    /// <summary>The state folder (<c>.pidman/</c>) held open, created if missing.</summary>
    internal Os.Fs.HeldDirectory StateDirectory() => _store.Io.HeldStateDirectory(create: true)!;

    /// <summary>Records how a one-shot job's run ended: <c>status</c> shows it, and <c>start</c> does not run a job that completed.</summary>
    internal void RecordCompletion(string service, string type, int exitCode) => _store.WriteCompletion(PidFileName.Create(service, type), exitCode);

    /// <summary>How that job's last run ended since it was last stopped (in this boot), or null.</summary>
    internal JobCompletion? LastCompletion(string service, string type) => _store.ReadCompletion(PidFileName.Create(service, type));

    /// <summary>Forgets how that job last ended (a stop of it, or of the stack): the next start runs it again.</summary>
    internal void ForgetCompletion(string service, string type) => _store.RemoveCompletion(PidFileName.Create(service, type));

    /// <summary>Writes the PID file of that service and type again from its record when someone removed it while its process runs; true when it did.</summary>
    internal bool RestoreIfMissing(string service, string type) => _store.RestoreIfMissing(PidFileName.Create(service, type));

    /// <summary>Removes the PID file and record of that service and type if they still name <paramref name="pid"/>; false when the file holds another PID or none.</summary>
    internal bool RemoveIfPid(string service, string type, int pid) =>
        _store.RemoveAllFor(PidFileName.Create(service, type), pid);

    /// <summary>
    /// Removes stale files (and invalid ones with <see cref="CleanupOptions.IncludeInvalid"/>) and temp files of dead
    /// writers, and ends what an exited service left running; <see cref="CleanupOptions.DryRun"/> only reports.
    /// </summary>
    /// <returns>What was removed, and what was kept: a file that could not be removed carries its errno.</returns>
    public CleanupReport CleanupStale(CleanupOptions options = CleanupOptions.None)
    {
        bool includeInvalid = options.HasFlag(CleanupOptions.IncludeInvalid), dryRun = options.HasFlag(CleanupOptions.DryRun);
        var removed = new List<PidEntry>();
        var kept = new List<PidEntry>();
        foreach (var check in _store.InspectAll(removeStale: !dryRun))
        {
            var entry = check.Entry;
            var name = PidFileName.Create(entry.Service, entry.Type);
            if (entry.State == PidState.Stale && entry.Reason == EntryReason.Leftovers)
            {
                // What an exited service left running is ended here too, at once: cleanup waits for nobody.
                bool ended = dryRun || LeftoverStopper.StopAsync(InstanceProcesses.Cgroup(check.Record), entry.Pid!.Value, StopPlan.Default with { Force = true }, CancellationToken.None)
                    .GetAwaiter().GetResult() != StopOutcome.Failed;
                var removal = ended && !dryRun ? Forget(name, check) : Removal.Changed;
                (ended && (dryRun || removal.Removed) ? removed : kept).Add(entry with { Removed = removal.Removed, RemovalErrno = removal.FailureErrno });
            }
            else if (entry.State == PidState.Stale)
            {
                if (dryRun || entry.Removed) removed.Add(entry);
                else if (entry.RemovalErrno is not null) kept.Add(entry);
            }
            else if (entry.State == PidState.Invalid)
            {
                bool removable = includeInvalid && check.Snapshot.Status is not { IsDirectory: true };
                var removal = removable && !dryRun ? _store.RemoveIfUnchanged(name, check.Snapshot) : Removal.Changed;
                if (removable && (dryRun || removal.Removed))
                    removed.Add(entry with { Removed = !dryRun });
                else
                    kept.Add(entry with { RemovalErrno = removal.FailureErrno });
            }
        }
        if (!dryRun) RemoveAbandonedCgroups();
        return new CleanupReport(removed, kept, dryRun, _store.RemoveAbandonedTempFiles(dryRun));
    }

    /// <summary>Stops every PID type of <paramref name="service"/> (except <c>tmux</c>, the shared server) in parallel: graceful signal, then SIGKILL.</summary>
    /// <param name="service">The service.</param>
    /// <param name="force">SIGKILL at once, without the graceful signal.</param>
    /// <param name="timeout">How long to wait after the graceful signal before SIGKILL; null: the timeout the process recorded (a host's shutdown timeout), else 10 s.</param>
    /// <param name="cancellationToken">Cancels before any signal (none is sent) or during a wait (no SIGKILL follows).</param>
    /// <returns>One result per PID file: <see cref="StopOutcome"/> (terminated, killed, not running, refused, failed), the signal, the elapsed time and what was found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="PidmanInputException">A name breaks the naming rule (<paramref name="service"/>: 1-64 of A-Z a-z 0-9 . _ -; a type: 1-32 of a-z 0-9 -).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<StopResult> StopServiceAsync(string service, bool force = false, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        StopServiceAsync(service, StopPlan.Default with { Force = force, Timeout = timeout ?? StopPlan.DefaultTimeout, RecordedTimeoutApplies = timeout is null }, type: null, cancellationToken);

    /// <summary>Stops <paramref name="service"/> by <paramref name="plan"/>; only <paramref name="type"/> when given.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: before any signal (none is sent), or while waiting (no SIGKILL follows).</exception>
    internal async Task<StopResult> StopServiceAsync(string service, StopPlan plan, string? type, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PidFileName.Create(service, type);
        var targets = _store.Enumerate(service)
            .Where(x => x.Name.Service == service && (type is null ? x.Name.Type != PidTypes.Tmux : x.Name.Type == type))
            .ToList();
        if (targets.Count == 0)
            return new StopResult(service, [new StopEntryResult(service, type ?? PidFileName.DefaultType, null, StopOutcome.NotRunning, TimeSpan.Zero, StopFinding.NoPidFile)]);
        var results = await Task.WhenAll(targets.Select(x => StopEntryOrFailAsync(x.Name, x.Record, plan, cancellationToken))).ConfigureAwait(false);
        return new StopResult(service, results);
    }

    /// <summary>Waits until the process in that PID file exits (on its pidfd); true when it has, or nothing was running.</summary>
    /// <returns>True when it exited (or nothing ran); false when <paramref name="timeout"/> passed first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="PidmanInputException">A name breaks the naming rule (<paramref name="service"/>: 1-64 of A-Z a-z 0-9 . _ -; a type: 1-32 of a-z 0-9 -).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the wait ends at once: no thread stays blocked).</exception>
    public async Task<bool> WaitForExitAsync(string service, string type, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var name = PidFileName.Create(service, type);
        var check = _store.Inspect(name, _store.ReadRecord(name.Stem), removeStale: true, describe: false);
        if (check.Entry.State != PidState.Running || check.Stat is null) return true;
        using var process = PinnedProcess.Pin(check.Entry.Pid!.Value, check.Stat.StartTimeTicks);
        return process is null || await process.WaitForExitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the empty run cgroups that no record names (their starter was killed before writing one), each under its
    /// instance's start lock, taken without waiting: a start in progress keeps its cgroup.
    /// </summary>
    private void RemoveAbandonedCgroups()
    {
        if (ServiceCgroup.ExistingProjectDirectory(ProjectKey.For(Directory.Root)) is not { } project) return;
        var named = _store.Enumerate().Select(x => x.Record?.Cgroup).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (string run in ServiceCgroup.Runs(project).Where(r => !named.Contains(r)))
        {
            string stem = Path.GetFileName(run)[..Path.GetFileName(run).LastIndexOf('.')];
            using var startLock = FileLock.TryAcquire(StateFile(stem + ".start"), wait: false);
            if (startLock is not null) ServiceCgroup.TryRemoveDirectory(run);
        }
        ServiceCgroup.TryRemoveDirectory(project);
    }

    /// <summary>Why the running process behind <paramref name="check"/> must not be signalled, or null: the same rules for a stop and a signal.</summary>
    private SignalRefusal? Refusal(EntryCheck check, bool force)
    {
        var (entry, stat) = (check.Entry, check.Stat!);
        if (SignalGuard.Refusal(entry.Pid!.Value) is { } refusal) return refusal;
        // Where others may add, move or swap files, a file's word is no evidence, whoever owns it: only our record is.
        if (entry.Reason == EntryReason.Unverified && _store.IsShared)
            return new SignalRefusal(RefusalKind.UnvouchedInSharedDirectory, stat.Pid) { PidFilePath = entry.Path, Directory = Directory.Path };
        return entry.Reason == EntryReason.Unverified && !force ? UnverifiedFileCheck.Refusal(check.Snapshot, stat, entry.Path) : null;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the main process of every PID type of <paramref name="service"/> but <c>tmux</c>
    /// (only <paramref name="type"/> when given), after the same checks as a stop; the process alone, not its group, as
    /// <c>kill -HUP $(cat web.pid)</c> would. Not a stop: nothing is removed, and a supervisor restarts it only if it exits.
    /// </summary>
    /// <returns>One result per PID file: sent, or why not (no file, not running, refused with the rule).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="PidmanInputException">A name breaks the naming rule (<paramref name="service"/>: 1-64 of A-Z a-z 0-9 . _ -; a type: 1-32 of a-z 0-9 -).</exception>
    public IReadOnlyList<SignalResult> Signal(string service, Signal signal, string? type = null, bool force = false)
    {
        PidFileName.Create(service, type);
        var targets = _store.Enumerate(service).Where(x => x.Name.Service == service && (type is null ? x.Name.Type != PidTypes.Tmux : x.Name.Type == type)).ToList();
        if (targets.Count == 0) return [new SignalResult(service, type ?? PidTypes.Process, null, signal, SignalFinding.NoPidFile)];
        var results = new List<SignalResult>();
        foreach (var (name, record) in targets)
        {
            var check = _store.Inspect(name, record, removeStale: true, describe: false);
            var entry = check.Entry;
            SignalResult Result(SignalFinding finding) => new(name.Service, name.Type, entry.Pid, signal, finding);
            if (entry.State != PidState.Running) results.Add(Result(SignalFinding.NotRunning) with { Reason = entry.Reason });
            else if (Refusal(check, force) is { } refusal) results.Add(Result(SignalFinding.Refused) with { Refusal = refusal });
            else
            {
                try
                {
                    using var process = PinnedProcess.Pin(entry.Pid!.Value, check.Stat!.StartTimeTicks);
                    results.Add(Result(process is not null && process.SendToProcess(signal) ? SignalFinding.Sent : SignalFinding.ExitedFirst));
                }
                catch (PidmanException e)
                {
                    results.Add(Result(SignalFinding.Error) with { Detail = e.Message }); // this entry's failure; the others are still signalled
                }
            }
        }
        return results;
    }

    /// <summary>Removes the PID file and record (if they are still what <paramref name="check"/> saw) and the instance's empty cgroup.</summary>
    private Removal Forget(PidFileName name, EntryCheck check)
    {
        var removal = _store.RemoveIfUnchanged(name, check.Snapshot);
        InstanceProcesses.Cgroup(check.Record)?.TryRemove();
        return removal;
    }

    /// <summary>True when <paramref name="service"/> has a PID file (or an orphan record); reads only the files whose names could be its.</summary>
    internal bool HasEntriesOf(string service) => _store.Enumerate(service).Count > 0;

    /// <summary>
    /// How long a stop that names no timeout waits for <paramref name="service"/> before SIGKILL: the longest wait its
    /// processes recorded (a host's shutdown timeout), else the default. Reads only that service's records.
    /// </summary>
    internal TimeSpan StopTimeoutOf(string service) =>
        _store.Enumerate(service).Where(x => x.Name.Service == service).Select(x => x.Record?.StopTimeout).OfType<TimeSpan>()
            .DefaultIfEmpty(StopPlan.DefaultTimeout).Max();

    /// <summary>Every service with a PID file (for <c>stop --all</c>).</summary>
    /// <returns>Every service name with at least one PID file, running or not, ordinal order; nothing is removed.</returns>
    public IReadOnlyList<string> ListServices() =>
        _store.Enumerate().Select(x => x.Name.Service).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// One entry's stop; whatever goes wrong with it (a signal the kernel refuses, a PID that is no process) is that entry's
    /// failure, with the reason: every other entry is still stopped.
    /// </summary>
    private async Task<StopEntryResult> StopEntryOrFailAsync(PidFileName name, IdentityRecord? record, StopPlan plan, CancellationToken cancellationToken)
    {
        try
        {
            return await StopEntryAsync(name, record, plan, cancellationToken).ConfigureAwait(false);
        }
        catch (PidmanException e)
        {
            return new StopEntryResult(name.Service, name.Type, record?.Pid, StopOutcome.Failed, TimeSpan.Zero, StopFinding.Error) { Detail = e.Message };
        }
    }

    private async Task<StopEntryResult> StopEntryAsync(PidFileName name, IdentityRecord? record, StopPlan plan, CancellationToken cancellationToken)
    {
        var check = _store.Inspect(name, record, removeStale: true, describe: false);
        var entry = check.Entry;
        // A process that registered itself with the length of its graceful shutdown is given that long, unless asked otherwise.
        if (plan.RecordedTimeoutApplies && check.Record?.StopTimeout is { } recorded) plan = plan with { Timeout = recorded };
        StopEntryResult Result(StopOutcome outcome, StopFinding finding, TimeSpan elapsed = default) =>
            new(name.Service, name.Type, entry.Pid, outcome, elapsed, finding) { Signal = plan.Signal, Forced = plan.Force, Timeout = plan.Timeout };

        switch (entry.State)
        {
            case PidState.Stopped:
                return Result(StopOutcome.NotRunning, StopFinding.NoPidFile);
            case PidState.Invalid:
                return Result(StopOutcome.Refused, StopFinding.InvalidFile) with { Reason = entry.Reason, Path = entry.Path };
            case PidState.Stale when entry.Reason == EntryReason.Leftovers:
                // The main process is gone; what it started is not: the same stop, for them.
                var left = await LeftoverStopper.StopAsync(InstanceProcesses.Cgroup(check.Record), entry.Pid!.Value, plan, cancellationToken).ConfigureAwait(false);
                var forgotten = left != StopOutcome.Failed ? Forget(name, check) : Removal.Changed;
                return Result(left, StopFinding.Leftovers) with { Leftovers = entry.Processes ?? 0, RemovalErrno = forgotten.FailureErrno };
            case PidState.Stale:
                return Result(StopOutcome.NotRunning, entry.Removed ? StopFinding.StaleRemoved : StopFinding.StaleKept) with { Reason = entry.Reason, RemovalErrno = entry.RemovalErrno };
        }

        int pid = entry.Pid!.Value;
        var stat = check.Stat!;
        if (Refusal(check, plan.Force) is { } refusal)
            return Result(StopOutcome.Refused, StopFinding.Refused) with { Refusal = refusal };

        using var process = PinnedProcess.Pin(pid, stat.StartTimeTicks);
        var cgroup = InstanceProcesses.Cgroup(check.Record);
        StopOutcome outcome;
        TimeSpan elapsed = TimeSpan.Zero;
        if (process is null)
            outcome = StopOutcome.NotRunning;
        else
            (outcome, elapsed) = await ProcessStopper.StopAsync(process, plan, cancellationToken, groupInCgroup: cgroup is not null).ConfigureAwait(false);

        if (cgroup is not null && outcome != StopOutcome.Failed)
        {
            // Members outside the main process's group (a daemonizing child's setsid) get the rest of the timeout.
            var rest = plan with { Timeout = plan.Timeout - elapsed > TimeSpan.Zero ? plan.Timeout - elapsed : TimeSpan.Zero, Force = plan.Force || outcome == StopOutcome.Killed };
            if (await LeftoverStopper.StopAsync(cgroup, pid, rest, cancellationToken).ConfigureAwait(false) is StopOutcome.Failed) outcome = StopOutcome.Failed;
        }
        var removal = outcome != StopOutcome.Failed ? Forget(name, check) : Removal.Changed;
        return Result(outcome, process is null ? StopFinding.ExitedFirst : StopFinding.Signalled, elapsed) with { RemovalErrno = removal.FailureErrno };
    }
}
