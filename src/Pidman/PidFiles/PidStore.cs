using Pidman.Containment;
using Pidman.Exceptions;
using Pidman.Os;
using Pidman.Os.Fs;
using Pidman.Os.Interop;

namespace Pidman.PidFiles;

/// <summary>
/// Reads and changes the PID files and identity records of one <see cref="PidDirectory"/>. Every change happens under one
/// lock, an exclusive flock on the state folder itself: a change to one file is a few microseconds, so one lock serialises
/// nothing that matters, a sweep of thousands of stale files takes it once, and no lock file exists per entry to pile up.
/// </summary>
internal sealed class PidStore(PidDirectory directory)
{
    private const int MaxRecordBytes = 16 * 1024;

    internal PidDirectory Directory { get; } = directory;

    /// <summary>The directories held open: every file operation here goes through it (<see cref="DirectoryAnchor"/>).</summary>
    internal DirectoryAnchor Io { get; } = new(directory);

    private static string RecordName(string stem) => stem + ".json";

    /// <summary>The PID file as it is now, read through the held directory.</summary>
    internal PidFileSnapshot ReadPidFile(PidFileName name) =>
        Io.HeldPidDirectory() is { } directory ? PidFileSnapshot.Read(directory, name.FileName) : PidFileSnapshot.Missing;

    /// <summary>Records <paramref name="pid"/> for <paramref name="name"/>: identity record first, then the bare PID file, both atomic.</summary>
    /// <exception cref="PidmanInputException">The PID is out of range.</exception>
    /// <exception cref="PidmanException">No such process, the file name belongs to another (service, type), or another live PID holds it.</exception>
    internal void Write(PidFileName name, int pid, bool selfRegistered = false, Tracking tracking = Tracking.None, string? cgroup = null, string? command = null, TimeSpan? stopTimeout = null)
    {
        if (PidFileContent.CheckRange(pid, ProcFs.PidMax) is not null)
            throw new PidmanInputException($"invalid PID {pid}: must be between 2 and {ProcFs.PidMax} (pid_max)");
        var (state, reason, stat) = ProcessIdentity.Check(pid, null);
        if (reason is EntryReason.NotAProcess or EntryReason.KernelThread)
            throw new PidmanInputException($"PID {pid} is {reason.Describe()}; a PID file names a process: nothing written for {name}");
        if (state != PidState.Running || stat is null)
            throw new PidmanException($"no running process with PID {pid}; nothing written for {name}");

        using var _ = Lock();
        var existing = Inspect(name, ReadRecord(name.Stem), removeStale: false);
        if (existing.Snapshot.Exists)
        {
            var owner = existing.Record is { } r ? (r.Service, r.Type) : PidFileName.Infer(name.FileName) is { } n ? (n.Service, n.Type) : (name.Service, name.Type);
            if (owner != (name.Service, name.Type))
                throw new PidmanException($"{Directory.PidFilePath(name)} already belongs to {PidFileName.Describe(owner.Item1, owner.Item2)}; {name} would map to the same file name - rename the service");
            if (existing.Entry.State == PidState.Running && existing.Entry.Pid != pid)
                throw new AlreadyRunningException(name.Service, name.Type, name.ToString(), existing.Entry.Pid);
        }

        var record = new IdentityRecord(pid, stat.StartTimeTicks, ProcFs.BootId, name.Service, name.Type,
            ProcFs.ReadUid(pid) ?? 0, DateTimeOffset.UtcNow, command ?? ProcFs.ReadCommandLine(pid), selfRegistered, tracking, cgroup)
        {
            StopTimeoutSeconds = stopTimeout?.TotalSeconds,
        };
        WriteBound(name, record);
    }

    /// <summary>
    /// Writes <paramref name="record"/> and its PID file, the record bound to the file (its device and inode, known once the
    /// file's temp copy exists). Record first: a crash between the two leaves a record whose file is missing or is the old
    /// one, which it does not vouch for - never a verified wrong process. The caller holds the lock.
    /// </summary>
    private void WriteBound(PidFileName name, IdentityRecord record)
    {
        var stateDirectory = Io.HeldStateDirectory(create: true)!;
        using var pidFile = AtomicFile.Prepare(stateDirectory, name.FileName, PidFileContent.Format(record.Pid));
        var bound = record with { PidFileDevice = pidFile.Status.Device, PidFileInode = pidFile.Status.Inode };
        AtomicFile.Write(stateDirectory, RecordName(name.Stem), bound.ToJson(), stateDirectory);
        pidFile.Commit(Io.HeldPidDirectory(create: true)!, name.FileName);
    }

    /// <summary>
    /// Writes the PID file of <paramref name="name"/> again from its record when the file is missing (removed by someone who
    /// could write a shared PID directory) and the record's process still runs as recorded: true when it did.
    /// </summary>
    internal bool RestoreIfMissing(PidFileName name)
    {
        using var _ = Lock();
        if (ReadPidFile(name).Exists || ReadRecord(name.Stem) is not { } record || ProcessIdentity.Check(record.Pid, record).Reason != EntryReason.Verified) return false;
        WriteBound(name, record);
        return true;
    }

    /// <summary>
    /// Removes the PID file and its record when the file still is what <paramref name="expected"/> saw (still missing, for a
    /// record whose file was gone: then the record alone goes).
    /// </summary>
    internal Removal RemoveIfUnchanged(PidFileName name, PidFileSnapshot expected)
    {
        using var _ = Lock();
        var now = ReadPidFile(name);
        if (!now.SameAs(expected)) return Removal.Changed;
        return DeleteUnlocked(name, now) is var failed and not Errno.None ? Removal.Failed(failed) : Removal.Done;
    }

    /// <summary>
    /// Removes whatever still names <paramref name="pid"/>: the PID file and record when the file holds it, else a
    /// record left by a write that never reached the PID file. True when the PID file held it.
    /// </summary>
    /// <exception cref="PidmanException">The PID file holds it but cannot be removed.</exception>
    internal bool RemoveAllFor(PidFileName name, int pid)
    {
        using var _ = Lock();
        var now = ReadPidFile(name);
        if (now.Exists && now.Pid == pid)
        {
            ThrowIfFailed(name, DeleteUnlocked(name, now));
            return true;
        }
        if (ReadRecord(name.Stem) is { } record && record.Pid == pid)
            Io.HeldStateDirectory()?.Delete(RecordName(name.Stem));
        return false;
    }

    /// <summary>Removes the PID file and record whatever they hold; false when there was no file.</summary>
    /// <exception cref="PidmanException">They cannot be removed (a read-only directory, say).</exception>
    internal bool Remove(PidFileName name)
    {
        using var _ = Lock();
        var now = ReadPidFile(name);
        ThrowIfFailed(name, DeleteUnlocked(name, now));
        return now.Exists;
    }

    private void ThrowIfFailed(PidFileName name, Errno failed)
    {
        if (failed != Errno.None) throw new PidmanException($"cannot remove {Directory.PidFilePath(name)}: {failed.Describe()}", failed.AsException());
    }

    /// <summary>
    /// Inspects one PID file; with <paramref name="removeStale"/>, a stale file is re-checked under the lock and removed
    /// (unless processes the instance started still run: then it is kept, as <see cref="EntryReason.Leftovers"/>). With
    /// <paramref name="describe"/>, a running entry also gets what status shows (start time, command, the RSS and CPU of
    /// every member); without it only the verdict is made: a stop, a start or a signal reads no member's files.
    /// </summary>
    internal EntryCheck Inspect(PidFileName name, IdentityRecord? record, bool removeStale, bool describe = true)
    {
        var check = InspectOnly(name, record, new ProcessGroups(), describe);
        return removeStale && IsRemovable(check) ? RemoveStale([check])[0] : check;
    }

    private EntryCheck InspectOnly(PidFileName name, IdentityRecord? record, ProcessGroups groups, bool describe = true)
    {
        string path = Directory.PidFilePath(name); // as users see it; the reads go through the held directory
        var snapshot = ReadPidFile(name);
        if (!snapshot.Exists && record is null)
            return new(new PidEntry(name.Service, name.Type, path, PidState.Stopped, EntryReason.NoFile, null), snapshot, record, null);
        if (snapshot.Invalid is { } invalid)
            return new(new PidEntry(name.Service, name.Type, path, PidState.Invalid, invalid, null), snapshot, record, null);

        // No PID file, but its record: a start killed between the two writes, or a file removed by someone who can write a
        // shared directory. The record alone says what runs (the PID file is only its public copy): never a second start.
        int pid = snapshot.Pid ?? record!.Pid;
        var applicable = record is not null && record.Pid == pid && (!snapshot.Exists || VouchesFor(snapshot, pid, record)) ? record : null;
        var (state, reason, stat) = ProcessIdentity.Check(pid, applicable);
        var entry = new PidEntry(name.Service, name.Type, path, state, reason, pid) { Tracking = applicable?.Tracking ?? Tracking.None, FileMissing = !snapshot.Exists };
        if (state == PidState.Invalid)
            return new(entry, snapshot, applicable, stat); // a thread or a kernel thread: no instance to describe
        if (state == PidState.Running && !describe)
            return new(entry with { Command = applicable?.CommandLine }, snapshot, applicable, stat);
        // The members decide whether a stale entry has leftovers, and are what a running one's metrics add up.
        var members = applicable is not null && reason is not EntryReason.OtherBoot ? InstanceProcesses.Live(applicable, groups, stat) : [];
        if (state == PidState.Running && stat is not null)
        {
            // The whole instance: every member of its cgroup or group (at least the main process itself).
            var all = members.Any(m => m.Pid == pid) ? members : [stat, .. members];
            entry = entry with
            {
                StartedAt = ProcFs.StartedAt(stat.StartTimeTicks),
                RssBytes = all.Sum(m => m.RssPages) * ProcFs.PageSize,
                CpuTime = TimeSpan.FromSeconds((double)all.Sum(m => (double)m.CpuTicks) / ProcFs.ClockTicks),
                // What was started, as its config says (recorded by pidman), else what the process says it is.
                Command = applicable?.CommandLine ?? ProcFs.ReadCommandLine(pid) ?? stat.Comm,
                Processes = applicable is null ? null : all.Count,
            };
        }
        else if (applicable is not null)
        {
            entry = entry with { Command = applicable.CommandLine };
            if (state == PidState.Stale && members.Count > 0)
            {
                // Never forgotten silently: the file and record stay until stop or cleanup has ended them.
                entry = entry with { Reason = EntryReason.Leftovers, Processes = members.Count };
                return new(entry, snapshot, applicable, stat);
            }
        }
        return new(entry, snapshot, applicable, stat);
    }

    /// <summary>Stale, and with nothing of the instance left running: its file and record may go.</summary>
    private static bool IsRemovable(EntryCheck check) => check.Entry is { State: PidState.Stale, Reason: not EntryReason.Leftovers };

    /// <summary>
    /// Removes the stale files among <paramref name="checks"/>, under the directory lock taken once; each is re-checked
    /// under it first (the same file, its PID still not running as recorded), since another process may have written a
    /// fresh PID since it was inspected. Returns the checks with <see cref="PidEntry.Removed"/> set where removed.
    /// </summary>
    private EntryCheck[] RemoveStale(IReadOnlyList<EntryCheck> checks)
    {
        var result = checks.ToArray();
        var stale = Enumerable.Range(0, result.Length).Where(i => IsRemovable(result[i])).ToArray();
        if (stale.Length == 0) return result;
        using var _ = Lock();
        void RemoveOne(int i)
        {
            var check = result[i];
            var name = PidFileName.Create(check.Entry.Service, check.Entry.Type);
            int pid = check.Entry.Pid!.Value;
            var again = ReadPidFile(name);
            if (!again.SameAs(check.Snapshot)) return;
            if (ProcessIdentity.Check(pid, ReadRecord(name.Stem) is { } r && r.Pid == pid ? r : null).State != PidState.Stale) return;
            if (DeleteUnlocked(name, again) is var failed and not Errno.None)
            {
                result[i] = check with { Entry = check.Entry with { RemovalErrno = (int)failed } };
                return;
            }
            InstanceProcesses.Cgroup(check.Record)?.TryRemove();
            result[i] = check with { Entry = check.Entry with { Removed = true } };
        }
        ForEach(stale.Length, k => RemoveOne(stale[k]));
        return result;
    }

    /// <summary>Runs <paramref name="body"/> for 0..count-1, on all cores when there are enough items to pay for the threads.</summary>
    private static void ForEach(int count, Action<int> body)
    {
        if (count >= ParallelThreshold) Parallel.For(0, count, body);
        else for (int i = 0; i < count; i++) body(i);
    }

    /// <summary>
    /// Every <c>*.pid</c> file in the directory (only those that can be <paramref name="service"/>'s, when given: no record of
    /// another service is read) with the (service, type) it belongs to, by service, main process first.
    /// </summary>
    internal List<(PidFileName Name, IdentityRecord? Record)> Enumerate(string? service = null)
    {
        var result = new List<(PidFileName, IdentityRecord?)>();
        foreach (var (fileName, hasFile) in PidFileNames())
            if ((service is null || PidFileName.CanBelongTo(fileName, service)) && Identify(fileName, hasFile) is { } found && (service is null || found.Name.Service == service))
                result.Add(found);
        Sort(result, x => x.Item1);
        return result;
    }

    /// <summary>
    /// Inspects every PID file. Each file costs a dozen syscalls, half of them on /proc, so large directories
    /// are inspected on all cores; the result is in <see cref="Enumerate"/>'s order.
    /// </summary>
    internal List<EntryCheck> InspectAll(bool removeStale)
    {
        var files = PidFileNames();
        var found = new (PidFileName Name, EntryCheck Check)?[files.Count];
        var groups = new ProcessGroups();
        ForEach(files.Count, i =>
        {
            if (Identify(files[i].FileName, files[i].HasFile) is { } identified) found[i] = (identified.Name, InspectOnly(identified.Name, identified.Record, groups));
        });
        var named = found.OfType<(PidFileName Name, EntryCheck Check)>().ToList();
        Sort(named, x => x.Name); // the name computed once per file, not once per comparison
        var checks = named.Select(x => x.Check).ToList();
        return removeStale ? [.. RemoveStale(checks)] : checks;
    }

    /// <summary>Below this many files, starting threads costs more than it saves.</summary>
    private const int ParallelThreshold = 64;

    /// <summary>
    /// The name of every PID file, and of every PID file that has an identity record but no file (removed by someone who
    /// could write a shared directory, or a start killed between its two writes): its record still says what runs.
    /// </summary>
    private List<(string FileName, bool HasFile)> PidFileNames()
    {
        if (Io.HeldPidDirectory() is not { } directory) return [];
        var names = System.IO.Directory.EnumerateFileSystemEntries(directory.IoPath, "*" + PidFileName.Extension).Select(p => (Path.GetFileName(p), true)).ToList();
        if (Io.HeldStateDirectory() is not { } state) return names;
        var present = names.Select(n => n.Item1).ToHashSet(StringComparer.Ordinal);
        foreach (string record in System.IO.Directory.EnumerateFiles(state.IoPath, "*.json"))
        {
            string fileName = Path.GetFileNameWithoutExtension(record) + PidFileName.Extension;
            if (!present.Contains(fileName) && !fileName.StartsWith('.')) names.Add((fileName, false));
        }
        return names;
    }

    /// <summary>The (service, type) a file belongs to: its record's, when the record maps back to this file name; else inferred.</summary>
    private (PidFileName Name, IdentityRecord? Record)? Identify(string fileName, bool hasFile)
    {
        string stem = fileName[..^PidFileName.Extension.Length];
        var record = ReadRecord(stem);
        bool mapsBack = record is not null && PidFileName.IsValidService(record.Service) && PidFileName.IsValidType(record.Type)
            && PidFileName.Create(record.Service, record.Type).FileName == fileName;
        if (!hasFile && !mapsBack) return null; // a stray record names no file: nothing to show
        PidFileName? name = mapsBack ? PidFileName.Create(record!.Service, record.Type) : PidFileName.Infer(fileName);
        return name is { } n ? (n, mapsBack ? record : null) : null;
    }

    /// <summary>By service, then its main process first, then the other types.</summary>
    private static void Sort<T>(List<T> items, Func<T, PidFileName> nameOf) =>
        items.Sort((x, y) =>
        {
            var a = nameOf(x);
            var b = nameOf(y);
            int byService = string.CompareOrdinal(a.Service, b.Service);
            if (byService != 0) return byService;
            return (a.Type == PidFileName.DefaultType, b.Type == PidFileName.DefaultType) switch
            {
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a.Type, b.Type),
            };
        });

    /// <summary>
    /// Removes temp files of writers that died mid-write (a SIGKILL between create and rename);
    /// the writer's PID is part of the name, so a live writer's file is left alone.
    /// </summary>
    internal int RemoveAbandonedTempFiles(bool dryRun)
    {
        if (Io.HeldStateDirectory() is not { } state) return 0;
        int count = 0;
        foreach (string path in System.IO.Directory.EnumerateFiles(state.IoPath, ".*.tmp"))
        {
            string fileName = Path.GetFileName(path);
            if (AtomicFile.WriterPid(fileName) is not int writer) continue;
            if (ProcessIdentity.Check(writer, null).State == PidState.Running) continue;
            count++;
            if (!dryRun) state.Delete(fileName);
        }
        return count;
    }

    /// <summary>Records how a one-shot job's run ended (<see cref="JobCompletion"/>).</summary>
    internal void WriteCompletion(PidFileName name, int exitCode)
    {
        var state = Io.HeldStateDirectory(create: true)!;
        AtomicFile.Write(state, JobCompletion.FileName(name.Stem), new JobCompletion(exitCode, DateTimeOffset.UtcNow, ProcFs.BootId).ToJson(), state);
    }

    /// <summary>How the job's last run in this boot ended, or null (none since it was last stopped, or one from another boot).</summary>
    internal JobCompletion? ReadCompletion(PidFileName name)
    {
        if (Io.HeldStateDirectory() is not { } state) return null;
        Span<byte> buffer = stackalloc byte[512];
        var read = state.ReadSmallFile(JobCompletion.FileName(name.Stem), buffer);
        if (read is not { WasRead: true, Status: { } status } || !Entitled(status.Uid)) return null;
        return read.Length > 0 && JobCompletion.FromJson(buffer[..read.Length]) is { } done && done.BootId == ProcFs.BootId ? done : null;
    }

    /// <summary>Forgets how the job last ended: it runs again at the next start.</summary>
    internal void RemoveCompletion(PidFileName name) => Io.HeldStateDirectory()?.Delete(JobCompletion.FileName(name.Stem));

    /// <summary>The identity record for <paramref name="stem"/>, or null when missing or malformed.</summary>
    internal IdentityRecord? ReadRecord(string stem)
    {
        if (Io.HeldStateDirectory() is not { } state) return null;
        // A record is evidence only from someone entitled to give it: written by us or by root. Another user who can write
        // a shared PID directory could otherwise vouch for any process of ours and have our stop signal it.
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxRecordBytes);
        try
        {
            var read = state.ReadSmallFile(RecordName(stem), buffer.AsSpan(0, MaxRecordBytes));
            if (read is not { WasRead: true, Status: { } status } || !Entitled(status.Uid)) return null;
            return read.Length == 0 ? null : IdentityRecord.FromJson(buffer.AsSpan(0, read.Length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Files written by us or by root may vouch for a process; anyone else's may not (the trust rule's owners).</summary>
    private static bool Entitled(uint fileOwner) => TrustRule.IsEntitled(fileOwner);

    /// <summary>
    /// A record applies only to a PID file we or root own, and (unless root owns the file: root may manage any user's
    /// service) only to a process of the file's owner; and only to the very file it was written with (same device and
    /// inode), so a PID file moved, swapped or replaced no longer verifies. A record from before that binding is taken only
    /// in a directory no one else may write.
    /// </summary>
    private bool VouchesFor(PidFileSnapshot snapshot, int pid, IdentityRecord record) =>
        snapshot.Status is { } file && Entitled(file.Uid) && (file.Uid == 0 || ProcFs.ReadUid(pid) == file.Uid)
        && (record.PidFileInode is not null ? record.IsBoundTo(file) : !IsShared);

    /// <summary>True when users other than its owner may add, rename or remove files in the PID directory (<see cref="TrustRule.IsShared"/>).</summary>
    internal bool IsShared => Io.HeldPidDirectory()?.IsShared ?? false;

    /// <summary>Takes the directory's change lock; the state folder is created first, since a directory of foreign files has none.</summary>
    private FileLock Lock() => FileLock.OnDirectory(Io.HeldStateDirectory(create: true)!);

    /// <summary>
    /// Unlinks the PID file, then its record; <see cref="Errno.None"/> when both are gone (one already gone counts), else the
    /// first failure. PID file first: a crash in between leaves only an orphan record, which nothing reads; and a PID file that
    /// cannot be removed keeps its record, so what it names stays verifiable.
    /// </summary>
    private Errno DeleteUnlocked(PidFileName name, PidFileSnapshot snapshot)
    {
        if (snapshot.Exists)
        {
            if (snapshot.Status is { IsDirectory: true })
                throw new PidmanException($"{Directory.PidFilePath(name)} is a directory; not removing it - remove it by hand");
            if (Io.HeldPidDirectory()!.Delete(name.FileName) is not (Errno.None or Errno.ENOENT) and var failed) return failed;
        }
        var record = Io.HeldStateDirectory()?.Delete(RecordName(name.Stem)) ?? Errno.None;
        return record is Errno.ENOENT ? Errno.None : record;
    }
}
