using System.CommandLine;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman help [VERB]</c>: the usage, as <c>--help</c> prints it, because that is how people ask.</summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var verb = new Argument<string?>("VERB") { Description = "A verb (default: all of them)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("help", "Show the usage of pidman, or of one verb") { verb };
        command.SetAction(async (result, cancellationToken) =>
        {
            string? name = result.GetValue(verb);
            if (name is not null && root.Subcommands.All(c => c.Name != name || c.Hidden))
            {
                var verbs = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
                Output.Error(Pidman.Config.ServiceNames.Closest(name, verbs) is { } near ? $"no verb '{name}' (did you mean '{near}'?)" : $"no verb '{name}'; 'pidman help' lists them");
                return ExitCodes.Usage;
            }
            await Cli.Parse(root, name is null ? ["--help"] : [name, "--help"]).InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
