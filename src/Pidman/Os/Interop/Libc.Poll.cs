using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    private const short POLLIN = 0x1;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(LibraryName, EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int PollRaw(PollFd* fds, nuint count, int timeoutMs);

    /// <summary>Waits until <paramref name="fd"/> is readable (for a pidfd: the process has exited) or the timeout passes.</summary>
    internal static unsafe bool PollReadable(FileDescriptor fd, int timeoutMs)
    {
        var pfd = new PollFd { Fd = fd.Value, Events = POLLIN };
        return PollUntil(&pfd, 1, timeoutMs) > 0;
    }

    /// <summary>
    /// Waits until <paramref name="fd"/> or <paramref name="wake"/> is readable or the timeout passes: 1 when
    /// <paramref name="fd"/> is (a pidfd: the process has exited), 2 when only <paramref name="wake"/> is (a cancellation), 0
    /// at the timeout or when poll fails for another reason than EINTR.
    /// </summary>
    internal static unsafe int PollReadableOrWake(FileDescriptor fd, FileDescriptor wake, int timeoutMs)
    {
        PollFd* pfds = stackalloc PollFd[2];
        pfds[0] = new PollFd { Fd = fd.Value, Events = POLLIN };
        pfds[1] = new PollFd { Fd = wake.Value, Events = POLLIN };
        return PollUntil(pfds, 2, timeoutMs) <= 0 ? 0 : pfds[0].Revents != 0 ? 1 : 2;
    }

    /// <summary>poll(2) of <paramref name="fds"/> until one is ready or <paramref name="timeoutMs"/> (-1: for ever) has passed, across EINTR: poll's count, 0 at the timeout, -1 on another failure.</summary>
    private static unsafe int PollUntil(PollFd* fds, nuint count, int timeoutMs)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            int remaining = timeoutMs < 0 ? -1 : (int)Math.Max(0, deadline - Environment.TickCount64);
            int n = PollRaw(fds, count, remaining);
            if (n >= 0 || LastErrno != Errno.EINTR) return n;
        }
    }

    /// <summary>
    /// Waits, for ever, until one of <paramref name="fds"/> is readable, at its end or in error, and sets its flag in
    /// <paramref name="ready"/>; false (with nothing set) when poll fails for another reason than EINTR.
    /// </summary>
    internal static unsafe bool PollAny(ReadOnlySpan<int> fds, Span<bool> ready)
    {
        Span<PollFd> polled = fds.Length <= 512 ? stackalloc PollFd[fds.Length] : new PollFd[fds.Length];
        for (int i = 0; i < fds.Length; i++) polled[i] = new PollFd { Fd = fds[i], Events = POLLIN };
        fixed (PollFd* start = polled)
        {
            if (PollUntil(start, (nuint)polled.Length, -1) < 0) return false;
        }
        for (int i = 0; i < fds.Length; i++) ready[i] = polled[i].Revents != 0;
        return true;
    }
}
