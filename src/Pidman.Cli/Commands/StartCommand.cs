using Pidman.PidFiles;
using System.CommandLine;
using Pidman.Cli.Config;
using Pidman.Cli.Rendering;
using Pidman.Supervision;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman start [SERVICE...]</c> and <c>pidman restart [SERVICE...]</c>.</summary>
internal static class StartCommand
{
    public static Command Create()
    {
        var services = CommonArguments.Services("Services to start (default: all); their dependencies start first");
        var command = new Command("start", "Start services from pidman.toml or Procfile, detached, in dependency order; output to local/log/<service>.log") { services };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var project = ProjectContext.Open(result, configRequired: true);
            var names = result.GetValue(services) ?? [];
            if (await SupervisorRouting.SendAsync(project, new ControlRequest("start", names), GlobalOptions.CreateOutput(result), cancellationToken).ConfigureAwait(false) is int code)
                return code;
            var outcomes = await project.Services.StartAsync(names, cancellationToken).ConfigureAwait(false);
            return StartRenderer.Render(outcomes, GlobalOptions.CreateOutput(result));
        }).ConfigureAwait(false));
        return command;
    }

    public static Command CreateRestart()
    {
        var services = CommonArguments.Services("Services to restart (default: all)");
        var timeout = new Option<double?>("--timeout") { Description = "Seconds to wait after the stop signal before SIGKILL (default: the service's stop_timeout)" };
        var command = new Command("restart", "Stop services (dependents first), then start them again") { services, timeout };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var project = ProjectContext.Open(result, configRequired: true);
            var names = result.GetValue(services) ?? [];
            if (await SupervisorRouting.SendAsync(project, new ControlRequest("restart", names, TimeoutMs: result.GetValue(timeout) * 1000), GlobalOptions.CreateOutput(result), cancellationToken).ConfigureAwait(false) is int routed)
                return routed;
            var targets = names.Length > 0 ? names : project.Config!.Services.Select(s => s.Name).ToArray();
            var output = GlobalOptions.CreateOutput(result);
            TimeSpan? wait = result.GetValue(timeout) is double s ? TimeSpan.FromSeconds(s) : null;
            var stopped = await project.Services.StopAsync(targets, all: false, force: false, wait, cancellationToken).ConfigureAwait(false);
            if (!output.Json)
                foreach (var e in stopped.SelectMany(r => r.Entries).Where(e => e.Pid is not null))
                    output.Line($"{PidFileName.Describe(e.Service, e.Type)}: {e.Message}");
            if (stopped.Any(r => !r.Succeeded))
            {
                Output.Error("not every service stopped; not starting again");
                return ExitCodes.Failure;
            }
            var outcomes = await project.Services.StartAsync(targets, cancellationToken).ConfigureAwait(false);
            return StartRenderer.Render(outcomes, output);
        }).ConfigureAwait(false));
        return command;
    }
}
