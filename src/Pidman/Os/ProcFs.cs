using System.Globalization;
using System.Text;
using Pidman.Os.Interop;

namespace Pidman.Os;

/// <summary>All of Pidman's reads of <c>/proc</c>, in one place.</summary>
/// <remarks>A vanished process makes a <c>TryRead…</c> return false; malformed data throws <see cref="FormatException"/>.</remarks>
internal static class ProcFs
{
    private const string Root = "/proc";

    private static readonly Lazy<string> s_bootId = new(() => KernelFile.ReadText("/proc/sys/kernel/random/boot_id")?.Trim() ?? "");
    private static readonly Lazy<int> s_pidMax = new(ReadPidMax);
    private static readonly Lazy<long> s_bootTime = new(ReadBootTime);

    /// <summary>This boot's id: a record from another boot describes a process that cannot exist any more.</summary>
    internal static string BootId => s_bootId.Value;

    /// <summary>The largest PID the kernel hands out in this PID namespace.</summary>
    internal static int PidMax => s_pidMax.Value;

    /// <summary>Boot time as Unix seconds (<c>btime</c> in /proc/stat).</summary>
    internal static long BootTimeUnixSeconds => s_bootTime.Value;

    /// <summary>Reads and parses <c>/proc/PID/stat</c>; false when no such process exists.</summary>
    internal static bool TryReadStat(int pid, out ProcStat stat)
    {
        stat = null!;
        if (pid <= 0) return false;
        string? text = KernelFile.ReadText($"{Root}/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        if (text is null) return false;
        stat = ProcStat.Parse(text.AsSpan().TrimEnd('\n'));
        return true;
    }

    /// <summary>The process's command line with arguments joined by spaces, or null when unreadable (gone, or a kernel thread).</summary>
    internal static string? ReadCommandLine(int pid)
    {
        string? raw = KernelFile.ReadText($"{Root}/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline", 4096);
        if (string.IsNullOrEmpty(raw)) return null;
        return raw.TrimEnd('\0').Replace('\0', ' ');
    }

    /// <summary>The real uid of the process (<c>Uid:</c> in /proc/PID/status), or null when gone.</summary>
    internal static uint? ReadUid(int pid) => StatusField(pid, "Uid:") is uint uid ? uid : null;

    /// <summary>The process a task ID belongs to (<c>Tgid:</c> of <c>/proc/PID/status</c>): the ID itself for a process, its process's for a thread; null when gone.</summary>
    internal static int? ThreadGroupOf(int pid) => StatusField(pid, "Tgid:") is uint tgid ? (int)tgid : null;

    /// <summary>The first number of the <paramref name="key"/> line of <c>/proc/PID/status</c>, or null.</summary>
    private static uint? StatusField(int pid, string key)
    {
        string? status = KernelFile.ReadText($"{Root}/{pid.ToString(CultureInfo.InvariantCulture)}/status", 8192);
        return status is null ? null : ProcStatus.Field(status, key);
    }

    /// <summary>Live (not zombie) processes whose process group is <paramref name="pgid"/>.</summary>
    internal static List<int> LiveMembersOfGroup(int pgid)
    {
        // No process at all in the group (zombies included): no need to read all of /proc.
        if (pgid > 1 && !Signaller.GroupExists(pgid)) return [];
        // getpgid(2) per PID is one syscall and no file; only the members' stat is read (to leave zombies out).
        var members = new List<int>();
        foreach (int pid in AllPids())
        {
            if (Libc.ProcessGroupOf(pid) != pgid) continue;
            try
            {
                if (TryReadStat(pid, out var stat) && stat.ProcessGroup == pgid && !stat.HasExited) members.Add(pid);
            }
            catch (FormatException)
            {
                // mid-exit: no live process to act on
            }
        }
        return members;
    }

    /// <summary>
    /// The stat of every process in /proc. One that vanishes, or shows a partial line mid-exit, is skipped:
    /// it is no live process to act on.
    /// </summary>
    private static IEnumerable<ProcStat> AllProcesses()
    {
        foreach (int pid in AllPids())
        {
            ProcStat? stat;
            try
            {
                stat = TryReadStat(pid, out var s) ? s : null;
            }
            catch (FormatException)
            {
                stat = null;
            }
            if (stat is not null) yield return stat;
        }
    }

    /// <summary>Every PID in /proc now.</summary>
    private static IEnumerable<int> AllPids()
    {
        foreach (string dir in Directory.EnumerateDirectories(Root))
            if (int.TryParse(Path.GetFileName(dir.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) yield return pid;
    }

    /// <summary>
    /// Live session leaders whose environment holds <paramref name="marker"/> (<c>KEY=value</c>), with their
    /// <c>PIDMAN_*</c> variables. Only leaders are read, so the cost is one stat per process and one environ
    /// per leader; an unreadable environ (another user's process) is skipped.
    /// </summary>
    internal static List<(int Pid, Dictionary<string, string> Pidman)> SessionLeadersMarkedWith(string marker)
    {
        var found = new List<(int, Dictionary<string, string>)>();
        foreach (var stat in AllProcesses().Where(s => s.Session == s.Pid && !s.HasExited))
            if (ReadPidmanEnvironment(stat.Pid, marker) is { } vars) found.Add((stat.Pid, vars));
        return found;
    }

    /// <summary>The <c>PIDMAN_*</c> variables of <paramref name="pid"/> if its environment holds <paramref name="marker"/>, else null.</summary>
    internal static Dictionary<string, string>? ReadPidmanEnvironment(int pid, string marker)
    {
        string? environ = KernelFile.ReadText($"{Root}/{pid.ToString(CultureInfo.InvariantCulture)}/environ", 1 << 16);
        if (environ is null) return null;
        var entries = environ.Split('\0');
        if (!entries.Contains(marker)) return null;
        return entries
            .Where(v => v.StartsWith("PIDMAN_", StringComparison.Ordinal) && v.Contains('='))
            .Select(v => v.Split('=', 2))
            .GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
    }

    /// <summary>
    /// Where this process's cgroup v2 directory is: the <c>cgroup2</c> mount point (from <c>/proc/self/mountinfo</c>)
    /// joined with the path in the <c>0::</c> line of <c>/proc/self/cgroup</c>; null without a cgroup2 mount.
    /// </summary>
    internal static string? OwnCgroupDirectory()
    {
        // Read whole: a machine with many mounts (containers, snaps) has a mountinfo longer than one bounded read.
        string? mountinfo = ReadWhole("/proc/self/mountinfo");
        string? own = KernelFile.ReadText("/proc/self/cgroup", 4096);
        if (mountinfo is null || own is null || MountInfo.Cgroup2MountPoint(mountinfo) is not { } mount) return null;
        return ProcCgroup.UnifiedPath(own) is { } path ? Path.Join(mount, path) : null;
    }

    /// <summary>The address ranges at which this process's own executable is mapped (from <c>/proc/self/maps</c>).</summary>
    internal static List<(nint Start, nuint Length)> OwnExecutableMappings()
    {
        string? exe = Environment.ProcessPath;
        string? maps = KernelFile.ReadText("/proc/self/maps", 1 << 16);
        return exe is null || maps is null ? [] : ProcMaps.RangesOf(maps, exe);
    }

    /// <summary>Live processes whose parent is <paramref name="parent"/>.</summary>
    internal static List<int> LiveChildren(int parent) =>
        AllProcesses().Where(s => s.ParentPid == parent && !s.HasExited).Select(s => s.Pid).ToList();

    /// <summary>Live processes by process group: one walk of /proc for a whole status.</summary>
    internal static ILookup<int, ProcStat> LiveProcessesByGroup() =>
        AllProcesses().Where(s => !s.HasExited).ToLookup(s => s.ProcessGroup);

    /// <summary>Zombie processes whose parent is <paramref name="parent"/>.</summary>
    internal static List<int> ZombieChildren(int parent) =>
        AllProcesses().Where(s => s.ParentPid == parent && s.State == 'Z').Select(s => s.Pid).ToList();

    /// <summary>
    /// Every listening socket of this network namespace by inode: TCP sockets in LISTEN (state 0A) and bound UDP
    /// sockets (state 07) from <c>/proc/net/{tcp,tcp6,udp,udp6}</c>.
    /// </summary>
    internal static Dictionary<ulong, ListeningPort> ListeningSockets()
    {
        var sockets = new Dictionary<ulong, ListeningPort>();
        // A busy machine's table can be large: read it whole, not with one bounded read. Null: no IPv6, or no such table.
        foreach (string table in (ReadOnlySpan<string>)["tcp", "tcp6", "udp", "udp6"])
            if (ReadWhole($"{Root}/net/{table}") is { } text) NetTable.AddListening(text, table, sockets);
        return sockets;
    }

    /// <summary>The inodes of the sockets <paramref name="pid"/> holds open (its <c>/proc/PID/fd</c> links to <c>socket:[N]</c>); empty when unreadable.</summary>
    internal static List<ulong> SocketInodes(int pid)
    {
        var inodes = new List<ulong>();
        try
        {
            foreach (string fd in Directory.EnumerateFileSystemEntries($"{Root}/{pid.ToString(CultureInfo.InvariantCulture)}/fd"))
            {
                string? target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && target.EndsWith(']')
                    && ulong.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode))
                    inodes.Add(inode);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // gone, or another user's process: no ports to show
        }
        return inodes;
    }

    /// <summary>A kernel file of any length, read whole; null when it cannot be read.</summary>
    private static string? ReadWhole(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>When the process started, from its start ticks and the boot time.</summary>
    internal static DateTimeOffset StartedAt(ulong startTimeTicks) =>
        DateTimeOffset.FromUnixTimeMilliseconds(BootTimeUnixSeconds * 1000 + (long)(startTimeTicks * 1000 / (ulong)ClockTicks));

    /// <summary>Clock ticks per second for <see cref="ProcStat.StartTimeTicks"/>.</summary>
    internal static long ClockTicks { get; } = Libc.ClockTicksPerSecond;

    /// <summary>Bytes per memory page, for <see cref="ProcStat.RssPages"/>.</summary>
    internal static long PageSize { get; } = Environment.SystemPageSize;

    private static int ReadPidMax()
    {
        string? text = KernelFile.ReadText("/proc/sys/kernel/pid_max");
        return int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int max) ? max : 4194304;
    }

    private static long ReadBootTime()
    {
        string? stat = KernelFile.ReadText("/proc/stat", 1 << 16);
        if (stat is null) return 0;
        foreach (var line in stat.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("btime ") && long.TryParse(line[6..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long btime))
                return btime;
        }
        return 0;
    }
}
