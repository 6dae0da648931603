using Pidman.PidFiles;
using Pidman.Stopping;

namespace Pidman.Cli.Rendering;

/// <summary>Prints stop results: one line per PID entry (refusals and failures on stderr), or the JSON document.</summary>
internal static class StopRenderer
{
    public static int Render(IReadOnlyList<StopResult> results, Output output, bool onlyActedOn = false)
    {
        var lines = results.SelectMany(r => r.Entries).Where(e => !onlyActedOn || e.Pid is not null).ToList();
        if (output.Json)
        {
            JsonOutput.Write(new StopJson(Lines(lines)), CliJsonContext.Output.StopJson);
        }
        else
        {
            foreach (var e in lines)
            {
                string text = $"{PidFileName.Describe(e.Service, e.Type)}{(e.Pid is int p ? $" (PID {p})" : "")}: {StopWords.Describe(e)}";
                if (e.Outcome is StopOutcome.Refused or StopOutcome.Failed) Output.Error(text);
                else output.Line(text);
            }
        }
        return results.All(r => r.Succeeded) ? ExitCodes.Ok : ExitCodes.Failure;
    }

    public static List<StopLineJson> Lines(IEnumerable<StopEntryResult> entries) =>
        entries.Select(e => new StopLineJson(e.Service, e.Type, e.Pid, e.Outcome, Math.Round(e.Elapsed.TotalMilliseconds, 3), StopWords.Describe(e))).ToList();
}
