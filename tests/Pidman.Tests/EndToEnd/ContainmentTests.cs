using System.Globalization;
using Pidman.Containment;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>The PID file holds the service itself, and nothing a service started outlives its stop.</summary>
public sealed class ContainmentTests : ProjectTest
{
    private static readonly Dictionary<string, string?> ForceGroupTracking = new() { ["PIDMAN_TRACKING"] = "group" };

    private string Tracking(string service) =>
        Pidman("status", service, "--json").Json.GetProperty("entries")[0].GetProperty("tracking").GetString()!;

    private void AssertCgroupTracking(string service) =>
        Assert.True(Tracking(service) == "cgroup", "this test needs a writable cgroup v2 tree (root with a cgroup2 mount, as in CI)");

    /// <summary>A command of each form pidman runs without a shell left in between (in tmux mode too: TmuxTests).</summary>
    public static TheoryData<string> CommandForms => ["sleep 100000", "exec sleep 100000", "FOO=1 sleep 100000", "sleep 100000 >> out.txt 2>&1", "sh -c 'exec sleep 100000'"];

    [Theory]
    [MemberData(nameof(CommandForms))]
    public void The_pid_file_names_the_service_and_a_kill_of_it_leaves_nothing(string command)
    {
        Write("pidman.toml", $"[services.app]\ncommand = \"{command.Replace("\"", "\\\"")}\"\n");
        var start = Pidman("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        int pid = PidOf("app");
        Assert.Equal("sleep\n", File.ReadAllText($"/proc/{pid}/comm"));

        _procs.Start("kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        Wait.Until(() => ProcInfo.ProcessesUnder(_dir.Path).Count == 0, "no process of the service left");
    }

    [Fact]
    public void A_compound_command_keeps_its_shell_as_the_main_process_and_says_so()
    {
        Write("pidman.toml", "[services.app]\ncommand = \"sleep 100000 & wait\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        Assert.Equal("sh\n", File.ReadAllText($"/proc/{PidOf("app")}/comm"));
        var entry = Pidman("status", "app", "--json").Json.GetProperty("entries")[0];
        Assert.Contains("sleep 100000 & wait", entry.GetProperty("command").GetString());
        Assert.Equal(2, entry.GetProperty("processes").GetInt32());
    }

    [Fact]
    public void Leftovers_of_a_killed_main_process_are_reported_and_ended_by_stop()
    {
        Write("pidman.toml", "[services.app]\ncommand = \"sleep 4001 & sleep 4002 & wait\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        int main = PidOf("app");
        _procs.Start("kill", "-KILL", main.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        Wait.Until(() => !ProcInfo.IsAlive(main), "the main process to die");

        var status = Pidman("status", "app", "--json");
        Assert.Equal(1, status.ExitCode);
        var entry = status.Json.GetProperty("entries")[0];
        Assert.Equal("stale", entry.GetProperty("state").GetString());
        Assert.Equal("leftovers", entry.GetProperty("reason").GetString());
        Assert.Equal(2, entry.GetProperty("processes").GetInt32());
        Assert.False(entry.GetProperty("removed").GetBoolean());
        Assert.Equal(2, ProcInfo.ProcessesUnder(_dir.Path).Count);

        var stop = Pidman("stop", "app");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Contains("ended 2 leftover process(es)", stop.Stdout);
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
        Assert.False(File.Exists(Path.Combine(_dir.PidDir, "app.pid")));
    }

    [Fact]
    public void A_setsid_grandchild_is_stopped_with_its_service_in_its_cgroup()
    {
        Write("pidman.toml", "[services.app]\ncommand = \"setsid sleep 4003 & exec sleep 100000\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        AssertCgroupTracking("app");
        Wait.Until(() => ProcInfo.ProcessesUnder(_dir.Path).Count == 2, "the service and its setsid child");
        var stop = Pidman("stop", "app");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
    }

    [Fact]
    public void With_group_tracking_the_supervisor_still_ends_a_setsid_grandchild()
    {
        Write("pidman.toml", "[services.app]\ncommand = \"setsid sleep 4003 & exec sleep 100000\"\n");
        var up = PidmanCli.RunRaw(["up", "-d"], cwd: _dir.Path, env: ForceGroupTracking);
        Assert.True(up.ExitCode == 0, up.ToString());
        WaitForPidFile("app");
        Assert.Equal("group", Tracking("app"));
        Wait.Until(() => ProcInfo.ProcessesUnder(_dir.Path).Count == 3, "the supervisor, the service and its setsid child");
        var down = Pidman("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        Wait.Until(() => ProcInfo.ProcessesUnder(_dir.Path).Count == 0, "nothing left after down");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Restarts_under_the_supervisor_leave_no_child_behind(bool groupTracking)
    {
        // Each run leaves two background children, one after a setsid(); while the file 'crash' exists, runs crash at once.
        Write("crash", "");
        Write("pidman.toml", """
            [services.app]
            command = "sleep 4101 & setsid sleep 4102 & if [ -e crash ]; then sleep 0.3; exit 1; fi; wait"
            restart = "always"
            max_restarts = 20
            """);
        var up = PidmanCli.RunRaw(["up", "-d"], cwd: _dir.Path, env: groupTracking ? ForceGroupTracking : null);
        Assert.True(up.ExitCode == 0, up.ToString());
        string log = Path.Combine(_dir.Path, "local", "log", "pidman.log");
        Wait.Until(() => File.Exists(log) && File.ReadAllText(log).Contains("restarting in 2 s"), "two crash restarts", TimeSpan.FromSeconds(20));
        File.Delete(Path.Combine(_dir.Path, "crash"));

        // The supervisor, the service's shell and the current run's two children: nothing of an earlier run.
        bool OnlyTheCurrentRun() => ProcInfo.ProcessesUnder(_dir.Path).Count == 4;
        for (int i = 0; i < 10; i++)
        {
            var restart = Pidman("restart", "app");
            Assert.True(restart.ExitCode == 0, restart.ToString());
            Wait.Until(OnlyTheCurrentRun, $"only the current run after restart {i + 1}");
        }
        var down = Pidman("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        Wait.Until(() => ProcInfo.ProcessesUnder(_dir.Path).Count == 0, "nothing left after down");
    }

    [Fact]
    public void Status_sums_every_process_of_an_instance()
    {
        Write("pidman.toml", "[services.app]\ncommand = \"sleep 5001 & sleep 5002 & exec sleep 5003\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        Wait.Until(() => ProcInfo.ProcessesUnder(_dir.Path).Count == 3, "three processes");
        var entry = Pidman("status", "app", "--json").Json.GetProperty("entries")[0];
        var members = ProcInfo.ProcessesUnder(_dir.Path);
        long pageSize = Environment.SystemPageSize;
        long rss = members.Sum(pid =>
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[21], CultureInfo.InvariantCulture); // field 24: rss in pages
        }) * pageSize;
        Assert.Equal(3, entry.GetProperty("processes").GetInt32());
        // The same processes, read a moment apart: RSS of idle sleeps does not move.
        Assert.Equal(rss, entry.GetProperty("rss_bytes").GetInt64());
    }

    [Fact]
    public void A_one_shot_that_finishes_at_once_completes_fifty_times_in_a_row()
    {
        Write("pidman.toml", """
            [settings]
            startup_window = "0s"

            [services.migrate]
            command = "true"

            [services.web]
            command = "sleep 100000"
            depends_on = { migrate = "completed" }
            """);
        for (int i = 0; i < 50; i++)
        {
            var start = Pidman("start");
            Assert.True(start.ExitCode == 0, $"run {i + 1}: {start}");
            Assert.Contains("migrate: completed (exit code 0)", start.Stdout);
            var stop = Pidman("stop", "--all");
            Assert.True(stop.ExitCode == 0, $"run {i + 1}: {stop}");
        }
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
    }

    /// <summary>Starts a real nginx (daemon off) as service nginx; returns its master's PID and a way to list its workers.</summary>
    private (int Master, Func<List<int>> Workers) StartNginx()
    {
        int port = Ports.Free();
        string tmp = Path.Combine(_dir.Path, "tmp");
        Write("nginx.conf", $$"""
            pid {{_dir.Path}}/nginx.pid;
            error_log stderr;
            worker_processes 1;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path {{tmp}}; proxy_temp_path {{tmp}}; fastcgi_temp_path {{tmp}}; uwsgi_temp_path {{tmp}}; scgi_temp_path {{tmp}};
              server { listen 127.0.0.1:{{port}}; location / { return 200 "ok\n"; } }
            }
            """);
        Write("pidman.toml", $"[services.nginx]\ncommand = \"nginx -c {_dir.Path}/nginx.conf -p {_dir.Path} -g 'daemon off;'\"\n");
        var start = Pidman("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        int master = PidOf("nginx");
        Assert.Equal("nginx\n", File.ReadAllText($"/proc/{master}/comm"));
        List<int> Workers() => ProcInfo.LiveProcesses(p => ProcInfo.ParentPid(p) == master);
        Wait.Until(() => Workers().Count == 1, "nginx's worker");
        return (master, Workers);
    }

    [NeedsToolsTheory("nginx")]
    [InlineData(false)]
    [InlineData(true)]
    public void A_real_nginx_reloads_on_hup_and_stops_whole(bool byPidmanSignal)
    {
        var (master, workers) = StartNginx();
        int worker = workers()[0];
        if (byPidmanSignal)
        {
            var signal = Pidman("signal", "HUP", "nginx");
            Assert.True(signal.ExitCode == 0, signal.ToString());
            Assert.Contains($"nginx (PID {master}): sent SIGHUP", signal.Stdout);
        }
        else
        {
            _procs.Start("kill", "-HUP", master.ToString(CultureInfo.InvariantCulture)).WaitForExit(); // to its PID file's PID
        }
        Wait.Until(() => workers() is [var w] && w != worker, "a new worker after the reload");
        Assert.True(ProcInfo.IsAlive(master));
        Assert.Equal(master, PidOf("nginx"));
        int newWorker = workers()[0];

        var stop = Pidman("stop", "nginx");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Empty(ProcInfo.LiveProcesses(p => ProcInfo.CommandLine(p)?.Contains($"{_dir.Path}/nginx.conf", StringComparison.Ordinal) == true || p == worker || p == newWorker));
    }

    [Theory]
    [InlineData("BOGUS", 2, "unknown signal 'BOGUS'")]
    [InlineData("99", 2, "unknown signal '99'")]
    [InlineData("usr1", 1, "web: not running (no PID file)")]
    public void Signal_refuses_what_names_no_signal_and_says_what_is_not_running(string signal, int exitCode, string message)
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        var result = Pidman("signal", signal, "web");
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }
}
