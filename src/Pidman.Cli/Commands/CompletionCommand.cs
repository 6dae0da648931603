using System.CommandLine;
using Pidman.Cli.Rendering;

namespace Pidman.Cli.Commands;

/// <summary>
/// <c>pidman completion bash|zsh|fish</c>: a completion script generated from the command tree itself, so verbs and
/// options never drift from the parser. Service names come at completion time from the hidden <c>__services</c>.
/// </summary>
internal static class CompletionCommand
{
    public const string ServicesVerb = "__services";

    public static Command Create(RootCommand root)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command("completion", "Print a completion script: source <(pidman completion bash), in zsh: source <(pidman completion zsh), in fish: pidman completion fish | source") { shell };
        command.SetAction(result => Cli.Run(() =>
        {
            Console.Out.Write(result.GetValue(shell) switch
            {
                "bash" => CompletionScripts.Bash(root, ServicesVerb),
                "zsh" => CompletionScripts.Zsh(root, ServicesVerb),
                _ => CompletionScripts.Fish(root, ServicesVerb),
            });
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
