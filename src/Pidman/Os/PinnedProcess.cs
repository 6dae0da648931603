using Pidman.Exceptions;
using Pidman.Os.Interop;

namespace Pidman.Os;

/// <summary>
/// A process held by a pidfd, opened before its identity is verified: a signal sent through it reaches exactly that
/// process or nothing (the PID may be recycled once it exits, but the descriptor never follows it); where pidfd is
/// missing (kernel &lt; 5.3, seccomp) it falls back to kill(2) after re-checking the start time.
/// </summary>
internal sealed class PinnedProcess : IDisposable
{
    private readonly FileDescriptor? _pidfd;
    private readonly ulong _startTimeTicks;

    private PinnedProcess(int pid, FileDescriptor? pidfd, ulong startTimeTicks, bool signalGroup)
    {
        Pid = pid;
        _pidfd = pidfd;
        _startTimeTicks = startTimeTicks;
        SignalsGroup = signalGroup;
    }

    /// <summary>The process ID.</summary>
    internal int Pid { get; }

    /// <summary>True when the process leads its own group (pgid == pid, not ours): signals then go to the whole group.</summary>
    internal bool SignalsGroup { get; }

    /// <summary>
    /// Pins <paramref name="pid"/> and then verifies it still is the process with <paramref name="expectedStartTicks"/>.
    /// Null when it has gone or was replaced meanwhile.
    /// </summary>
    internal static PinnedProcess? Pin(int pid, ulong expectedStartTicks)
    {
        var pidfd = Libc.PidfdOpen(pid, out var errno);
        if (pidfd.IsInvalid)
        {
            pidfd.Dispose();
            if (errno == Errno.ESRCH) return null;
            // A thread's ID: pidfd_open takes only a thread group leader (EINVAL, ENOENT on newer kernels).
            if (errno is Errno.EINVAL or Errno.ENOENT)
                throw new PidmanException($"PID {pid} is not a process (a thread ID?); not signalled");
            if (errno is not (Errno.ENOSYS or Errno.EPERM))
                throw new PidmanException($"pidfd_open({pid}) failed: {errno.Describe()}", errno.AsException());
            pidfd = null;
        }
        // Verify after pinning: from here on the PID cannot name another process.
        if (!ProcFs.TryReadStat(pid, out var stat) || stat.HasExited || stat.StartTimeTicks != expectedStartTicks)
        {
            pidfd?.Dispose();
            return null;
        }
        bool group = stat.ProcessGroup == pid && Signaller.MaySignalGroup(pid);
        return new PinnedProcess(pid, pidfd, expectedStartTicks, group);
    }

    /// <summary>Sends <paramref name="signal"/> to the process (or its group); false when it had already exited.</summary>
    internal bool Send(Signal signal)
    {
        if (HasExited()) return false;
        // The leader is alive and pinned, so its PID is still this group's id.
        Errno result = SignalsGroup ? Signaller.ToGroup(Pid, signal) : Signaller.ToProcess(Pid, _pidfd, signal);
        if (result is Errno.None) return true;
        if (result is Errno.ESRCH) return false;
        throw new PidmanException($"cannot send {signal} to PID {Pid}: {result.Describe()}", result.AsException());
    }

    /// <summary>Sends <paramref name="signal"/> to the process itself, never its group (<c>kill -HUP $(cat web.pid)</c>); false when it had already exited.</summary>
    internal bool SendToProcess(Signal signal)
    {
        if (HasExited()) return false;
        Errno result = Signaller.ToProcess(Pid, _pidfd, signal);
        if (result is Errno.None) return true;
        if (result is Errno.ESRCH) return false;
        throw new PidmanException($"cannot send {signal} to PID {Pid}: {result.Describe()}", result.AsException());
    }

    /// <summary>Waits until the process exits (a zombie counts as exited) or <paramref name="timeout"/> passes; a cancellation ends the wait at once.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    internal async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // poll(2) on a pidfd wakes the moment the process exits: no sleeping, no polling of /proc.
        if (_pidfd is not null) return await Blocking.UntilReadableAsync(_pidfd, timeout, cancellationToken).ConfigureAwait(false);
        return await Polling.UntilAsync(HasExited, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True once the process has exited, become a zombie, or been replaced.</summary>
    internal bool HasExited()
    {
        if (_pidfd is not null) return Libc.PollReadable(_pidfd, 0);
        try
        {
            return !ProcFs.TryReadStat(Pid, out var stat) || stat.HasExited || stat.StartTimeTicks != _startTimeTicks;
        }
        catch (FormatException)
        {
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _pidfd?.Dispose();
}
