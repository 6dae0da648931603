using System.CommandLine;
using Pidman.Cli.Rendering;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman run NAME -- CMD [ARGS...]</c>: an ad-hoc command as a managed service.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var name = CommonArguments.Service("Name to manage it under (its PID file is NAME.pid)");
        var commandLine = new Argument<string[]>("COMMAND") { Description = "The command and its arguments, after --", Arity = ArgumentArity.OneOrMore };
        var command = new Command("run", "Start an ad-hoc command detached, as managed service NAME (stop it with 'pidman stop NAME')") { name, commandLine };
        command.SetAction(async (result, cancellationToken) => await Cli.RunAsync(async () =>
        {
            var outcome = await GlobalOptions.OpenProjectLeniently(result).RunAsync(result.GetValue(name)!, result.GetValue(commandLine) ?? [], Environment.CurrentDirectory, cancellationToken).ConfigureAwait(false);
            return StartRenderer.Render([outcome], GlobalOptions.CreateOutput(result));
        }).ConfigureAwait(false));
        return command;
    }
}
