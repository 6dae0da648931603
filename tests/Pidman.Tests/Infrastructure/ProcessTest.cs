using System.Globalization;

namespace Pidman.Tests.Infrastructure;

/// <summary>
/// Base of the end-to-end tests: a fresh directory and a set of started processes, both cleaned up after each
/// test; a process still running in the directory afterwards is killed and fails the test (a leak is a failure).
/// </summary>
public abstract class ProcessTest : IDisposable
{
    protected readonly TempDir _dir = new();
    protected readonly Procs _procs = new();

    public virtual void Dispose()
    {
        _procs.Dispose();
        // A line stamper exits once every writer of its pipe has: a moment after the cleanup ended its service.
        try
        {
            Wait.Until(() => ProcInfo.StampersUnder(_dir.Path).Count == 0, "the line stampers of this test's logs to exit", TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // reported below with the rest
        }
        var leaked = ProcInfo.ProcessesUnder(_dir.Path).Concat(ProcInfo.StampersUnder(_dir.Path)).Distinct().ToList();
        // One already on its way out (its command line gone, not yet a zombie) is given a moment to finish: only what stays alive leaked.
        try
        {
            Wait.Until(() => leaked.All(pid => !ProcInfo.IsAlive(pid) || ProcInfo.CommandLine(pid) is { Length: > 0 }), "exiting processes to finish", TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            // still there: counted below
        }
        leaked = leaked.Where(ProcInfo.IsAlive).ToList();
        foreach (var pid in leaked)
        {
            using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
        _dir.Dispose();
        GC.SuppressFinalize(this);
        Assert.True(leaked.Count == 0, $"processes left running: {string.Join(", ", leaked.Select(p => $"{p} ({ProcInfo.CommandLine(p)?.Replace('\0', ' ').Trim()})"))}");
    }
}
