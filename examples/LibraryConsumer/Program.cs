// The pattern's "manager that starts and stops its workers", on the public API alone: register this process, start
// workers (a Process.Start child, and one in a session of its own), record them, stop them gracefully, and clean up.
// `LibraryConsumer ROOT` uses ROOT as the project root (its PID files in ROOT/local/pid). The packaging test builds it
// from the packed Pidman package with warnings as errors and checks every line.
using System.Diagnostics;
using System.Globalization;
using Pidman;
using Pidman.Config;
using Pidman.Exceptions;
using Pidman.Projects;

string root = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
string directory = Path.Combine(root, "local", "pid");
var pids = new PidManager(directory);

using (var me = PidFile.Register("consumer", directory: directory))
    Console.WriteLine($"registered: {pids.ReadPid("consumer") == Environment.ProcessId}");
Console.WriteLine($"after dispose: {pids.ReadPid("consumer")?.ToString(CultureInfo.InvariantCulture) ?? "none"}");

// A child of this process is in this process's group: pidman signals it by its PID alone.
using var child = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
pids.WritePid("child", child.Id);
Console.WriteLine($"child running: {pids.GetProcessStatus("child").ProcessRunning}");
var stopped = await pids.StopServiceAsync("child", timeout: TimeSpan.FromSeconds(5));
Console.WriteLine($"child stop: {stopped.Entries[0].Outcome} by {stopped.Entries[0].Signal}");
await child.WaitForExitAsync();

// A worker in a session of its own, with its PID file and log: two calls, start and stop.
var project = Project.Open(new ProjectOptions { Root = root });
var started = await project.StartCommandAsync("worker", ["sleep", "60"]);
Console.WriteLine($"worker start: {started.Status}, PID file names it: {started.Pid is int p && pids.ReadPid("worker") == p}");
var ended = await project.StopAsync(new StopRequest { Services = ["worker"], Timeout = TimeSpan.FromSeconds(5) });
Console.WriteLine($"worker stop: {ended[0].Entries[0].Outcome}, running: {pids.ReadPid("worker") is not null}");

try
{
    pids.WritePid("not a name", Environment.ProcessId);
}
catch (PidmanInputException e)
{
    Console.WriteLine($"refused: {e.Message}");
}

var cleanup = pids.CleanupStale(CleanupOptions.DryRun);
Console.WriteLine($"cleanup dry run: {cleanup.Removed.Count} to remove, {cleanup.Kept.Count} kept");
Console.WriteLine($"active: [{string.Join(", ", pids.ListActiveServices())}]");
