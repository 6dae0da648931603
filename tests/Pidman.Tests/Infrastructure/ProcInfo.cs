using System.Globalization;

namespace Pidman.Tests.Infrastructure;

/// <summary>What the tests check about a process, read straight from /proc (independent of the code under test).</summary>
public static class ProcInfo
{
    /// <summary>Alive and not a zombie: PID 1 here reaps orphans only every ~2 s, so Z counts as exited.</summary>
    public static bool IsAlive(int pid)
    {
        var fields = StatFields(pid);
        return fields is not null && fields[0] is not ("Z" or "X");
    }

    public static int? ParentPid(int pid) => StatFields(pid) is { } f ? int.Parse(f[1], CultureInfo.InvariantCulture) : null;

    public static int? ProcessGroup(int pid) => StatFields(pid) is { } f ? int.Parse(f[2], CultureInfo.InvariantCulture) : null;

    public static char? State(int pid) => StatFields(pid) is { } f ? f[0][0] : null;

    /// <summary>This process's real uid, from /proc/self/status.</summary>
    public static string CurrentUid() =>
        File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];

    /// <summary>The one walk of /proc in the tests: every live (not zombie) process that matches <paramref name="match"/>.</summary>
    public static List<int> LiveProcesses(Func<int, bool> match)
    {
        var result = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out int pid) && IsAlive(pid) && match(pid)) result.Add(pid);
        return result;
    }

    /// <summary>Live members of a process group.</summary>
    public static List<int> LiveGroupMembers(int pgid) => LiveProcesses(pid => ProcessGroup(pid) == pgid);

    /// <summary>Live processes whose working directory is <paramref name="root"/> or below it.</summary>
    public static List<int> ProcessesUnder(string root) => LiveProcesses(pid =>
    {
        try
        {
            var cwd = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
            return cwd is not null && (cwd == root || cwd.StartsWith(root + "/", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    });

    /// <summary>
    /// Live line stampers (<c>pidman __stamp-log --serve LOGDIR</c>, <c>pidman __stamp-log LOG</c>) of logs at or below
    /// <paramref name="root"/>: they run in / and are found by the log or log folder they name.
    /// </summary>
    public static List<int> StampersUnder(string root) => LiveProcesses(pid =>
        CommandLine(pid) is { } line && line.Split('\0') is [_, "__stamp-log", .. var rest] && rest.Any(a => a.StartsWith(root + "/", StringComparison.Ordinal)));

    /// <summary>The command line with NULs between arguments, or null when the process is gone.</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Fields after the comm: [0] = state (field 3), [1] = ppid, [2] = pgrp ...</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            string text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Live processes whose real uid is one of <paramref name="uids"/>.</summary>
    public static List<int> ProcessesOf(params uint[] uids) => LiveProcesses(pid =>
    {
        try
        {
            string? line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return line is not null && uint.TryParse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], out uint uid) && uids.Contains(uid);
        }
        catch (IOException)
        {
            return false;
        }
    });
}
