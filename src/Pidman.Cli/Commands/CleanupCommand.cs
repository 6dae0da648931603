using Pidman.PidFiles;
using System.CommandLine;
using Pidman.Cli.Rendering;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman cleanup [--dry-run] [--invalid]</c>: remove stale PID files and report each with its reason.</summary>
internal static class CleanupCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Only report what would be removed" };
        var invalid = new Option<bool>("--invalid") { Description = "Also remove invalid files (never directories)" };
        var command = new Command("cleanup", "Remove stale PID files (and invalid ones with --invalid), end what exited services left running, and drop abandoned temp files and cgroups") { dryRun, invalid };
        command.SetAction(result => Cli.Run(() =>
        {
            var report = GlobalOptions.OpenProjectLeniently(result).Cleanup((result.GetValue(invalid) ? CleanupOptions.IncludeInvalid : CleanupOptions.None) | (result.GetValue(dryRun) ? CleanupOptions.DryRun : CleanupOptions.None));
            var output = GlobalOptions.CreateOutput(result);
            if (output.Json)
            {
                var json = new CleanupJson(report.DryRun, report.Removed, report.Kept, report.TempFilesRemoved);
                JsonOutput.Write(json, CliJsonContext.Output.CleanupJson);
                return report.Kept.Any(e => e.RemovalErrno is not null) ? ExitCodes.Failure : ExitCodes.Ok;
            }
            string verb = report.DryRun ? "would remove" : "removed";
            foreach (var e in report.Removed) output.Line($"{verb} {e.Path} ({e.State.ToString().ToLowerInvariant()}: {e.Reason.Describe()})");
            foreach (var e in report.Kept)
            {
                string state = $"{e.State.ToString().ToLowerInvariant()}: {e.Reason.Describe()}";
                if (e.RemovalErrno is int errno) Output.Error($"cannot remove {e.Path} ({state}): {Format.Errno(errno)}");
                else output.Line($"kept {e.Path} ({state}; use --invalid to remove)");
            }
            if (report.TempFilesRemoved > 0) output.Line($"{verb} {report.TempFilesRemoved} temp file(s) left by writers killed mid-write");
            if (report.Removed.Count == 0 && report.Kept.Count == 0 && report.TempFilesRemoved == 0) output.Line("nothing to clean up");
            return report.Kept.Any(e => e.RemovalErrno is not null) ? ExitCodes.Failure : ExitCodes.Ok;
        }));
        return command;
    }
}
