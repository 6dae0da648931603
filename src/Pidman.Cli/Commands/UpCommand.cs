using System.CommandLine;
using Pidman.Cli.Rendering;
using Pidman.PidFiles;
using Pidman.Projects;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman up [SERVICE...] [-d [--wait [--timeout S]]] [--exit-with S] [--abort-on-exit]</c>: the supervisor.</summary>
internal static class UpCommand
{
    /// <summary>Hidden: the detached supervisor that <c>up -d</c> spawns runs with this.</summary>
    private const string SupervisorFlag = "--supervisor-process";

    public static Command Create()
    {
        var services = CommonArguments.Services("Services to supervise, with their dependencies (default: all)");
        var detach = new Option<bool>("--detach", "-d") { Description = "Run the supervisor in the background (its PID file: supervisor_pidman.pid; events: local/log/pidman.log); if one runs, reload it" };
        var wait = new Option<bool>("--wait") { Description = "With -d: return once every service runs and is healthy and every one-shot job completed; non-zero if one fails" };
        var timeout = CommonArguments.Timeout("With --wait: give up after this many seconds (default 60)");
        var exitWith = OptionValues.Typed<string?>("--exit-with", [], "When this service ends, stop everything and exit with its exit code (not with -d)", text =>
            PidFileName.IsValidService(text) ? (text, null) : (null, "expected a service name"));
        var abort = new Option<bool>("--abort-on-exit") { Description = "When any service (not a one-shot job) ends, stop everything and exit with its code" };
        var supervisorProcess = new Option<bool>(SupervisorFlag) { Hidden = true };
        var command = new Command("up", "Supervise services: start in dependency order (gated on health), restart per policy, stream their output; Ctrl-C stops all") { services, detach, wait, timeout, exitWith, abort, supervisorProcess };
        command.Validators.Add(r =>
        {
            if (UpCombinations.Problem(r.GetValue(detach), r.GetValue(wait), r.GetResult(timeout) is not null, r.GetResult(exitWith) is not null, r.GetValue(abort),
                    r.GetValue(GlobalOptions.Json) && !r.GetValue(supervisorProcess)) is { } problem)
                r.AddError(problem);
        });
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var project = GlobalOptions.OpenProject(result);
            var names = result.GetValue(services) ?? [];
            var output = GlobalOptions.CreateOutput(result);
            if (result.GetValue(supervisorProcess))
                return await project.SuperviseAsync(names, new SupervisionOptions { HandleSignals = true }, cancellationToken).ConfigureAwait(false);
            if (!result.GetValue(detach))
            {
                var stream = new PrefixedStream(project.RequireConfig(), new Palette(output.Color));
                return await project.SuperviseAsync(
                    names, new SupervisionOptions { Output = stream.Print, ExitWith = result.GetValue(exitWith), AbortOnExit = result.GetValue(abort), HandleSignals = true },
                    cancellationToken).ConfigureAwait(false);
            }
            string[] self = [Environment.ProcessPath!, "--root", project.Root, "--dir", project.Pids.Directory.Path, .. GlobalOptions.SelectionArguments(result), "up", SupervisorFlag];
            var (pid, reloaded) = await project.StartSupervisorAsync(names, self, cancellationToken).ConfigureAwait(false);
            var report = result.GetValue(wait)
                ? await project.WaitUntilReadyAsync(CommonArguments.TimeoutValue(result, timeout) ?? TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false)
                : null;
            return ReadinessRenderer.RenderDetached(pid, reloaded, project.EventLogPath, report, output);
        }).ConfigureAwait(false));
        return command;
    }
}
