using System.Diagnostics;
using System.Globalization;
using Pidman.Supervision;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>The supervisor never blocks, never dies silently, owns its lock until it is done; reload, up --wait, --exit-with.</summary>
public sealed class SupervisorRobustnessTests : ProjectTest
{
    private string EventLog => Path.Combine(_dir.Path, "local", "log", "pidman.log");

    private string Events() => File.Exists(EventLog) ? File.ReadAllText(EventLog) : "";

    private int Count(string text) => Events().Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));

    private int SupervisorPid() => PidOf("pidman", "supervisor");

    /// <summary>The service's shell has set its trap (it has started its sleep): a SIGTERM from now on is ignored.</summary>
    private void WaitUntilTrapped(string service) =>
        Wait.Until(() => ProcInfo.LiveProcesses(p => ProcInfo.ParentPid(p) == PidOf(service) && ProcInfo.CommandLine(p)?.StartsWith("sleep", StringComparison.Ordinal) == true).Count == 1,
            $"{service}'s shell to ignore SIGTERM");

    [Fact]
    public async Task A_stop_that_waits_out_a_long_timeout_blocks_nothing_and_force_ends_it_at_once()
    {
        Write("pidman.toml", """
            [services.stubborn]
            command = "trap '' TERM; sleep 100000 & wait"
            stop_timeout = "1h"

            [services.crash]
            command = "sleep 0.2; exit 3"
            restart = "always"
            max_restarts = 100
            """);
        UpDetached();
        WaitForPidFile("stubborn");
        WaitUntilTrapped("stubborn");
        var slowStop = Task.Run(() => Pidman("stop", "stubborn"));
        Wait.Until(() => Pidman("status", "stubborn").Stdout.Contains("stopping (SIGTERM sent", StringComparison.Ordinal), "the stop in flight");

        // The loop answers from its state while the stop waits (typically ~10 ms): a loop blocked by the stop would leave
        // the client to its 5 s timeout. The bound is that timeout, not a speed, so a busy machine does not fail it.
        var clock = Stopwatch.StartNew();
        var status = Pidman("status", "stubborn", "--json");
        clock.Stop();
        Assert.True(clock.Elapsed < SupervisorClient.DefaultTimeout, $"status took {clock.Elapsed.TotalMilliseconds:0} ms during the stop");
        Assert.DoesNotContain("did not answer", status.Stderr);
        Assert.Matches(@"^supervisor: stopping \(SIGTERM sent \d+ s ago, SIGKILL in \d+ s\)$", status.Json.GetProperty("entries")[0].GetProperty("detail").GetString());

        // Another service's crashes are restarted on their schedule meanwhile (1 s, then 2 s).
        int before = Count("crash: started");
        Wait.Until(() => Count("crash: started") >= before + 2, "two restarts of crash during the stop", TimeSpan.FromSeconds(10));

        int pid = PidOf("stubborn");
        var force = Pidman("stop", "stubborn", "--force");
        Assert.True(force.ExitCode == 0, force.ToString());
        Assert.False(ProcInfo.IsAlive(pid));
        await slowStop.WaitAsync(TimeSpan.FromSeconds(30)); // the slow stop returns once the process is gone
    }

    [Fact]
    public void Status_of_a_sigstopped_supervisor_returns_with_its_pid_and_state_and_works_again_after_sigcont()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        UpDetached();
        WaitForPidFile("web");
        int supervisor = SupervisorPid();
        _procs.Start("kill", "-STOP", supervisor.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        // kill(2) returns before the process has stopped (each of its threads must be scheduled to): on a busy machine a
        // request sent at once can reach a supervisor still running, which then stops mid-answer.
        Wait.Until(() => ProcInfo.State(supervisor) == 'T', "the supervisor to be stopped");
        try
        {
            var status = Pidman("status", "--json");
            Assert.Contains($"the supervisor (PID {supervisor}) is stopped by a signal (SIGSTOP or Ctrl-Z); 'kill -CONT {supervisor}' resumes it", status.Stderr);
            Assert.Equal("running", status.Json.GetProperty("entries")[0].GetProperty("state").GetString()); // the PID files still answer
        }
        finally
        {
            _procs.Start("kill", "-CONT", supervisor.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        }
        var again = Pidman("status", "web", "--json");
        Assert.Equal("", again.Stderr);
        Assert.Equal(0, again.Json.GetProperty("entries")[0].GetProperty("restarts").GetInt32());
    }

    [Fact]
    public void A_restart_that_fails_is_logged_and_the_others_stay_supervised()
    {
        Write("pidman.toml", """
            [services.flaky]
            command = "sleep 0.3; exit 1"
            restart = "always"

            [services.steady]
            command = "sleep 100000"
            restart = "always"
            """);
        UpDetached();
        Wait.Until(() => Count("flaky: started") >= 1, "flaky's first start");
        int supervisor = SupervisorPid();

        // The service's log is replaced by a link, which pidman never writes through: its next start fails.
        string log = Path.Combine(_dir.Path, "local", "log", "flaky.log");
        File.Delete(log);
        File.CreateSymbolicLink(log, Path.Combine(_dir.Path, "elsewhere.log"));
        Wait.Until(() => Pidman("status", "flaky", "--json").Json.GetProperty("entries")[0].GetProperty("detail").GetString()?.Contains("supervisor: failed") == true,
            "flaky marked failed after its start failed", TimeSpan.FromSeconds(20));
        // The failure is in the event log, naming the service and the cause.
        Assert.Contains("flaky: failed to start", Events());
        Assert.Contains("flaky.log is a symbolic link", Events());
        Assert.False(File.Exists(Path.Combine(_dir.Path, "elsewhere.log")));

        // And the supervisor supervises on: the other service, killed, is restarted.
        int steady = PidOf("steady");
        _procs.Start("kill", "-KILL", steady.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        Wait.Until(() => PidOfNow("steady") is { } now && now != steady, "steady restarted by the same supervisor", TimeSpan.FromSeconds(10));
        Assert.Equal(supervisor, SupervisorPid());
        Assert.True(ProcInfo.IsAlive(SupervisorPid()));
    }

    [Fact]
    public void A_supervisor_shutting_down_keeps_its_lock_and_refuses_a_second_one_until_done()
    {
        Write("pidman.toml", """
            [services.slow]
            command = "trap '' TERM; sleep 100000 & wait"
            stop_timeout = "3s"
            """);
        UpDetached();
        WaitForPidFile("slow");
        WaitUntilTrapped("slow");
        int first = SupervisorPid();
        _procs.Start("kill", "-TERM", first.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        Wait.Until(() => Events().Contains("stopping everything", StringComparison.Ordinal), "the shutdown to begin");

        var second = Pidman("up", "-d");
        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"the supervisor (PID {first}) is shutting down", second.Stderr);
        Assert.True(ProcInfo.IsAlive(first));

        Wait.Until(() => !ProcInfo.IsAlive(first), "the first supervisor to finish", TimeSpan.FromSeconds(20));
        Wait.Until(() => ProcInfo.ProcessesUnder(_dir.Path).Count == 0, "nothing of either left");
        Assert.False(File.Exists(Path.Combine(_dir.PidDir, "supervisor_pidman.pid")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reload_starts_what_was_added_stops_what_was_removed_restarts_what_changed_and_keeps_the_rest(bool bySighup)
    {
        Write("pidman.toml", """
            [services.keep]
            command = "sleep 300001"
            [services.drop]
            command = "sleep 300002"
            [services.change]
            command = "sleep 300003"
            """);
        UpDetached();
        foreach (var s in new[] { "keep", "drop", "change" })
            Wait.Until(() => File.Exists(Path.Combine(_dir.PidDir, $"{s}.pid")), $"{s}.pid");
        int keep = PidOf("keep"), drop = PidOf("drop"), change = PidOf("change");

        // A broken config changes nothing.
        Write("pidman.toml", "[services.keep]\ncommand = \"sleep 300001\"\nbogus = 1\n");
        var broken = Pidman("reload");
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("pidman.toml:3: services.keep.bogus: unknown key", broken.Stderr);
        Assert.True(ProcInfo.IsAlive(keep) && ProcInfo.IsAlive(drop) && ProcInfo.IsAlive(change));

        Write("pidman.toml", """
            [services.keep]
            command = "sleep 300001"
            [services.change]
            command = "sleep 300004"
            [services.add]
            command = "sleep 300005"
            """);
        if (bySighup)
        {
            _procs.Start("kill", "-HUP", SupervisorPid().ToString(CultureInfo.InvariantCulture)).WaitForExit();
        }
        else
        {
            var reload = Pidman("reload");
            Assert.True(reload.ExitCode == 0, reload.ToString());
            Assert.Contains("added: add", reload.Stdout);
            Assert.Contains("removed: drop", reload.Stdout);
            Assert.Contains("restarted: change", reload.Stdout);
            Assert.Contains("unchanged: keep", reload.Stdout);
        }
        Wait.Until(() => File.Exists(Path.Combine(_dir.PidDir, "add.pid")) && PidOfNow("change") is { } now && now != change,
            "add started and change restarted");
        Assert.Equal(keep, PidOf("keep"));
        Assert.True(ProcInfo.IsAlive(keep));
        Wait.Until(() => !ProcInfo.IsAlive(drop), "drop stopped");
        Assert.False(File.Exists(Path.Combine(_dir.PidDir, "drop.pid")));
        // The new command (once its shell has joined the cgroup and exec'd it).
        Wait.Until(() => ProcInfo.CommandLine(PidOf("change")) == "sleep\0300004\0", "change running its new command");
    }

    [Fact]
    public void Up_wait_returns_once_a_slow_health_check_passes()
    {
        int port = Ports.Free();
        string helper = Path.Combine(AppContext.BaseDirectory, "Pidman.TestHelper.dll");
        Write("pidman.toml", $$"""
            [services.api]
            command = "dotnet '{{helper}}' http {{port}} 1500"
            [services.api.health]
            http = "http://127.0.0.1:{{port}}/"
            interval = "100ms"
            retries = 100
            """);
        var clock = Stopwatch.StartNew();
        var up = Pidman("up", "-d", "--wait", "--timeout", "30");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"--wait returned after {clock.Elapsed.TotalSeconds:0.00} s, before the service could be healthy");
        Assert.Equal("healthy", Pidman("status", "api", "--json").Json.GetProperty("entries")[0].GetProperty("health").GetString());
    }

    [Fact]
    public void Up_wait_fails_naming_a_crashing_service_with_its_log()
    {
        Write("pidman.toml", """
            [services.ok]
            command = "sleep 100000"
            [services.bad]
            command = "echo cannot open the database; sleep 0.2; exit 5"
            restart = "on-failure"
            """);
        var up = Pidman("up", "-d", "--wait", "--timeout", "30");
        Assert.Equal(1, up.ExitCode);
        Assert.Contains("bad: exited with code 5", up.Stderr);
        Assert.Contains("cannot open the database", up.Stderr);
        Assert.Contains("'pidman down' stops everything", up.Stderr);
    }

    [Fact]
    public void Up_exit_with_stops_everything_and_passes_on_the_job_s_exit_code()
    {
        Write("pidman.toml", """
            [services.db]
            command = "sleep 100000"
            [services.tests]
            command = "sleep 0.5; exit 7"
            depends_on = ["db"]
            """);
        var up = Pidman("up", "--exit-with", "tests");
        Assert.Equal(7, up.ExitCode);
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
        Assert.Empty(Directory.GetFiles(_dir.PidDir, "*.pid"));
    }

    [Fact]
    public void Up_abort_on_exit_stops_everything_when_a_service_ends_but_not_for_a_completed_job()
    {
        Write("pidman.toml", """
            [services.migrate]
            command = "true"
            [services.web]
            command = "sleep 0.5; exit 4"
            depends_on = { migrate = "completed" }
            [services.worker]
            command = "sleep 100000"
            """);
        var up = Pidman("up", "--abort-on-exit");
        Assert.Equal(4, up.ExitCode);
        Assert.Contains("web ended (exited); stopping everything, exit code 4", up.Stdout);
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
    }

    [Theory]
    [InlineData("restart", "web", "--timeout", "1e12")]
    [InlineData("restart", "web", "--timeout", "NaN")]
    [InlineData("stop", "web", "--timeout", "-5")]
    [InlineData("stop", "web", "--timeout", "Infinity")]
    [InlineData("up", "-d", "--wait", "--timeout", "1e12")]
    public void A_bad_option_value_is_refused_by_the_parser_and_the_running_supervisor_is_untouched(params string[] args)
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        UpDetached();
        WaitForPidFile("web");
        int supervisor = SupervisorPid(), web = PidOf("web");

        var result = Pidman(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid --timeout", result.Stderr);
        Assert.DoesNotContain("internal error", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.True(ProcInfo.IsAlive(supervisor) && ProcInfo.IsAlive(web));
        Assert.Equal(web, PidOf("web"));
    }

    [Fact]
    public async Task A_client_that_floods_the_control_socket_without_a_newline_is_cut_off_and_costs_nothing()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        UpDetached();
        int supervisor = SupervisorPid();
        using (var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified))
        {
            await client.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(_dir.PidDir, ".pidman", "supervisor.sock")));
            var junk = new byte[1 << 20];
            Array.Fill(junk, (byte)'x');
            int sent = 0;
            try
            {
                for (int i = 0; i < 64; i++) sent += await client.SendAsync(junk, System.Net.Sockets.SocketFlags.None);
            }
            catch (System.Net.Sockets.SocketException)
            {
                // cut off after the 64 KiB a request may have: what this test expects
            }
            Assert.True(sent < 64 << 20, "the supervisor read 64 MiB without a newline instead of hanging up");
        }
        var status = Pidman("status", "web", "--json");
        Assert.Equal(0, status.Json.GetProperty("entries")[0].GetProperty("restarts").GetInt32());
        long rssKiB = long.Parse(File.ReadAllLines($"/proc/{supervisor}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        Assert.True(rssKiB < 64 * 1024, $"supervisor RSS {rssKiB} KiB after the flood");
    }
}
