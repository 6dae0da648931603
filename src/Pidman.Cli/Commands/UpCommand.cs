using System.CommandLine;
using Pidman.Cli.Rendering;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman up [SERVICE...] [-d]</c> and <c>pidman down</c>: the supervisor.</summary>
internal static class UpCommand
{
    /// <summary>Hidden: the detached supervisor that <c>up -d</c> spawns runs with this.</summary>
    private const string SupervisorFlag = "--supervisor-process";

    public static Command Create()
    {
        var services = CommonArguments.Services("Services to supervise, with their dependencies (default: all)");
        var detach = new Option<bool>("--detach", "-d") { Description = "Run the supervisor in the background (its PID file: supervisor_pidman.pid; events: local/log/pidman.log)" };
        var supervisorProcess = new Option<bool>(SupervisorFlag) { Hidden = true };
        var command = new Command("up", "Supervise services: start in dependency order (gated on health), restart per policy, stream their output; Ctrl-C stops all") { services, detach, supervisorProcess };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var project = GlobalOptions.OpenProject(result);
            var names = result.GetValue(services) ?? [];
            var output = GlobalOptions.CreateOutput(result);
            if (result.GetValue(supervisorProcess))
                return await project.SuperviseAsync(names, null, cancellationToken).ConfigureAwait(false);
            if (result.GetValue(detach))
            {
                string[] self = [Environment.ProcessPath!, "--root", project.Root, "--dir", project.Pids.Directory.Path, "up", SupervisorFlag];
                int pid = await project.StartSupervisorAsync(names, self, cancellationToken).ConfigureAwait(false);
                output.Line($"supervisor started (PID {pid}); events in {project.EventLogPath}; 'pidman down' stops everything");
                return ExitCodes.Ok;
            }
            var stream = new PrefixedStream(project.RequireConfig(), new Palette(output.Color));
            return await project.SuperviseAsync(names, stream.Print, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false));
        return command;
    }

    public static Command CreateDown()
    {
        var command = new Command("down", "Stop every service (dependents first) and the supervisor");
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var report = await GlobalOptions.OpenProjectLeniently(result).DownAsync(cancellationToken).ConfigureAwait(false);
            var output = GlobalOptions.CreateOutput(result);
            if (report.SupervisorPid is int pid && !output.Json) output.Line($"supervisor (PID {pid}) stopped");
            return StopRenderer.Render(report.Stopped, output, onlyActedOn: true);
        }).ConfigureAwait(false));
        return command;
    }
}
