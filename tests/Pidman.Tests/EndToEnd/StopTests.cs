using Pidman.PidFiles;
using Pidman.Stopping;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

public sealed class StopTests : ProcessTest
{
    private void Register(string service, int pid)
    {
        var r = PidmanCli.Run(_dir.PidDir, "register", service, "--pid", pid.ToString());
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    private static System.Text.Json.JsonElement Single(PidmanCli.Result stop) => stop.Json.GetProperty("results")[0];

    [Fact]
    public void A_process_that_exits_on_sigterm_is_reported_terminated_promptly()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        Register("web", sleeper.Id);

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "web", "--json");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var result = Single(stop);
        Assert.Equal("terminated", result.GetProperty("outcome").GetString());
        // Waiting is on the pidfd, not on sleeps: the reported time is the process's own exit time.
        // (The speed target itself lives in the benchmark; this bound only catches a fixed sleep on the path.)
        Assert.True(result.GetProperty("elapsed_ms").GetDouble() < 1000, stop.Stdout);
        Assert.False(ProcInfo.IsAlive(sleeper.Id));
        Assert.False(File.Exists(_dir.File("web.pid")));
    }

    [Fact]
    public void A_process_that_ignores_sigterm_is_killed_after_the_timeout()
    {
        var stubborn = _procs.StartShell("trap '' TERM; echo ready; exec sleep 1000");
        Assert.Equal("ready", stubborn.StandardOutput.ReadLine());
        Register("stubborn", stubborn.Id);

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "stubborn", "--timeout", "0.3", "--json");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal("killed", Single(stop).GetProperty("outcome").GetString());
        Assert.False(ProcInfo.IsAlive(stubborn.Id));
        Assert.False(File.Exists(_dir.File("stubborn.pid")));
    }

    [Fact]
    public void A_stopped_process_is_continued_and_terminates_without_waiting_for_the_timeout()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        Register("paused", sleeper.Id);
        Assert.Equal(0, _procs.Start("kill", "-STOP", sleeper.Pid()).WaitForExitAndCode());
        Wait.Until(() => ProcInfo.State(sleeper.Id) == 'T', "the process to stop");

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "paused", "--timeout", "30", "--json");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal("terminated", Single(stop).GetProperty("outcome").GetString());
        Assert.True(Single(stop).GetProperty("elapsed_ms").GetDouble() < 10_000);
        Assert.False(ProcInfo.IsAlive(sleeper.Id));
    }

    [Fact]
    public void Stopping_a_group_leader_ends_all_its_children()
    {
        var leader = _procs.StartShell("sleep 1000 & sleep 1000 & echo started; wait");
        Assert.Equal("started", leader.StandardOutput.ReadLine());
        Wait.Until(() => ProcInfo.LiveGroupMembers(leader.Id).Count == 3, "the shell and its two children");
        var members = ProcInfo.LiveGroupMembers(leader.Id);
        Register("group", leader.Id);

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "group");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.All(members, pid => Assert.False(ProcInfo.IsAlive(pid), $"group member {pid} survived"));
        Assert.Empty(ProcInfo.LiveGroupMembers(leader.Id));
    }

    [Fact]
    public void Children_that_ignore_sigterm_are_killed_with_the_group_after_the_timeout()
    {
        var leader = _procs.StartShell("(trap '' TERM; exec sleep 1000) & echo started; wait");
        Assert.Equal("started", leader.StandardOutput.ReadLine());
        Wait.Until(() => ProcInfo.LiveGroupMembers(leader.Id).Count == 2, "the shell and its child");
        Register("group", leader.Id);

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "group", "--timeout", "0.3", "--json");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal("killed", Single(stop).GetProperty("outcome").GetString());
        Assert.Empty(ProcInfo.LiveGroupMembers(leader.Id));
    }

    [Fact]
    public void Force_kills_at_once()
    {
        var stubborn = _procs.StartShell("trap '' TERM; echo ready; exec sleep 1000");
        Assert.Equal("ready", stubborn.StandardOutput.ReadLine());
        Register("stubborn", stubborn.Id);

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "stubborn", "--force", "--json");
        Assert.Equal("killed", Single(stop).GetProperty("outcome").GetString());
        Assert.False(ProcInfo.IsAlive(stubborn.Id));
    }

    [Fact]
    public void Stop_all_stops_every_registered_service_in_parallel()
    {
        var pids = Enumerable.Range(1, 4).Select(i =>
        {
            var p = _procs.StartInOwnSession("sleep", "1000");
            Register($"svc{i}", p.Id);
            return p.Id;
        }).ToList();
        var stubborn = _procs.StartShell("trap '' TERM; echo ready; exec sleep 1000");
        Assert.Equal("ready", stubborn.StandardOutput.ReadLine());
        Register("stubborn", stubborn.Id);

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "--all", "--timeout", "1", "--json");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal(5, stop.Json.GetProperty("results").GetArrayLength());
        Assert.All(pids.Append(stubborn.Id), pid => Assert.False(ProcInfo.IsAlive(pid)));
        Assert.Empty(RegisterTests.PidFilesIn(_dir.PidDir));
        Assert.Equal(3, PidmanCli.Run(_dir.PidDir, "status").ExitCode);
    }

    [Fact]
    public void Stop_without_a_service_or_all_is_a_usage_error()
    {
        var stop = PidmanCli.Run(_dir.PidDir, "stop");
        Assert.Equal(2, stop.ExitCode);
        Assert.Contains("--all", stop.Stderr);
    }

    [Fact]
    public void Stopping_a_defined_service_that_is_not_running_succeeds_and_an_unknown_one_is_refused()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "pidman.toml"), "[services.web]\ncommand = \"sleep 1000\"\n");
        var stop = PidmanCli.RunRaw(["stop", "web"], cwd: _dir.Path);
        Assert.Equal(0, stop.ExitCode);
        Assert.Contains("not running", stop.Stdout);
        var ghost = PidmanCli.RunRaw(["stop", "ghost"], cwd: _dir.Path);
        Assert.Equal(2, ghost.ExitCode);
        Assert.Contains("unknown service 'ghost'", ghost.Stderr);
    }

    [Fact]
    public async Task The_library_stops_a_service_and_removes_its_file()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        var pids = new PidManager(_dir.PidDir);
        pids.WritePid("web_server", sleeper.Id);
        Assert.True(pids.GetProcessStatus("web_server").ProcessRunning);
        Assert.Equal(["web_server"], pids.ListActiveServices());

        var result = await pids.StopServiceAsync("web_server");

        Assert.True(result.Succeeded);
        Assert.Equal(StopOutcome.Terminated, result.Entries.Single().Outcome);
        Assert.Null(pids.ReadPid("web_server"));
        Assert.False(ProcInfo.IsAlive(sleeper.Id));
    }

    [Fact]
    public async Task A_stop_whose_token_is_already_cancelled_sends_no_signal()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        var pids = new PidManager(_dir.PidDir);
        pids.WritePid("web", sleeper.Id);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pids.StopServiceAsync("web", cancellationToken: new CancellationToken(canceled: true)));

        Assert.True(ProcInfo.IsAlive(sleeper.Id), "a cancelled stop must not have signalled it");
        Assert.Equal(sleeper.Id, pids.ReadPid("web"));
    }

    [Fact]
    public async Task A_stop_cancelled_while_it_waits_returns_at_once_and_sends_no_sigkill()
    {
        var stubborn = _procs.StartShell("trap '' TERM; echo ready; exec sleep 1000");
        Assert.Equal("ready", stubborn.StandardOutput.ReadLine());
        var pids = new PidManager(_dir.PidDir);
        pids.WritePid("stubborn", stubborn.Id);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pids.StopServiceAsync("stubborn", timeout: TimeSpan.FromSeconds(10), cancellationToken: cancel.Token));

        // Well under the 10 s timeout: the wait ended with the cancellation, not with the timeout and its SIGKILL.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"returned after {clock.Elapsed}");
        Assert.True(ProcInfo.IsAlive(stubborn.Id), "no SIGKILL follows a cancelled stop");
        Assert.Equal(stubborn.Id, pids.ReadPid("stubborn"));
    }

    [Fact]
    public async Task A_wait_for_exit_ends_with_its_token_not_its_timeout()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        var pids = new PidManager(_dir.PidDir);
        pids.WritePid("web", sleeper.Id);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pids.WaitForExitAsync("web", PidFileName.DefaultType, TimeSpan.FromSeconds(30), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"returned after {clock.Elapsed}");
        Assert.True(ProcInfo.IsAlive(sleeper.Id));
    }

    [Fact]
    public async Task The_caller_s_own_child_in_its_process_group_is_stopped_alone()
    {
        // Process.Start leaves a child in the caller's group: a manager that starts its workers must be able to stop them,
        // by their PID alone - never by a signal to the group, which holds the caller too.
        var worker = _procs.Start("sleep", "1000");
        var sibling = _procs.Start("sleep", "1000");
        Wait.Until(() => ProcInfo.IsAlive(worker.Id) && ProcInfo.IsAlive(sibling.Id), "the two children to start");
        var pids = new PidManager(_dir.PidDir);
        pids.WritePid("worker", worker.Id);

        var result = await pids.StopServiceAsync("worker");

        Assert.Equal(StopOutcome.Terminated, result.Entries.Single().Outcome);
        Assert.True(worker.WaitForExit(5_000), "the worker to be ended");
        Assert.True(ProcInfo.IsAlive(sibling.Id), "another member of the caller's group must not be signalled");
        Assert.Null(pids.ReadPid("worker"));
    }

    [Fact]
    public void The_cli_stops_a_process_of_its_own_group_but_never_the_group_s_leader()
    {
        // pidman runs in the test's process group, and so does this child.
        var child = _procs.Start("sleep", "1000");
        var sibling = _procs.Start("sleep", "1000");
        Register("child", child.Id);

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "child", "--json");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal("terminated", Single(stop).GetProperty("outcome").GetString());
        Assert.True(child.WaitForExit(5_000));
        Assert.True(ProcInfo.IsAlive(sibling.Id));

        // A group of the test's own, led by a shell that is not pidman's parent (an inner shell is): its leader is refused.
        const string script = """
            "$0" --dir "$1" register leader --pid $$ >/dev/null || exit 9
            sh -c '"$0" --dir "$1" stop leader --force; echo "rc=$?"' "$0" "$1"
            echo leader-alive
            """;
        var shell = _procs.Start("setsid", "sh", "-c", script, PidmanCli.Path, _dir.PidDir);
        Assert.True(shell.WaitForExit(30_000));
        string output = shell.StandardOutput.ReadToEnd() + shell.StandardError.ReadToEnd();
        Assert.Contains("leads pidman's own process group; not signalled", output);
        Assert.Contains("rc=1", output);
        Assert.Contains("leader-alive", output);
        PidmanCli.Run(_dir.PidDir, "unregister", "leader");
    }

    [Fact]
    public void A_one_service_read_touches_only_that_service_s_files()
    {
        var web = _procs.StartInOwnSession("sleep", "1000");
        var gone = _procs.StartInOwnSession("sleep", "1000");
        var pids = new PidManager(_dir.PidDir);
        pids.WritePid("web", web.Id);
        pids.WritePid("worker", gone.Id, "worker1");
        pids.WritePid("db", gone.Id);
        gone.Kill();
        gone.WaitForExit();

        var status = pids.GetProcessStatus("web");

        Assert.Equal([PidState.Running], status.Entries.Select(e => e.State));
        Assert.True(File.Exists(_dir.File("db.pid")), "another service's stale file is not this read's to remove");
        Assert.True(File.Exists(_dir.File("worker1_worker.pid")));
        Assert.Equal(PidState.Stale, pids.GetProcessStatus("worker").Entries.Single().State);
        Assert.False(File.Exists(_dir.File("worker1_worker.pid")), "its own stale file is removed");
        Assert.True(File.Exists(_dir.File("db.pid")));
    }

    [Fact]
    public void Status_of_named_services_touches_only_their_files()
    {
        var web = _procs.StartInOwnSession("sleep", "1000");
        var gone = _procs.StartInOwnSession("sleep", "1000");
        var pids = new PidManager(_dir.PidDir);
        pids.WritePid("web", web.Id);
        pids.WritePid("db", gone.Id);
        gone.Kill();
        gone.WaitForExit();

        var one = PidmanCli.Run(_dir.PidDir, "status", "web", "--json");

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains("\"service\": \"web\"", one.Stdout);
        Assert.DoesNotContain("\"service\": \"db\"", one.Stdout);
        Assert.True(File.Exists(_dir.File("db.pid")), "another service's stale file is not this status's to read or remove");
        var all = PidmanCli.Run(_dir.PidDir, "status", "--json");
        Assert.True(all.ExitCode == 1, all.ToString()); // 1: a stale file was found (and removed)
        Assert.False(File.Exists(_dir.File("db.pid")), "a status of all removes the stale file");
    }
}
