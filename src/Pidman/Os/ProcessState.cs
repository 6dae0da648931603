namespace Pidman.Os;

/// <summary>A process's scheduling state in words, for messages about a process that does not answer.</summary>
internal static class ProcessState
{
    /// <summary>True when <paramref name="pid"/> is stopped (by SIGSTOP, Ctrl-Z or a debugger): it answers nothing until resumed.</summary>
    public static bool IsStopped(int pid) => ProcFs.TryReadStat(pid, out var stat) && stat.State is 'T' or 't';

    /// <summary>E.g. <c>stopped by a signal (SIGSTOP or Ctrl-Z); 'kill -CONT 42' resumes it</c>, or <c>gone</c>.</summary>
    public static string Describe(int pid)
    {
        if (!ProcFs.TryReadStat(pid, out var stat)) return "gone";
        return stat.State switch
        {
            'T' => $"stopped by a signal (SIGSTOP or Ctrl-Z); 'kill -CONT {pid}' resumes it",
            't' => "stopped by a debugger",
            'D' => "in uninterruptible sleep (waiting on I/O)",
            'Z' or 'X' => "exited",
            'R' => "running (busy)",
            _ => "sleeping",
        };
    }
}
