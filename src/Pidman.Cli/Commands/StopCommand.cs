using System.CommandLine;
using Pidman.Cli.Rendering;
using Pidman.Projects;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman stop [SERVICE...] [--all] [--force] [--timeout S] [--type T]</c>.</summary>
internal static class StopCommand
{
    public static Command Create()
    {
        var services = CommonArguments.Services("Services to stop");
        var all = new Option<bool>("--all", "-a") { Description = "Stop every config service and every service with a PID file" };
        var force = new Option<bool>("--force", "-f") { Description = "SIGKILL at once (also signals unverified PID files that fail the conservative check)" };
        var timeout = CommonArguments.Timeout("Seconds to wait after the stop signal before SIGKILL (default: the service's stop_timeout, else 10)");
        var type = CommonArguments.Type("Only this PID type (default: every type but tmux)", fallback: null);
        var command = new Command("stop", "Stop services, dependents first: stop signal to the process group, wait, then SIGKILL") { services, all, force, timeout, type };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var request = new StopRequest
            {
                Services = result.GetValue(services) ?? [], All = result.GetValue(all), Force = result.GetValue(force),
                Timeout = CommonArguments.TimeoutValue(result, timeout), Type = result.GetValue(type),
            };
            var project = GlobalOptions.OpenProjectLeniently(result);
            var output = GlobalOptions.CreateOutput(result);
            var (signal, wait) = project.StopWaitFor(request);
            var results = await ProgressLine.ShowWhile(project.StopAsync(request, cancellationToken), output,
                elapsed => ProgressLine.Stopping(request.Services, signal, wait, elapsed)).ConfigureAwait(false);
            return StopRenderer.Render(results, output);
        }).ConfigureAwait(false));
        return command;
    }
}
