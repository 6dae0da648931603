using System.Diagnostics;
using System.Globalization;

namespace Pidman.Tests.Infrastructure;

/// <summary>
/// Real processes started by a test, all ended (SIGKILL to each and to its group) and reaped on dispose,
/// so no test leaks a process.
/// </summary>
public sealed class Procs : IDisposable
{
    private readonly List<Process> _started = [];

    /// <summary>Starts <paramref name="command"/> as leader of a new session and process group (setsid execs in place, so the PID is the command's).</summary>
    public Process StartInOwnSession(string command, params string[] args) => Execed(Start("setsid", [command, .. args]));

    /// <summary>Like <see cref="StartInOwnSession"/>, with extra environment variables.</summary>
    public Process StartInOwnSessionWithEnv(IReadOnlyDictionary<string, string> env, string command, params string[] args) =>
        Execed(Start("env", [.. env.Select(kv => $"{kv.Key}={kv.Value}"), "setsid", command, .. args]));

    /// <summary>Starts <c>sh -c script</c> in its own session.</summary>
    public Process StartShell(string script) => Execed(Start("setsid", ["sh", "-c", script]));

    /// <summary>
    /// Returns <paramref name="process"/> once the launchers in front of the command (<c>env</c>, <c>setsid</c>) have
    /// exec'd it: Process.Start returns when the launcher runs, and a test that reads the PID's command line at once
    /// would otherwise see <c>setsid sleep 1000</c>.
    /// </summary>
    private static Process Execed(Process process)
    {
        // Gone already (null): nothing to wait for.
        bool Launched() => ProcInfo.CommandLine(process.Id)?.Split('\0')[0] is not ("setsid" or "env");
        Wait.Until(Launched, $"PID {process.Id} to exec its command");
        return process;
    }

    /// <summary>Starts a command in the test's own process group.</summary>
    public Process Start(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        var p = Process.Start(info)!;
        lock (_started) _started.Add(p);
        return p;
    }

    /// <summary>Tracks a process started elsewhere so dispose ends it.</summary>
    public void Track(Process p)
    {
        lock (_started) _started.Add(p);
    }

    public void Dispose()
    {
        foreach (var p in _started)
        {
            try
            {
                if (!p.HasExited)
                {
                    int pid = p.Id;
                    // Only a process that leads its own group takes its group with it; never ours.
                    if (ProcInfo.ProcessGroup(pid) == pid && pid != ProcInfo.ProcessGroup(Environment.ProcessId))
                        Kill(-pid);
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException) { }
            finally { p.Dispose(); }
        }
    }

    private static void Kill(int target) => Process.Start("kill", ["-KILL", "--", target.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
}
