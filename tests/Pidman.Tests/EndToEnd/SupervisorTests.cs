using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary><c>pidman up</c>, <c>up -d</c> and <c>down</c> on real processes.</summary>
public sealed class SupervisorTests : ProjectTest
{
    [Fact]
    public void Up_detached_prints_a_json_document_with_json_and_up_in_the_foreground_refuses_it()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        var up = Pidman("up", "-d", "--wait", "--json");
        Assert.True(up.ExitCode == 0, up.ToString());
        var json = up.Json;
        Assert.True(json.GetProperty("supervisor_pid").GetInt32() > 1);
        Assert.True(json.GetProperty("ready").GetBoolean());
        Assert.Equal(0, json.GetProperty("problems").GetArrayLength());

        var foreground = Pidman("up", "--json");
        Assert.Equal(2, foreground.ExitCode);
        Assert.Contains("--json goes with -d", foreground.Stderr);
    }

    [Fact]
    public void The_supervisor_rotates_a_log_that_grows_past_log_max_size_while_its_service_runs()
    {
        // 40 lines of 100 bytes, one every 50 ms, then quiet: the log passes 1 KB while the service runs, with no restart.
        Write("pidman.toml", "[settings]\nlog_max_size = \"1KB\"\nlog_keep = 1\n[services.web]\ncommand = \"for i in $(seq 1 40); do printf 'line %03d %090d\\\\n' $i 0; sleep 0.05; done; exec sleep 100000\"\n");
        UpDetached();
        string log = Path.Combine(_dir.Path, "local", "log", "web.log");
        // The supervisor looks every 10 s.
        Wait.Until(() => File.Exists(log + ".1"), "web.log.1 from the supervisor's rotation", TimeSpan.FromSeconds(30));
        Assert.Contains("line 001", File.ReadAllText(log + ".1"));
        Assert.True(new FileInfo(log).Length < 1024, "the live log was truncated in place");
        int pid = PidOf("web");
        Assert.True(ProcInfo.IsAlive(pid), "the service ran on: rotation is not a restart");
    }

    [Theory]
    [InlineData("logs")]
    [InlineData("completion", "bash")]
    [InlineData("export", "systemd")]
    [InlineData("init")]
    public void Verbs_without_a_json_document_refuse_json_rather_than_ignore_it(params string[] verb)
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        var result = Pidman([.. verb, "--json"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{verb[0]} prints no JSON document", result.Stderr);
    }

    private string EventLog => Path.Combine(_dir.Path, "local", "log", "pidman.log");

    private List<(DateTimeOffset At, string Text)> Events() =>
        File.Exists(EventLog)
            ? File.ReadAllLines(EventLog).Select(l => (DateTimeOffset.Parse(l[..l.IndexOf(' ')], CultureInfo.InvariantCulture), l[(l.IndexOf(' ') + 1)..])).ToList()
            : [];

    private void WaitForEvent(string text, TimeSpan? timeout = null) =>
        Wait.Until(() => Events().Any(e => e.Text.Contains(text)), $"event '{text}' in {EventLog}", timeout ?? TimeSpan.FromSeconds(30));

    [Fact]
    public void A_crashing_service_is_restarted_with_growing_delays_then_marked_failed_while_others_run()
    {
        Write("pidman.toml", """
            [services.crash]
            command = "echo boom; exit 3"
            restart = "on-failure"
            max_restarts = 2

            [services.steady]
            command = "exec sleep 1000"
            """);
        UpDetached();
        WaitForEvent("crash: exited with code 3; failed after 2 restarts");

        var exits = Events().Where(e => e.Text.StartsWith("crash: exited with code 3", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, exits.Count);
        Assert.Contains("restarting in 1 s", exits[0].Text);
        Assert.Contains("restarting in 2 s", exits[1].Text);
        var firstGap = exits[1].At - exits[0].At;
        var secondGap = exits[2].At - exits[1].At;
        Assert.True(firstGap >= TimeSpan.FromSeconds(0.95), $"first delay {firstGap}");
        Assert.True(secondGap >= TimeSpan.FromSeconds(1.95), $"second delay {secondGap}");
        Assert.True(secondGap > firstGap);

        var status = Pidman("status", "--json");
        var entries = status.Json.GetProperty("entries").EnumerateArray().ToList();
        var crash = entries.Single(e => e.GetProperty("service").GetString() == "crash");
        Assert.Contains("supervisor: failed", crash.GetProperty("detail").GetString());
        var steady = entries.Single(e => e.GetProperty("service").GetString() == "steady");
        Assert.Equal("running", steady.GetProperty("state").GetString());
    }

    [Fact]
    public void A_healthy_dependency_holds_back_its_dependents_until_its_http_check_passes()
    {
        int port = Ports.Free();
        string helper = Path.Combine(AppContext.BaseDirectory, "Pidman.TestHelper.dll");
        Write("pidman.toml", $$"""
            [services.api]
            command = "exec sleep 1000"
            depends_on = { db = "healthy" }

            [services.db]
            command = "exec dotnet '{{helper}}' http {{port}} 1500"

            [services.db.health]
            http = "http://127.0.0.1:{{port}}/health"
            interval = "100ms"
            timeout = "1s"
            retries = 100
            """);
        UpDetached();
        WaitForEvent("api: started");

        var events = Events();
        int dbStarted = events.FindIndex(e => e.Text.StartsWith("db: started", StringComparison.Ordinal));
        int dbHealthy = events.FindIndex(e => e.Text == "db: healthy");
        int apiStarted = events.FindIndex(e => e.Text.StartsWith("api: started", StringComparison.Ordinal));
        Assert.True(dbStarted >= 0 && dbStarted < dbHealthy && dbHealthy < apiStarted, string.Join("\n", events.Select(e => e.Text)));
        Assert.True(events[apiStarted].At - events[dbStarted].At >= TimeSpan.FromSeconds(1.4), "api must wait for db's 1.5 s start-up");

        var status = Pidman("status", "db", "--json").Json.GetProperty("entries")[0];
        Assert.Equal("healthy", status.GetProperty("health").GetString());
    }

    [Fact]
    public async Task Up_in_the_foreground_then_sigterm_leaves_no_process_and_no_pid_file()
    {
        Write("pidman.toml", """
            [services.db]
            command = "echo db ready; exec sleep 1000"

            [services.web]
            command = "echo web ready; sleep 1000 & sleep 1000 & wait"
            depends_on = ["db"]
            """);
        var up = _procs.StartInOwnSession(PidmanCli.Path, "--root", _dir.Path, "--no-color", "up");
        var lines = new List<string>();
        var reading = Task.Run(() =>
        {
            while (up.StandardOutput.ReadLine() is { } line) lock (lines) lines.Add(line);
        });
        Wait.Until(() => { lock (lines) return lines.Any(l => l.Contains("web    | web ready")); }, "web's output, prefixed, on the stream");
        Assert.Equal(0, Pidman("status").ExitCode);
        int web = PidOf("web");

        _procs.Start("kill", "-TERM", up.Pid()).WaitForExit();
        Assert.True(up.WaitForExit(30_000));
        await reading.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, up.ExitCode);
        lock (lines) Assert.Contains(lines, l => l.Contains("db     | db ready"));
        Assert.Empty(RegisterTests.PidFilesIn(_dir.PidDir));
        Assert.Empty(ProcInfo.LiveGroupMembers(web));
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
    }

    [Fact]
    public void An_intended_stop_through_the_supervisor_is_never_restarted()
    {
        Write("pidman.toml", """
            [services.web]
            command = "exec sleep 1000"
            restart = "always"
            """);
        UpDetached();
        WaitForEvent("web: started");
        int web = PidOf("web");

        var stop = Pidman("stop", "web");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(ProcInfo.IsAlive(web));
        WaitForEvent("web: stopped on request");

        // A restart would come within the 1 s backoff; the supervisor's own state says it will not come at all.
        var status = Pidman("status", "web", "--json").Json.GetProperty("entries")[0];
        Assert.Equal("stopped", status.GetProperty("state").GetString());
        Assert.Contains("supervisor: stopped", status.GetProperty("detail").GetString());
        Assert.DoesNotContain(Events(), e => e.Text.Contains("restarting"));

        Assert.Equal(0, Pidman("start", "web").ExitCode);
        Assert.Equal(0, Pidman("status", "web").ExitCode);
    }

    [Fact]
    public void Services_survive_a_killed_supervisor_and_a_new_one_adopts_them_without_duplicates()
    {
        Write("pidman.toml", """
            [services.db]
            command = "exec sleep 1000"

            [services.web]
            command = "exec sleep 1000"
            depends_on = ["db"]
            """);
        UpDetached();
        WaitForEvent("web: started");
        int supervisor = PidOf("pidman", "supervisor");
        var pids = new[] { PidOf("db"), PidOf("web") };

        _procs.Start("kill", "-KILL", supervisor.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        Wait.Until(() => !ProcInfo.IsAlive(supervisor), "the supervisor to die");
        Assert.All(pids, pid => Assert.True(ProcInfo.IsAlive(pid)));
        var status = Pidman("status", "db", "web");
        Assert.True(status.ExitCode == 0, status.ToString());

        UpDetached();
        WaitForEvent("web: adopted");
        Assert.Equal(pids, new[] { PidOf("db"), PidOf("web") });
        Assert.Equal(3, ProcInfo.ProcessesUnder(_dir.Path).Count); // db, web and the new supervisor: no duplicates

        var down = Pidman("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.All(pids, pid => Assert.False(ProcInfo.IsAlive(pid)));
        Assert.Empty(RegisterTests.PidFilesIn(_dir.PidDir));
    }

    [Fact]
    public void A_second_up_d_reloads_the_running_supervisor_and_a_second_foreground_up_is_refused()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"exec sleep 1000\"\n");
        UpDetached();
        int supervisor = PidOf("pidman", "supervisor");
        var again = Pidman("up", "-d");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"supervisor (PID {supervisor}) reloaded: unchanged: web", again.Stdout);
        var foreground = Pidman("up");
        Assert.Equal(1, foreground.ExitCode);
        Assert.Contains($"a supervisor is already running (PID {supervisor})", foreground.Stderr);
        Assert.Equal(supervisor, PidOf("pidman", "supervisor"));
    }

    [Fact]
    public void Under_a_supervisor_stop_by_type_stop_all_and_unregister_are_intended_stops()
    {
        Write("pidman.toml", """
            [services.web]
            command = "exec sleep 100000"
            restart = "always"
            """);
        UpDetached();
        WaitForPidFile("web");

        void NotRestarted(string how)
        {
            WaitForEvent($"web: {how}");
            Wait.StaysFalse(() => File.Exists(Path.Combine(_dir.PidDir, "web.pid")) || Events().Any(e => e.Text.Contains("restarting in")),
                "a restart of web", TimeSpan.FromSeconds(3));
        }

        var byType = Pidman("stop", "web", "--type", "process");
        Assert.True(byType.ExitCode == 0, byType.ToString());
        NotRestarted("stopped on request");

        Assert.Equal(0, Pidman("start", "web").ExitCode);
        Wait.Until(() => File.Exists(Path.Combine(_dir.PidDir, "web.pid")), "web.pid after start");
        File.WriteAllText(EventLog, "");
        var all = Pidman("stop", "--all");
        Assert.True(all.ExitCode == 0, all.ToString());
        NotRestarted("stopped on request");
        Assert.True(Pidman("status", "pidman", "--json").Json.GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("state").GetString() == "running"),
            "stop --all leaves the supervisor running");

        Assert.Equal(0, Pidman("start", "web").ExitCode);
        Wait.Until(() => File.Exists(Path.Combine(_dir.PidDir, "web.pid")), "web.pid after the second start");
        int pid = PidOf("web");
        File.WriteAllText(EventLog, "");
        var unregister = Pidman("unregister", "web");
        Assert.True(unregister.ExitCode == 0, unregister.ToString());
        NotRestarted("unregistered on request");
        Assert.True(ProcInfo.IsAlive(pid), "unregister never signals");
        _procs.Start("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture)).WaitForExit();
    }

    [Fact]
    public void Stop_json_has_the_same_shape_with_and_without_a_supervisor()
    {
        Write("pidman.toml", """
            [services.web]
            command = "exec sleep 100000"
            """);
        static List<string> Shape(PidmanCli.Result r) =>
            r.Json.GetProperty("results").EnumerateArray().SelectMany(e => e.EnumerateObject().Select(p => $"{p.Name}:{p.Value.ValueKind}")).ToList();

        UpDetached();
        Wait.Until(() => File.Exists(Path.Combine(_dir.PidDir, "web.pid")), "web.pid under the supervisor");
        var supervised = Pidman("stop", "web", "--json");
        Assert.True(supervised.ExitCode == 0, supervised.ToString());
        Assert.Equal(0, Pidman("down").ExitCode);

        Assert.Equal(0, Pidman("start", "web").ExitCode);
        var direct = Pidman("stop", "web", "--json");
        Assert.True(direct.ExitCode == 0, direct.ToString());

        Assert.Equal(Shape(direct), Shape(supervised));
        Assert.Equal("terminated", supervised.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.Equal("terminated", direct.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
    }
}
