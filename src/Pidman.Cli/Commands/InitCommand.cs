using System.CommandLine;
using Pidman.Projects;

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
            var report = ProjectInit.Write(root, result.GetValue(force));
            foreach (var warning in report.Warnings) Output.Error($"warning: {warning}");
            GlobalOptions.CreateOutput(result).Line(report.Procfile is null ? $"wrote {report.Path} with an example service" : $"wrote {report.Path} with the {report.Services} services of {report.Procfile}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
