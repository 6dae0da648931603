using System.CommandLine;
using Pidman.Services;
using Pidman.Exceptions;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman logs [SERVICE] [-f] [-n N]</c>: the captured output of background services.</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var service = new Argument<string?>("SERVICE") { Description = "Only this service (default: all, each line prefixed with 'name |')", Arity = ArgumentArity.ZeroOrOne };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C" };
        var lines = new Option<int>("--lines", "-n") { Description = "Lines of each log to print first", DefaultValueFactory = _ => 20 };
        lines.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError($"invalid --lines {r.GetValueOrDefault<int>()}: must be 0 or more"); });
        var command = new Command("logs", "Print the logs of background services (local/log/<service>.log)") { service, follow, lines };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var project = GlobalOptions.OpenProjectLeniently(result);
            string? name = result.GetValue(service);
            int count = result.GetValue(lines);
            if (name is not null) PidFileName.Create(name);

            var files = Directory.Exists(project.LogDirectory)
                ? Directory.GetFiles(project.LogDirectory, "*.log").Where(f => name is null || Owner(f) == name).Order(StringComparer.Ordinal).ToList()
                : [];
            if (files.Count == 0 && name is not null) project.RequireKnown([name]);
            if (files.Count == 0 && !result.GetValue(follow))
            {
                Output.Error(name is null ? $"no logs in {project.LogDirectory}" : $"no log for {name} in {project.LogDirectory}");
                return ExitCodes.NotRunning;
            }
            bool prefix = name is null || files.Count > 1;
            int width = files.Count == 0 ? 0 : files.Max(f => Path.GetFileNameWithoutExtension(f).Length);
            void Print(string file, string line) =>
                Console.Out.WriteLine(prefix ? $"{Path.GetFileNameWithoutExtension(file).PadRight(width)} | {line}" : line);

            foreach (var file in files)
                foreach (var line in LogFiles.Tail(file, count)) Print(file, line);
            if (result.GetValue(follow))
                await LogFiles.FollowAsync(files, Print, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }).ConfigureAwait(false));
        return command;
    }

    /// <summary>The service a log belongs to: <c>web.log</c> and <c>worker2_web.log</c> are both web's.</summary>
    private static string? Owner(string file) => PidFileName.Infer(Path.GetFileNameWithoutExtension(file) + PidFileName.Extension)?.Service;
}
