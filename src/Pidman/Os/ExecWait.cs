using System.Globalization;

namespace Pidman.Os;

/// <summary>
/// Waits for a spawned wrapper to become the program it runs. A service is spawned as <c>/bin/sh -c 'join cgroup; exec
/// PROGRAM'</c> (posix_spawn cannot put a child in a cgroup before it execs on glibc before 2.39), and posix_spawn returns
/// once the shell runs: until the shell's own <c>exec</c>, the PID is a shell, and a signal sent to it then would end the
/// shell, not the service. A start that returns only after this wait hands back a PID that is the program.
/// </summary>
internal static class ExecWait
{
    /// <summary>
    /// Waits until process <paramref name="pid"/>'s command line is no longer <paramref name="wrapper"/> (it has exec'd), or
    /// it has exited, or <paramref name="timeout"/> passed; true unless the timeout passed.
    /// </summary>
    internal static async Task<bool> UntilExecedAsync(int pid, IReadOnlyList<string> wrapper, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string before = string.Concat(wrapper.Select(a => a + "\0"));
        string wrapperName = Path.GetFileName(wrapper[0]);
        string path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline";
        bool Execed()
        {
            if (KernelFile.ReadText(path, before.Length + 2) is not { } now || !ProcFs.TryReadStat(pid, out var stat) || stat.HasExited) return true;
            if (now == before) return false;
            // execve shows the new arguments a moment before the new name (comm): until the name has changed too, a signal
            // or a look at the process still finds the shell. A program itself named like the shell can only be told by its
            // arguments.
            return stat.Comm != wrapperName || Path.GetFileName(now[..Math.Max(0, now.IndexOf('\0'))]) == wrapperName;
        }
        // A shell starts in about a millisecond: look at once, then at short intervals (one read of /proc each).
        return Execed() || await Polling.UntilAsync(Execed, timeout, cancellationToken).ConfigureAwait(false);
    }
}
