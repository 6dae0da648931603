using System.CommandLine;
using Pidman.Services;
using Pidman.Exceptions;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman logs [SERVICE...] [-f] [-n N]</c>: the captured output of background services.</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var services = new Argument<string[]>("SERVICE") { Description = "Only these services, or instances as status names them (worker1_worker) (default: all; lines prefixed with 'name |' when more than one log)", Arity = ArgumentArity.ZeroOrMore };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C" };
        var lines = new Option<int>("--lines", "-n") { Description = "Lines of each log to print first", DefaultValueFactory = _ => 20 };
        var timestamps = new Option<bool>("--timestamps", "-t") { Description = "With -f: the time each new line arrived (services write their logs directly, so earlier lines have none)" };
        lines.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError($"invalid --lines {r.GetValueOrDefault<int>()}: must be 0 or more"); });
        var command = new Command("logs", "Print the logs of background services (local/log/<service>.log)") { services, follow, lines, timestamps };
        command.Validators.Add(r => { if (r.GetValue(timestamps) && !r.GetValue(follow)) r.AddError("--timestamps goes with -f: only lines that arrive while following have a known time"); });
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var project = GlobalOptions.OpenProjectLeniently(result);
            string[] names = result.GetValue(services) ?? [];
            int count = result.GetValue(lines);
            foreach (string name in names) PidFileName.Create(name);

            var all = Directory.Exists(project.LogDirectory) ? Directory.GetFiles(project.LogDirectory, "*.log") : [];
            // A name is a service (all its instances' logs) or one instance as status prints it (worker1_worker).
            bool Wanted(string file, string name) => Owner(file) == name || Path.GetFileNameWithoutExtension(file) == name;
            foreach (string name in names.Where(n => !all.Any(f => Wanted(f, n)))) project.RequireKnown([name]);
            var files = all.Where(f => names.Length == 0 || names.Any(n => Wanted(f, n))).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0 && !result.GetValue(follow))
            {
                Output.Error(names.Length == 0 ? $"no logs in {project.LogDirectory}" : $"no log for {string.Join(", ", names)} in {project.LogDirectory}");
                return ExitCodes.NotRunning;
            }
            bool prefix = names.Length != 1 || files.Count > 1;
            int width = files.Count == 0 ? 0 : files.Max(f => Path.GetFileNameWithoutExtension(f).Length);
            var palette = new Rendering.Palette(GlobalOptions.CreateOutput(result).Color);
            void Print(string file, string line) =>
                Console.Out.WriteLine(prefix ? palette.Prefix(Path.GetFileNameWithoutExtension(file), width) + line : line);

            foreach (var file in files)
                foreach (var line in LogFiles.TailAcrossRotations(file, count)) Print(file, line);
            if (result.GetValue(follow))
                await LogFiles.FollowAsync(files, result.GetValue(timestamps) ? (f, l) => Print(f, $"{DateTime.Now:HH:mm:ss.fff} {l}") : Print, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }).ConfigureAwait(false));
        return command;
    }

    /// <summary>The service a log belongs to: <c>web.log</c> and <c>worker2_web.log</c> are both web's.</summary>
    private static string? Owner(string file) => PidFileName.Infer(Path.GetFileNameWithoutExtension(file) + PidFileName.Extension)?.Service;
}
