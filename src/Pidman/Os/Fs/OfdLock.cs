using Pidman.Os.Interop;

namespace Pidman.Os.Fs;

/// <summary>
/// The shared open-file-description lock a line stamper holds on a log while it writes it: taken before the service
/// can write, gone when the stamper closes the log. A stop's banner and a failed start's tail wait for it to go
/// (<see cref="WaitUntilReleased"/>), so they come after the service's last lines.
/// </summary>
internal static class OfdLock
{
    /// <summary>Takes the shared lock on <paramref name="log"/> for as long as this description stays open.</summary>
    internal static void TakeShared(FileDescriptor log) => Libc.SetSharedOfdLock(log.Value);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> until nobody holds the lock on the file at <paramref name="ioPath"/>; true if
    /// nobody does (at once when the file is missing or unlocked). Woken by inotify's IN_CLOSE (any writer's close), not
    /// by a timer: a stop pays the stamper's own latency and no more.
    /// </summary>
    internal static bool WaitUntilReleased(string ioPath, TimeSpan timeout)
    {
        using var file = Libc.Open(ioPath, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out _);
        if (file.IsInvalid || !Libc.IsOfdLocked(file)) return true;
        using var closed = Libc.InotifyWatch(ioPath, Libc.IN_CLOSE, out _);
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        Span<byte> events = stackalloc byte[4096];
        // Checked again after the watch is in place: a release between the first check and the watch is not missed.
        while (Libc.IsOfdLocked(file))
        {
            long remaining = deadline - Environment.TickCount64;
            if (remaining <= 0) return false;
            if (closed.IsInvalid) Thread.Sleep((int)Math.Min(remaining, 10)); // no inotify (limits reached): look again shortly
            else if (Libc.PollReadable(closed, (int)remaining)) Libc.ReadOnce(closed, events, out _); // any writer's close: look again
        }
        return true;
    }
}
