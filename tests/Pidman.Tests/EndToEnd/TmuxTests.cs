using System.Globalization;
using System.Text;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>tmux mode against real tmux: each test's project gets its own server (its socket derives from the temp root).</summary>
public sealed class TmuxTests : ProcessTest
{
    private readonly string _socket;
    private readonly List<string> _outerSockets = [];

    public TmuxTests()
    {
        // The same derivation as pidman's, computed independently: pidman-<first 12 hex digits of FNV-1a-64(root)>.
        ulong hash = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(_dir.Path)) hash = unchecked((hash ^ b) * 1099511628211);
        _socket = "pidman-" + hash.ToString("x16")[..12];
        File.WriteAllText(Path.Combine(_dir.Path, "pidman.toml"), """
            [services.alpha]
            command = "echo alpha says hello; exec sleep 1000"
            mode = "tmux"

            [services.beta]
            command = "echo beta on $PIDMAN_SERVICE; exec sleep 1000"
            mode = "tmux"

            [services.plain]
            command = "echo plain; exec sleep 1000"
            """);
    }

    public override void Dispose()
    {
        PidmanCli.RunRaw(["stop", "--all", "--force", "-q"], cwd: _dir.Path);
        // Only servers this test started: the project's, and any outer terminal it opened.
        foreach (var socket in _outerSockets.Append(_socket)) new TmuxClient(socket).KillServer();
        base.Dispose();
    }

    private PidmanCli.Result Pidman(params string[] args) => PidmanCli.RunRaw(args, cwd: _dir.Path);

    private static (int ExitCode, string Stdout) Tmux(string socket, params string[] args) => new TmuxClient(socket).Run(args);

    private int FilePid(string file) => int.Parse(File.ReadAllText(_dir.File(file)), CultureInfo.InvariantCulture);

    private List<string> Windows() => Tmux(_socket, "list-windows", "-t", "=pidman", "-F", "#{window_name}").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    [NeedsToolsFact("tmux")]
    public void Tmux_and_background_services_start_together_with_both_pid_types_and_logs()
    {
        var start = Pidman("start");
        Assert.True(start.ExitCode == 0, start.ToString());

        Assert.Equal(["alpha", "beta"], Windows());
        int server = int.Parse(Tmux(_socket, "display-message", "-p", "-t", "=pidman", "#{pid}").Stdout.Trim(), CultureInfo.InvariantCulture);
        foreach (var name in new[] { "alpha", "beta" })
        {
            int pane = int.Parse(Tmux(_socket, "display-message", "-p", "-t", $"=pidman:={name}", "#{pane_pid}").Stdout.Trim(), CultureInfo.InvariantCulture);
            Assert.Equal(pane, FilePid($"{name}.pid"));
            Assert.Equal(server, FilePid($"tmux_{name}.pid"));
        }
        Assert.False(File.Exists(_dir.File("tmux_plain.pid")));
        Wait.Until(() => File.ReadAllText(Path.Combine(_dir.Path, "local/log/alpha.log")).Contains("alpha says hello"), "alpha's output in its log");
        Wait.Until(() => File.ReadAllText(Path.Combine(_dir.Path, "local/log/beta.log")).Contains("beta on beta"), "beta's output in its log");
        // The pane's output goes through the line stamper as a background service's does: a time on every line.
        Assert.Matches(@"(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z alpha says hello\r?$", File.ReadAllText(Path.Combine(_dir.Path, "local/log/alpha.log")));
        Assert.Contains("alpha says hello", Pidman("logs", "alpha", "--since", "1m").Stdout);

        var status = Pidman("status", "--json");
        Assert.Equal(0, status.ExitCode);
        var alpha = status.Json.GetProperty("entries").EnumerateArray().First(e => e.GetProperty("service").GetString() == "alpha" && e.GetProperty("type").GetString() == "process");
        Assert.Equal("tmux window alpha", alpha.GetProperty("detail").GetString());
    }

    [NeedsToolsFact("tmux")]
    public void Stopping_one_tmux_service_closes_its_window_and_leaves_the_others()
    {
        Assert.Equal(0, Pidman("start").ExitCode);
        int alpha = FilePid("alpha.pid");
        var stop = Pidman("stop", "alpha");
        Assert.True(stop.ExitCode == 0, stop.ToString());

        Assert.Equal(["beta"], Windows());
        Assert.False(ProcInfo.IsAlive(alpha));
        Assert.False(File.Exists(_dir.File("alpha.pid")));
        Assert.False(File.Exists(_dir.File("tmux_alpha.pid")));
        Assert.Equal(0, Pidman("status", "beta", "plain").ExitCode);

        Assert.Equal(0, Pidman("stop", "beta").ExitCode);
        Assert.NotEqual(0, Tmux(_socket, "has-session", "-t", "=pidman").ExitCode); // the session ended with its last window
    }

    [NeedsToolsFact("tmux")]
    public void A_tmux_server_killed_from_outside_leaves_stale_files_that_are_cleaned()
    {
        Assert.Equal(0, Pidman("start", "alpha", "beta").ExitCode);
        int server = FilePid("tmux_alpha.pid");
        var panes = new[] { FilePid("alpha.pid"), FilePid("beta.pid") };

        Assert.Equal(0, Tmux(_socket, "kill-server").ExitCode);
        Wait.Until(() => !ProcInfo.IsAlive(server) && panes.All(p => !ProcInfo.IsAlive(p)), "the server and its panes to exit");

        var dry = Pidman("cleanup", "--dry-run", "--json");
        var removed = dry.Json.GetProperty("removed").EnumerateArray().Select(e => e.GetProperty("file").GetString()).Order().ToList();
        Assert.Equal(["alpha.pid", "beta.pid", "tmux_alpha.pid", "tmux_beta.pid"], removed);
        Assert.Equal(1, Pidman("status", "alpha").ExitCode); // stale
        // A status of alpha removes alpha's stale files (its panes' and its server's) and touches no other service's.
        Assert.Equal(["beta.pid", "tmux_beta.pid"], RegisterTests.PidFilesIn(_dir.PidDir).Select(Path.GetFileName).Order());
        Assert.Equal(1, Pidman("status").ExitCode);
        Assert.Empty(RegisterTests.PidFilesIn(_dir.PidDir));
    }

    [NeedsToolsFact("tmux")]
    public void Attach_in_a_real_terminal_shows_the_service_window()
    {
        Assert.Equal(0, Pidman("start", "alpha").ExitCode);
        Wait.Until(() => File.ReadAllText(Path.Combine(_dir.Path, "local/log/alpha.log")).Contains("alpha says hello"), "alpha's output");

        // A terminal of the test's own: a window of a separate tmux server, running 'pidman attach alpha'.
        string outer = _socket + "-outer";
        _outerSockets.Add(outer);
        string command = $"cd '{_dir.Path}' && '{PidmanCli.Path}' attach alpha";
        Assert.Equal(0, Tmux(outer, "new-session", "-d", "-s", "terminal", "-x", "120", "-y", "30", command).ExitCode);

        Wait.Until(() => Tmux(outer, "capture-pane", "-p", "-t", "=terminal:").Stdout.Contains("alpha says hello"), "the attached window to show alpha's output");
        Assert.Single(Tmux(_socket, "list-clients", "-F", "#{client_name}").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [NeedsToolsFact("tmux")]
    public void Attach_takes_an_instance_name_as_logs_does()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "pidman.toml"), """
            [services.repl]
            command = "echo repl $PIDMAN_INSTANCE says hello; exec sleep 1000"
            mode = "tmux"
            scale = 2
            """);
        Assert.Equal(0, Pidman("start").ExitCode);
        Wait.Until(() => File.Exists(Path.Combine(_dir.Path, "local/log/worker2_repl.log")) && File.ReadAllText(Path.Combine(_dir.Path, "local/log/worker2_repl.log")).Contains("repl 2 says hello"), "the second instance's output");

        string outer = _socket + "-outer";
        _outerSockets.Add(outer);
        string command = $"cd '{_dir.Path}' && '{PidmanCli.Path}' attach worker2_repl";
        Assert.Equal(0, Tmux(outer, "new-session", "-d", "-s", "terminal", "-x", "120", "-y", "30", command).ExitCode);
        Wait.Until(() => Tmux(outer, "capture-pane", "-p", "-t", "=terminal:").Stdout.Contains("repl 2 says hello"), "the attached window to show the second instance");
        Assert.Equal(2, Pidman("attach", "worker3_repl").ExitCode); // no such instance: a usage error, as for a service
    }

    [NeedsToolsFact("tmux")]
    public void Without_tmux_the_tmux_services_fail_clearly_and_background_services_still_start()
    {
        // A PATH with the shell tools the services use, and no tmux.
        string bin = Path.Combine(_dir.Path, "bin");
        Directory.CreateDirectory(bin);
        foreach (var tool in new[] { "sh", "sleep", "echo" }) File.CreateSymbolicLink(Path.Combine(bin, tool), $"/bin/{tool}");

        var start = PidmanCli.RunRaw(["start"], cwd: _dir.Path, env: new Dictionary<string, string?> { ["PATH"] = bin });
        Assert.Equal(1, start.ExitCode);
        Assert.Contains("alpha: tmux is not installed", start.Stderr);
        Assert.Contains("beta: tmux is not installed", start.Stderr);
        Assert.Contains("plain: started", start.Stdout);
        Assert.Equal(0, Pidman("status", "plain").ExitCode);
    }

    [NeedsToolsFact("tmux")]
    public void Attach_refuses_a_background_service()
    {
        var attach = Pidman("attach", "plain");
        Assert.Equal(2, attach.ExitCode);
        Assert.Contains("runs in the background", attach.Stderr);
    }

    [NeedsToolsTheory("tmux")]
    [MemberData(nameof(ContainmentTests.CommandForms), MemberType = typeof(ContainmentTests))]
    public void A_pane_s_pid_file_names_the_service_and_a_kill_of_it_leaves_nothing(string command)
    {
        File.WriteAllText(Path.Combine(_dir.Path, "pidman.toml"), $"[services.app]\ncommand = \"{command.Replace("\"", "\\\"")}\"\nmode = \"tmux\"\n");
        var start = Pidman("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        int pid = FilePid("app.pid");
        int server = FilePid("tmux_app.pid");
        Assert.Equal("sleep\n", File.ReadAllText($"/proc/{pid}/comm"));

        // The tmux server and its pipe-pane helper stay (the dead window keeps its last screen); the service must not.
        _procs.Start("kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        Wait.Until(() => !ProcInfo.ProcessesUnder(_dir.Path).Any(p => p != server && ProcInfo.CommandLine(p)?.Contains("100000", StringComparison.Ordinal) == true),
            "no process of the service left");
    }
}
