using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pidman.Os;

/// <summary>
/// A command run in the foreground, as <c>foreman run</c> runs one: in this terminal (stdin, stdout and stderr are ours,
/// its process group is ours, so Ctrl-C reaches it as it reaches us), with the environment given, and its exit code is
/// the result. pidman itself lets Ctrl-C and Ctrl-\ pass to it and waits; a SIGTERM or SIGHUP sent to pidman alone is
/// passed on.
/// </summary>
internal static class ForegroundCommand
{
    /// <summary>Runs <paramref name="argv"/> (argv[0] looked up on the environment's <c>PATH</c>) and returns its exit code (128 + N when killed by signal N).</summary>
    /// <exception cref="Exceptions.PidmanInputException">The program is not found or not executable.</exception>
    public static int Run(IReadOnlyList<string> argv, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        string program = Resolve(argv[0], environment.GetValueOrDefault("PATH") ?? "/usr/local/bin:/usr/bin:/bin")
            ?? throw new Exceptions.PidmanInputException($"command not found: {argv[0]}");
        var info = new ProcessStartInfo(program) { UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (string arg in argv.Skip(1)) info.ArgumentList.Add(arg);
        info.Environment.Clear();
        foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        // The terminal's signals reach the child directly (same process group): pidman waits for what it decides.
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => c.Cancel = true);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Forward(process, Signal.SIGTERM); });
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; Forward(process, Signal.SIGHUP); });
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void Forward(Process process, Signal signal)
    {
        using var pinned = PinnedProcess.Pin(process.Id, ProcFs.TryReadStat(process.Id, out var stat) ? stat.StartTimeTicks : 0);
        pinned?.SendToProcess(signal);
    }

    /// <summary>The executable <paramref name="name"/> names: itself when it holds a <c>/</c>, else the first on <paramref name="path"/>.</summary>
    private static string? Resolve(string name, string path)
    {
        if (name.Contains('/')) return File.Exists(name) ? name : null;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
    }
}
