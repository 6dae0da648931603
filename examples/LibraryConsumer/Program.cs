// The pattern's "manager that starts and stops its workers", on the public API alone: register this process, start
// workers (a Process.Start child, and one in a session of its own), record them, stop them gracefully, cancel stops,
// run the supervisor in this process and shut it down by its token, and clean up. `LibraryConsumer ROOT` uses ROOT as
// the project root (its PID files in ROOT/local/pid); `LibraryConsumer read-only DIR` reads a read-only PID directory.
// The packaging tests build it from the packed Pidman package with warnings as errors and check every line.
using System.Diagnostics;
using System.Globalization;
using Pidman;
using Pidman.Config;
using Pidman.Exceptions;
using Pidman.Projects;

if (args is ["read-only", var readOnlyDirectory]) return ReadOnly(readOnlyDirectory);

string root = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
string directory = Path.Combine(root, "local", "pid");
var pids = new PidManager(directory);
Console.WriteLine($"public types: {typeof(PidManager).Assembly.GetExportedTypes().Length}");

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

// Cancellation: a token already cancelled sends nothing; one cancelled during a long stop ends the wait, not the process.
using (var sleeper = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!)
{
    pids.WritePid("sleeper", sleeper.Id);
    bool refused = false;
    try { await pids.StopServiceAsync("sleeper", cancellationToken: new CancellationToken(canceled: true)); }
    catch (OperationCanceledException) { refused = true; }
    Console.WriteLine($"cancelled before: no stop {refused}, still running {!sleeper.WaitForExit(300)}");
    await pids.StopServiceAsync("sleeper", force: true);
    await sleeper.WaitForExitAsync();
}
using (var stubborn = Process.Start(new ProcessStartInfo("sh", ["-c", "trap '' TERM; exec sleep 60"]) { UseShellExecute = false })!)
{
    pids.WritePid("stubborn", stubborn.Id);
    using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
    var clock = Stopwatch.StartNew();
    bool cancelled = false;
    try { await pids.StopServiceAsync("stubborn", timeout: TimeSpan.FromSeconds(10), cancellationToken: soon.Token); }
    catch (OperationCanceledException) { cancelled = true; }
    Console.WriteLine($"cancelled during a 10 s stop: {cancelled}, within 1 s {clock.Elapsed < TimeSpan.FromSeconds(1)}, still running {!stubborn.HasExited}");
    await pids.StopServiceAsync("stubborn", force: true);
    await stubborn.WaitForExitAsync();
}

// The supervisor in this process, held by its token: cancelling it stops what it runs, then it returns.
File.WriteAllText(Path.Combine(root, "pidman.toml"), "[services.web]\ncommand = \"exec sleep 60\"\n");
var supervised = Project.Open(new ProjectOptions { Root = root });
using (var shutdown = new CancellationTokenSource())
{
    var run = supervised.SuperviseAsync([], cancellationToken: shutdown.Token);
    var ready = await supervised.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
    int? web = pids.ReadPid("web");
    var clock = Stopwatch.StartNew();
    await shutdown.CancelAsync();
    int code = await run.WaitAsync(TimeSpan.FromSeconds(30));
    Console.WriteLine($"supervised: ready {ready.Ready}, web ran {web is not null}, ended in 10 s {clock.Elapsed < TimeSpan.FromSeconds(10)} with {code}, web running {pids.ReadPid("web") is not null}");
}

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
return 0;

// A PID directory the test made read-only (a bind mount in a mount namespace of its own) holding a stale file:
// every read says the file was not removed, and why, and cleanup keeps it.
static int ReadOnly(string directory)
{
    var pids = new PidManager(directory);
    var entry = pids.GetEntry("stale");
    Console.WriteLine($"read-only: {entry.State}, removed {entry.Removed}, errno {entry.RemovalErrno}");
    var cleanup = pids.CleanupStale();
    Console.WriteLine($"read-only cleanup: {cleanup.Removed.Count} removed, {cleanup.Kept.Count} kept, errno {cleanup.Kept[0].RemovalErrno}, file there {File.Exists(Path.Combine(directory, "stale.pid"))}");
    return 0;
}
