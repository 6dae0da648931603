using System.CommandLine;
using Pidman.Cli.Rendering;

namespace Pidman.Cli.Commands;

/// <summary>
/// <c>pidman completion bash|zsh</c>: a completion script generated from the command tree itself, so verbs and
/// options never drift from the parser. Service names come at completion time from the hidden <c>__services</c>.
/// </summary>
internal static class CompletionCommand
{
    public const string ServicesVerb = "__services";

    public static Command Create(RootCommand root)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print a completion script: source <(pidman completion bash), or in zsh: source <(pidman completion zsh)") { shell };
        command.SetAction(result => Cli.Run(() =>
        {
            Console.Out.Write(result.GetValue(shell) == "bash" ? CompletionScripts.Bash(root, ServicesVerb) : CompletionScripts.Zsh(root, ServicesVerb));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Hidden: the services of the project here (config first, then PID files), one per line.</summary>
    public static Command CreateServices()
    {
        var command = new Command(ServicesVerb) { Hidden = true };
        command.SetAction(result => Cli.Run(() =>
        {
            var project = GlobalOptions.OpenProject(result);
            var names = (project.Config?.Services.Select(s => s.Name) ?? []).Concat(project.Pids.ListServices()).Distinct();
            foreach (var name in names) Console.Out.WriteLine(name);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
