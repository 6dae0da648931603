using System.CommandLine;
using Pidman.Cli.Config;
using Pidman.Cli.Rendering;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman status [SERVICE...]</c>: every PID file with its state; LSB exit codes.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var services = CommonArguments.Services("Services to show (default: all)");
        var watch = new Option<bool>("--watch", "-w") { Description = "A live full-screen view refreshed every second, with CPU %; q or Ctrl-C quits" };
        var command = new Command("status", "Show every service/type (config services without a PID file as stopped): state, PID, uptime, memory. Exit 0 running, 1 stale, 3 not running, 4 invalid") { services, watch };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var project = ProjectContext.Open(result, configRequired: false);
            var pids = project.Pids;
            var output = GlobalOptions.CreateOutput(result);
            var names = result.GetValue(services) ?? [];
            foreach (var name in names) PidFileName.Create(name);

            if (result.GetValue(watch))
            {
                return await WatchView.RunAsync($"pidman status --watch   {pids.Directory.Path}", async ct =>
                {
                    var current = await SupervisorRouting.WithSupervisorViewAsync(project, project.Services.GetStatus(), ct).ConfigureAwait(false);
                    return names.Length == 0 ? current : current.Where(e => names.Contains(e.Service)).ToList();
                }, output.Color, cancellationToken).ConfigureAwait(false);
            }
            var all = await SupervisorRouting.WithSupervisorViewAsync(project, project.Services.GetStatus(), cancellationToken).ConfigureAwait(false);
            var entries = names.Length == 0
                ? all.ToList()
                : names.SelectMany(name =>
                {
                    var mine = all.Where(e => e.Service == name).ToList();
                    return mine.Count > 0 ? mine : [new PidEntry(name, PidFileName.DefaultType, pids.Directory.PidFilePath(PidFileName.Create(name)), PidState.Stopped, EntryReason.NoFile, null)];
                }).ToList();

            if (output.Json)
            {
                JsonOutput.Write(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("pid_dir", pids.Directory.Path);
                    json.WriteStartArray("entries");
                    foreach (var e in entries) EntryRenderer.Write(json, e);
                    json.WriteEndArray();
                    json.WriteEndObject();
                });
            }
            else if (entries.Count == 0)
            {
                output.Line($"no PID files in {pids.Directory.Path}");
            }
            else
            {
                output.Line(EntryRenderer.Table(entries, output.Color));
            }
            return ExitCodes.ForStatus(entries);
        }).ConfigureAwait(false));
        return command;
    }
}
