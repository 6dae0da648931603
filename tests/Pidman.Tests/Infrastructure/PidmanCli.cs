using System.Diagnostics;
using System.Text.Json;
using Pidman.Supervision;

namespace Pidman.Tests.Infrastructure;

/// <summary>Runs the published NativeAOT <c>pidman</c> binary, as a user would.</summary>
public static class PidmanCli
{
    private static readonly Lazy<string> s_path = new(Locate);

    public static string Path => s_path.Value;

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    /// <summary>Runs pidman with <c>--dir <paramref name="pidDir"/></c> and the arguments; fails the test after 60 s.</summary>
    public static Result Run(string pidDir, params string[] args) => RunRaw(["--dir", pidDir, .. args]);

    /// <summary>Runs pidman (or the copy <paramref name="exe"/>) with the arguments in <paramref name="cwd"/>; fails the test after <paramref name="timeout"/> (60 s).</summary>
    public static Result RunRaw(string[] args, string? cwd = null, IDictionary<string, string?>? env = null, string? exe = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(exe ?? Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("PIDMAN_DIR");
        info.Environment.Remove("PIDMAN_ROOT");
        if (env is not null) foreach (var (k, v) in env) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"pidman {string.Join(' ', args)} did not finish in {limit.TotalSeconds:0} s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>PIDMAN_EXE, else artifacts/cli/pidman above the test assembly (./build.sh publishes it there).</summary>
    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PIDMAN_EXE");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "artifacts", "cli", "pidman");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("the published pidman binary was not found: run ./build.sh test (or set PIDMAN_EXE)");
    }
}
