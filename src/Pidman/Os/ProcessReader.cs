namespace Pidman.Os;

/// <summary>
/// What the identity rules read of a process: behind this seam so that the rules are unit-tested over a fake, and so that
/// another kernel's reader (macOS: <c>proc_pidinfo</c>'s start time and status, <c>kern.bootsessionuuid</c>) would be a
/// file beside <see cref="LiveProcessReader"/>.
/// </summary>
internal interface IProcessReader
{
    /// <summary>This boot's id.</summary>
    string BootId { get; }

    /// <summary>The process's stat fields; false when no such process exists.</summary>
    /// <exception cref="FormatException">What the kernel gave cannot be parsed.</exception>
    bool TryReadStat(int pid, out ProcStat stat);

    /// <summary>The process a task ID belongs to (the ID itself for a process, its process's for a thread); null when gone.</summary>
    int? ThreadGroupOf(int pid);
}

/// <summary>The running kernel's answers, from <see cref="ProcFs"/>.</summary>
internal sealed class LiveProcessReader : IProcessReader
{
    internal static LiveProcessReader Instance { get; } = new();

    private LiveProcessReader()
    {
    }

    public string BootId => ProcFs.BootId;

    public bool TryReadStat(int pid, out ProcStat stat) => ProcFs.TryReadStat(pid, out stat);

    public int? ThreadGroupOf(int pid) => ProcFs.ThreadGroupOf(pid);
}
