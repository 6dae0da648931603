using Pidman.PidFiles;
using Pidman.Services;

namespace Pidman.Cli.Rendering;

/// <summary>Prints start outcomes: one line each, failures on stderr with the last lines of the service's log.</summary>
internal static class StartRenderer
{
    public static int Render(IReadOnlyList<StartOutcome> outcomes, Output output)
    {
        if (output.Json)
        {
            JsonOutput.Write(json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("results");
                foreach (var o in outcomes)
                {
                    json.WriteStartObject();
                    json.WriteString("service", o.Service);
                    json.WriteString("type", o.Type);
                    json.WriteString("status", o.Status switch
                    {
                        StartStatus.AlreadyRunning => "already-running",
                        _ => o.Status.ToString().ToLowerInvariant(),
                    });
                    if (o.Pid is int pid) json.WriteNumber("pid", pid); else json.WriteNull("pid");
                    json.WriteString("message", o.Message);
                    json.WriteStartArray("log_tail");
                    foreach (var line in o.LogTail) json.WriteStringValue(line);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            });
        }
        else
        {
            foreach (var o in outcomes)
            {
                string text = $"{PidFileName.Describe(o.Service, o.Type)}: {o.Message}";
                if (o.Succeeded)
                {
                    output.Line(text);
                    continue;
                }
                Output.Error(text);
                foreach (var line in o.LogTail) Console.Error.WriteLine($"  {o.Service} | {line}");
            }
        }
        return outcomes.All(o => o.Succeeded) ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
