using System.Globalization;
using Pidman.Supervision;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>
/// What the command line promises a CI script and a user: exit codes that mean what they say for a stack with a one-shot
/// job, one rule for restart with and without a supervisor, a PID that is the program, a stopped supervisor named at once.
/// </summary>
public sealed class CommandContractTests : ProjectTest
{
    /// <summary>A migration that counts its runs, and a web that needs it done.</summary>
    private string WriteStackWithJob(string migrateCommand = "echo ran >> runs.txt")
    {
        Write("pidman.toml", $$"""
            [services.migrate]
            command = "{{migrateCommand}}"

            [services.web]
            command = "sleep 100000"
            depends_on = { migrate = "completed" }
            """);
        return Path.Combine(_dir.Path, "runs.txt");
    }

    private int Runs(string counter) => File.Exists(counter) ? File.ReadAllLines(counter).Length : 0;

    [Fact]
    public void A_stack_whose_job_completed_is_all_up_and_restart_does_not_run_the_job_again_without_a_supervisor()
    {
        string counter = WriteStackWithJob();
        Assert.Equal(0, Pidman("start").ExitCode);
        Assert.Equal(1, Runs(counter));

        var status = Pidman("status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString()); // web runs, migrate completed with 0: all up
        var migrate = status.Json.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("service").GetString() == "migrate");
        Assert.Equal("completed", migrate.GetProperty("state").GetString());
        Assert.Equal(0, migrate.GetProperty("exit_code").GetInt32());
        Assert.Contains("exit 0, ", Pidman("status").Stdout);

        var restart = Pidman("restart", "web");
        Assert.True(restart.ExitCode == 0, restart.ToString());
        Assert.Equal(1, Runs(counter)); // the migration is not run again for a restart of what depends on it
        Assert.Equal(0, Pidman("start").ExitCode);
        Assert.Equal(1, Runs(counter)); // nor for a start of the stack it completed in

        // A stop of the stack forgets it: the next start runs it again.
        Assert.Equal(0, Pidman("stop", "--all").ExitCode);
        Assert.Equal(3, Pidman("status").ExitCode);
        Assert.Equal(0, Pidman("start").ExitCode);
        Assert.Equal(2, Runs(counter));
    }

    [Fact]
    public void A_stack_whose_job_completed_is_all_up_and_restart_does_not_run_the_job_again_under_a_supervisor()
    {
        string counter = WriteStackWithJob();
        var up = Pidman("up", "-d", "--wait");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(1, Runs(counter));

        var status = Pidman("status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var migrate = status.Json.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("service").GetString() == "migrate");
        Assert.Equal("completed", migrate.GetProperty("state").GetString());

        int web = PidOf("web");
        var restart = Pidman("restart", "web");
        Assert.True(restart.ExitCode == 0, restart.ToString());
        Wait.Until(() => PidOfNow("web") is { } now && now != web, "web restarted by the supervisor");
        Assert.Equal(1, Runs(counter));
        Assert.Equal(0, Pidman("down").ExitCode);
    }

    [Fact]
    public void A_job_that_failed_makes_status_exit_1_with_its_exit_code()
    {
        WriteStackWithJob("exit 3");
        Assert.NotEqual(0, Pidman("start").ExitCode);
        var status = Pidman("status", "--json");
        Assert.Equal(1, status.ExitCode);
        var migrate = status.Json.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("service").GetString() == "migrate");
        Assert.Equal("failed", migrate.GetProperty("state").GetString());
        Assert.Equal(3, migrate.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public void Logs_follow_shows_a_service_started_after_it_began()
    {
        Write("pidman.toml", "[services.early]\ncommand = \"echo early; exec sleep 100000\"\n[services.late]\ncommand = \"echo late says hello; exec sleep 100000\"\n");
        Assert.Equal(0, Pidman("start", "early").ExitCode);
        var info = new System.Diagnostics.ProcessStartInfo(PidmanCli.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir.Path };
        foreach (var a in new[] { "logs", "-f" }) info.ArgumentList.Add(a);
        var follower = System.Diagnostics.Process.Start(info)!;
        _procs.Track(follower);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        follower.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        follower.BeginOutputReadLine();
        Wait.Until(() => output.Any(l => l.EndsWith("early", StringComparison.Ordinal)), "the follow to begin");

        Assert.Equal(0, Pidman("start", "late").ExitCode);
        Wait.Until(() => output.Any(l => l.Contains("late", StringComparison.Ordinal) && l.EndsWith("late says hello", StringComparison.Ordinal)), "late's first line, in the follow begun before it started");
    }

    public static TheoryData<string, string> Commands => new()
    {
        { "sleep 100000", "sleep" },                        // direct
        { "FOO=1 exec sleep 100000 > out.txt", "sleep" },  // one command with shell syntax
        { "echo hi; sleep 100000", "sh" },                 // compound: the shell stays, by design
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_pid_is_the_program_when_start_returns_and_status_shows_the_configured_command(string command, string program)
    {
        Write("pidman.toml", $"[settings]\nstartup_window = \"0s\"\n[services.app]\ncommand = \"{command}\"\n");
        // execve shows the new arguments a moment before the new name: a start that returned in between named the shell
        // (seen once in a few hundred starts), so the look right after start returns is made many times.
        for (int round = 1; round <= 20; round++)
        {
            Assert.Equal(0, Pidman("start").ExitCode);
            Assert.True(program == File.ReadAllText($"/proc/{PidOf("app")}/comm").Trim(), $"round {round}: the PID was not yet {program}");
            if (round < 20) Assert.Equal(0, Pidman("stop", "app").ExitCode);
        }
        var status = Pidman("status", "app", "--json");
        Assert.Equal(command, status.Json.GetProperty("entries")[0].GetProperty("command").GetString());
        Assert.DoesNotContain("cgroup.procs", Pidman("status").Stdout);
    }

    [Fact]
    public void A_request_to_a_stopped_supervisor_is_answered_at_once_with_the_way_out()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        UpDetached();
        WaitForPidFile("web");
        int supervisor = int.Parse(File.ReadAllText(_dir.File("supervisor_pidman.pid")), CultureInfo.InvariantCulture);
        _procs.Start("kill", "-STOP", supervisor.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        // kill(2) returns before the process has stopped (each of its threads must be scheduled to): on a busy machine a
        // request sent at once can reach a supervisor still running, which then stops mid-answer.
        Wait.Until(() => ProcInfo.State(supervisor) == 'T', "the supervisor to be stopped");
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var stop = Pidman("stop", "web");
            // Not a wait for the client's timeout (5 s) or the stop's (45 s): the state is read from /proc at once. The bound
            // is the timeout, not a speed, so a busy machine does not fail it.
            Assert.True(clock.Elapsed < SupervisorClient.DefaultTimeout, $"answered after {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(1, stop.ExitCode);
            Assert.Contains($"the supervisor (PID {supervisor}) is stopped by a signal", stop.Stderr);
            Assert.Contains($"kill -CONT {supervisor}", stop.Stderr);
        }
        finally
        {
            _procs.Start("kill", "-CONT", supervisor.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        }
        // Nothing was queued behind the caller's back: resumed, the supervisor still runs web.
        Wait.StaysFalse(() => !File.Exists(_dir.File("web.pid")), "web stopped after the supervisor was resumed", TimeSpan.FromSeconds(1));
        Assert.Equal(0, Pidman("status", "web").ExitCode);
    }
}
