using System.CommandLine;
using System.Globalization;
using Pidman.Cli.Rendering;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman pid SERVICE [--type T]</c>: print the PID of a running service; exit 3 when it is not running.</summary>
internal static class PidCommand
{
    public static Command Create()
    {
        var service = CommonArguments.Service("The service");
        var type = CommonArguments.Type();
        var command = new Command("pid", "Print the PID of a running service (exit 3 if not running, 4 if its file is invalid)") { service, type };
        command.SetAction(result => Cli.Run(() =>
        {
            var project = GlobalOptions.OpenProjectLeniently(result);
            project.RequireKnown([result.GetValue(service)!]);
            var entry = project.Pids.GetEntry(result.GetValue(service)!, result.GetValue(type)!);
            if (GlobalOptions.CreateOutput(result).Json)
            {
                JsonOutput.Write(entry, CliJsonContext.Output.PidEntry);
            }
            else if (entry.State == PidState.Running)
            {
                Console.Out.WriteLine(entry.Pid!.Value.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                Output.Error($"{PidFileName.Describe(entry.Service, entry.Type)} is not running ({entry.State.ToString().ToLowerInvariant()}: {entry.Reason.Describe()})");
            }
            return entry.State switch
            {
                PidState.Running => ExitCodes.Ok,
                PidState.Invalid => ExitCodes.Invalid,
                _ => ExitCodes.NotRunning,
            };
        }));
        return command;
    }
}
