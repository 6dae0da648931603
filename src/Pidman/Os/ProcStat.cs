using System.Globalization;

namespace Pidman.Os;

/// <summary>The fields of one <c>/proc/PID/stat</c> line that Pidman uses (proc(5)).</summary>
/// <param name="Pid">Field 1.</param>
/// <param name="Comm">Field 2, without its parentheses.</param>
/// <param name="State">Field 3: R, S, D, Z, T, t, X, I ...</param>
/// <param name="ParentPid">Field 4.</param>
/// <param name="ProcessGroup">Field 5.</param>
/// <param name="Session">Field 6.</param>
/// <param name="StartTimeTicks">Field 22: start time in clock ticks since boot; with the boot id, the process's identity.</param>
/// <param name="RssPages">Field 24: resident set size in pages.</param>
internal sealed record ProcStat(int Pid, string Comm, char State, int ParentPid, int ProcessGroup, int Session, ulong StartTimeTicks, long RssPages)
{
    /// <summary>Fields 14 + 15: CPU time in user and kernel mode, in clock ticks.</summary>
    public ulong CpuTicks { get; init; }

    /// <summary>Field 9: the kernel's PF_* flags of the task.</summary>
    public uint Flags { get; init; }

    /// <summary>True for a kernel thread (PF_KTHREAD, include/linux/sched.h): no program, never a service.</summary>
    public bool IsKernelThread => (Flags & 0x00200000) != 0;

    /// <summary>True for a zombie or a dead task: exited, only waiting to be reaped, so not running.</summary>
    public bool HasExited => State is 'Z' or 'X' or 'x';

    /// <summary>Parses one stat line. The comm field runs from the first '(' to the <em>last</em> ')', since a process may name itself anything, parentheses included.</summary>
    /// <exception cref="FormatException">The line is malformed.</exception>
    public static ProcStat Parse(ReadOnlySpan<char> line)
    {
        int open = line.IndexOf('(');
        int close = line.LastIndexOf(')');
        if (open <= 0 || close < open)
            throw new FormatException("stat line has no (comm) field");

        int pid = ParseInt(line[..open].Trim(), "pid");
        string comm = line[(open + 1)..close].ToString();

        // Fields after comm, 1-based numbering of proc(5): rest[0] is field 3 (state).
        var rest = line[(close + 1)..].Trim();
        Span<Range> ranges = stackalloc Range[24];
        int count = rest.Split(ranges, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count < 22)
            throw new FormatException($"stat line has {count + 2} fields, expected at least 24");

        var state = rest[ranges[0]];
        if (state.Length != 1)
            throw new FormatException("stat state field is not one character");

        return new ProcStat(
            pid,
            comm,
            state[0],
            ParseInt(rest[ranges[1]], "ppid"),
            ParseInt(rest[ranges[2]], "pgrp"),
            ParseInt(rest[ranges[3]], "session"),
            ulong.Parse(rest[ranges[19]], NumberStyles.None, CultureInfo.InvariantCulture),
            long.Parse(rest[ranges[21]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))
        {
            CpuTicks = ulong.Parse(rest[ranges[11]], NumberStyles.None, CultureInfo.InvariantCulture) + ulong.Parse(rest[ranges[12]], NumberStyles.None, CultureInfo.InvariantCulture),
            Flags = uint.Parse(rest[ranges[6]], NumberStyles.None, CultureInfo.InvariantCulture),
        };
    }

    private static int ParseInt(ReadOnlySpan<char> text, string field) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"stat field {field} is not a number: '{text}'");
}
