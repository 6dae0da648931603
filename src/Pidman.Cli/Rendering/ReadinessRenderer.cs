using Pidman.Projects;

namespace Pidman.Cli.Rendering;

/// <summary>Prints what <c>up -d --wait</c> found.</summary>
internal static class ReadinessRenderer
{
    public static int Render(ReadinessReport report, Output output)
    {
        if (report.Ready)
        {
            output.Line($"ready in {report.Elapsed.TotalSeconds:0.0} s: every service runs (and passes its health check), every one-shot job completed");
            return ExitCodes.Ok;
        }
        foreach (var (line, tail) in report.Problems)
        {
            Output.Error(line);
            foreach (var l in tail) Console.Error.WriteLine($"  | {l}");
        }
        Output.Error("the supervisor keeps running for inspection ('pidman status', 'pidman logs'); 'pidman down' stops everything");
        return ExitCodes.Failure;
    }
}
