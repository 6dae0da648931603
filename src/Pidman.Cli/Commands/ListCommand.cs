using Pidman.Cli.Config;
using System.CommandLine;
using Pidman.Cli.Rendering;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman list</c>: services with at least one running PID.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List services with at least one running PID");
        command.SetAction(result => Cli.Run(() =>
        {
            var active = ProjectContext.Open(result, configRequired: false).Pids.ListActiveServices();
            if (GlobalOptions.CreateOutput(result).Json)
            {
                JsonOutput.Write(json =>
                {
                    json.WriteStartObject();
                    json.WriteStartArray("services");
                    foreach (var s in active) json.WriteStringValue(s);
                    json.WriteEndArray();
                    json.WriteEndObject();
                });
            }
            else
            {
                foreach (var s in active) Console.Out.WriteLine(s);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
