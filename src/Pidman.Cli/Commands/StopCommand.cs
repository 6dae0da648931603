using System.CommandLine;
using System.Globalization;
using Pidman.Cli.Config;
using Pidman.Cli.Rendering;
using Pidman.Processes;
using Pidman.Supervision;
using Pidman.Exceptions;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman stop [SERVICE...] [--all] [--force] [--timeout S]</c>: graceful, then forced; services in parallel.</summary>
internal static class StopCommand
{
    public static Command Create()
    {
        var services = CommonArguments.Services("Services to stop");
        var all = new Option<bool>("--all", "-a") { Description = "Stop every config service and every service with a PID file" };
        var force = new Option<bool>("--force", "-f") { Description = "SIGKILL at once (also signals unverified PID files that fail the conservative check)" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait after the stop signal before SIGKILL (default: the service's stop_timeout, else 10)", DefaultValueFactory = _ => StopPlan.DefaultTimeout.TotalSeconds };
        var type = new Option<string?>("--type", "-t") { Description = "Only this PID type (default: every type but tmux)" };
        var command = new Command("stop", "Stop services, dependents first: stop signal to the process group, wait, then SIGKILL") { services, all, force, timeout, type };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var names = result.GetValue(services) ?? [];
            bool stopAll = result.GetValue(all);
            if (names.Length == 0 && !stopAll)
                throw new PidmanInputException("name at least one service, or use --all");
            double seconds = result.GetValue(timeout);
            if (double.IsNaN(seconds) || seconds < 0 || seconds > 86400)
                throw new PidmanInputException($"invalid --timeout {seconds.ToString(CultureInfo.InvariantCulture)}: use 0 to 86400 seconds");
            foreach (var name in names) PidFileName.Create(name);

            var output = GlobalOptions.CreateOutput(result);
            var project = ProjectContext.Open(result, configRequired: false);
            TimeSpan? wait = result.GetResult(timeout) is { Implicit: false } ? TimeSpan.FromSeconds(seconds) : null;
            string? onlyType = result.GetValue(type);
            if (onlyType is null && await SupervisorClient.SendAsync(project.Pids, new ControlRequest("status", []), cancellationToken).ConfigureAwait(false) is { } supervised)
            {
                // The supervisor stops them, so it knows the stop is intended and does not restart them.
                var mine = supervised.Instances.Select(i => i.Service).ToHashSet();
                var routedNames = stopAll ? [] : names.Where(mine.Contains).ToArray();
                int code = ExitCodes.Ok;
                if (stopAll || routedNames.Length > 0)
                    code = await SupervisorRouting.SendAsync(project, new ControlRequest("stop", routedNames, result.GetValue(force), wait?.TotalMilliseconds), output, cancellationToken).ConfigureAwait(false) ?? ExitCodes.Failure;
                var rest = names.Where(n => !mine.Contains(n)).ToList();
                if (rest.Count == 0 && !stopAll) return code;
                var others = await project.Services.StopAsync(rest, stopAll, result.GetValue(force), wait, cancellationToken).ConfigureAwait(false);
                foreach (var e in others.SelectMany(r => r.Entries).Where(e => e.Pid is not null && !mine.Contains(e.Service)))
                    output.Line($"{PidFileName.Describe(e.Service, e.Type)}: {e.Message}");
                return Math.Max(code, others.All(r => r.Succeeded) ? ExitCodes.Ok : ExitCodes.Failure);
            }
            IReadOnlyList<StopResult> results = onlyType is null
                ? await project.Services.StopAsync(names, stopAll, result.GetValue(force), wait, cancellationToken).ConfigureAwait(false)
                : await Task.WhenAll(names.Select(s => project.Pids.StopServiceAsync(s, StopPlan.Default with { Force = result.GetValue(force), Timeout = wait ?? StopPlan.DefaultTimeout }, onlyType, cancellationToken))).ConfigureAwait(false);
            var lines = results.SelectMany(r => r.Entries).ToList();

            if (output.Json)
            {
                JsonOutput.Write(json =>
                {
                    json.WriteStartObject();
                    json.WriteStartArray("results");
                    foreach (var e in lines)
                    {
                        json.WriteStartObject();
                        json.WriteString("service", e.Service);
                        json.WriteString("type", e.Type);
                        if (e.Pid is int p) json.WriteNumber("pid", p); else json.WriteNull("pid");
                        json.WriteString("outcome", e.Outcome.ToString().ToLowerInvariant());
                        json.WriteNumber("elapsed_ms", Math.Round(e.Elapsed.TotalMilliseconds, 3));
                        json.WriteString("message", e.Message);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                });
            }
            else
            {
                foreach (var e in lines)
                {
                    string text = $"{PidFileName.Describe(e.Service, e.Type)}{(e.Pid is int p ? $" (PID {p})" : "")}: {e.Message}";
                    if (e.Outcome is StopOutcome.Refused or StopOutcome.Failed) Output.Error(text);
                    else output.Line(text);
                }
            }
            return results.All(r => r.Succeeded) ? ExitCodes.Ok : ExitCodes.Failure;
        }).ConfigureAwait(false));
        return command;
    }
}
