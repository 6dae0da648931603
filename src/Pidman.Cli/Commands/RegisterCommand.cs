using System.CommandLine;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman register SERVICE --pid PID [--type T]</c> and <c>pidman unregister SERVICE [--type T]</c>.</summary>
internal static class RegisterCommand
{
    public static Command Create()
    {
        var service = CommonArguments.Service("The service name");
        var type = CommonArguments.Type();
        var pid = OptionValues.ProcessId("--pid", ["-p"], "The PID of a running process");
        pid.Required = true;
        var command = new Command("register", "Record the PID of a process started elsewhere, with its identity") { service, pid, type };
        command.SetAction(result => Cli.Run(() =>
        {
            string name = result.GetValue(service)!;
            string t = result.GetValue(type)!;
            var pids = GlobalOptions.OpenProjectLeniently(result).Pids;
            pids.WritePid(name, result.GetValue(pid)!.Value, t);
            GlobalOptions.CreateOutput(result).Line($"registered {PidFileName.Describe(name, t)} (PID {result.GetValue(pid)}) in {pids.Directory.PidFilePath(PidFileName.Create(name, t))}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command CreateUnregister()
    {
        var service = CommonArguments.Service("The service name");
        var type = CommonArguments.Type();
        var command = new Command("unregister", "Remove a PID file and its record without signalling the process (a supervisor lets go of it)") { service, type };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            string name = result.GetValue(service)!;
            string t = result.GetValue(type)!;
            bool removed = await GlobalOptions.OpenProjectLeniently(result).UnregisterAsync(name, t, cancellationToken).ConfigureAwait(false);
            GlobalOptions.CreateOutput(result).Line(removed ? $"unregistered {PidFileName.Describe(name, t)}" : $"{PidFileName.Describe(name, t)} had no PID file");
            return ExitCodes.Ok;
        }).ConfigureAwait(false));
        return command;
    }
}
