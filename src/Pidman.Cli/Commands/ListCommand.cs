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
            var active = GlobalOptions.OpenProjectLeniently(result).Pids.ListActiveServices();
            if (GlobalOptions.CreateOutput(result).Json)
            {
                JsonOutput.Write(new ListJson(active), CliJsonContext.Output.ListJson);
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
