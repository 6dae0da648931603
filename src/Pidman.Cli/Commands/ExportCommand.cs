using System.CommandLine;
using Pidman.Export;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman export systemd|supervisord [--out PATH]</c>: the project's services for production init systems.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var format = new Argument<string>("FORMAT") { Description = "systemd (one unit per service and a target) or supervisord (one supervisord.conf)" };
        format.AcceptOnlyFromAmong("systemd", "supervisord");
        var output = OptionValues.Path("--out", ["-o"], "systemd: a directory for the units; supervisord: the file to write (default: print to stdout)");
        var command = new Command("export", "Export the services to systemd units or a supervisord.conf") { format, output };
        command.SetAction(result => Cli.Run(() =>
        {
            var config = GlobalOptions.OpenProject(result).RequireConfig();
            string? target = result.GetValue(output);
            var files = result.GetValue(format) == "systemd"
                ? SystemdExporter.Export(config)
                : new Dictionary<string, string> { ["supervisord.conf"] = SupervisordExporter.Export(config) };
            var o = GlobalOptions.CreateOutput(result);
            if (result.GetValue(format) == "supervisord")
                foreach (var dir in SupervisordExporter.RequiredDirectories(config)) Directory.CreateDirectory(dir);
            if (target is null)
            {
                foreach (var (name, text) in files)
                {
                    if (files.Count > 1) Console.Out.WriteLine($"# --- {name} ---");
                    Console.Out.Write(text);
                }
                return ExitCodes.Ok;
            }
            foreach (string written in ExportWriter.Write(files, target, Environment.CurrentDirectory)) o.Line($"wrote {written}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
