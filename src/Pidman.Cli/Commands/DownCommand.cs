using System.CommandLine;
using Pidman.Cli.Rendering;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman down</c>: every service, dependents first, and the supervisor.</summary>
internal static class DownCommand
{
    public static Command Create()
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
