namespace Pidman.Os;

/// <summary>
/// Waiting on something the kernel gives no event for (a process group emptying, a socket starting to answer):
/// check, pause 1 ms doubling to 50 ms, check again - quick for what happens at once, cheap for what takes seconds.
/// </summary>
internal static class Polling
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(50);

    /// <summary>True once <paramref name="condition"/> holds; false when <paramref name="timeout"/> passes first.</summary>
    internal static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var pause = TimeSpan.FromMilliseconds(1);
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
        }
        return true;
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan, CancellationToken)"/>
    internal static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, cancellationToken);
}
