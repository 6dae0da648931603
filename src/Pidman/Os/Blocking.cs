namespace Pidman.Os;

/// <summary>Runs a blocking wait (poll on a pidfd) on a thread of its own.</summary>
internal static class Blocking
{
    /// <summary>
    /// LongRunning gives each wait its own thread: stopping 200 services at once would otherwise
    /// block the thread pool, which adds threads only about twice a second.
    /// </summary>
    internal static Task<T> RunAsync<T>(Func<T> wait, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(wait, cancellationToken, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
}
