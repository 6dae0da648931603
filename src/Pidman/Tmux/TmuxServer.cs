using System.Diagnostics;
using System.Globalization;
using Pidman.Config;
using Pidman.PidFiles;
using Pidman.Exceptions;

namespace Pidman.Tmux;

/// <summary>
/// The project's own tmux server (<c>tmux -L NAME</c>), one session <see cref="SessionName"/>, one window per
/// service, as overmind does. Every call names the socket, so the user's own tmux server is never touched,
/// and the server starts with <c>-f /dev/null</c>, so no user config changes how services run.
/// </summary>
internal sealed class TmuxServer
{
    /// <summary>The session that holds the project's windows.</summary>
    public const string SessionName = "pidman";

    private static readonly Lazy<string?> s_executable = new(() => FindOnPath("tmux"));

    /// <summary>Uses the server on socket <paramref name="socketName"/> (in tmux's socket directory).</summary>
    public TmuxServer(string socketName) => SocketName = socketName;

    /// <summary>The socket name given to <c>tmux -L</c>.</summary>
    public string SocketName { get; }

    /// <summary>The tmux executable, or null when tmux is not installed.</summary>
    public static string? Executable => s_executable.Value;

    /// <summary><c>pidman-</c> and the <see cref="ProjectKey"/> of the root: the socket path (/tmp/tmux-UID/NAME) must fit in sockaddr_un's 108 bytes.</summary>
    public static string SocketNameFor(string root) => "pidman-" + ProjectKey.For(root);

    /// <summary>True when the project's session exists.</summary>
    public bool HasSession() => Run("has-session", "-t", "=" + SessionName).ExitCode == 0;

    /// <summary>The server's PID, or null when it is not running.</summary>
    public int? ServerPid()
    {
        var r = Run("display-message", "-p", "-t", "=" + SessionName, "#{pid}");
        return r.ExitCode == 0 && int.TryParse(r.Stdout.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    /// <summary>Names of the session's windows (empty when there is no server).</summary>
    public IReadOnlyList<string> WindowNames()
    {
        var r = Run("list-windows", "-t", "=" + SessionName, "-F", "#{window_name}");
        return r.ExitCode == 0 ? r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
    }

    /// <summary>
    /// Opens window <paramref name="name"/> running <paramref name="script"/> (by /bin/sh -c), with its output
    /// piped to <paramref name="logPath"/>. The command waits on a tmux channel until the pipe and the window
    /// options are in place, so not a line of output is lost; then it execs, keeping the pane's PID. The pipe's reader is
    /// the line stamper of <paramref name="stamper"/> (the pidman executable), else <c>cat</c>.
    /// </summary>
    /// <returns>The pane's PID, which is the service's process.</returns>
    public int OpenWindow(string name, string workingDirectory, IReadOnlyDictionary<string, string> environment, string script, string logPath, string? stamper)
    {
        string channel = $"pidman-start-{name}";
        string windowCommand = $"{ShellQuote.Quote(Executable!)} -L {ShellQuote.Quote(SocketName)} wait-for {ShellQuote.Quote(channel)}; exec /bin/sh -c {ShellQuote.Quote(script)}";
        var args = new List<string>();
        if (HasSession())
            args.AddRange(["new-window", "-d", "-t", "=" + SessionName + ":"]);
        else
            args.AddRange(["new-session", "-d", "-s", SessionName, "-x", "200", "-y", "50"]);
        args.AddRange(["-n", name, "-c", workingDirectory, "-P", "-F", "#{pane_pid} #{window_id}"]);
        foreach (var (k, v) in environment) args.AddRange(["-e", $"{k}={v}"]);
        args.Add(windowCommand);
        var opened = Run([.. args]);
        var parts = opened.Stdout.Trim().Split(' ');
        if (opened.ExitCode != 0 || parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int panePid))
            throw new PidmanException($"tmux could not open window {name}: {opened.Stderr.Trim()}");
        string window = parts[1];
        // Per window, never global: a dead pane stays (with its exit status) until pidman closes it.
        Run("set-option", "-w", "-t", window, "remain-on-exit", "on");
        // The stamper opens the log itself, by the rule pidman opens logs with; plain cat (a library caller without a stamper)
        // gets the shell's >>, which the held, checked log directory leaves only its owner to subvert.
        string writer = stamper is null ? $"cat >> {ShellQuote.Quote(logPath)}" : $"exec {ShellQuote.Quote(Logs.LineStamper.ExecutableBeside(stamper))} {Logs.LineStamper.Verb} {Logs.LineStamper.AppendFlag} {ShellQuote.Quote(logPath)}";
        Run("pipe-pane", "-o", "-t", window, writer);
        Run("wait-for", "-S", channel);
        return panePid;
    }

    /// <summary>The exit status of a window whose process has exited, or null (still running, or no such window).</summary>
    public int? DeadStatus(string name)
    {
        var r = Run("display-message", "-p", "-t", Target(name), "#{pane_dead} #{pane_dead_status}");
        var parts = r.Stdout.Trim().Split(' ');
        return r.ExitCode == 0 && parts is ["1", var code] && int.TryParse(code, out int status) ? status : null;
    }

    /// <summary>Closes window <paramref name="name"/>; the session (and then the server) ends with its last window.</summary>
    public void KillWindow(string name) => Run("kill-window", "-t", Target(name));

    /// <summary>The target of a window by exact name in the project's session.</summary>
    public static string Target(string name) => $"={SessionName}:={name}";

    /// <summary>
    /// Attaches this terminal at window <paramref name="name"/> and returns tmux's exit code when the client detaches.
    /// Already inside this very server, the client moves there; elsewhere (a plain terminal, or the user's own tmux) a
    /// client of our server attaches, with TMUX cleared so tmux allows the nesting.
    /// </summary>
    public int Attach(string name)
    {
        string? inside = Environment.GetEnvironmentVariable("TMUX");
        bool sameServer = inside is not null && Path.GetFileName(inside.Split(',')[0]) == SocketName;
        var info = new ProcessStartInfo(Executable ?? throw NotInstalled()) { UseShellExecute = false };
        foreach (var a in (string[])["-L", SocketName, sameServer ? "switch-client" : "attach-session", "-t", Target(name)]) info.ArgumentList.Add(a);
        info.Environment.Remove("TMUX");
        using var client = Process.Start(info)!;
        client.WaitForExit();
        return client.ExitCode;
    }

    /// <summary>Runs <c>tmux -L SOCKET -f /dev/null ARGS</c> and captures its output.</summary>
    internal (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        if (Executable is null) throw NotInstalled();
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["-L", SocketName, "-f", "/dev/null", .. args]) info.ArgumentList.Add(a);
        // Outside the user's tmux as far as this client is concerned.
        info.Environment.Remove("TMUX");
        using var p = Process.Start(info)!;
        Os.ChildClaims.Claim(p.Id); // Process reaps it; a supervising pidman must not
        try
        {
            p.StandardInput.Close();
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout, stderr.Result);
        }
        finally
        {
            Os.ChildClaims.Release(p.Id);
        }
    }

    /// <summary>The error for a tmux service on a machine without tmux.</summary>
    public static PidmanException NotInstalled() =>
        new("tmux is not installed (Debian: apt-get install tmux); services with mode = \"background\" still work");

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
