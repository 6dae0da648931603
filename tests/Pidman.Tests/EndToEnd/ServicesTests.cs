using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>Services from pidman.toml and Procfile, run by the published CLI from the project folder.</summary>
public sealed class ServicesTests : ProjectTest
{
    public static TheoryData<string, string, string> InvalidConfigs() => new()
    {
        { "[services.web]\ncommand = \"sleep 1\"\ncolour = \"red\"\n", ":3: services.web.colour: unknown key", "unknown key" },
        { "[services.web]\ncommand = \"sleep 1\"\nscale = \"two\"\n", ":3: services.web.scale: expected an integer, found a string", "wrong type" },
        { "[services.web]\ncommand = \"sleep 1\"\nstop_timeout = \"10x\"\n", ":3: services.web.stop_timeout: bad duration '10x'", "bad duration" },
        { "[services.a]\ncommand = \"sleep 1\"\ndepends_on = [\"b\"]\n[services.b]\ncommand = \"sleep 1\"\ndepends_on = [\"a\"]\n", ":3: services.a.depends_on: dependency cycle: a -> b -> a", "cycle" },
        { "[services.web]\ncommand = \"sleep 1\"\ndepends_on = [\"db\"]\n", ":3: services.web.depends_on: no service named 'db'", "missing dependency" },
        { "[services.web]\ncommand = \"  \"\n", ":2: services.web.command: empty command", "empty command" },
        { "[services.\"bad name\"]\ncommand = \"sleep 1\"\n", ":1: services.bad name: invalid service name", "bad service name" },
        { "[services.web\ncommand = \"sleep 1\"\n", ":1: Unexpected token", "syntax error" },
        { "[services.web]\nenv = { A = \"1\" }\n", ":1: services.web: missing command", "no command" },
        { "[services.web]\ncommand = \"sleep 1\"\nstop_timeout = \"25h\"\n", ":3: services.web.stop_timeout: bad duration '25h'", "duration above a day" },
        { "[services.web]\ncommand = \"sleep 1\"\n[services.web.health]\ntcp = \"127.0.0.1:99999\"\n", ":4: services.web.health.tcp: expected HOST:PORT with a port from 1 to 65535", "tcp port out of range" },
        { "[services.web]\ncommand = \"sleep 1\"\n[services.web.health]\ntcp = \"localhost\"\n", ":4: services.web.health.tcp: expected HOST:PORT", "tcp without a port" },
        { "[services.web]\ncommand = \"sleep 1\"\n[services.web.health]\nhttp = \"https://127.0.0.1/\"\n", ":4: services.web.health.http: https:// health checks are not supported", "https health check" },
        { "[services.web]\ncommand = \"sleep 1\"\nz = " + string.Concat(Enumerable.Repeat("{a=", 70)) + "1" + new string('}', 70) + "\n", ": tables or arrays are nested too deeply (pidman.toml needs", "tables nested too deep" },
        { "[services.web]\ncommand = \"sleep 1\"\nstop_signal = \"PIPE\"\n", ":3: services.web.stop_signal: unknown stop signal 'PIPE'", "a signal that is not a stop signal" },
        { "[services.web]\ncommand = \"sleep 1\"\nstop_signal = \"TSTP\"\n", ":3: services.web.stop_signal: unknown stop signal 'TSTP'", "a signal that stops, not ends" },
        { "[settings]\nlog_max_size = \"NaNMB\"\n[services.web]\ncommand = \"sleep 1\"\n", ":2: settings.log_max_size: bad size 'NaNMB'", "a size that is not a number" },
        { "[services.web]\ncommand = \"sleep 1\\u0000; rm -rf x\"\n", ":2: services.web.command: the command holds a NUL character", "a NUL in a command" },
        { "[services.web]\ncommand = \"" + new string('x', 200_000) + "\"\n", ":2: services.web.command: the command is longer than the kernel takes", "a command execve would refuse" },
        { "[services.web]\ncommand = \"sleep 1\"\nenv = { BIG = \"" + new string('x', 200_000) + "\" }\n", ":3: services.web.env.BIG: the value holds a NUL character or is longer", "an env value execve would refuse" },
        { "[services.supervisor_pidman]\ncommand = \"sleep 1\"\n", ":1: services.supervisor_pidman: reserved", "the supervisor's own name" },
        { "[services.web]\ncommand = 1\n", ":2: services.web.command: expected a string, found an integer", "a command of the wrong type" },
        { "[services.web]\ncommand = \"sleep 1\"\nhealth = \"x\"\n", ":3: services.web.health: expected a table", "a health check that is not a table" },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void An_invalid_config_is_refused_with_file_line_and_key_and_nothing_starts(string toml, string expected, string what)
    {
        Write("pidman.toml", toml);
        var start = Pidman("start");
        Assert.True(start.ExitCode == 2, $"{what}: {start}");
        Assert.Contains(Path.Combine(_dir.Path, "pidman.toml") + expected, start.Stderr);
        Assert.Empty(RegisterTests.PidFilesIn(_dir.PidDir));
    }

    [Fact]
    public void A_command_of_the_wrong_type_is_one_error_and_errors_come_in_line_order()
    {
        Write("pidman.toml", "[services.web]\ncommand = 1\n[services.db]\ncommand = \"sleep 1\"\nscale = \"two\"\ncolour = 3\n");
        var start = Pidman("start");
        Assert.Equal(2, start.ExitCode);
        Assert.DoesNotContain("missing command", start.Stderr);
        var lines = System.Text.RegularExpressions.Regex.Matches(start.Stderr, @"pidman\.toml:(\d+):").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(lines.Order(), lines);
        // A compound duration under a day is a duration.
        Write("pidman.toml", "[services.web]\ncommand = \"exec sleep 100000\"\nstop_timeout = \"1m30s\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
    }

    [Fact]
    public void Every_error_of_a_config_is_reported_at_once()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"\"\nscale = 0\nstop_signal = \"NOPE\"\nrestart = \"sometimes\"\n");
        var start = Pidman("start");
        Assert.Equal(2, start.ExitCode);
        Assert.Contains(":2: services.web.command: empty command", start.Stderr);
        Assert.Contains(":3: services.web.scale: must be between 1 and 64", start.Stderr);
        Assert.Contains(":4: services.web.stop_signal: unknown stop signal 'NOPE'", start.Stderr);
        Assert.Contains(":5: services.web.restart: 'sometimes' is not one of no, on-failure, always", start.Stderr);
    }

    [Fact]
    public void A_three_service_stack_starts_in_dependency_order_and_stops_in_reverse()
    {
        // Each service notes its start - and whether what it depends on was recorded as running by then - and, on
        // SIGTERM, its stop in one file. "started" promises the dependency's process was spawned and recorded, not that
        // its first command ran before the dependent's: the start lines' order in the file is the scheduler's.
        string Service(string name, string? after = null) =>
            $"echo start {name}{(after is null ? "" : $" $(test -s local/pid/{after}.pid && echo after {after})")} >> order.txt; echo \\\"$GREETING from {name}\\\"; trap 'echo stop {name} >> order.txt; exit 0' TERM; while :; do sleep 0.05; done";
        Write("pidman.toml", $$"""
            [services.worker]
            command = "{{Service("worker", "web")}}"
            depends_on = ["web"]

            [services.web]
            command = "{{Service("web", "db")}}"
            depends_on = { db = "started" }
            env = { GREETING = "hello" }

            [services.db]
            command = "{{Service("db")}}"
            env = { GREETING = "hi" }
            """);

        var start = Pidman("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Equal(["start db", "start web after db", "start worker after web"], Read("order.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var pids = new[] { PidOf("db"), PidOf("web"), PidOf("worker") };

        var status = Pidman("status", "--json");
        Assert.Equal(0, status.ExitCode);
        Assert.All(status.Json.GetProperty("entries").EnumerateArray(), e => Assert.Equal("running", e.GetProperty("state").GetString()));
        Assert.Contains("hello from web", Read("local/log/web.log"));
        Assert.Contains("hi from db", Read("local/log/db.log"));

        var stop = Pidman("stop", "--all");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Wait.Until(() => Read("order.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 6, "every stop to be noted");
        Assert.Equal(["stop worker", "stop web", "stop db"], Read("order.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries)[3..]);
        Assert.All(pids, pid => Assert.Empty(ProcInfo.LiveGroupMembers(pid)));
        Assert.Empty(RegisterTests.PidFilesIn(_dir.PidDir));
        Assert.Equal(3, Pidman("status").ExitCode);
        Assert.Contains("stopped (SIGTERM)", Read("local/log/web.log"));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(200)]
    public void The_status_table_keeps_a_multi_line_command_on_one_line_fitted_to_the_width(int columns)
    {
        Write("pidman.toml", "[services.web]\ncommand = \"\"\"\necho starting\nsleep 100000 # a long comment to make the command wider than any terminal: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n\"\"\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        var status = PidmanCli.RunRaw(["status"], cwd: _dir.Path, env: new Dictionary<string, string?> { ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(status.ExitCode == 0, status.ToString());
        var lines = status.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length); // the header and one row: the command's newlines are shown as ⏎
        Assert.All(lines, line => Assert.True(line.Length <= columns, $"{line.Length} > {columns}: {line}"));
        if (columns >= 120) Assert.Contains("echo starting ⏎ sleep 100000", lines[1]); // narrower, the cut comes first
        Assert.EndsWith("…", lines[1]);
    }

    [Fact]
    public void Status_lists_config_services_that_are_not_running_as_stopped()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"exec sleep 1000\"\n[services.jobs]\ncommand = \"exec sleep 1000\"\nscale = 2\n");
        var status = Pidman("status", "--json");
        Assert.Equal(3, status.ExitCode);
        var entries = status.Json.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("service").GetString(), e.GetProperty("type").GetString(), e.GetProperty("state").GetString())).ToList();
        Assert.Equal([("web", "process", "stopped"), ("jobs", "worker1", "stopped"), ("jobs", "worker2", "stopped")], entries);
    }

    [Fact]
    public void Scale_starts_numbered_instances_with_their_own_pid_files()
    {
        Write("pidman.toml", "[services.jobs]\ncommand = \"echo instance $PIDMAN_INSTANCE; exec sleep 1000\"\nscale = 3\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        var pids = new[] { PidOf("jobs", "worker1"), PidOf("jobs", "worker2"), PidOf("jobs", "worker3") };
        Assert.Equal(3, pids.Distinct().Count());
        Assert.Contains("instance 2", Read("local/log/worker2_jobs.log"));
        Assert.Equal(0, Pidman("stop", "jobs").ExitCode);
        Assert.All(pids, pid => Assert.False(ProcInfo.IsAlive(pid)));
    }

    [Fact]
    public void Starting_a_running_service_says_so_and_spawns_nothing()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"exec sleep 1000\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        int pid = PidOf("web");
        var again = Pidman("start", "web");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"already running (PID {pid})", again.Stdout);
        Assert.Equal(pid, PidOf("web"));
    }

    [Fact]
    public void Ten_concurrent_starts_give_exactly_one_process()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"echo started >> starts.txt; exec sleep 1000\"\n");
        var results = Enumerable.Range(0, 10).AsParallel().WithDegreeOfParallelism(10).Select(_ => Pidman("start", "web", "--json")).ToList();
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var statuses = results.Select(r => r.Json.GetProperty("results")[0].GetProperty("status").GetString()).ToList();
        Assert.Equal(1, statuses.Count(s => s == "started"));
        Assert.Equal(9, statuses.Count(s => s == "already-running"));
        Assert.Equal("started\n", Read("starts.txt"));
        Assert.Single(ProcInfo.ProcessesUnder(_dir.Path));
    }

    [Fact]
    public void A_command_that_is_not_found_fails_clearly_and_leaves_nothing()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"no-such-command-4711 --port 1\"\n");
        var start = Pidman("start");
        Assert.Equal(1, start.ExitCode);
        Assert.Contains("web: exited with code 127 (command not found)", start.Stderr);
        Assert.Contains("no-such-command-4711", start.Stderr); // the shell's own words, from the log tail
        Assert.Empty(RegisterTests.PidFilesIn(_dir.PidDir));
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
    }

    [Fact]
    public void A_service_that_dies_in_its_first_second_is_reported_with_its_exit_code_and_log()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"echo cannot bind port 80; sleep 0.2; exit 3\"\n[services.ok]\ncommand = \"exec sleep 1000\"\n");
        var start = Pidman("start");
        Assert.Equal(1, start.ExitCode);
        Assert.Contains("web: exited with code 3", start.Stderr);
        Assert.Contains("web | cannot bind port 80", start.Stderr);
        Assert.Contains("ok: started", start.Stdout);
        Assert.False(File.Exists(_dir.File("web.pid")));
    }

    [Fact]
    public void A_start_failure_shows_only_the_lines_of_this_run()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"echo run $PPID $$ line; exit 3\"\n");
        var first = Pidman("start", "--json");
        Assert.Equal(1, first.ExitCode);
        var second = Pidman("start", "--json");
        Assert.Equal(1, second.ExitCode);
        var tail = second.Json.GetProperty("results")[0].GetProperty("log_tail").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Single(tail); // the first run's line is in the log, but not in this failure's report
        Assert.StartsWith("run ", tail[0]);
        Assert.Equal(2, LogText.Lines(Path.Combine(_dir.Path, "local", "log", "web.log")).Count(l => l.StartsWith("run ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Logs_over_log_max_size_are_rotated_at_start_kept_log_keep_deep_and_read_across_by_logs()
    {
        Write("pidman.toml", "[settings]\nlog_max_size = \"1KB\"\nlog_keep = 2\n[services.web]\ncommand = \"for i in $(seq 1 30); do printf 'line %03d %090d\\\\n' $i 0; done; exec sleep 100000\"\n");
        string log = Path.Combine(_dir.Path, "local", "log", "web.log");
        Assert.Equal(0, Pidman("start").ExitCode);
        Wait.Until(() => File.Exists(log) && File.ReadAllText(log).Contains("line 030"), "the first run's 30 lines");
        for (int run = 2; run <= 4; run++)
        {
            Assert.Equal(0, Pidman("restart").ExitCode);
            Wait.Until(() => File.ReadAllText(log).Contains("line 030"), $"run {run}'s 30 lines");
        }
        // Each restart found the log over 1 KB: copied to .1 (older ones moved up), truncated; never more than 2 kept.
        Assert.True(File.Exists(log + ".1") && File.Exists(log + ".2"));
        Assert.False(File.Exists(log + ".3"));
        Assert.Equal(1, File.ReadAllText(log).Split("starting web").Length - 1); // the current log holds this run alone
        var logs = Pidman("logs", "web", "-n", "45");
        Assert.Equal(0, logs.ExitCode);
        var lines = logs.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(45, lines.Length); // 30 of this run and its banner, the rest from web.log.1
        Assert.Equal(2, lines.Count(l => l.StartsWith("line 030", StringComparison.Ordinal)));
    }

    [Fact]
    public void Logs_follow_of_two_services_prints_their_lines_in_the_order_written()
    {
        string logDir = Path.Combine(_dir.Path, "local", "log");
        Directory.CreateDirectory(logDir);
        File.WriteAllText(Path.Combine(logDir, "a.log"), "a ready\n");
        File.WriteAllText(Path.Combine(logDir, "b.log"), "b ready\n");
        var info = new System.Diagnostics.ProcessStartInfo(PidmanCli.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir.Path };
        foreach (var a in new[] { "logs", "a", "b", "-f", "--timestamps" }) info.ArgumentList.Add(a);
        var follower = System.Diagnostics.Process.Start(info)!;
        _procs.Track(follower);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        follower.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        follower.BeginOutputReadLine();
        Wait.Until(() => output.Count(l => l.EndsWith(" ready", StringComparison.Ordinal)) == 2, "both logs' last lines");

        // Numbered lines in pairs written back to back, b's first: a reader that takes the files in a fixed order (a, then
        // b) prints each pair the wrong way round. The next pair waits until this one is followed.
        for (int n = 1; n <= 20; n += 2)
        {
            File.AppendAllText(Path.Combine(logDir, "b.log"), $"number {n}\n");
            File.AppendAllText(Path.Combine(logDir, "a.log"), $"number {n + 1}\n");
            Wait.Until(() => output.Any(l => l.EndsWith($"number {n + 1}", StringComparison.Ordinal)), $"line {n + 1} followed");
        }
        var followed = output.Where(l => l.Contains("number ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"{(n % 2 == 1 ? "b" : "a")} | number {n}"),
            followed.Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"^(\w) \| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} ", "$1 | ")));
    }

    [NeedsToolsFact("script")]
    public void A_long_stop_shows_what_it_waits_for_on_a_terminal_and_nothing_in_a_pipe()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"trap '' TERM; exec sleep 100000\"\nstop_timeout = \"2s\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        // script(1) gives pidman a terminal; what it draws there comes back on script's stdout.
        var info = new System.Diagnostics.ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir.Path };
        foreach (var a in new[] { "-qfec", $"'{PidmanCli.Path}' stop web", "/dev/null" }) info.ArgumentList.Add(a);
        using var terminal = System.Diagnostics.Process.Start(info)!;
        _procs.Track(terminal);
        string drawn = terminal.StandardOutput.ReadToEnd();
        Assert.True(terminal.WaitForExit(30_000));
        Assert.Contains("web: waiting for exit (SIGTERM", drawn);
        Assert.Contains("SIGKILL in", drawn);
        Assert.Contains("did not exit within 2 s; killed (SIGKILL)", drawn);

        Assert.Equal(0, Pidman("start").ExitCode);
        var piped = Pidman("stop", "web");
        Assert.DoesNotContain("waiting for exit", piped.Stdout + piped.Stderr);
        Assert.Contains("killed (SIGKILL)", piped.Stdout);
    }

    [Fact]
    public void A_missing_working_directory_is_named_and_nothing_is_spawned()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"exec sleep 1000\"\ncwd = \"no/such/dir\"\n");
        var start = Pidman("start");
        Assert.Equal(2, start.ExitCode); // a config error, found when the config is read
        Assert.Contains($"pidman.toml:3: services.web.cwd: no such folder: {Path.Combine(_dir.Path, "no/such/dir")}", start.Stderr);
        Assert.Empty(RegisterTests.PidFilesIn(_dir.PidDir));
    }

    [Fact]
    public void A_failed_dependency_keeps_its_dependents_from_starting()
    {
        Write("pidman.toml", "[services.migrate]\ncommand = \"exit 4\"\n[services.web]\ncommand = \"exec sleep 1000\"\ndepends_on = { migrate = \"completed\" }\n");
        var start = Pidman("start");
        Assert.Equal(1, start.ExitCode);
        Assert.Contains("migrate: exited with code 4", start.Stderr);
        Assert.Contains("web: not started: dependency migrate failed", start.Stderr);
        Assert.Empty(RegisterTests.PidFilesIn(_dir.PidDir));
    }

    [Fact]
    public void A_procfile_only_project_with_a_dotenv_works()
    {
        Write("Procfile", "# web and a worker\nweb: echo \"hello $NAME on $PORT\"; exec sleep 1000\n\nworker: exec sleep 1000\n");
        Write(".env", "NAME=world\nexport PORT=5000\n# comment\nQUOTED=\"a b\"\n");
        var start = Pidman("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("hello world on 5000", Read("local/log/web.log"));
        Assert.Equal(0, Pidman("status", "web", "worker").ExitCode);
        Assert.Equal(0, Pidman("stop", "--all").ExitCode);
    }

    [Fact]
    public void Init_from_a_procfile_writes_a_config_that_start_accepts()
    {
        Write("Procfile", "web: exec sleep 1000\nclock: while :; do date; sleep 1; done\n");
        var init = Pidman("init");
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("[services.web]", Read("pidman.toml"));
        Assert.Contains("[services.clock]", Read("pidman.toml"));
        Assert.Equal(1, Pidman("init").ExitCode); // never overwrites without --force

        var start = Pidman("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Equal(0, Pidman("status", "web", "clock").ExitCode);
    }

    [Fact]
    public void Start_name_dash_dash_command_starts_an_ad_hoc_command_as_a_managed_service()
    {
        var run = Pidman("start", "adhoc", "--", "sleep", "1000");
        Assert.True(run.ExitCode == 0, run.ToString());
        int pid = PidOf("adhoc");
        Assert.Equal("sleep 1000", File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim());
        Assert.Equal(pid, ProcInfo.ProcessGroup(pid)); // its own session and group
        Assert.Equal(0, Pidman("stop", "adhoc").ExitCode);
        Assert.False(ProcInfo.IsAlive(pid));
    }

    [Fact]
    public void Restart_gives_a_new_process()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"exec sleep 1000\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        int before = PidOf("web");
        var restart = Pidman("restart", "web");
        Assert.True(restart.ExitCode == 0, restart.ToString());
        Assert.NotEqual(before, PidOf("web"));
        Assert.False(ProcInfo.IsAlive(before));
    }

    [Fact]
    public void Logs_prints_the_last_lines_with_service_prefixes()
    {
        Write("pidman.toml", "[services.a]\ncommand = \"echo one; echo two; exec sleep 1000\"\n[services.b]\ncommand = \"echo three; exec sleep 1000\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        var all = Pidman("logs", "-n", "2");
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("a | two", all.Stdout);
        Assert.Contains("b | three", all.Stdout);
        var one = Pidman("logs", "a", "-n", "5");
        Assert.Contains("one\ntwo\n", one.Stdout);
        Assert.DoesNotContain("three", one.Stdout);
    }

    [Fact]
    public void A_twenty_thousand_service_dependency_chain_is_validated_and_stopped_in_linear_time()
    {
        // Ordering and cycle search are linear and iterative: the quadratic ordering took 34 s here for each command, a
        // recursive one would overflow the stack. Measured: about 0.5 s for each on a 2-core machine. The bound tells linear
        // from quadratic (68 s for the two) with room for a machine busy with a parallel NativeAOT build; it is no speed goal.
        Write("pidman.toml", "[services.s0]\ncommand = \"sleep 1\"\n" + string.Concat(Enumerable.Range(1, 19_999).Select(i =>
            $"[services.s{i}]\ncommand = \"sleep 1\"\ndepends_on = [\"s{i - 1}\"]\n")));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var status = Pidman("status", "s0");
        Assert.True(status.ExitCode == 3, status.ToString());
        var stop = Pidman("stop", "s19999");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"validation and a stop took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void A_pid_directory_on_a_full_file_system_fails_the_start_and_leaves_no_process()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        Directory.CreateDirectory(_dir.PidDir);
        var mount = _procs.Start("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", _dir.PidDir);
        mount.WaitForExit();
        Assert.True(mount.ExitCode == 0, "mounting a 16k tmpfs needs root: " + mount.StandardError.ReadToEnd());
        try
        {
            Directory.CreateDirectory(Path.Combine(_dir.PidDir, ".pidman"));
            using (var filler = File.Create(Path.Combine(_dir.PidDir, ".pidman", "filler")))
            {
                try { while (true) filler.Write(new byte[4096]); }
                catch (IOException) { /* full */ }
            }
            var start = Pidman("start");
            Assert.Equal(1, start.ExitCode);
            Assert.Contains("web: cannot record it in", start.Stderr);
            Assert.Contains("No space left on device", start.Stderr);
            Wait.Until(() => ProcInfo.ProcessesUnder(_dir.Path).Count == 0, "no process of the service left");
        }
        finally
        {
            _procs.Start("umount", "-l", _dir.PidDir).WaitForExit();
        }
    }

    [NeedsToolsFact("/usr/bin/time")]
    public void Logs_of_a_two_gigabyte_log_without_newlines_reads_a_bounded_tail()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "local", "log"));
        string log = Path.Combine(_dir.Path, "local", "log", "big.log");
        using (var file = File.Create(log)) file.SetLength(2L << 30); // sparse: 2 GiB of NULs, not one newline
        var time = _procs.Start("/usr/bin/time", "-v", PidmanCli.Path, "--root", _dir.Path, "logs", "-n", "5", "big");
        string stdout = time.StandardOutput.ReadToEnd();
        string report = time.StandardError.ReadToEnd();
        time.WaitForExit();
        Assert.True(time.ExitCode == 0, report);
        long peakKiB = long.Parse(System.Text.RegularExpressions.Regex.Match(report, @"Maximum resident set size \(kbytes\): (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(peakKiB < 50 * 1024, $"peak RSS {peakKiB} KiB");
        Assert.EndsWith("…", stdout.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("start", "webb")]
    [InlineData("stop", "webb")]
    [InlineData("restart", "webb")]
    [InlineData("status", "webb")]
    [InlineData("pid", "webb")]
    [InlineData("logs", "webb")]
    [InlineData("signal", "HUP", "webb")]
    [InlineData("unregister", "webb")]
    [InlineData("attach", "webb")]
    public void Every_verb_refuses_an_unknown_service_the_same_way(params string[] args)
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n[services.db]\ncommand = \"sleep 100000\"\n");
        var result = Pidman(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown service 'webb' (did you mean 'web'?)", result.Stderr);
        Assert.Contains("defines web, db", result.Stderr);
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
    }

    [Fact]
    public void An_unknown_verb_gets_a_suggestion()
    {
        var result = Pidman("stat");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown command 'stat' (did you mean 'status'?)", result.Stderr);
    }
}
