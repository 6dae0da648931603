using System.CommandLine;
using Pidman.Cli.Rendering;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman status [SERVICE...] [--watch]</c>: every PID file with its state; LSB exit codes.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var services = CommonArguments.Services("Services to show (default: all)");
        var watch = new Option<bool>("--watch", "-w") { Description = "A live full-screen view refreshed every second, with CPU %; q or Ctrl-C quits" };
        var ports = new Option<bool>("--ports") { Description = "Also the TCP/UDP ports each running instance listens on (from /proc/net and its open sockets)" };
        var command = new Command("status", "Show every service/type (config services without a PID file as stopped): state, PID, uptime, memory. Exit 0 running, 1 stale, 3 not running, 4 invalid, 2 unknown service") { services, watch, ports };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var project = GlobalOptions.OpenProjectLeniently(result);
            var output = GlobalOptions.CreateOutput(result);
            var names = result.GetValue(services) ?? [];
            if (result.GetValue(watch))
            {
                return await WatchView.RunAsync($"pidman status --watch   {project.Pids.Directory.Path}",
                    async ct => (await project.StatusAsync(names, result.GetValue(ports), ct).ConfigureAwait(false)).Rows, output.Color, cancellationToken).ConfigureAwait(false);
            }
            var report = await project.StatusAsync(names, result.GetValue(ports), cancellationToken).ConfigureAwait(false);
            if (output.Json)
                JsonOutput.WriteStatus(report);
            else if (report.Rows.Count == 0)
                output.Line($"no PID files in {report.PidDirectory}");
            else
                output.Line(EntryRenderer.Table(report.Rows, output.Color, Format.OutputWidth()));
            return ExitCodes.ForStatus(report.Rows.Select(r => r.Entry).ToList());
        }).ConfigureAwait(false));
        return command;
    }
}
