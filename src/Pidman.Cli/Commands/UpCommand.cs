using System.CommandLine;
using System.Runtime.InteropServices;
using Pidman.Cli.Config;
using Pidman.Cli.Rendering;
using Pidman.Services;
using Pidman.Supervision;
using Pidman.Exceptions;
using Pidman.PidFiles;

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
            var project = ProjectContext.Open(result, configRequired: true);
            var names = result.GetValue(services) ?? [];
            var config = project.Config!;
            foreach (var n in names)
                if (config.Find(n) is null) throw new PidmanInputException($"unknown service '{n}'; {config.SourcePath} defines {string.Join(", ", config.Services.Select(s => s.Name))}");
            string eventLog = Path.Combine(project.LogDirectory, "pidman.log");
            var output = GlobalOptions.CreateOutput(result);

            if (SupervisorClient.IsRunning(project.Pids) && !result.GetValue(supervisorProcess))
                throw new PidmanException($"a supervisor is already running (PID {project.Pids.ReadPid(SupervisorClient.ServiceName, SupervisorClient.PidType)}); use 'pidman down' first");

            if (result.GetValue(detach))
            {
                string[] argv = [Environment.ProcessPath!, "--root", project.Root, .. DirArgs(result), "up", SupervisorFlag, .. names];
                int pid = await SupervisorLauncher.StartDetachedAsync(argv, project.Root, project.Pids, eventLog, cancellationToken).ConfigureAwait(false);
                output.Line($"supervisor started (PID {pid}); events in {eventLog}; 'pidman down' stops everything");
                return ExitCodes.Ok;
            }

            bool foreground = !result.GetValue(supervisorProcess);
            var palette = new Palette(output.Color);
            int width = Math.Max(6, config.Services.SelectMany(s => s.InstanceTypes.Select(t => PidFileName.Create(s.Name, t).Stem.Length)).Max());
            var console = new object();
            void Print(string source, string text)
            {
                lock (console) Console.Out.WriteLine(palette.Prefix(source, width) + text);
            }
            var events = new SupervisorEvents(eventLog, foreground ? (source, text) => Print(source == "pidman" ? "pidman" : source, text) : null);
            var supervisor = new Supervisor(config, project.Pids, project.Services, events);

            // Ctrl-C or SIGTERM: graceful stop of everything; a second one forces.
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; supervisor.RequestShutdown(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; supervisor.RequestShutdown(); });
            using var follow = new CancellationTokenSource();
            Task streaming = Task.CompletedTask;
            if (foreground)
            {
                Directory.CreateDirectory(project.LogDirectory);
                var logs = config.Services.SelectMany(s => s.InstanceTypes.Select(t => LogFiles.PathFor(project.LogDirectory, PidFileName.Create(s.Name, t)))).ToList();
                streaming = LogFiles.FollowAsync(logs, (path, line) =>
                {
                    if (!line.StartsWith("--- ", StringComparison.Ordinal)) Print(Path.GetFileNameWithoutExtension(path), line);
                }, follow.Token);
            }
            int code = await supervisor.RunAsync(names).ConfigureAwait(false);
            await follow.CancelAsync().ConfigureAwait(false);
            await streaming.ConfigureAwait(false);
            return code;
        }).ConfigureAwait(false));
        return command;
    }

    public static Command CreateDown()
    {
        var command = new Command("down", "Stop every service (dependents first) and the supervisor");
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var project = ProjectContext.Open(result, configRequired: false);
            var output = GlobalOptions.CreateOutput(result);
            int? supervisor = project.Pids.ReadPid(SupervisorClient.ServiceName, SupervisorClient.PidType);
            if (supervisor is int pid && await SupervisorClient.SendAsync(project.Pids, new ControlRequest("down", []), cancellationToken).ConfigureAwait(false) is { } reply)
            {
                foreach (var line in reply.Lines) output.Line(line);
                // Its exit releases its lock and removes its PID file; wait for that, not for a fixed time.
                if (!await project.Pids.WaitForExitAsync(SupervisorClient.ServiceName, SupervisorClient.PidType, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false))
                    throw new PidmanException($"the supervisor (PID {pid}) is still running after 5 minutes; see local/log/pidman.log");
                output.Line($"supervisor (PID {pid}) stopped");
                return ExitCodes.Ok;
            }
            var stopped = await project.Services.StopAsync([], all: true, force: false, timeout: null, cancellationToken).ConfigureAwait(false);
            foreach (var e in stopped.SelectMany(r => r.Entries).Where(e => e.Pid is not null))
                output.Line($"{PidFileName.Describe(e.Service, e.Type)}: {e.Message}");
            return stopped.All(r => r.Succeeded) ? ExitCodes.Ok : ExitCodes.Failure;
        }).ConfigureAwait(false));
        return command;
    }

    private static string[] DirArgs(ParseResult result) =>
        result.GetValue(GlobalOptions.Dir) is { Length: > 0 } dir ? ["--dir", Path.GetFullPath(dir)] : [];
}
