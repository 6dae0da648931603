using System.CommandLine;
using Pidman.Config;
using Pidman.Services;
using Pidman.Exceptions;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman init</c>: write a commented pidman.toml, from the Procfile when there is one.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var force = new Option<bool>("--force") { Description = "Overwrite an existing pidman.toml" };
        var command = new Command("init", "Write a commented pidman.toml (from the Procfile if present)") { force };
        command.SetAction(result => Cli.Run(() =>
        {
            string root = result.GetValue(GlobalOptions.Root) is { Length: > 0 } r ? Path.GetFullPath(r) : Environment.CurrentDirectory;
            string path = Path.Combine(root, ProjectLayout.ConfigFileName);
            if (File.Exists(path) && !result.GetValue(force))
                throw new PidmanException($"{path} already exists; use --force to overwrite it");
            string procfile = Path.Combine(root, ProjectLayout.ProcfileName);
            var services = File.Exists(procfile) ? ProcfileReader.Read(procfile, root).Services : null;
            File.WriteAllText(path, ConfigTemplate.Render(services));
            GlobalOptions.CreateOutput(result).Line(services is null ? $"wrote {path} with an example service" : $"wrote {path} with the {services.Count} services of {procfile}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
