using System.CommandLine;
using Pidman.Cli.Rendering;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman start [SERVICE...]</c> and <c>pidman restart [SERVICE...]</c>.</summary>
internal static class StartCommand
{
    public static Command Create()
    {
        var services = CommonArguments.Services("Services to start (default: all); their dependencies start first. NAME -- CMD [ARGS...]: start CMD as managed service NAME");
        var command = new Command("start", "Start services from pidman.toml or Procfile, detached, in dependency order; output to local/log/<service>.log. 'start NAME -- CMD' starts an ad-hoc command as service NAME") { services };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var (names, adHoc) = CommonArguments.SplitAtDoubleDash(result, result.GetValue(services) ?? []);
            var output = GlobalOptions.CreateOutput(result);
            if (adHoc is not null)
            {
                if (names is not [var name]) throw new Exceptions.PidmanInputException("start NAME -- COMMAND [ARGS...]: name one service before --");
                var outcome = await GlobalOptions.OpenProjectLeniently(result).StartCommandAsync(name, adHoc, Environment.CurrentDirectory, cancellationToken).ConfigureAwait(false);
                return StartRenderer.Render([outcome], output);
            }
            var outcomes = await ProgressLine.ShowWhile(GlobalOptions.OpenProject(result).StartAsync(names, cancellationToken), output,
                elapsed => ProgressLine.Starting(names, elapsed)).ConfigureAwait(false);
            return StartRenderer.Render(outcomes, output);
        }).ConfigureAwait(false));
        return command;
    }

    public static Command CreateRestart()
    {
        var services = CommonArguments.Services("Services to restart (default: all)");
        var timeout = CommonArguments.Timeout("Seconds to wait after the stop signal before SIGKILL (default: the service's stop_timeout)");
        var command = new Command("restart", "Stop services (dependents first), then start them again") { services, timeout };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var names = result.GetValue(services) ?? [];
            var output = GlobalOptions.CreateOutput(result);
            var report = await ProgressLine.ShowWhile(GlobalOptions.OpenProject(result).RestartAsync(names, CommonArguments.TimeoutValue(result, timeout), cancellationToken), output,
                elapsed => $"re{ProgressLine.Starting(names, elapsed)}").ConfigureAwait(false);
            if (!report.Stopped.All(r => r.Succeeded)) Output.Error("not every service stopped; not starting again");
            return StartRenderer.Render(report.Started, output, report.Stopped);
        }).ConfigureAwait(false));
        return command;
    }
}
