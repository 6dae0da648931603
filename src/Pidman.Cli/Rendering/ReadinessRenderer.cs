using Pidman.Projects;

namespace Pidman.Cli.Rendering;

/// <summary>Prints what <c>up -d</c> did and what <c>--wait</c> found.</summary>
internal static class ReadinessRenderer
{
    /// <summary>The supervisor started or reloaded, then readiness when it was waited for (<paramref name="report"/>).</summary>
    public static int RenderDetached(int pid, IReadOnlyList<string>? reloaded, string events, ReadinessReport? report, Output output)
    {
        if (output.Json)
        {
            JsonOutput.Write(new UpJson(pid, reloaded, events, report?.Ready, report is null ? null : Math.Round(report.Elapsed.TotalSeconds, 3),
                report?.Problems.Select(p => new UpProblemJson(SupervisorWords.Problem(p, report.Timeout), p.LogTail)).ToList()), CliJsonContext.Output.UpJson);
            return report is null || report.Ready ? ExitCodes.Ok : ExitCodes.Failure;
        }
        output.Line(reloaded is null ? $"supervisor started (PID {pid}); events in {events}; 'pidman down' stops everything" : $"supervisor (PID {pid}) reloaded: {string.Join("; ", reloaded)}");
        return report is null ? ExitCodes.Ok : Render(report, output);
    }

    public static int Render(ReadinessReport report, Output output)
    {
        if (report.Ready)
        {
            output.Line($"ready in {report.Elapsed.TotalSeconds:0.0} s: every service runs (and passes its health check), every one-shot job completed");
            return ExitCodes.Ok;
        }
        foreach (var problem in report.Problems)
        {
            Output.Error(SupervisorWords.Problem(problem, report.Timeout));
            foreach (var l in problem.LogTail) Console.Error.WriteLine($"  | {l}");
        }
        Output.Error("the supervisor keeps running for inspection ('pidman status', 'pidman logs'); 'pidman down' stops everything");
        return ExitCodes.Failure;
    }
}
