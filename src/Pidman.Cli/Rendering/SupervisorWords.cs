using System.Globalization;
using Pidman.PidFiles;
using Pidman.Projects;
using Pidman.Services;
using Pidman.Supervision;

namespace Pidman.Cli.Rendering;

/// <summary>The words of what the supervisor reports: an instance's work in flight, and why a wait found it not ready.</summary>
internal static class SupervisorWords
{
    /// <summary>Work in flight: <c>stopping (SIGTERM sent 4 s ago, SIGKILL in 11 s)</c>, <c>starting</c>, <c>restarting in 2 s</c>; null when none.</summary>
    public static string? Activity(InstanceReport i)
    {
        if (i.Stopping is { } stop)
        {
            string kill = stop.KillIn is { } left ? left > TimeSpan.Zero ? $", SIGKILL in {Seconds(left, "0")} s" : ", SIGKILL sent" : "";
            return $"stopping ({stop.Signal} sent {Seconds(stop.SentAgo, "0")} s ago{kill})";
        }
        return i.State switch
        {
            InstanceState.Starting => "starting",
            InstanceState.Restarting => $"restarting in {Seconds(i.RestartIn is { } r && r > TimeSpan.Zero ? r : TimeSpan.Zero, "0.#")} s",
            _ => null,
        };
    }

    /// <summary>The line of an instance a wait found not ready: what it is, why, and its log.</summary>
    public static string Problem(ReadinessProblem problem, TimeSpan timeout)
    {
        var i = problem.Instance;
        string state = i.State.ToString().ToLowerInvariant();
        string why = problem.Kind switch
        {
            ReadinessProblemKind.Ended => i.LastExitCode is int code ? ExitWords.Of(code) : state,
            _ => $"not ready after {Seconds(timeout, "0.#")} s ({Activity(i) ?? state}{(i.Health is HealthState.None ? "" : $", {i.Health.ToString().ToLowerInvariant()}")})",
        };
        return $"{PidFileName.Describe(i.Service, i.Type)}: {why} (log: {problem.LogPath})";
    }

    private static string Seconds(TimeSpan span, string format) => span.TotalSeconds.ToString(format, CultureInfo.InvariantCulture);
}
