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

    /// <summary>Fails the moment <paramref name="condition"/> becomes true within <paramref name="period"/>: for "X must not happen within N s".</summary>
    public static void StaysFalse(Func<bool> condition, string what, TimeSpan period)
    {
        var deadline = DateTime.UtcNow + period;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(condition(), $"{what} happened within {period.TotalSeconds:0.#} s");
            Thread.Sleep(25); // the interval between checks of a condition that must stay false for the whole period
        }
    }
}
