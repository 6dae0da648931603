using System.CommandLine;
using Pidman.Logs;
using Pidman.PidFiles;
using Pidman.Services;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman logs [SERVICE...] [-f] [-n N] [--since T] [-t]</c>: the captured output of background and tmux services.</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var services = new Argument<string[]>("SERVICE") { Description = "Only these services, or instances as status names them (worker1_worker) (default: all; lines prefixed with 'name |' when more than one log)", Arity = ArgumentArity.ZeroOrMore };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C" };
        var lines = OptionValues.Count("--lines", ["-n"], "Lines of each log to print first (default: 20, or all with --since)", max: 1_000_000);
        var since = OptionValues.Typed<DateTimeOffset?>("--since", [], "Only lines written since: a duration (10m, 1h30m, 2d) or a local time (2026-11-27T20:00, 20:00)", text =>
            LogHistory.TryParseSince(text, DateTimeOffset.Now, out var t) ? (t, null) : (null, "expected a duration (10m, 1h30m, 2d) or a time (2026-11-27T20:00, 20:00)"));
        var timestamps = new Option<bool>("--timestamps", "-t") { Description = "Print the time each line was written (local time)" };
        var command = new Command("logs", "Print the logs of services (local/log/<service>.log), merged in time order") { services, follow, lines, since, timestamps };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var project = GlobalOptions.OpenProjectLeniently(result);
            string[] names = result.GetValue(services) ?? [];
            var listing = project.ListLogs(names);
            foreach (string refused in listing.Refused) Output.Error($"warning: not read: {refused}");
            if (listing.Files.Count == 0 && !result.GetValue(follow))
            {
                Output.Error(names.Length == 0 ? $"no logs in {project.LogDirectory}" : $"no log for {string.Join(", ", names)} in {project.LogDirectory}");
                return ExitCodes.NotRunning;
            }
            var printer = new Rendering.LogPrinter(listing.Files.Select(f => f.Path), names.Length != 1 || listing.Files.Count > 1, result.GetValue(timestamps), new Rendering.Palette(GlobalOptions.CreateOutput(result).Color));
            DateTimeOffset? from = result.GetValue(since);
            // Followed: the logs of these names as they are now and as they appear (a service started later), watched
            // before the history is read so that every line written after it comes in the order written.
            var follower = result.GetValue(follow) ? new LogFollow(() => project.ListLogs(names).Files, printer.PrintArrived) : null;
            follower?.WatchNow();
            var history = LogHistory.Read(listing.Files, result.GetValue(lines) ?? (from is null ? 20 : null), from, out int untimed, out var readTo);
            foreach (var line in history) printer.Print(line.Log, line.Time, line.Text);
            if (untimed > 0)
                Output.Error($"warning: {untimed} line(s) left out: they carry no time (written before pidman stamped log lines)");
            if (follower is not null) await follower.RunAsync(readTo, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }).ConfigureAwait(false));
        return command;
    }
}
