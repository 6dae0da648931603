using System.Diagnostics;

namespace Pidman.Tests.Infrastructure;

/// <summary>Waits on a condition with a deadline, never a fixed sleep.</summary>
public static class Wait
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        int delay = 1;
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"timed out after {limit.TotalSeconds:0.#} s waiting for {what}");
            Thread.Sleep(delay); // a backoff between checks of a condition, not a fixed wait for a result
            delay = Math.Min(delay * 2, 25);
        }
    }
}
