using System.Diagnostics;

namespace Pidman.Cli.Rendering;

/// <summary>
/// One line on a terminal that says what a long wait is waiting for, redrawn in place every 100 ms and erased at the
/// end; nothing in a pipe, with --json or with --quiet, and nothing for a wait shorter than half a second.
/// </summary>
internal static class ProgressLine
{
    private static readonly TimeSpan ShowAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>Awaits <paramref name="work"/>, showing <paramref name="describe"/>(elapsed) on stderr meanwhile when it is a terminal.</summary>
    public static async Task<T> ShowWhile<T>(Task<T> work, Output output, Func<TimeSpan, string> describe)
    {
        if (output.Json || output.Quiet || Console.IsErrorRedirected) return await work.ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        bool shown = false;
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(100)).ConfigureAwait(false);
            if (work.IsCompleted || clock.Elapsed < ShowAfter) continue;
            Console.Error.Write($"\r{describe(clock.Elapsed)}\u001b[K");
            shown = true;
        }
        if (shown) Console.Error.Write("\r\u001b[K");
        return await work.ConfigureAwait(false);
    }

    /// <summary>A stop's wait: <c>web: waiting for exit (SIGTERM 3 s ago, SIGKILL in 7 s)</c>.</summary>
    public static string Stopping(IReadOnlyList<string> names, string signal, TimeSpan timeout, TimeSpan elapsed)
    {
        string who = names.Count switch { 0 => "services", 1 => names[0], <= 3 => string.Join(", ", names), _ => $"{names.Count} services" };
        var left = timeout - elapsed;
        return left > TimeSpan.Zero
            ? $"{who}: waiting for exit ({signal} {elapsed.TotalSeconds:0} s ago, SIGKILL in {Math.Ceiling(left.TotalSeconds):0} s)"
            : $"{who}: waiting for exit (SIGKILL sent {(-left).TotalSeconds:0} s ago)";
    }

    /// <summary>A start's wait: <c>starting web, migrate: 2.1 s (one-shot jobs run to their end, new services are watched for their first second)</c>.</summary>
    public static string Starting(IReadOnlyList<string> names, TimeSpan elapsed)
    {
        string who = names.Count switch { 0 => "every service", <= 3 => string.Join(", ", names), _ => $"{names.Count} services" };
        return $"starting {who}: {elapsed.TotalSeconds:0.0} s (one-shot jobs run to their end; new services are watched for their first moments)";
    }
}
