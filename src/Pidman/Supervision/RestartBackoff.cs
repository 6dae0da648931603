namespace Pidman.Supervision;

/// <summary>How long to wait before restart number n: 1 s doubling to a 30 s cap; a run of 60 s or more starts the count again.</summary>
internal static class RestartBackoff
{
    /// <summary>The first delay.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay.</summary>
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    /// <summary>A service that ran this long before exiting is counted as healthy again: its restart count resets.</summary>
    public static readonly TimeSpan ResetAfter = TimeSpan.FromSeconds(60);

    /// <summary>The delay before restart number <paramref name="restart"/> (1-based).</summary>
    public static TimeSpan Delay(int restart) =>
        TimeSpan.FromSeconds(Math.Min(Cap.TotalSeconds, Initial.TotalSeconds * Math.Pow(2, Math.Max(0, restart - 1))));
}
