using System.CommandLine;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman reload</c>: the running supervisor re-reads the config and applies the difference.</summary>
internal static class ReloadCommand
{
    public static Command Create()
    {
        var command = new Command("reload", "Have the supervisor re-read pidman.toml: start added services, stop removed ones, restart changed ones (also: SIGHUP to it)");
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var lines = await GlobalOptions.OpenProject(result).ReloadAsync(cancellationToken).ConfigureAwait(false);
            var output = GlobalOptions.CreateOutput(result);
            foreach (var line in lines) output.Line(line);
            return ExitCodes.Ok;
        }).ConfigureAwait(false));
        return command;
    }
}
