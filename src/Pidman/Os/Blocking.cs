using Pidman.Os.Interop;

namespace Pidman.Os;

/// <summary>Blocking waits (poll on a pidfd) run on a thread of their own, and woken at once by a cancellation.</summary>
internal static class Blocking
{
    /// <summary>
    /// LongRunning gives each wait its own thread: stopping 200 services at once would otherwise
    /// block the thread pool, which adds threads only about twice a second.
    /// </summary>
    internal static Task<T> RunAsync<T>(Func<T> wait, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(wait, cancellationToken, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);

    /// <summary>
    /// Waits until <paramref name="fd"/> is readable (a pidfd: its process has exited); false when <paramref name="timeout"/>
    /// passes first. A cancellation writes to a pipe polled beside it, so the wait ends at once and throws
    /// <see cref="OperationCanceledException"/>, and its thread is let go.
    /// </summary>
    internal static async Task<bool> UntilReadableAsync(FileDescriptor fd, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int ms = timeout == Timeout.InfiniteTimeSpan ? -1 : (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);
        if (Libc.PollReadable(fd, 0)) return true; // ready already (a prompt exit often is): no thread for it
        if (!cancellationToken.CanBeCanceled) return await RunAsync(() => Libc.PollReadable(fd, ms), cancellationToken).ConfigureAwait(false);
        if (Libc.Pipe(out var wakeRead, out var wakeWrite) is not Errno.None and var failed)
            throw new Exceptions.PidmanException($"cannot make a pipe to wait on: {failed.Describe()}");
        using (wakeRead)
        using (wakeWrite)
        {
            // Disposed before the pipe: a callback running now finishes before its end is closed.
            using var registration = cancellationToken.Register(() => Libc.WriteAll(wakeWrite, [1], out _));
            int woke = await RunAsync(() => Libc.PollReadableOrWake(fd, wakeRead, ms), CancellationToken.None).ConfigureAwait(false);
            if (woke != 1) cancellationToken.ThrowIfCancellationRequested();
            return woke == 1;
        }
    }
}
