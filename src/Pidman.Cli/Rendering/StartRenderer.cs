using Pidman.PidFiles;
using Pidman.Services;
using Pidman.Stopping;

namespace Pidman.Cli.Rendering;

/// <summary>Prints start outcomes: one line each, failures on stderr with the last lines of the service's log.</summary>
internal static class StartRenderer
{
    public static int Render(IReadOnlyList<StartOutcome> outcomes, Output output, IReadOnlyList<StopResult>? stopped = null)
    {
        if (output.Json)
        {
            var results = outcomes.Select(o => new StartLineJson(o.Service, o.Type, o.Status, o.Pid, StartWords.Describe(o), o.LogTail)).ToList();
            JsonOutput.Write(new StartJson(results, stopped is null ? null : StopRenderer.Lines(stopped.SelectMany(r => r.Entries))), CliJsonContext.Output.StartJson);
        }
        else
        {
            foreach (var e in stopped?.SelectMany(r => r.Entries).Where(e => e.Pid is not null) ?? [])
                output.Line($"{PidFileName.Describe(e.Service, e.Type)}: {StopWords.Describe(e)}");
            foreach (var o in outcomes)
            {
                string text = $"{PidFileName.Describe(o.Service, o.Type)}: {StartWords.Describe(o)}";
                if (o.Succeeded)
                {
                    output.Line(text);
                    continue;
                }
                Output.Error(text);
                foreach (var line in o.LogTail) Console.Error.WriteLine($"  {o.Service} | {line}");
            }
        }
        return outcomes.All(o => o.Succeeded) && (stopped?.All(r => r.Succeeded) ?? true) ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
