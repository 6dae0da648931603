using System.CommandLine;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman attach SERVICE</c>: this terminal joins the tmux window of a <c>mode = "tmux"</c> service.</summary>
internal static class AttachCommand
{
    public static Command Create()
    {
        var service = CommonArguments.Service("A service with mode = \"tmux\"");
        var command = new Command("attach", "Attach this terminal to a tmux service's window (detach with the tmux prefix, then d)") { service };
        command.SetAction(result => Cli.Run(() => GlobalOptions.OpenProject(result).Attach(result.GetValue(service)!)));
        return command;
    }
}
