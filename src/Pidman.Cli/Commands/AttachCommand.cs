using System.CommandLine;
using System.Diagnostics;
using Pidman.Services;
using Pidman.Tmux;
using Pidman.Exceptions;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman attach SERVICE</c>: this terminal joins the tmux window of a <c>mode = "tmux"</c> service.</summary>
internal static class AttachCommand
{
    public static Command Create()
    {
        var service = CommonArguments.Service("A service with mode = \"tmux\"");
        var command = new Command("attach", "Attach this terminal to a tmux service's window (detach with the tmux prefix, then d)") { service };
        command.SetAction(result => Cli.Run(() =>
        {
            var project = GlobalOptions.OpenProject(result);
            string name = result.GetValue(service)!;
            var definition = project.RequireConfig().Require(name);
            if (definition.Mode != ServiceMode.Tmux)
                throw new PidmanInputException($"{name} runs in the background, not in tmux; see its output with 'pidman logs -f {name}'");
            var tmux = project.Services.TmuxServer;
            string window = PidFileName.Create(name, definition.InstanceTypes[0]).Stem;
            if (!tmux.WindowNames().Contains(window))
                throw new PidmanException($"{name} has no tmux window; start it with 'pidman start {name}'");

            // Already inside this very server: move the client. Elsewhere (a plain terminal, or the user's own
            // tmux), attach a client of our server; TMUX is cleared so tmux allows the nesting.
            string? inside = Environment.GetEnvironmentVariable("TMUX");
            bool sameServer = inside is not null && Path.GetFileName(inside.Split(',')[0]) == tmux.SocketName;
            var info = new ProcessStartInfo(TmuxServer.Executable!) { UseShellExecute = false };
            foreach (var a in sameServer ? ["-L", tmux.SocketName, "switch-client", "-t", TmuxServer.Target(window)] : tmux.AttachArguments(window))
                info.ArgumentList.Add(a);
            info.Environment.Remove("TMUX");
            using var client = Process.Start(info)!;
            client.WaitForExit();
            return client.ExitCode;
        }));
        return command;
    }
}
